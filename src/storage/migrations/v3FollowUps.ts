import type { Migration } from '../migrations';

/**
 * Schema 3: follow-ups ("did it hold?"). `follow_ups` holds one answer per entry and checkpoint;
 * `follow_up_state` holds "don't follow this up" and snoozes, per entry. Both belong to their
 * entry: they are read through it (a soft-deleted entry hides its follow-ups, undo brings them
 * back) and go with it when it is purged (ON DELETE CASCADE). The due queue walks the covering
 * index `entries_follow_up_due` over a few weeks of entries and probes the unique
 * (entry_id, checkpoint) index and the state's primary key, so it does not grow with the log.
 * Kept in its own file so it can sit after schema 2 in MIGRATIONS.
 */
export const v3FollowUps: Migration = {
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
