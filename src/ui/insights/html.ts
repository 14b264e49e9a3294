import { randomBytes } from 'node:crypto';
import { msg } from '../../domain/messages';

/**
 * The Insights page's HTML: a strict Content-Security-Policy (nothing but the bundled script with
 * this page's nonce, the bundled stylesheet, and images from the bundle or `data:` for the PNG
 * export), no remote resource, and the script and stylesheet from the extension's
 * `dist/webview/` folder (the panel's only local resource root). No `vscode` import: unit tested.
 */

export interface PageResources {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of dist/webview/insights.js and .css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** A fresh nonce per page (see `makeNonce`). */
  readonly nonce: string;
  /** The user's language (`vscode.env.language`, a BCP 47 tag such as `de` or `en-gb`); `en` when not given. */
  readonly lang?: string;
}

/** A BCP 47 language tag as `lang` takes it; anything else (it comes from VS Code, but is checked all the same) reads `en`. */
const langOf = (tag: string | undefined) => (tag !== undefined && /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i.test(tag) ? tag : 'en');

/** 128 random bits, base64: a new one for every HTML the panel is given. */
export const makeNonce = (): string => randomBytes(16).toString('base64');

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function contentSecurityPolicy(r: Pick<PageResources, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${r.nonce}'`,
    `style-src ${r.cspSource} 'nonce-${r.nonce}'`,
    `img-src ${r.cspSource} data:`,
    `font-src ${r.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function insightsHtml(r: PageResources): string {
  return `<!DOCTYPE html>
<html lang="${attr(langOf(r.lang))}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(r))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.styleUri)}" nonce="${attr(r.nonce)}">
<title>${attr(msg('page.title'))}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="status">${attr(msg('page.loading'))}</p></main>
<div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="${attr(r.nonce)}" src="${attr(r.scriptUri)}"></script>
</body>
</html>
`;
}
