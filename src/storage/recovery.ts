import { existsSync, renameSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { type DateStyle, displayDateTime, formatDateTime } from '../domain/format';
import { asideName, listBackups, moveDatabaseAside, validatedCopy } from './backups';
import { type EngineName, SqlError } from './engine';
import { withFileLock } from './lock';
import { ensureParentFolder } from './paths';
import { EntryStore, StoreError } from './store';
import { msg, msgN } from '../domain/messages';

/**
 * Opening the log when its file is damaged. A file that is not a database, is truncated, or fails
 * SQLite's structural check (`PRAGMA quick_check`, run at every open) is moved aside with a
 * timestamped name — never deleted — and the newest backup that opens and passes
 * `PRAGMA integrity_check` takes its place (or a new empty log when there is none). The caller gets
 * a report in plain words: what happened, where the damaged file is, which backup was restored and
 * which period may be missing.
 */

export interface RecoveryOptions {
  readonly path: string;
  readonly backupFolder: string;
  readonly engine?: EngineName;
  readonly now?: () => number;
  /**
   * How long to wait for another window that is opening (maybe recovering) the same file while it
   * is alive; then a StoreError with code BUSY. Its lock is never removed unless it is stale.
   */
  readonly lockWaitMs?: number;
  /** How the report writes the backup's time (the UI passes the user's locale); the document style (`2026-09-14 15:30`) without. */
  readonly dateStyle?: DateStyle | undefined;
}

export interface RecoveryReport {
  /** Why the file was considered damaged, in SQLite's or our words. */
  readonly problem: string;
  /** Where the damaged file was moved (undefined if it had vanished). */
  readonly damagedFile: string | undefined;
  readonly restoredFrom?: { readonly path: string; readonly takenAt: number; readonly entries: number };
  /** Newer backups that could not be used, and why. */
  readonly unusableBackups: readonly { readonly path: string; readonly problem: string }[];
  /** Entries added or changed after this moment (epoch ms) may be missing; undefined when no backup was restored. */
  readonly missingSince?: number;
  /** The whole story for a person. */
  readonly message: string;
}

export interface OpenResult {
  readonly store: EntryStore;
  readonly report?: RecoveryReport;
}

const CORRUPT_SQL = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/**
 * Opens the log at `opts.path`, recovering it from a backup when the file is damaged. Every open
 * takes a short lock file beside the log, so two windows starting together never check and
 * replace the same file at once (a window closing its connection to a damaged file must not race
 * another window that has just put the restored file in place).
 */
export async function openWithRecovery(opts: RecoveryOptions): Promise<OpenResult> {
  return withRecoveryLock(opts, async () => {
    const found = await diagnose(opts);
    if ('store' in found) return found;
    return recover(opts, found.problem);
  });
}

type Diagnosis = { store: EntryStore } | { problem: string };

async function diagnose(opts: RecoveryOptions): Promise<Diagnosis> {
  if (isEmptyWithBackups(opts)) return { problem: msg('recovery.empty') };
  let store: EntryStore;
  try {
    store = await EntryStore.open({ path: opts.path, backupDir: opts.backupFolder, ...(opts.engine ? { engine: opts.engine } : {}) });
  } catch (err) {
    if (err instanceof StoreError && err.code === 'CORRUPT') return { problem: sqliteWords(err.cause ?? err) };
    throw err;
  }
  try {
    const check = store.quickCheck();
    if (check === 'ok') return { store };
    store.close();
    return { problem: msg('recovery.checkFound', check.slice(0, 300)) };
  } catch (err) {
    store.close();
    if (err instanceof SqlError && CORRUPT_SQL.has(err.code)) return { problem: sqliteWords(err) };
    throw err;
  }
}

/** A zero-byte file is a valid empty database to SQLite; with backups around it means lost content. */
function isEmptyWithBackups(opts: RecoveryOptions): boolean {
  try {
    if (statSync(opts.path).size !== 0) return false;
    if (existsSync(`${opts.path}-wal`) && statSync(`${opts.path}-wal`).size > 0) return false;
  } catch {
    return false;
  }
  return listBackups(opts.backupFolder).length > 0;
}

function sqliteWords(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  if (/not a database/i.test(m)) return msg('recovery.notADatabase');
  if (/malformed/i.test(m)) return msg('recovery.malformed');
  return m;
}

async function recover(opts: RecoveryOptions, problem: string): Promise<OpenResult> {
  const now = (opts.now ?? Date.now)();
  const damagedFile = moveDatabaseAside(opts.path, join(dirname(opts.path), asideName(opts.path, 'damaged', now)));
  const unusableBackups: { path: string; problem: string }[] = [];
  let restoredFrom: RecoveryReport['restoredFrom'];
  for (const backup of listBackups(opts.backupFolder)) {
    const staging = `${opts.path}.restoring-${randomBytes(4).toString('hex')}`;
    try {
      const copy = await validatedCopy(backup.path, staging, { backupDir: opts.backupFolder, ...(opts.engine ? { engine: opts.engine } : {}) });
      renameSync(staging, opts.path);
      restoredFrom = { path: backup.path, takenAt: backup.takenAt, entries: copy.entries };
      break;
    } catch (err) {
      unusableBackups.push({ path: backup.path, problem: err instanceof Error ? err.message : String(err) });
    }
  }
  const store = await EntryStore.open({ path: opts.path, backupDir: opts.backupFolder, ...(opts.engine ? { engine: opts.engine } : {}) });
  const report: RecoveryReport = {
    problem,
    damagedFile,
    ...(restoredFrom ? { restoredFrom, missingSince: restoredFrom.takenAt } : {}),
    unusableBackups,
    message: '',
  };
  return { store, report: { ...report, message: describeRecovery(report, opts.backupFolder, opts.dateStyle) } };
}

/** The report in plain words: what happened, where the damaged file is, what was restored, what may be missing. */
export function describeRecovery(r: Omit<RecoveryReport, 'message'>, backupFolder: string, style?: DateStyle): string {
  const parts = [msg('recovery.couldNotOpen', r.problem)];
  parts.push(r.damagedFile ? msg('recovery.movedAside', r.damagedFile) : msg('recovery.damagedGone'));
  if (r.unusableBackups.length > 0) parts.push(msgN(r.unusableBackups.length, 'recovery.skippedOne', 'recovery.skippedMany'));
  if (r.restoredFrom) {
    const when = style ? displayDateTime(r.restoredFrom.takenAt, style) : formatDateTime(r.restoredFrom.takenAt);
    parts.push(msgN(r.restoredFrom.entries, 'recovery.restoredOne', 'recovery.restoredMany', when, r.restoredFrom.path));
    parts.push(msg(r.damagedFile ? 'recovery.mayBeMissingAside' : 'recovery.mayBeMissing', when));
  } else {
    parts.push(msg('recovery.noBackup', backupFolder));
  }
  return parts.join(' ');
}

/** One process at a time opens (and maybe recovers) a file: a lock file beside it (see ./lock). */
function withRecoveryLock<T>(opts: RecoveryOptions, fn: () => Promise<T>): Promise<T> {
  ensureParentFolder(opts.path, { what: msg('store.theLogFile') });
  return withFileLock(`${opts.path}.open-lock`, fn, { ...(opts.lockWaitMs !== undefined ? { waitMs: opts.lockWaitMs } : {}), doing: msg('lock.opening', opts.path) });
}
