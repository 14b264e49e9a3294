import type { SqlDb } from './engine';
import { StoreError } from './errors';
import { userVersion } from './migrations';
import { ENTRY_COLUMNS } from './rows';
import { msg } from '../domain/messages';

/**
 * Replaces every entry and metadata row with those of the Impact Log file at `path` (same schema
 * version), in one write transaction, so other windows see an ordinary commit and the -wal/-shm
 * files stay consistent. Used to restore a backup (after it was checked and migrated).
 */
export function replaceContents(db: SqlDb, path: string): void {
  db.exec(`ATTACH DATABASE '${path.replace(/'/g, "''")}' AS restore_src`);
  try {
    const theirs = Number(db.prepare('PRAGMA restore_src.user_version').get()?.user_version ?? 0);
    if (theirs !== userVersion(db)) throw new StoreError(msg('store.otherSchema', path, theirs, userVersion(db)), 'TOO_NEW');
    const columns = `${ENTRY_COLUMNS}, deletion_id`;
    db.write(() => {
      db.exec('DELETE FROM main.suggestion_commits; DELETE FROM main.suggestions; DELETE FROM main.entries; DELETE FROM main.deletions; DELETE FROM main.meta;');
      db.exec(
        `INSERT INTO main.deletions (id, deleted_at) SELECT id, deleted_at FROM restore_src.deletions; INSERT INTO main.entries (${columns}) SELECT ${columns} FROM restore_src.entries; INSERT INTO main.meta (key, value) SELECT key, value FROM restore_src.meta;`,
      );
      // Follow-ups went with their entries (ON DELETE CASCADE); bring the backup's back.
      db.exec(
        'INSERT INTO main.follow_ups (id, entry_id, checkpoint, outcome, answered_at, note, evidence, incident_id) SELECT id, entry_id, checkpoint, outcome, answered_at, note, evidence, incident_id FROM restore_src.follow_ups; ' +
          'INSERT INTO main.follow_up_state (entry_id, excluded, snoozed_until, updated_at) SELECT entry_id, excluded, snoozed_until, updated_at FROM restore_src.follow_up_state;',
      );
      db.exec('INSERT INTO main.suggestions SELECT * FROM restore_src.suggestions; INSERT INTO main.suggestion_commits SELECT * FROM restore_src.suggestion_commits;');
    });
  } finally {
    db.exec('DETACH DATABASE restore_src');
  }
}
