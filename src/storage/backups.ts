import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { localDate, toIso } from '../domain';
import { type EngineName, openDb } from './engine';
import { checkUserPath, ensureFolder as ensureFolderSafely } from './paths';
import { backupFileName, EntryStore, StoreError } from './store';
import { msg } from '../domain/messages';

/**
 * Backups of the log: one automatic backup per day (taken on the day's first write), backups made
 * on request, and restoring a chosen backup. A backup is a complete SQLite file written with the
 * online backup API to a temporary name and renamed into place, so a crash never leaves a
 * half-written file under a backup's name. Files are owner-only (0600), folders 0700.
 */

export type BackupKind = 'daily' | 'manual' | 'migration' | 'before-restore';

export interface BackupInfo {
  readonly path: string;
  readonly name: string;
  readonly kind: BackupKind;
  /** When the backup was taken (epoch ms): the file's modification time. */
  readonly takenAt: number;
  readonly size: number;
}

export interface BackupSummary extends BackupInfo {
  /** Live (not deleted) entries in the backup, when it could be read. */
  readonly entries?: number;
  /** Why the backup could not be read, when it could not. */
  readonly problem?: string;
}

const PREFIX = 'impact-log-';
const BACKUP_NAME = /^impact-log-(daily|manual|before-restore|before-v\d+)-[0-9A-Za-z-]+\.sqlite$/;
const PARTIAL = /\.partial-[0-9a-f]+$/;
/** Partial files older than this are leftovers of a crash and are cleaned up. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/** Owner-only permissions; a no-op where the file system has no POSIX modes (Windows). */
export function ownerOnly(path: string, mode = 0o600): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Windows: the file lives in the user's profile.
  }
}

/** Creates a folder (0700) and any missing parents safely: a bounded walk, never a recursive mkdir (see ./paths). */
export function ensureFolder(folder: string, what = msg('path.theFolder')): void {
  ensureFolderSafely(folder, { what, mode: 0o700 });
}

const backupFolderWords = () => msg('backup.theSettingFolder');

/** The backup folder: the `impactLog.backup.folder` setting (~ expanded) or `backups` beside the database. */
export function resolveBackupFolder(setting: string, dbPath: string): string {
  const p = setting.trim();
  if (p === '') return join(dirname(dbPath), 'backups');
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  return isAbsolute(p) ? p : join(dirname(dbPath), p);
}

/** `impact-log-daily-2026-05-01.sqlite`: the local calendar date of `now`. */
export function dailyBackupName(now: number): string {
  return `${PREFIX}daily-${localDate(now)}.sqlite`;
}

function kindOf(name: string): BackupKind {
  if (name.startsWith(`${PREFIX}daily-`)) return 'daily';
  if (name.startsWith(`${PREFIX}manual-`)) return 'manual';
  if (name.startsWith(`${PREFIX}before-restore-`)) return 'before-restore';
  return 'migration';
}

/** Backups in `folder`, newest first. A missing folder has none. */
export function listBackups(folder: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    if (!BACKUP_NAME.test(name)) continue;
    const path = join(folder, name);
    try {
      const st = statSync(path);
      if (st.isFile()) out.push({ path, name, kind: kindOf(name), takenAt: st.mtimeMs, size: st.size });
    } catch {
      // Removed meanwhile (another window pruning): not a backup any more.
    }
  }
  return out.sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
}

/** What is known about one backup file without opening it; undefined when there is no such file. */
export function backupInfoOf(path: string): BackupInfo | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile()) return undefined;
    const name = basename(path);
    return { path, name, kind: kindOf(name), takenAt: st.mtimeMs, size: st.size };
  } catch {
    return undefined;
  }
}

