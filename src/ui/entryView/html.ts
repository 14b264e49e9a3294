import type { Entry } from '../../domain';
import type { DateStyle } from '../../domain/format';
import { entryLocation, locationText } from '../../domain/location';
import { entryFacts, type EntryLookup, isWebLink } from '../timeline/describe';
import { msg } from '../../domain/messages';

/**
 * The entry view's page: the entry read-only (kind, date, title, fields, details, links, tags,
 * where it was logged) and its actions as buttons. Plain data in, a string out (no `vscode` here,
 * so it is unit tested in Node). Every piece of user text is HTML-escaped; the page runs only the
 * one script carrying the nonce, under a CSP that allows nothing else (no network, no inline
 * handlers), and it sends only `{ action, index? }`: what a button does is decided by the extension.
 */

export const ENTRY_VIEW_ACTIONS = ['edit', 'rename', 'delete', 'undo', 'openLinks', 'openLink', 'openLocation', 'copy'] as const;
export type EntryViewAction = (typeof ENTRY_VIEW_ACTIONS)[number];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface PageOptions {
  /** A fresh random value per render: the only script that may run carries it. */
  readonly nonce: string;
  /** The webview's `cspSource` (for the stylesheet it may load; none today). */
  readonly cspSource: string;
  /** The undo key as the user's platform writes it (Ctrl+Z, Cmd+Z); Ctrl+Z when not given. */
  readonly undoKey?: string;
  /** Names a linked entry (an incident's cause) by its title rather than its id. */
  readonly lookup?: EntryLookup;
  /** The user's locale for the date (`dateStyle()` in src/ui/locale.ts). */
  readonly dateStyle: DateStyle;
  /** The page's language (`vscode.env.language`), for screen readers' pronunciation; `en` when not given. */
  readonly lang?: string;
}

export function contentSecurityPolicy(o: PageOptions): string {
  return `default-src 'none'; style-src ${o.cspSource} 'nonce-${o.nonce}'; script-src 'nonce-${o.nonce}'; img-src ${o.cspSource}; font-src ${o.cspSource}`;
}

const button = (action: EntryViewAction, label: string, extra = '') => `<button type="button" data-action="${action}"${extra}>${escapeHtml(label)}</button>`;

/**
 * What the page shows of an entry, or of one that is gone (deleted here or in another window): the
 * part that changes. When the entry changes while its view is open, the extension sends this to the
 * open page (`{ type: 'replace', html }`) instead of reloading it: a reload takes the keyboard back
 * into the view when it had it, closing a quick pick opened meanwhile.
 */
export function entryContent(e: Entry | undefined, o: Omit<PageOptions, 'nonce' | 'cspSource'>): string {
  return e === undefined || e.deletedAt !== null ? gone(e, o.undoKey ?? msg('ui.entry.undoKey'), o.dateStyle) : entryBody(e, o.dateStyle, o.lookup);
}

const LANG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/** The page for an entry, or for one that is gone, with `content` (entryContent) inside it. */
export function entryPage(e: Entry | undefined, o: PageOptions, content = entryContent(e, o)): string {
  const lang = o.lang !== undefined && LANG.test(o.lang) ? o.lang : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${o.nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; max-width: 60rem; }
  .meta { color: var(--vscode-descriptionForeground); margin-top: 16px; }
  h1 { font-size: 1.5em; margin: 4px 0 12px; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 20px; }
  button { font-family: inherit; font-size: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 4px 12px; cursor: pointer; }
  button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button.primary:hover { background: var(--vscode-button-hoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
  button.link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); text-decoration: underline; text-align: left; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
  dt { color: var(--vscode-descriptionForeground); }
  dd { margin: 0; overflow-wrap: anywhere; }
  .details { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 16px; }
  h2 { font-size: 1.1em; margin: 16px 0 8px; }
  ul { padding-left: 20px; margin: 0 0 16px; }
  .url { color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
</style>
<title>${escapeHtml(msg('ui.entry.pageTitle'))}</title>
</head>
<body>
<div id="content">${content}</div>
<script nonce="${o.nonce}">
  const vscode = acquireVsCodeApi();
  const content = document.getElementById('content');
  // Tells the extension this page is loaded, so changes come by message rather than by a reload.
  vscode.postMessage({ ready: "${o.nonce}" });
  document.addEventListener('click', (event) => {
    const b = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!b) return;
    const index = b.getAttribute('data-index');
    vscode.postMessage(index === null ? { action: b.getAttribute('data-action') } : { action: b.getAttribute('data-action'), index: Number(index) });
  });
  // After a deletion the Undo button holds the page's focus, so Enter or Space here undoes it. Only
  // while the page has the keyboard (the Delete button was pressed here) or once it gets it: a
  // focus() from a page without it would take the keyboard from the timeline, the palette or an
  // editor, and the next keys typed there would land on this button.
  const holdFocus = () => {
    const undo = document.querySelector('button[data-action="undo"]');
    if (undo && document.hasFocus() && (document.activeElement === null || document.activeElement === document.body)) undo.focus();
  };
  holdFocus();
  window.addEventListener('focus', holdFocus);
  // The entry changed (edited, deleted, restored, here or in another window): new content, same page.
  // A button that had the keyboard and is gone hands it to the Undo button, else to the first action.
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'replace' || typeof m.html !== 'string') return;
    const hadKeyboard = document.hasFocus() && content.contains(document.activeElement);
    content.innerHTML = m.html;
    if (hadKeyboard && !content.contains(document.activeElement)) {
      const next = document.querySelector('button[data-action="undo"]') || document.querySelector('.actions button');
      if (next) next.focus();
    }
  });
