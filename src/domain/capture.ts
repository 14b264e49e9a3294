import { TITLE_MAX } from './fields';

/** Pure helpers for capturing context: a title from selected text, a line range, a repository name, this week. */

const COMMENT_LEAD = /^(?:\/\/+|\/\*+|\*+\/?|#+|--+|;+|<!--|%+|'|rem\s)\s*/i;

/**
 * A title from selected text: the first non-blank line, without leading comment markers
 * (`//`, `#`, `/*`, `*`, `--`, …) or a trailing comment close, shortened to fit a title.
 */
export function titleFromSelection(text: string): string {
  const line = text.split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l.replace(COMMENT_LEAD, '').trim() !== '') ?? '';
  let t = line.replace(COMMENT_LEAD, '').replace(/\s*(?:\*\/|-->)\s*$/, '').replace(/\s+/g, ' ').trim();
  if (t.length > TITLE_MAX) t = `${t.slice(0, TITLE_MAX - 1).trimEnd()}…`;
  return t;
}

/**
 * The 1-based inclusive line range of a selection given 0-based positions. A selection that ends at
 * the very start of a line (a whole-line selection) does not include that line.
 */
export function selectionLines(start: { line: number; character: number }, end: { line: number; character: number }): { startLine: number; endLine: number } {
  const last = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  return { startLine: start.line + 1, endLine: Math.max(start.line, last) + 1 };
}

/**
 * A readable repository name from a Git remote URL, without credentials: `host/owner/name`
 * (`git@github.com:acme/api.git` → `github.com/acme/api`). Undefined when it is not a URL we know.
 */
export function repoFromRemote(remote: string): string | undefined {
  const r = remote.trim();
  if (r === '') return undefined;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(r);
  let host: string;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r)) {
    let u: URL;
    try {
      u = new URL(r);
    } catch {
      return undefined;
    }
    if (u.protocol === 'file:') return lastSegment(u.pathname);
    host = u.hostname;
    path = decodeURIComponent(u.pathname);
  } else if (scp && !/^[a-z]$/i.test(scp[1]!)) {
    host = scp[1]!;
    path = scp[2]!;
  } else return lastSegment(r);
  const clean = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/i, '');
  return clean ? `${host}/${clean}` : host || undefined;
}

function lastSegment(p: string): string | undefined {
  const seg = p.replace(/[\\/]+$/, '').split(/[\\/]/).pop()?.replace(/\.git$/i, '');
  return seg ? seg : undefined;
}