/** Writes a backup of `store` to `folder/name` atomically (temporary name, then rename). */
async function writeBackup(store: EntryStore, folder: string, name: string): Promise<BackupInfo> {
  ensureFolder(folder, backupFolderWords());
  cleanPartials(folder);
  const final = join(folder, name);
  const partial = `${final}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await store.backupTo(partial);
    ownerOnly(partial);
    renameSync(partial, final);
  } catch (err) {
    removeDatabaseFiles(partial);
    throw new StoreError(msg('backup.writeFailed', final, err instanceof Error ? err.message : String(err)), 'IO', err);
  }
  const st = statSync(final);
  return { path: final, name, kind: kindOf(name), takenAt: st.mtimeMs, size: st.size };
}

/** A backup on request (`Impact Log: Back Up Log Now`), kept beside the daily ones. */
export function backupNow(store: EntryStore, folder: string, keep: number, now: number = Date.now()): Promise<BackupInfo> {
  return writeBackup(store, folder, backupFileName('manual', now)).then((info) => {
    pruneBackups(folder, keep);
    return info;
  });
}

/**
 * The daily backup: taken when today's (local date) backup does not exist yet, then older daily
 * backups beyond `keep` are removed. Returns the new backup, or undefined when today's exists.
 */
export async function dailyBackupIfDue(store: EntryStore, folder: string, keep: number, now: number = Date.now()): Promise<BackupInfo | undefined> {
  const name = dailyBackupName(now);
  if (existsSync(join(folder, name))) return undefined;
  const info = await writeBackup(store, folder, name);
  pruneBackups(folder, keep);
  return info;
}

/**
 * Keeps the newest `keep` daily backups and the newest `keep` manual ones; removes older ones.
 * Migration backups and the logs set aside by a restore are never removed automatically.
 * Returns the paths removed.
 */
export function pruneBackups(folder: string, keep: number): string[] {
  const removed: string[] = [];
  const all = listBackups(folder);
  for (const kind of ['daily', 'manual'] as const) {
    // Newest first by name: the date or timestamp in the name, not the mtime a copy may have changed.
    const list = all.filter((b) => b.kind === kind).sort((a, b) => b.name.localeCompare(a.name));
    for (const old of list.slice(Math.max(1, keep))) {
      try {
        unlinkSync(old.path);
        removed.push(old.path);
      } catch {
        // Already removed by another window.
      }
    }
  }
  return removed;
}

/** Removes this module's own partial files left by a crash mid-backup (never a finished backup). */
function cleanPartials(folder: string, now = Date.now()): void {
  for (const name of readdirSync(folder)) {
    if (!PARTIAL.test(name.replace(/-(wal|shm|journal)$/, ''))) continue;
    const path = join(folder, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_PARTIAL_MS) unlinkSync(path);
    } catch {
      // gone already
    }
  }
}

const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

function removeDatabaseFiles(path: string): void {
  for (const p of [path, ...COMPANIONS.map((s) => path + s)]) rmSync(p, { force: true });
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    // Another file system: copy, then remove the original only once the copy exists in full.
    copyFileSync(from, to);
    ownerOnly(to);
    unlinkSync(from);
  }
}

/**
 * Moves a database file and its -wal/-shm companions to `target` (never deletes them). Returns
 * `target`, or undefined when there was no file to move.
 */
export function moveDatabaseAside(path: string, target: string): string | undefined {
  if (!existsSync(path)) return undefined;
  ensureFolder(dirname(target));
  moveFile(path, target);
  ownerOnly(target);
  for (const s of COMPANIONS) if (existsSync(path + s)) moveFile(path + s, target + s);
  return target;
}

/** A name for a file set aside: `impact-log.damaged-2026-05-01T09-30-00-000Z.sqlite`. */
export function asideName(path: string, label: string, now: number): string {
  const ext = extname(path) || '.sqlite';
  return `${basename(path, extname(path))}.${label}-${toIso(now).replace(/[:.]/g, '-')}${ext}`;
}

export interface ValidatedCopy {
  readonly path: string;
  /** Live entries. */
  readonly entries: number;
}

/**
 * Copies `source` (and its -wal, if any) to `target`, opens the copy with the current code
 * (migrating it if it is older), runs `PRAGMA integrity_check` and checks every entry against the
 * full schema. The source is never modified.
 * On failure the copy is removed and a StoreError explains what is wrong with the source.
 */
export async function validatedCopy(source: string, target: string, opts: { engine?: EngineName; backupDir: string }): Promise<ValidatedCopy> {
  removeDatabaseFiles(target);
  let store: EntryStore | undefined;
  try {
    ensureFolder(dirname(target));
    copyFileSync(source, target);
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${target}-wal`);
    ownerOnly(target);
    store = await EntryStore.open({ path: target, backupDir: opts.backupDir, ...(opts.engine ? { engine: opts.engine } : {}) });
    const check = store.integrityCheck();
    if (check !== 'ok') throw new Error(msg('backup.integrity', check.slice(0, 200)));
    const invalid = store.invalidEntries(1);
    if (invalid.length > 0) throw new Error(msg('backup.unreadableEntry', invalid[0]!.slice(0, 300)));
    const entries = store.count();
    store.close();
    store = undefined;
    return { path: target, entries };
  } catch (err) {
    store?.close();
    removeDatabaseFiles(target);
    if (err instanceof StoreError && err.code === 'TOO_NEW') {
      throw new StoreError(msg('backup.tooNew', source), 'TOO_NEW', err);
    }
    const why = err instanceof StoreError && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    throw new StoreError(msg('backup.damaged', source, why), 'CORRUPT', err);
  }
}

