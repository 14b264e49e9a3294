import { isAbsolute, join, normalize, sep } from 'node:path';
import type { EntryContext } from './fields';
import { msg } from './messages';

/**
 * The place an entry was logged from (a file and its lines), and where that file may be now. The
 * entry records the file relative to its workspace folder (with the folder's name in front when
 * several were open) and the folder's name; the folders open now are given by name and path.
 */
export interface EntryLocation {
  readonly file: string;
  readonly workspaceFolder: string | undefined;
  /** 1-based, inclusive; undefined when no lines were recorded. */
  readonly startLine: number | undefined;
  readonly endLine: number | undefined;
}

export function entryLocation(c: EntryContext): EntryLocation | undefined {
  if (typeof c.file !== 'string' || c.file.trim() === '') return undefined;
  const start = typeof c.startLine === 'number' && c.startLine >= 1 ? c.startLine : undefined;
  const end = start !== undefined && typeof c.endLine === 'number' && c.endLine >= start ? c.endLine : start;
  return { file: c.file, workspaceFolder: c.workspaceFolder, startLine: start, endLine: end };
}

/** `README.md:1–3`, `README.md:4`, `README.md`. */
export function locationText(l: EntryLocation): string {
  if (l.startLine === undefined) return l.file;
  return l.endLine !== undefined && l.endLine !== l.startLine ? `${l.file}:${l.startLine}–${l.endLine}` : `${l.file}:${l.startLine}`;
}

export interface OpenFolder {
  readonly name: string;
  readonly path: string;
}

/**
 * The paths the file may be at, best first: in the folder it was logged in (by name), then in each
 * other open folder. A path that climbs out of its folder (`../x`) or is absolute is never proposed.
 */
export function locationCandidates(l: EntryLocation, folders: readonly OpenFolder[]): string[] {
  const rel = normalize(l.file.replace(/\\/g, '/'));
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith('../')) return [];
  const ordered = [...folders.filter((f) => f.name === l.workspaceFolder), ...folders.filter((f) => f.name !== l.workspaceFolder)];
  const out: string[] = [];
  for (const f of ordered) {
    // With several folders open the recorded path starts with the folder's name.
    const prefix = `${f.name}/`;
    const inFolder = rel.replace(/\\/g, '/').startsWith(prefix) ? rel.slice(prefix.length) : undefined;
    for (const r of inFolder !== undefined ? [inFolder, rel] : [rel]) {
      const p = join(f.path, r);
      if (!out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** What to say when the file is in none of the open folders. */
export function missingLocationMessage(l: EntryLocation, openFolders: number): string {
  const what = l.workspaceFolder ? msg('location.loggedIn', locationText(l), l.workspaceFolder) : locationText(l);
  return msg(openFolders === 0 ? 'location.noFolder' : 'location.notOpen', what);
}
