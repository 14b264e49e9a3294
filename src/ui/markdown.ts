import * as vscode from 'vscode';

/**
 * An empty MarkdownString for text that carries the user's: not trusted (no command links run) and
 * no HTML, so nothing in a title or note can act or render as markup. `themeIcons`: `$(icon)` is
 * drawn where the caller writes it (user text added with appendText stays text).
 */
export function untrustedMarkdown(themeIcons: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', themeIcons);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