/** Opens a backup just long enough to count its entries (for the restore picker). Never throws. */
export function inspectBackup(info: BackupInfo, engine?: EngineName): BackupSummary {
  try {
    const { db } = openDb(info.path, engine ? { prefer: engine } : {});
    try {
      const row = db.prepare('SELECT count(*) AS n FROM entries WHERE deleted_at IS NULL').get();
      return { ...info, entries: Number(row?.n ?? 0) };
    } finally {
      db.close();
    }
  } catch (err) {
    return { ...info, problem: msg('backup.cannotRead', err instanceof Error ? err.message : String(err)) };
  }
}

export interface RestoreResult {
  readonly restoredFrom: BackupInfo;
  /** Live entries in the log after the restore. */
  readonly entries: number;
  /** The log as it was before the restore, kept as a `before-restore` backup. */
  readonly previousLog: BackupInfo;
}

/**
 * Restores the backup at `backupPath` into the open log. The backup is copied into the backup
 * folder and checked first (opens with the current code, migrated if older, passes
 * integrity_check); the source file is never modified. Then the current log is saved as a
 * `before-restore` backup (nothing is deleted), and its contents are replaced by the backup's in
 * one transaction: the database file, its -wal and -shm stay in place, so other windows with the
 * log open simply see a new commit.
 */
export async function restoreBackup(store: EntryStore, opts: { backupPath: string; folder: string; engine?: EngineName; now?: number }): Promise<RestoreResult> {
  const now = opts.now ?? Date.now();
  checkUserPath(opts.backupPath, { what: msg('backup.theRestore') });
  const restoredFrom = backupInfoOf(opts.backupPath);
  if (!restoredFrom) throw new StoreError(msg('backup.none', opts.backupPath), 'NOT_FOUND');
  ensureFolder(opts.folder, backupFolderWords());
  const staging = join(opts.folder, `${PREFIX}restoring.sqlite.partial-${randomBytes(4).toString('hex')}`);
  const copy = await validatedCopy(opts.backupPath, staging, { backupDir: opts.folder, ...(opts.engine ? { engine: opts.engine } : {}) });
  try {
    const previousLog = await writeBackup(store, opts.folder, backupFileName('before-restore', now));
    store.replaceContentsFrom(staging);
    return { restoredFrom, entries: copy.entries, previousLog };
  } finally {
    removeDatabaseFiles(staging);
  }
}
