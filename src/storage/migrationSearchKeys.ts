import type { SqlDb } from './engine';

/**
 * Version 5: what a filtered timeline and a search page need about an entry, without reading its
 * row (a row holds the details, often kilobytes; 100,000 of them are ~100 MiB).
 * - `entry_tags` gains the entry's `occurred_at` and `deleted_at`, so a tag filter's counts per
 *   period are a range of the index `entry_tags_live_by_tag_time` (tag, time) over live entries.
 * - `entry_keys`: one small row per entry, keyed by the entry's rowid (the key the full-text index
 *   returns), with its sort keys (occurred_at, created_at, id), kind and deletion state. A search hit
 *   costs a lookup in this ~6 MiB table instead of in the 100 MiB one, and a page of hits is
 *   sorted on it (or, for a common word, found by walking its
 *   index `entry_keys_live_by_time` newest first) before any entry row is read.
 * Both are kept by triggers on `entries`, so every writer (this version's store, a restore that
 * copies rows in, a hand edit) keeps them right. The version-1 triggers that fill `entry_tags`
 * are replaced by ones that also write the times; the rest of version 1 is left as it is.
 */
export const searchKeysMigration = {
  version: 5 as const,
  description: 'entry times on tag rows and a compact table of search keys, for filtered timelines and search pages',
  up(db: SqlDb): void {
    db.exec(`
      ALTER TABLE entry_tags ADD COLUMN occurred_at INTEGER;
      ALTER TABLE entry_tags ADD COLUMN deleted_at INTEGER;
      UPDATE entry_tags SET (occurred_at, deleted_at) = (SELECT e.occurred_at, e.deleted_at FROM entries e WHERE e.id = entry_tags.entry_id);
      CREATE INDEX entry_tags_live_by_tag_time ON entry_tags (tag, occurred_at) WHERE deleted_at IS NULL;

      CREATE TABLE entry_keys (
        entry_rowid INTEGER PRIMARY KEY,
        occurred_at INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        id          TEXT NOT NULL,
        kind        TEXT NOT NULL,
        deleted_at  INTEGER
      );
      INSERT INTO entry_keys (entry_rowid, occurred_at, created_at, id, kind, deleted_at) SELECT rowid, occurred_at, created_at, id, kind, deleted_at FROM entries;
      CREATE INDEX entry_keys_live_by_time ON entry_keys (occurred_at, created_at, id) WHERE deleted_at IS NULL;

      DROP TRIGGER entries_ai;
      CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts (rowid, title, details, tags) VALUES (new.rowid, new.title, new.details, new.tags);
        INSERT OR IGNORE INTO entry_tags (tag, entry_id, occurred_at, deleted_at) SELECT value, new.id, new.occurred_at, new.deleted_at FROM json_each(new.tags);
        INSERT INTO entry_keys (entry_rowid, occurred_at, created_at, id, kind, deleted_at) VALUES (new.rowid, new.occurred_at, new.created_at, new.id, new.kind, new.deleted_at);
      END;
      DROP TRIGGER entries_au_tags;
      CREATE TRIGGER entries_au_tags AFTER UPDATE OF tags ON entries BEGIN
        DELETE FROM entry_tags WHERE entry_id = old.id;
        INSERT OR IGNORE INTO entry_tags (tag, entry_id, occurred_at, deleted_at) SELECT value, new.id, new.occurred_at, new.deleted_at FROM json_each(new.tags);
      END;
      CREATE TRIGGER entries_au_keys AFTER UPDATE OF occurred_at, created_at, kind, deleted_at ON entries BEGIN
        UPDATE entry_tags SET occurred_at = new.occurred_at, deleted_at = new.deleted_at WHERE entry_id = new.id;
        UPDATE entry_keys SET occurred_at = new.occurred_at, created_at = new.created_at, kind = new.kind, deleted_at = new.deleted_at WHERE entry_rowid = new.rowid;
      END;
      CREATE TRIGGER entries_ad_keys AFTER DELETE ON entries BEGIN
        DELETE FROM entry_keys WHERE entry_rowid = old.rowid;
      END;
    `);
  },
};
