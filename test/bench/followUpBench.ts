import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_CHECKPOINTS, type DueContext, eligible, OUTCOMES, parseFollowUpArgument } from '../../src/domain/followUps';
import { systemTimeZone } from '../../src/domain/zoned';
import { EntryStore } from '../../src/storage';
import { DAY, rng } from './generate';
import type { Measurement } from './results';
import { cpuMs, measure, nowMs, spread } from './stats';

/**
 * Follow-ups at this size. The due queue as the timeline group and the status bar ask for it
 * (the entries due, and their count), after a third of the entries of the last 200 days were
 * answered and some excluded or snoozed. Then the upgrade to schema 3 of this size's file as a
 * user meets it: a copy of the log put back at schema 1, opened by the store (backup, then
 * migration).
 */

/** The user's zone, as the product passes it. */
const TZ = systemTimeZone();

export function followUpBench(store: EntryStore, o: { readonly runs: number; readonly end: number; readonly seed: number }): Measurement[] {
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
    { id: 'followUps.due', label: 'Follow-ups due: the entries (timeline group)', detail, ms: measure(() => store.followUps.due(ctx), o.runs), target: { max: 5, unit: 'ms' } },
    { id: 'followUps.count', label: 'Follow-ups due: the count (status bar)', ms: measure(() => store.followUps.countDue(ctx), o.runs), target: { max: 5, unit: 'ms' } },
  ];
}

/** Opening a schema-1 copy of `path`: the migration backup plus the schema 3 migration. A few runs, each on a fresh copy. */
export async function migrationBench(path: string, dir: string, runs: number): Promise<Measurement> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const copy = join(dir, `v2-copy-${i}.sqlite`);
    const backups = join(dir, `v2-backups-${i}`);
    copyFileSync(path, copy);
    const raw = new Database(copy);
    // Back to schema 2 (what 0.2's first migrations add removed; v2's column cannot be dropped, it is a foreign key).
    raw.exec('DROP TABLE suggestion_commits; DROP TABLE suggestions; DROP TABLE follow_up_state; DROP TABLE follow_ups; DROP INDEX entries_follow_up_due; PRAGMA user_version = 2;');
    raw.close();
    const c0 = cpuMs();
    const t0 = nowMs();
    const store = await EntryStore.open({ path: copy, backupDir: backups });
    wall.push(nowMs() - t0);
    cpu.push(cpuMs() - c0);
    if (!store.migrationBackup || !store.migrated.includes(3) || !store.migrated.includes(4)) throw new Error('the copy was not migrated with a backup');
    store.close();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
    rmSync(backups, { recursive: true, force: true });
  }
  return { id: 'followUps.migrate', label: 'Upgrade a schema-2 log to schema 4 (backup + migrations 3 and 4)', ms: spread(wall, cpu), target: { max: 3000, unit: 'ms', fromSize: 100_000 } };
}
