import { lstatSync, mkdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { StoreError } from './errors';
import { msg } from '../domain/messages';

/**
 * Paths a user names (a command argument, a setting, a dialog), checked before anything touches
 * them, and the folders they need created without a recursive mkdir.
 *
 * Why not `mkdirSync(p, { recursive: true })`: on Linux it spins forever at 100 % CPU when the file
 * system answers ENOENT for a child of a folder that exists, as procfs does (`/proc/x/y`), and a
 * spinning call freezes the whole extension host. Here a path inside `/proc`, `/sys` or `/dev`
 * (also when reached through a link) is refused with a message, and missing folders are created
 * by a bounded walk: up to the first folder that exists, then one level at a time.
 */

export class PathError extends StoreError {
  override readonly name = 'PathError';
  constructor(
    message: string,
    /** The path as the user gave it. */
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(message, 'PATH', cause);
  }
}

export interface PathUse {
  /** What the path is, for the message: "the export file", "the folder in impactLog.backup.folder". Default: "the path". */
  readonly what?: string;
  /** Folder mode for created folders (POSIX); default 0o700. */
  readonly mode?: number;
}

/** Kernel views that hold no files of the user's: never written to, never walked. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'] as const;
/** More new folders than this for one path is a mistake (or a loop), not a layout. */
export const MAX_NEW_FOLDERS = 32;

/** `~` and `~/…` are the home folder; anything else is returned as it is. */
export function expandHome(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/') || (process.platform === 'win32' && p.startsWith('~\\'))) return join(homedir(), p.slice(2));
  return p;
}

function systemFolderOf(p: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  return SYSTEM_FOLDERS.find((root) => p === root || p.startsWith(`${root}/`));
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;

function refuseSystem(checked: string, given: string, what: string, via?: string): void {
  const root = systemFolderOf(checked);
  if (root === undefined) return;
  throw new PathError(via ? msg('path.systemViaLink', given, what, root, via, checked, homedir()) : msg('path.system', given, what, root, homedir()), given);
}

/** The path with `~` expanded, absolute and normalised; throws a PathError when it is not absolute. */
export function absoluteUserPath(p: string, use: PathUse = {}): string {
  const what = use.what ?? msg('path.the');
  const expanded = expandHome(p);
  if (!isAbsolute(expanded)) {
    throw new PathError(msg('path.notAbsolute', p, what, join(homedir(), 'impact-log')), p);
  }
  return resolve(expanded);
}

/** What is at `p` without following a final link: 'missing', a folder, a link, or something else. */
function kindAt(p: string): 'missing' | 'folder' | 'link' | 'other' {
  try {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return 'link';
    return st.isDirectory() ? 'folder' : 'other';
  } catch (err) {
    // ENOTDIR: a file is in the way further up; the walk finds and names it.
    if (codeOf(err) === 'ENOENT' || codeOf(err) === 'ENOTDIR') return 'missing';
    throw err;
  }
}

interface Walk {
  /** The deepest part of the path that exists. */
  readonly existing: string;
  /** Folders below it that do not exist yet, outermost first. */
  readonly missing: readonly string[];
}

/**
 * Walks up from `abs` to the first part that exists, at most MAX_NEW_FOLDERS levels, refusing
 * system folders at every step (the path as written) and at the end (with links resolved).
 */
function walkUp(abs: string, given: string, what: string): Walk {
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    refuseSystem(p, given, what);
    const kind = kindAt(p);
    if (kind !== 'missing') break;
    const parent = dirname(p);
    if (parent === p) throw new PathError(msg('path.noRoot', given, what, p), given);
    missing.unshift(p);
    if (missing.length > MAX_NEW_FOLDERS) {
      throw new PathError(msg('path.tooDeep', given, what, MAX_NEW_FOLDERS), given);
    }
    p = parent;
  }
  let real: string;
  try {
    real = realpathSync.native(p);
  } catch (err) {
    if (codeOf(err) === 'ENOENT' || codeOf(err) === 'ENOTDIR' || codeOf(err) === 'ELOOP') {
      let target: string | undefined;
      try {
        target = readlinkSync(p);
      } catch {
        // not a link itself: a link further up is broken
      }
      const code = String(codeOf(err));
      throw new PathError(target !== undefined ? msg('path.brokenLinkTo', given, what, p, target, code) : msg('path.brokenLink', given, what, p, code), given, err);
    }
    throw err;
  }
  refuseSystem(real, given, what, real === p ? undefined : p);
  return { existing: p, missing };
}

/**
 * Checks a path the user named, without creating anything: `~` expanded, absolute, not inside
 * `/proc`, `/sys` or `/dev` (also through links). Returns the absolute path.
 */
export function checkUserPath(p: string, use: PathUse = {}): string {
  const abs = absoluteUserPath(p, use);
  walkUp(abs, p, use.what ?? msg('path.the'));
  return abs;
}

/**
 * Makes sure the folder `folder` exists, creating what is missing one level at a time (never a
 * recursive mkdir). Refuses system folders, a file in the way, a broken link and absurd depths
 * with a PathError that names the path and says what to do. Returns the absolute folder path.
 */
export function ensureFolder(folder: string, use: PathUse = {}): string {
  const what = use.what ?? msg('path.theFolder');
  const abs = absoluteUserPath(folder, { ...use, what });
  createFolders(abs, folder, what, use.mode);
  return abs;
}

/** Makes sure the folder that will hold the file `file` exists (see ensureFolder); returns the file's absolute path. */
export function ensureParentFolder(file: string, use: PathUse = {}): string {
  const what = use.what ?? msg('path.theFile');
  const abs = checkUserPath(file, { ...use, what });
  createFolders(dirname(abs), file, what, use.mode);
  return abs;
}

/** Creates `abs` and its missing parents; messages name `given`, the path the user wrote, as `what`. */
function createFolders(abs: string, given: string, what: string, mode = 0o700): void {
  const { existing, missing } = walkUp(abs, given, what);
  let st;
  try {
    st = statSync(existing);
  } catch (err) {
    throw new PathError(msg('path.unreadable', given, what, existing, codeOf(err) ?? String(err)), given, err);
  }
  if (!st.isDirectory()) {
    throw new PathError(msg('path.fileInTheWay', given, what, existing), given);
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir, { mode });
    } catch (err) {
      // Another window created it meanwhile: fine if it is a folder now.
      if (codeOf(err) === 'EEXIST' && kindAt(dir) === 'folder') continue;
      throw new PathError(msg('path.cannotCreate', dir, what, given, codeOf(err) ?? String(err)), given, err);
    }
  }
}

/**
 * Writes `text` to a path the user named, through a temporary file and a rename, so a reader
 * never sees half a file. The folder is created as ensureParentFolder does. Returns the absolute path.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, use: PathUse = {}): string {
  const abs = ensureParentFolder(path, use);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', mode: 0o600 });
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return abs;
}