</script>
</body>
</html>`;
}

/**
 * The page of an entry that is gone. A deleted one (soft-deleted, so its title is still known) says
 * so in a live region, “Deleted “…”.”, with an Undo button that restores it; one that no longer
 * exists at all only says so.
 */
function gone(e: Entry | undefined, undoKey: string, style: DateStyle): string {
  if (e === undefined) return `<main><p class="meta" role="status">${escapeHtml(msg('ui.entry.gone'))}</p></main>`;
  const f = entryFacts(e, style, Infinity);
  return `<main>
<p class="meta">${escapeHtml(f.kindLabel)} · ${escapeHtml(f.when)}</p>
<p role="status" aria-live="polite">${escapeHtml(msg('ui.entry.deleted', f.title))}</p>
<div class="actions">${button('undo', msg('ui.entry.undo'), ' class="primary"')}</div>
<p class="meta">${escapeHtml(msg('ui.entry.undoHint', undoKey))}</p>
</main>`;
}

function entryBody(e: Entry, style: DateStyle, lookup: EntryLookup | undefined): string {
  const f = entryFacts(e, style, Infinity, lookup);
  const location = entryLocation(e.context);
  const webLinks = e.links.map((l, i) => ({ l, i })).filter(({ l }) => isWebLink(l.url));
  const actions = [
    button('edit', msg('ui.entry.edit'), ' class="primary"'),
    button('rename', msg('ui.entry.rename')),
    ...(location ? [button('openLocation', msg('ui.entry.open', locationText(location)))] : []),
    ...(webLinks.length > 0 ? [button('openLinks', webLinks.length === 1 ? msg('ui.entry.openLink') : msg('ui.entry.openLinks', webLinks.length))] : []),
    button('copy', msg('ui.entry.copy')),
    button('delete', msg('ui.entry.delete')),
  ];
  const facts = [...f.fields, ...(f.impact ? [{ label: msg('ui.entry.impact'), value: f.impact }] : [])];
  const parts: string[] = [];
  parts.push(`<p class="meta">${escapeHtml(f.kindLabel)} · <time datetime="${escapeHtml(e.occurredAt)}">${escapeHtml(f.when)}</time></p>`);
  parts.push(`<h1>${escapeHtml(f.title)}</h1>`);
  parts.push(`<div class="actions" role="toolbar" aria-label="${escapeHtml(msg('ui.entry.actions'))}">${actions.join('')}</div>`);
  if (facts.length > 0) parts.push(`<dl>${facts.map((x) => `<dt>${escapeHtml(x.label)}</dt><dd>${escapeHtml(x.value)}</dd>`).join('')}</dl>`);
  if (f.details !== '') parts.push(`<h2>${escapeHtml(msg('ui.entry.details'))}</h2><div class="details">${escapeHtml(f.details)}</div>`);
  if (f.links.length > 0) {
    const items = f.links.map((l, i) => {
      const text = l.label ?? l.url;
      const open = isWebLink(l.url) ? button('openLink', text, ` class="link" data-index="${i}"`) : escapeHtml(text);
      return `<li>${open}${l.label ? ` <span class="url">${escapeHtml(l.url)}</span>` : ''}</li>`;
    });
    parts.push(`<h2>${escapeHtml(msg('ui.entry.links'))}</h2><ul>${items.join('')}</ul>`);
  }
  if (f.tags.length > 0) parts.push(`<h2>${escapeHtml(msg('ui.entry.tags'))}</h2><p>${escapeHtml(f.tags.map((t) => `#${t}`).join(' '))}</p>`);
  if (f.where) parts.push(`<h2>${escapeHtml(msg('ui.entry.loggedFrom'))}</h2><p>${escapeHtml(f.where)}</p>`);
  if (f.origin) parts.push(`<p class="meta">${escapeHtml(f.origin)}</p>`);
  return `<main>${parts.join('\n')}</main>`;
}
