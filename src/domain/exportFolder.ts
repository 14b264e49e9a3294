import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Where an export's save dialog starts. A log is private, so the default is never a workspace
 * folder (usually a repository, where a file is one `git add .` from being shared): the folder the
 * user last chose for an export (they picked it, even if it is in a workspace), else the home
 * folder's `Documents` when it exists, else the home folder. Pure: the file system and the
 * workspace are arguments.
 */
export interface ExportFolderInput {
  /** The folder of the last export the user saved, as remembered (globalState); undefined: none yet. */
  readonly last: string | undefined;
  readonly home: string;
  /** The open workspace folders (file system paths). */
  readonly workspaceFolders: readonly string[];
  /** True when `path` is an existing folder. */
  readonly isFolder: (path: string) => boolean;
}

/** True when `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function defaultExportFolder(i: ExportFolderInput): string {
  if (i.last !== undefined && i.last !== '' && isAbsolute(i.last) && i.isFolder(i.last)) return i.last;
  const outside = (p: string) => !i.workspaceFolders.some((w) => isInside(p, w));
  const documents = join(i.home, 'Documents');
  if (i.isFolder(documents) && outside(documents)) return documents;
  return i.home;
}

/** The name an export proposes: `impact-log-2026-07-01-to-2026-12-31.json`, or with today's date for everything. */
export function exportFileName(format: string, range: { fromDate: string; toDate: string } | undefined, today: string): string {
  return `impact-log-${range ? `${range.fromDate}-to-${range.toDate}` : today}.${format}`;
}
