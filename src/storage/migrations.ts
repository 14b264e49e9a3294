import type { SqlDb } from './engine';
import { searchKeysMigration } from './migrationSearchKeys';
import { suggestionsMigration } from './migrationSuggestions';
import { tagTimesMigration } from './migrationTagTimes';

/**
 * Forward-only schema migrations. `PRAGMA user_version` holds the version a file is at. Each
 * migration runs in the same write transaction that bumps the version, so a crash leaves the file
 * at the old version or the new one, never between. The caller backs the file up first.
 * Never edit a released migration: add a new one.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: SqlDb): void;
}

/** Released in 0.1.0. */
const v1: Migration = {
  version: 1,
  description: 'entries, tags, full-text index, metadata',
  up(db) {
    db.exec(`
      CREATE TABLE entries (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        title       TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        deleted_at  INTEGER,
        impact      TEXT,
        details     TEXT NOT NULL DEFAULT '',
        tags        TEXT NOT NULL DEFAULT '[]',
        links       TEXT NOT NULL DEFAULT '[]',
        context     TEXT NOT NULL DEFAULT '{}',
        fields      TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX entries_live_by_time ON entries (occurred_at) WHERE deleted_at IS NULL;
      CREATE INDEX entries_live_by_kind_time ON entries (kind, occurred_at) WHERE deleted_at IS NULL;
      CREATE INDEX entries_deleted ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE entry_tags (
        tag      TEXT NOT NULL,
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        PRIMARY KEY (tag, entry_id)
      ) WITHOUT ROWID;
      CREATE INDEX entry_tags_by_entry ON entry_tags (entry_id);

      CREATE VIRTUAL TABLE entries_fts USING fts5 (
        title, details, tags, content = 'entries', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts (rowid, title, details, tags) VALUES (new.rowid, new.title, new.details, new.tags);
        INSERT OR IGNORE INTO entry_tags (tag, entry_id) SELECT value, new.id FROM json_each(new.tags);
      END;
      CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, title, details, tags) VALUES ('delete', old.rowid, old.title, old.details, old.tags);
      END;
      CREATE TRIGGER entries_au_text AFTER UPDATE OF title, details, tags ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, title, details, tags) VALUES ('delete', old.rowid, old.title, old.details, old.tags);
        INSERT INTO entries_fts (rowid, title, details, tags) VALUES (new.rowid, new.title, new.details, new.tags);
      END;
      CREATE TRIGGER entries_au_tags AFTER UPDATE OF tags ON entries BEGIN
        DELETE FROM entry_tags WHERE entry_id = old.id;
        INSERT OR IGNORE INTO entry_tags (tag, entry_id) SELECT value, new.id FROM json_each(new.tags);
      END;

      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};

/**
 * A deletion gets its own id, so "Undo Delete" restores exactly the last one even when two fall in
 * the same millisecond (two windows, a keybinding, a task). `deletions.id` is an AUTOINCREMENT
 * sequence: it only grows, even after rows are removed. Existing deletions are carried over: the
 * entries that share a `deleted_at` were deleted together (that is how version 1 told them apart),
 * so each distinct time becomes one deletion, numbered in time order.
 */
const v2: Migration = {
  version: 2,
  description: 'deletions: each deletion has its own id, for undo',
  up(db) {
    db.exec(`
      CREATE TABLE deletions (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        deleted_at INTEGER NOT NULL
      );
      ALTER TABLE entries ADD COLUMN deletion_id INTEGER REFERENCES deletions (id);
      INSERT INTO deletions (deleted_at) SELECT DISTINCT deleted_at FROM entries WHERE deleted_at IS NOT NULL ORDER BY deleted_at;
      CREATE INDEX migration_2_deletions_by_time ON deletions (deleted_at);
      UPDATE entries SET deletion_id = (SELECT d.id FROM deletions d WHERE d.deleted_at = entries.deleted_at) WHERE deleted_at IS NOT NULL;
      DROP INDEX migration_2_deletions_by_time;
      CREATE INDEX entries_by_deletion ON entries (deletion_id) WHERE deletion_id IS NOT NULL;
    `);
  },
};

/**
 * Schema 3: follow-ups ("did it hold?"). `follow_ups` holds one answer per entry and checkpoint;
 * `follow_up_state` holds "don't follow this up" and snoozes, per entry. Both belong to their
 * entry: they are read through it (a soft-deleted entry hides its follow-ups, undo brings them
 * back) and go with it when it is purged (ON DELETE CASCADE). The due queue walks the covering
 * index `entries_follow_up_due` over a few weeks of entries and probes the unique
 * (entry_id, checkpoint) index and the state's primary key, so it does not grow with the log.
 */
const v3: Migration = {
  version: 3,
  description: 'follow-ups: answers per entry and checkpoint, exclusions and snoozes',
  up(db) {
    db.exec(`
      CREATE TABLE follow_ups (
        id          TEXT PRIMARY KEY,
        entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        checkpoint  INTEGER NOT NULL,
        outcome     TEXT NOT NULL,
        answered_at INTEGER NOT NULL,
        note        TEXT,
        evidence    TEXT,
        incident_id TEXT,
        UNIQUE (entry_id, checkpoint)
      );
      CREATE INDEX follow_ups_by_incident ON follow_ups (incident_id) WHERE incident_id IS NOT NULL;

      -- The due queue's covering index: kind, live, time range, and the id and AI verdict it
      -- needs, without reading the entries' rows (a row holds the details, often kilobytes).
      -- json_valid guards the one row a hand edit may have broken: it indexes as NULL.
      CREATE INDEX entries_follow_up_due ON entries (kind, deleted_at, occurred_at, id, (CASE WHEN json_valid(fields) THEN json_extract(fields, '$.verdict') END));

      CREATE TABLE follow_up_state (
        entry_id      TEXT PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
        excluded      INTEGER NOT NULL DEFAULT 0,
        snoozed_until INTEGER,
        updated_at    INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};

/** Every schema version in order. To change the schema, append a new migration here (and a fixture: scripts/make-fixture.mjs). */
export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, suggestionsMigration, searchKeysMigration, tagTimesMigration];

export const latestVersion = (list: readonly Migration[] = MIGRATIONS) => list[list.length - 1]!.version;
export const LATEST_VERSION = latestVersion();

export function userVersion(db: SqlDb): number {
  return Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
}

/** Applies every migration newer than the file's version, each in its own write transaction. Returns the versions applied. */
export function migrate(db: SqlDb, list: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  for (const m of list) {
    db.write(() => {
      // Re-read inside the write lock: another window may have migrated meanwhile.
      if (userVersion(db) >= m.version) return;
      m.up(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
      applied.push(m.version);
    });
  }
  return applied;
}
