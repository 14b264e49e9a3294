import type { Migration } from '../migrations';

/**
 * Schema 3: follow-ups ("did it hold?"). `follow_ups` holds one answer per entry and checkpoint;
 * `follow_up_state` holds "don't follow this up" and snoozes, per entry. Both belong to their
 * entry: they are read through it (a soft-deleted entry hides its follow-ups, undo brings them
 * back) and go with it when it is purged (ON DELETE CASCADE). The due queue walks
 * `entries_live_by_kind_time` over a few weeks of entries and probes the unique
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

      CREATE TABLE follow_up_state (
        entry_id      TEXT PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
        excluded      INTEGER NOT NULL DEFAULT 0,
        snoozed_until INTEGER,
        updated_at    INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
