import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_CHECKPOINTS, type DueContext, eligible, OUTCOMES, parseFollowUpArgument } from '../../src/domain/followUps';
import { systemTimeZone } from '../../src/domain/zoned';
import { EntryStore } from '../../src/storage';
import { DAY, rng } from './generate';
import { interactive, type Measurement } from './results';
import { cpuMs, measure, nowMs, spread } from './stats';

/**
 * Follow-ups at this size. The due queue as the timeline group and the status bar ask for it
 * (the entries due, and their count), after a third of the entries of the last 200 days were
 * answered and some excluded or snoozed. Then the upgrade to the newest schema of this size's file as a
 * user meets it: a copy of the log put back at schema 2, opened by the store (backup, then
 * migration).
 */

/** The user's zone, as the product passes it. */
const TZ = systemTimeZone();

export function followUpBench(store: EntryStore, o: { readonly runs: number; readonly end: number; readonly seed: number; readonly size?: number }): Measurement[] {
  const cfg = { enabled: true, checkpoints: DEFAULT_CHECKPOINTS };
  const r = rng(o.seed + 3);
  const recent = store.list({ from: o.end - 200 * DAY, to: o.end }).filter(eligible);
  let answered = 0;
  for (const e of recent) {
    const x = r();
    if (x < 0.33) {
      store.followUps.answer(parseFollowUpArgument({ id: e.id, outcome: OUTCOMES[Math.floor(r() * OUTCOMES.length)], checkpoint: 30 }), { cfg, timeZone: TZ });
      answered++;
    } else if (x < 0.38) store.followUps.exclude(e.id);
    else if (x < 0.42) store.followUps.snooze(e.id, 7, TZ);
  }
  const ctx: DueContext = { cfg, now: o.end, timeZone: TZ };
  const due = store.followUps.countDue(ctx);
  const detail = `${due} due; ${answered} answered of ${recent.length} followed-up entries in the last 200 days`;
  return [
    { id: 'followUps.due', label: 'Follow-ups due: the entries (timeline group)', detail, ms: measure(() => store.followUps.due(ctx), o.runs), target: interactive(5, o.size ?? 0) },
    { id: 'followUps.count', label: 'Follow-ups due: the count (status bar)', ms: measure(() => store.followUps.countDue(ctx), o.runs), target: interactive(5, o.size ?? 0) },
  ];
}

/** Undoes schemas 6 and 5 (src/storage/migrationTagTimes.ts, migrationSearchKeys.ts): their table, indexes and columns, and version 1's triggers back. */
export const SCHEMA_6_TO_4 = `
  DROP TRIGGER entries_ad_keys; DROP TRIGGER entries_au_keys; DROP TRIGGER entries_ai; DROP TRIGGER entries_au_tags;
  DROP TABLE entry_keys; DROP INDEX entry_tags_live_by_tag_time_deleted;
  ALTER TABLE entry_tags DROP COLUMN occurred_at; ALTER TABLE entry_tags DROP COLUMN deleted_at;
  CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, details, tags) VALUES (new.rowid, new.title, new.details, new.tags);
    INSERT OR IGNORE INTO entry_tags (tag, entry_id) SELECT value, new.id FROM json_each(new.tags);
  END;
  CREATE TRIGGER entries_au_tags AFTER UPDATE OF tags ON entries BEGIN
    DELETE FROM entry_tags WHERE entry_id = old.id;
    INSERT OR IGNORE INTO entry_tags (tag, entry_id) SELECT value, new.id FROM json_each(new.tags);
  END;
  PRAGMA user_version = 4;`;

/** Opening a schema-2 copy of `path`: the migration backup plus migrations 3, 4, 5 and 6. A few runs, each on a fresh copy. */
export async function migrationBench(path: string, dir: string, runs: number): Promise<Measurement> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const copy = join(dir, `v2-copy-${i}.sqlite`);
    const backups = join(dir, `v2-backups-${i}`);
    copyFileSync(path, copy);
    const raw = new Database(copy);
    // Back to schema 2 (what 0.2's first migrations add removed; v2's column cannot be dropped, it is a foreign key).
    raw.exec(SCHEMA_6_TO_4);
    raw.exec('DROP TABLE suggestion_commits; DROP TABLE suggestions; DROP TABLE follow_up_state; DROP TABLE follow_ups; DROP INDEX entries_follow_up_due; PRAGMA user_version = 2;');
    raw.close();
    const c0 = cpuMs();
    const t0 = nowMs();
    const store = await EntryStore.open({ path: copy, backupDir: backups });
    wall.push(nowMs() - t0);
    cpu.push(cpuMs() - c0);
    if (!store.migrationBackup || ![3, 4, 5, 6].every((v) => store.migrated.includes(v))) throw new Error('the copy was not migrated with a backup');
    store.close();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
    rmSync(backups, { recursive: true, force: true });
  }
  return { id: 'followUps.migrate', label: 'Upgrade a schema-2 log to schema 6 (backup + migrations 3, 4, 5 and 6)', ms: spread(wall, cpu), target: { max: 3000, unit: 'ms', fromSize: 100_000 } };
}
