import type { SqlDb } from './engine';

/**
 * Version 4: suggestions from Git history (#16). Kept in its own file so that it can be placed
 * after version 3 (follow-ups) when both land: it only adds tables, it changes none.
 * - `suggestions`: one row per suggestion, with its status (new, accepted, dismissed), a unique
 *   fingerprint (the same pull request or first commit gives the same one: running twice adds
 *   nothing) and the entry it was accepted into. What is only shown (links, subjects, branch,
 *   pull request, revert) is JSON in `data`.
 * - `suggestion_commits`: every commit a suggestion stands for, each at most once across all
 *   suggestions, so a commit already suggested (or dismissed) is never offered again.
 */
export const suggestionsMigration = {
  version: 4 as const,
  description: 'suggestions from Git history',
  up(db: SqlDb): void {
    db.exec(`
      CREATE TABLE suggestions (
        id          TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'dismissed')),
        repo_root   TEXT NOT NULL,
        repo_name   TEXT NOT NULL,
        kind        TEXT,
        title       TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        head_sha    TEXT NOT NULL,
        entry_id    TEXT,
        data        TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX suggestions_by_status_time ON suggestions (status, occurred_at);

      CREATE TABLE suggestion_commits (
        sha           TEXT PRIMARY KEY,
        suggestion_id TEXT NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX suggestion_commits_by_suggestion ON suggestion_commits (suggestion_id);
    `);
  },
};
