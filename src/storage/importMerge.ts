import type { Entry } from '../domain';
import type { SqlDb } from './engine';
import type { ImportResult } from './importResult';
import { ENTRY_COLUMNS, entryToParams } from './rows';

/**
 * The import's merge (EntryStore.importEntries; moved out of store.ts): entries merged by id, a
 * new id added, a newer `updatedAt` replacing the stored copy, anything else skipped, in one
 * transaction per call.
 *
 * New entries of a call are written in bulk: the `entries_ai` trigger (which indexes one entry's
 * text, tags and keys as it is inserted) is dropped inside the transaction, the rows are
 * inserted, the same three indexes are filled with one statement each for the rows just added,
 * and the trigger is created again from its own stored SQL before the commit. Other connections
 * never see the log without it (they see the commit or nothing), and the result is row for row
 * what the trigger writes: at 100,000 entries it is 2.5x less work (the full-text index takes a
 * tenth: FTS5 tokenizes a run of rows at once instead of one row per statement). The bulk path
 * runs only while `entries_ai` is exactly the trigger it was written against (schema 5); a
 * later migration that changes it turns the bulk path off until this module follows
 * (test/unit/importMerge.test.ts fails meanwhile, saying so).
 */

/** The trigger the bulk path stands in for, white space collapsed (src/storage/migrationSearchKeys.ts). */
export const BULK_TRIGGER_SQL =
  'CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN ' +
  'INSERT INTO entries_fts (rowid, title, details, tags) VALUES (new.rowid, new.title, new.details, new.tags); ' +
  'INSERT OR IGNORE INTO entry_tags (tag, entry_id, occurred_at, deleted_at) SELECT value, new.id, new.occurred_at, new.deleted_at FROM json_each(new.tags); ' +
  'INSERT INTO entry_keys (entry_rowid, occurred_at, created_at, id, kind, deleted_at) VALUES (new.rowid, new.occurred_at, new.created_at, new.id, new.kind, new.deleted_at); ' +
  'END';

/** What the trigger does, for the rows inserted (their rowids as a JSON array, ascending). */
const ADDED = 'SELECT value FROM json_each(?)';
const BULK_STATEMENTS = [
  `INSERT INTO entries_fts (rowid, title, details, tags) SELECT rowid, title, details, tags FROM entries WHERE rowid IN (${ADDED}) ORDER BY rowid`,
  `INSERT OR IGNORE INTO entry_tags (tag, entry_id, occurred_at, deleted_at) SELECT j.value, e.id, e.occurred_at, e.deleted_at FROM entries e, json_each(e.tags) j WHERE e.rowid IN (${ADDED}) ORDER BY 1, 2`,
  `INSERT INTO entry_keys (entry_rowid, occurred_at, created_at, id, kind, deleted_at) SELECT rowid, occurred_at, created_at, id, kind, deleted_at FROM entries WHERE rowid IN (${ADDED}) ORDER BY rowid`,
];

/** Below this many new entries in one call the trigger does the work (dropping and creating it costs a schema change). */
const BULK_FROM = 64;

const collapse = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** The stored SQL of `entries_ai` when the bulk path may stand in for it, else undefined. */
export function bulkTrigger(db: SqlDb): string | undefined {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'entries_ai'").get()?.sql;
  if (typeof sql !== 'string' || collapse(sql) !== BULK_TRIGGER_SQL) return undefined;
  // Another trigger on inserts would run in the bulk path too, but might read what entries_ai writes.
  const others = Number(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries' AND name <> 'entries_ai' AND sql LIKE '%INSERT ON entries%'").get()?.n ?? 0);
  return others === 0 ? sql : undefined;
}

/** Writes an entry over the stored one with the same id (the update triggers keep the indexes). */
export function replaceEntry(db: SqlDb, e: Entry): void {
  const [, ...rest] = entryToParams(e);
  // An entry that is live after the change leaves its deletion; one that stays deleted keeps it.
  db.prepare(
    'UPDATE entries SET kind = ?, title = ?, occurred_at = ?, created_at = ?, updated_at = ?, deleted_at = ?, impact = ?, details = ?, tags = ?, links = ?, context = ?, fields = ?, deletion_id = CASE WHEN ? IS NULL THEN NULL ELSE deletion_id END WHERE id = ?',
  ).run(...rest, rest[5]!, e.id);
}

/** Removes deletions no entry belongs to any more (all restored or purged). The sequence never goes back. */
export function dropEmptyDeletions(db: SqlDb): void {
  db.prepare('DELETE FROM deletions WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.deletion_id = deletions.id)').run();
}

export interface MergeOptions {
  /** Use the bulk path for new entries when it applies (default true; tests compare both). */
  readonly bulk?: boolean;
}

/**
 * Merges entries by id in one write transaction (nested in the caller's, if any). Entries must
 * already be validated. An entry that arrives deleted stays deleted, as in the file, but is no
 * deletion of this log's: "Undo Delete" undoes what was deleted here.
 */
export function mergeEntries(db: SqlDb, entries: readonly Entry[], opts: MergeOptions = {}): ImportResult {
  const insert = db.prepare(`INSERT INTO entries (${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const current = db.prepare('SELECT updated_at FROM entries WHERE id = ?');
  return db.write(() => {
    let updated = 0;
    let skipped = 0;
    const fresh: Entry[] = [];
    for (const e of entries) {
      const row = current.get(e.id);
      if (!row) fresh.push(e);
      else if (Date.parse(e.updatedAt) > Number(row.updated_at)) {
        replaceEntry(db, e);
        updated++;
      } else skipped++;
    }
    const trigger = (opts.bulk ?? true) && fresh.length >= BULK_FROM ? bulkTrigger(db) : undefined;
    if (trigger === undefined) {
      for (const e of fresh) insert.run(...entryToParams(e));
    } else {
      const insertReturning = db.prepare(`INSERT INTO entries (${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid AS r`);
      db.exec('DROP TRIGGER entries_ai');
      const rowids: number[] = [];
      for (const e of fresh) rowids.push(Number(insertReturning.get(...entryToParams(e))?.r));
      const added = JSON.stringify(rowids.sort((a, b) => a - b));
      for (const sql of BULK_STATEMENTS) db.prepare(sql).run(added);
      db.exec(trigger);
    }
    if (updated > 0) dropEmptyDeletions(db);
    return { added: fresh.length, updated, skipped };
  });
}
