import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyPatch, type Entry, type EntryPatch, type KindId, type NewEntry, toIso } from '../domain';
import { type EngineName, openDb, type SqlDb, SqlError } from './engine';
import { StoreError } from './errors';
import { FollowUpStore } from './followUps';
import type { ImportResult } from './importResult';
import { dropEmptyDeletions, mergeEntries, type MergeOptions, replaceEntry } from './importMerge';
import { ensureFolder, ensureParentFolder } from './paths';
import { countEntries, listEntries, occurredTimes } from './reads';
import { replaceContents } from './restore';
import { latestVersion, migrate, MIGRATIONS, type Migration, userVersion } from './migrations';
import { type EntryQuery, type Page, whereOf } from './query';
import { ENTRY_COLUMNS, entryToParams, newEntryToEntry, rowToEntry, rowToValidatedEntry } from './rows';
import { SuggestionStore } from './suggestions';
import { msg } from '../domain/messages';

export type { EntryQuery, Page } from './query';

export interface StoreOptions {
  /** Database file; folders are created as needed. */
  readonly path: string;
  /** Where migration backups go; default: a `backups` folder beside the database. */
  readonly backupDir?: string;
  readonly engine?: EngineName;
  /** Clock, for tests. */
  readonly now?: () => number;
  /** Schema migrations; tests pass a longer list to exercise upgrades. */
  readonly migrations?: readonly Migration[];
}

export { StoreError } from './errors';

export type { ImportResult } from './importResult';

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/** Creates the file with owner-only permissions before SQLite touches it (its folders safely: see ./paths). */
function ensureFile(path: string): void {
  ensureParentFolder(path, { what: msg('store.theLogFile'), mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  try {
    chmodSync(path, 0o600);
  } catch {
    // Windows has no POSIX modes; the file lives in the user's profile.
  }
}

export function backupFileName(reason: string, now: number): string {
  return `impact-log-${reason}-${toIso(now).replace(/[:.]/g, '-')}.sqlite`;
}

/**
 * The Impact Log store: every entry lives in one SQLite file. Writes take the write lock up front
 * (BEGIN IMMEDIATE) and wait for other windows (busy timeout), so concurrent windows serialise
 * instead of failing; every write is one transaction.
 */
export class EntryStore {
  private constructor(
    private readonly db: SqlDb,
    readonly path: string,
    readonly fallbackReason: string | undefined,
    /** Migration versions applied by this open (empty when the file was current). */
    readonly migrated: readonly number[],
    readonly migrationBackup: string | undefined,
    private readonly now: () => number,
  ) {}

  get engine(): EngineName {
    return this.db.engine;
  }

  private followUpStore: FollowUpStore | undefined;
  /** Follow-up answers, exclusions and snoozes of this log's entries (src/storage/followUps.ts). */
  get followUps(): FollowUpStore {
    return (this.followUpStore ??= new FollowUpStore(this.db, this.now, this));
  }

  private suggestionStore: SuggestionStore | undefined;
  /** The suggestions from Git history (src/storage/suggestions.ts), on the same connection. */
  get suggestions(): SuggestionStore {
    return (this.suggestionStore ??= new SuggestionStore(this.db, this.now, (entries) => this.addMany(entries)));
  }

  static async open(opts: StoreOptions): Promise<EntryStore> {
    const now = opts.now ?? Date.now;
    ensureFile(opts.path);
    const { db, fallbackReason } = openDb(opts.path, opts.engine ? { prefer: opts.engine } : {});
    try {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec('PRAGMA foreign_keys = ON');
      const migrations = opts.migrations ?? MIGRATIONS;
      const LATEST_VERSION = latestVersion(migrations);
      const version = userVersion(db);
      if (version > LATEST_VERSION) {
        throw new StoreError(msg('store.tooNew', version, LATEST_VERSION), 'TOO_NEW');
      }
      let backup: string | undefined;
      if (version > 0 && version < LATEST_VERSION) {
        const dir = opts.backupDir ?? join(dirname(opts.path), 'backups');
        ensureFolder(dir, { what: msg('store.theBackupFolder'), mode: 0o700 });
        backup = join(dir, backupFileName(`before-v${LATEST_VERSION}`, now()));
        await db.backupTo(backup);
        try {
          chmodSync(backup, 0o600);
        } catch {
          // see ensureFile
        }
      }
      const applied = migrate(db, migrations);
      return new EntryStore(db, opts.path, fallbackReason, applied, backup, now);
    } catch (err) {
      db.close();
      if (err instanceof SqlError && CORRUPT_CODES.has(err.code)) {
        throw new StoreError(msg('store.damaged', opts.path, err.message), 'CORRUPT', err);
      }
      throw err;
    }
  }

  close(): void {
    this.db.close();
  }

  /** Changes whenever another connection (another window) commits: cheap change detection. */
  dataVersion(): number {
    return Number(this.db.prepare('PRAGMA data_version').get()?.data_version ?? 0);
  }

  add(entry: NewEntry): Entry {
    return this.addMany([entry])[0]!;
  }

  addMany(entries: readonly NewEntry[]): Entry[] {
    const now = this.now();
    const stored = entries.map((e) => newEntryToEntry(e, randomUUID(), now));
    const insert = this.db.prepare(`INSERT INTO entries (${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.db.write(() => {
      for (const e of stored) insert.run(...entryToParams(e));
    });
    return stored;
  }

  get(id: string): Entry | undefined {
    const row = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ?`).get(id);
    return row ? rowToEntry(row) : undefined;
  }

  /** Applies an edit; the entry is re-validated as a whole, and written only if valid. */
  update(id: string, patch: EntryPatch): Entry {
    return this.db.write(() => {
      const current = this.get(id);
      if (!current) throw new StoreError(msg('store.noEntry', id), 'NOT_FOUND');
      const next = applyPatch(current, patch, this.now());
      this.replace(next);
      return next;
    });
  }

  private replace(e: Entry): void {
    replaceEntry(this.db, e);
  }

  /**
   * Soft-deletes live entries as one deletion; returns the ids deleted. The deletion gets its own
   * id from an ever-growing sequence, so `undoLastDelete` restores exactly these entries, even when
   * another deletion falls in the same millisecond.
   */
  softDelete(ids: readonly string[]): string[] {
    const now = this.now();
    const stmt = this.db.prepare('UPDATE entries SET deleted_at = ?, updated_at = ?, deletion_id = ? WHERE id = ? AND deleted_at IS NULL');
    return this.db.write(() => {
      const deletion = Number(this.db.prepare('INSERT INTO deletions (deleted_at) VALUES (?) RETURNING id').get(now)?.id);
      const deleted = ids.filter((id) => stmt.run(now, now, deletion, id).changes > 0);
      if (deleted.length === 0) this.db.prepare('DELETE FROM deletions WHERE id = ?').run(deletion);
      return deleted;
    });
  }

  /** Restores soft-deleted entries; returns the ids restored. */
  undoDelete(ids: readonly string[]): string[] {
    const now = this.now();
    const stmt = this.db.prepare('UPDATE entries SET deleted_at = NULL, deletion_id = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL');
    return this.db.write(() => {
      const restored = ids.filter((id) => stmt.run(now, id).changes > 0);
      if (restored.length > 0) this.dropEmptyDeletions();
      return restored;
    });
  }

  /**
   * Restores the most recent deletion made in this log (the entries deleted together), chosen by
   * the deletion's sequence number, not its time; returns their ids. Entries that arrived already
   * deleted through an import belong to no deletion here and are not restored by this.
   */
  undoLastDelete(): string[] {
    return this.db.write(() => {
      const last = this.db.prepare('SELECT deletion_id AS d FROM entries WHERE deletion_id IS NOT NULL ORDER BY deletion_id DESC LIMIT 1').get()?.d;
      if (last === null || last === undefined) return [];
      const ids = this.db.prepare('SELECT id FROM entries WHERE deletion_id = ? AND deleted_at IS NOT NULL').all(last).map((r) => String(r.id));
      return this.undoDelete(ids);
    });
  }

  /** Permanently removes entries soft-deleted before `before` (epoch ms). */
  purgeDeleted(before: number): number {
    return this.db.write(() => {
      const n = this.db.prepare('DELETE FROM entries WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(before).changes;
      if (n > 0) this.dropEmptyDeletions();
      return n;
    });
  }

  private dropEmptyDeletions(): void {
    dropEmptyDeletions(this.db);
  }

  /** A page of the entries matching `q`, newest first unless `page.order` says otherwise (./reads.ts). */
  list(q: EntryQuery = {}, page: Page = {}): Entry[] {
    return listEntries(this.db, q, page);
  }

  count(q: EntryQuery = {}): number {
    return countEntries(this.db, q);
  }

  /** Counts for several [from, to) ranges at once, in one read snapshot (e.g. the timeline's groups). */
  countRanges(ranges: readonly { from: number; to: number }[], q: Omit<EntryQuery, 'from' | 'to'> = {}): number[] {
    return this.db.read(() => ranges.map((r) => this.count({ ...q, from: r.from, to: r.to })));
  }

  /** occurredAt (epoch ms) of every entry matching `q`, in no particular order (./reads.ts). */
  occurredTimes(q: EntryQuery = {}): number[] {
    return occurredTimes(this.db, q);
  }

  /** Entries per local calendar day (the machine's time zone), oldest first. */
  countsPerDay(q: EntryQuery = {}): { day: string; count: number }[] {
    const { sql, params } = whereOf(q);
    return this.db
      .prepare(`SELECT date(e.occurred_at / 1000, 'unixepoch', 'localtime') AS day, count(*) AS n FROM entries e ${sql} GROUP BY day ORDER BY day`)
      .all(...params)
      .map((r) => ({ day: String(r.day), count: Number(r.n) }));
  }

  /** The earliest and latest occurredAt of live entries (epoch ms), or undefined when empty. */
  bounds(q: EntryQuery = {}): { first: number; last: number } | undefined {
    const { sql, params } = whereOf(q);
    // Two subqueries: each is a single index seek, where min() and max() together scan the index.
    const r = this.db
      .prepare(`SELECT (SELECT e.occurred_at FROM entries e ${sql} ORDER BY e.occurred_at ASC LIMIT 1) AS a, (SELECT e.occurred_at FROM entries e ${sql} ORDER BY e.occurred_at DESC LIMIT 1) AS b`)
      .get(...params, ...params);
    return r && r.a !== null ? { first: Number(r.a), last: Number(r.b) } : undefined;
  }

  /** Tags in use on live entries, most used first. */
  tagCounts(limit = 200): { tag: string; count: number }[] {
    return this.db
      .prepare('SELECT tag, count(*) AS n FROM entry_tags WHERE deleted_at IS NULL GROUP BY tag ORDER BY n DESC, tag LIMIT ?')
      .all(limit)
      .map((r) => ({ tag: String(r.tag), count: Number(r.n) }));
  }

  /** Distinct values of one kind field on live entries, most recently used first (e.g. AI tools). */
  recentFieldValues(kind: KindId, key: string, limit = 20): string[] {
    return this.db
      .prepare(
        `SELECT json_extract(fields, '$.' || ?) AS v, max(occurred_at) AS t FROM entries
         WHERE kind = ? AND deleted_at IS NULL AND json_extract(fields, '$.' || ?) IS NOT NULL GROUP BY v ORDER BY t DESC LIMIT ?`,
      )
      .all(key, kind, key, limit)
      .map((r) => String(r.v));
  }

  /**
   * Merges entries by id in one transaction: a new id is added, a newer `updatedAt` replaces the
   * stored one, anything else is skipped. Entries must already be validated (./importMerge.ts).
   */
  importEntries(entries: readonly Entry[], opts?: MergeOptions): ImportResult {
    return mergeEntries(this.db, entries, opts);
  }

  /**
   * Runs `fn` (a long import, many transactions) with a page cache of `mib` MiB instead of
   * SQLite's 2 MiB, so that inserts into the id and time indexes of a large log find their pages
   * in memory; the usual cache is restored afterwards.
   */
  async withLargeCache<T>(fn: () => Promise<T>, mib = 128): Promise<T> {
    const before = Number(this.db.prepare('PRAGMA cache_size').get()?.cache_size ?? -2000);
    this.db.exec(`PRAGMA cache_size = ${-Math.round(mib * 1024)}`);
    try {
      return await fn();
    } finally {
      if (this.db.open) this.db.exec(`PRAGMA cache_size = ${before}`);
    }
  }

  getMeta(key: string): string | undefined {
    const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key);
    return r ? String(r.value) : undefined;
  }

  setMeta(key: string, value: string): void {
    this.db.write(() => this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value));
  }

  /**
   * Reads and rewrites one metadata value in one write transaction, so two windows never both act
   * on the same old value (e.g. both claim this week's reflection). `change` returns the new value,
   * or undefined to leave it. Returns true when this call changed it.
   */
  updateMeta(key: string, change: (current: string | undefined) => string | undefined): boolean {
    return this.db.write(() => {
      const next = change(this.getMeta(key));
      if (next === undefined) return false;
      this.setMeta(key, next);
      return true;
    });
  }

  /** Copies the whole database to `path` (online backup API); the copy gets owner-only permissions. */
  async backupTo(path: string): Promise<void> {
    ensureParentFolder(path, { what: msg('store.theBackupFile'), mode: 0o700 });
    await this.db.backupTo(path);
    try {
      chmodSync(path, 0o600);
    } catch {
      // see ensureFile
    }
  }

  /**
   * Runs every entry, deleted ones included, through the full schema (reads only check the shape):
   * for files from outside, such as a backup about to be restored. Returns the first `limit` problems.
   */
  invalidEntries(limit = 5): string[] {
    const problems: string[] = [];
    const batch = this.db.prepare(`SELECT rowid AS r, ${ENTRY_COLUMNS} FROM entries WHERE rowid > ? ORDER BY rowid LIMIT 1000`);
    // In batches by rowid, so a large file is never held in memory at once.
    for (let after = 0, rows = batch.all(after); rows.length > 0; after = Number(rows[rows.length - 1]!.r), rows = batch.all(after)) {
      for (const row of rows) {
        try {
          rowToValidatedEntry(row);
        } catch (err) {
          problems.push(err instanceof Error ? err.message : String(err));
          if (problems.length >= limit) return problems;
        }
      }
    }
    return problems;
  }

  /** `PRAGMA integrity_check` result: 'ok' when the file is sound. */
  integrityCheck(): string {
    return this.db.prepare('PRAGMA integrity_check').all().map((r) => String(Object.values(r)[0])).join('; ');
  }

  /** Replaces every entry and metadata row with those of the Impact Log file at `path` (./restore.ts). */
  replaceContentsFrom(path: string): void {
    replaceContents(this.db, path);
  }

  /** `PRAGMA quick_check`: the structural part of integrity_check, fast enough to run at every open. */
  quickCheck(): string {
    return this.db.prepare('PRAGMA quick_check').all().map((r) => String(Object.values(r)[0])).join('; ');
  }
}
