import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type Entry, type KindId, ValidationError } from '../../src/domain';
import { DEFAULT_CHECKPOINTS, type DueContext, dueCheckpoint, type FollowUpConfig, type FollowUpState, OUTCOMES, parseFollowUpArgument } from '../../src/domain/followUps';
import { EntryStore, headerSchemaVersion, LATEST_VERSION, MIGRATIONS, openDb, StoreError, willMigrate } from '../../src/storage';
import { restoreBackup } from '../../src/storage/backups';
import { rng } from '../bench/generate';
import { ENGINES, tempDir } from './support/tmp';
import { useClockedStore } from './support/clockedStore';

const CFG: FollowUpConfig = { enabled: true, checkpoints: DEFAULT_CHECKPOINTS };
const DAY = 86_400_000;
const MISSING = '00000000-0000-4000-8000-00000000dead';

for (const engine of ENGINES) {
  describe(`follow-ups in the store (${engine})`, () => {
    const h = useClockedStore(engine);
    const { add, rows } = h;
    const tz = 'Europe/Berlin';
    const ctx = (cfg: FollowUpConfig = CFG): DueContext => ({ cfg, now: h.clock, timeZone: tz });
    const daysAgo = (n: number) => new Date(h.clock - n * DAY).toISOString();
    const answer = (input: Record<string, unknown>) => h.store.followUps.answer(parseFollowUpArgument(input), { cfg: CFG, timeZone: tz });

    it('a shipped change logged 31 days ago is due; answering it reverted takes it off the queue and records the answer', () => {
      const shipped = add('shipped', { occurredAt: daysAgo(31) });
      add('shipped', { occurredAt: daysAgo(10) });
      add('note', { occurredAt: daysAgo(31) });
      assert.deepEqual(h.store.followUps.due(ctx()).map((d) => [d.entry.id, d.checkpoint]), [[shipped.id, 30]]);
      assert.equal(h.store.followUps.countDue(ctx()), 1);

      const f = answer({ id: shipped.id, outcome: 'reverted', evidence: 'https://git.example.com/acme/shop/commit/abc1234', note: 'Rolled back after the cache bug' });
      assert.equal(f.checkpoint, 30);
      assert.equal(h.store.followUps.countDue(ctx()), 0);
      assert.deepEqual(h.store.followUps.forEntry(shipped.id), [f]);
      assert.equal(f.answeredAt, new Date(h.clock).toISOString());
      h.clock += 200 * DAY;
      assert.equal(h.store.followUps.countDue(ctx()), 0, 'a reverted change is not asked again at 90 days');
    });

    it('finds the entry a revert names (context commit or commit link, full or abbreviated) while its follow-up is open, and not after', () => {
      const sha = 'abcdef0123456789abcdef0123456789abcdef01';
      const byContext = add('shipped', { occurredAt: daysAgo(5), context: { commit: sha.slice(0, 9) } });
      const byLink = add('problem', { occurredAt: daysAgo(4), links: [`https://github.com/acme/api/commit/${'1234567'.padEnd(40, 'f')}`] });
      add('note', { occurredAt: daysAgo(3), context: { commit: '7654321' } });
      assert.equal(h.store.followUps.pendingForCommit(sha)?.id, byContext.id, 'an abbreviated context commit');
      assert.equal(h.store.followUps.pendingForCommit(sha.slice(0, 7))?.id, byContext.id, 'an abbreviated sha in the revert');
      assert.equal(h.store.followUps.pendingForCommit('1234567ff')?.id, byLink.id);
      assert.equal(h.store.followUps.pendingForCommit('7654321'), undefined, 'a note is not followed up');
      assert.equal(h.store.followUps.pendingForCommit('abcdef09'), undefined, 'a different commit');
      assert.equal(h.store.followUps.pendingForCommit('not-hex'), undefined);
      answer({ id: byContext.id, outcome: 'reverted' });
      assert.equal(h.store.followUps.pendingForCommit(sha), undefined, 'already answered reverted');
      h.store.followUps.exclude(byLink.id);
      assert.equal(h.store.followUps.pendingForCommit('1234567ff'), undefined, 'excluded');
    });

    it('answering the same checkpoint again replaces the answer and keeps its id', () => {
      const e = add('problem', { occurredAt: daysAgo(40) });
      const first = answer({ id: e.id, outcome: 'unknown' });
      h.clock += 60_000;
      const second = answer({ id: e.id, outcome: 'held', checkpoint: 30 });
      assert.equal(second.id, first.id);
      assert.deepEqual(h.store.followUps.forEntry(e.id).map((f) => f.outcome), ['held']);
      assert.equal(rows('follow_ups'), 1);
    });

    it('refuses an answer for a missing entry, a note, or a non-incident link, and writes nothing', () => {
      const note = add('note', { occurredAt: daysAgo(40) });
      const shipped = add('shipped', { occurredAt: daysAgo(40) });
      assert.throws(() => answer({ id: MISSING, outcome: 'held' }), (err: unknown) => err instanceof StoreError && err.code === 'NOT_FOUND');
      assert.throws(() => answer({ id: note.id, outcome: 'held' }), (err: unknown) => err instanceof ValidationError && err.problems[0]?.field === 'id');
      assert.throws(() => answer({ id: shipped.id, outcome: 'caused-incident', incidentId: note.id }), (err: unknown) => err instanceof ValidationError && err.problems[0]?.field === 'incidentId');
      assert.equal(rows('follow_ups'), 0);
      const incident = add('incident', { occurredAt: daysAgo(35), role: 'caused' });
      assert.equal(answer({ id: shipped.id, outcome: 'caused-incident', incidentId: incident.id }).incidentId, incident.id);
    });

    it("a kept AI assist's answer fills its \"needed rework later?\"", () => {
      const ai = add('ai-assist', { occurredAt: daysAgo(31), verdict: 'accepted' });
      add('ai-assist', { occurredAt: daysAgo(31), verdict: 'discarded' });
      assert.deepEqual(h.store.followUps.due(ctx()).map((d) => d.entry.id), [ai.id]);
      answer({ id: ai.id, outcome: 'reverted' });
      assert.deepEqual((h.store.get(ai.id) as Extract<Entry, { kind: 'ai-assist' }>).fields, { verdict: 'accepted', rework: true });
      answer({ id: ai.id, outcome: 'held' });
      assert.deepEqual((h.store.get(ai.id) as Extract<Entry, { kind: 'ai-assist' }>).fields, { verdict: 'accepted', rework: false });
    });

    it('snoozing hides an entry until the start of the local day a week later; excluding hides it until re-included', () => {
      const e = add('shipped', { occurredAt: daysAgo(31) });
      const until = h.store.followUps.snooze(e.id, 7, tz);
      assert.equal(new Date(until).toISOString(), '2026-11-29T23:00:00.000Z');
      assert.equal(h.store.followUps.countDue(ctx()), 0);
      h.clock = until - 1;
      assert.equal(h.store.followUps.countDue(ctx()), 0);
      h.clock = until;
      assert.equal(h.store.followUps.countDue(ctx()), 1);
      h.store.followUps.exclude(e.id);
      assert.equal(h.store.followUps.countDue(ctx()), 0);
      assert.equal(h.store.followUps.stateOf(e.id)?.excluded, true);
      h.store.followUps.exclude(e.id, false);
      assert.equal(h.store.followUps.countDue(ctx()), 1);
      assert.throws(() => h.store.followUps.snooze(MISSING, 7, tz), (err: unknown) => err instanceof StoreError && err.code === 'NOT_FOUND');
    });

    it('follows the settings: a kind turned off or the feature disabled has nothing due', () => {
      add('shipped', { occurredAt: daysAgo(31) });
      add('problem', { occurredAt: daysAgo(31) });
      assert.equal(h.store.followUps.countDue(ctx()), 2);
      assert.equal(h.store.followUps.countDue(ctx({ enabled: true, checkpoints: { ...DEFAULT_CHECKPOINTS, shipped: [] } })), 1);
      assert.equal(h.store.followUps.countDue(ctx({ enabled: false, checkpoints: DEFAULT_CHECKPOINTS })), 0);
      assert.deepEqual(h.store.followUps.due(ctx({ enabled: false, checkpoints: DEFAULT_CHECKPOINTS })), []);
    });

    it('soft delete hides an entry with its follow-ups, undo brings both back, purge removes them', () => {
      const a = add('shipped', { occurredAt: daysAgo(31) });
      const b = add('shipped', { occurredAt: daysAgo(32) });
      answer({ id: a.id, outcome: 'held' });
      h.store.followUps.exclude(a.id);
      h.clock += 1000;
      h.store.softDelete([a.id, b.id]);
      assert.deepEqual(h.store.followUps.forEntry(a.id), []);
      assert.deepEqual(h.store.followUps.list(), []);
      assert.deepEqual(h.store.followUps.listStates(), []);
      assert.equal(h.store.followUps.countDue(ctx()), 0);
      assert.throws(() => answer({ id: b.id, outcome: 'held' }), (err: unknown) => err instanceof StoreError && err.code === 'NOT_FOUND');
      assert.equal(h.store.followUps.list(undefined, true).length, 1, 'still there for an export of deleted entries');
      h.store.undoLastDelete();
      assert.deepEqual(h.store.followUps.forEntry(a.id).map((f) => f.outcome), ['held']);
      assert.equal(h.store.followUps.stateOf(a.id)?.excluded, true);
      assert.deepEqual(h.store.followUps.due(ctx()).map((d) => d.entry.id), [b.id]);
      h.clock += 1000;
      h.store.softDelete([a.id]);
      h.store.purgeDeleted(h.clock + 1);
      assert.equal(rows('follow_ups'), 0);
      assert.equal(rows('follow_up_state'), 0);
    });

    it('undo restores exactly the last deletion with its follow-ups, even when two fall in the same millisecond', () => {
      const a = add('shipped', { occurredAt: daysAgo(31) });
      const b = add('shipped', { occurredAt: daysAgo(32) });
      answer({ id: a.id, outcome: 'reverted', note: 'first deletion' });
      answer({ id: b.id, outcome: 'held' });
      h.store.followUps.snooze(b.id, 7, tz);
      h.clock += 1000;
      // Same h.clock for both deletions: only their ids tell them apart.
      h.store.softDelete([a.id]);
      h.store.softDelete([b.id]);
      assert.deepEqual(h.store.followUps.list(), []);
      assert.deepEqual(h.store.undoLastDelete(), [b.id]);
      assert.deepEqual(h.store.followUps.list().map((f) => [f.entryId, f.outcome]), [[b.id, 'held']]);
      assert.notEqual(h.store.followUps.stateOf(b.id)?.snoozedUntil ?? null, null, 'the snooze came back too');
      assert.deepEqual(h.store.followUps.forEntry(a.id), [], 'the earlier deletion stays deleted, its answer hidden');
      assert.deepEqual(h.store.undoLastDelete(), [a.id]);
      assert.deepEqual(h.store.followUps.forEntry(a.id).map((f) => [f.outcome, f.note]), [['reverted', 'first deletion']]);
    });

    it('the due queue is exactly what the domain rule says, over a varied log in two time zones', () => {
      const r = rng(7);
      const kinds: KindId[] = ['shipped', 'problem', 'ai-assist', 'note', 'incident'];
      const entries: Entry[] = [];
      for (let i = 0; i < 400; i++) {
        const kind = kinds[Math.floor(r() * kinds.length)]!;
        const verdict = ['accepted', 'adapted', 'discarded', undefined][Math.floor(r() * 4)];
        entries.push(add(kind, { occurredAt: new Date(h.clock - Math.floor(r() * 260 * DAY)).toISOString(), ...(kind === 'ai-assist' && verdict ? { verdict } : {}) }));
      }
      const answers = new Map<string, { checkpoint: number; outcome: (typeof OUTCOMES)[number] }[]>();
      const states = new Map<string, Pick<FollowUpState, 'excluded' | 'snoozedUntil'>>();
      for (const e of entries) {
        if (!['shipped', 'problem'].includes(e.kind) && !(e.kind === 'ai-assist' && ['accepted', 'adapted'].includes(String((e.fields as { verdict?: string }).verdict)))) continue;
        const x = r();
        if (x < 0.3) {
          const outcome = OUTCOMES[Math.floor(r() * OUTCOMES.length)]!;
          const checkpoint = e.kind === 'ai-assist' || r() < 0.5 ? 30 : 90;
          answer({ id: e.id, outcome, checkpoint });
          answers.set(e.id, [{ checkpoint, outcome }]);
        } else if (x < 0.4) {
          h.store.followUps.exclude(e.id);
          states.set(e.id, { excluded: true, snoozedUntil: null });
        } else if (x < 0.5) {
          const until = h.store.followUps.snooze(e.id, 1 + Math.floor(r() * 10), tz);
          states.set(e.id, { excluded: false, snoozedUntil: new Date(until).toISOString() });
        }
      }
      const deleted = entries.filter((_, i) => i % 37 === 0).map((e) => e.id);
      h.store.softDelete(deleted);
      const live = entries.map((e) => (deleted.includes(e.id) ? { ...e, deletedAt: new Date(h.clock).toISOString() } : e));
      for (const timeZone of [tz, 'America/Los_Angeles']) {
        for (const later of [0, 3, 45]) {
          const c: DueContext = { cfg: CFG, now: h.clock + later * DAY, timeZone };
          const expected = live
            .map((e) => dueCheckpoint(e, answers.get(e.id) ?? [], states.get(e.id), c))
            .filter((d) => d !== undefined)
            .map((d) => `${d.entryId}@${d.checkpoint}@${d.dueAt}`)
            .sort();
          const page = h.store.followUps.due(c, 10_000);
          const actual = page.map((d) => `${d.entry.id}@${d.checkpoint}@${d.dueAt}`).sort();
          const order = page.map((d) => Date.parse(d.entry.occurredAt) + d.checkpoint * DAY);
          assert.deepEqual(order, [...order].sort((a, b) => a - b), 'longest due first');
          assert.deepEqual(h.store.followUps.due(c, 5), page.slice(0, 5), 'a page is the start of the queue');
          assert.ok(expected.length > 5, 'the log has entries due');
          assert.deepEqual(actual, expected, `${timeZone} +${later} days`);
          assert.equal(h.store.followUps.countDue(c), expected.length);
        }
      }
    });

    it('the due query reads only its covering index and the follow-up indexes, never a table', () => {
      add('shipped', { occurredAt: daysAgo(31) });
      add('ai-assist', { occurredAt: daysAgo(31), verdict: 'accepted' });
      const { db } = openDb(h.store.path, { prefer: engine });
      try {
        // One range of the h.store's due query per kind (src/storage/followUps.ts), for a plain kind and an AI assist.
        for (const kept of ['', ` AND (CASE WHEN json_valid(e.fields) THEN json_extract(e.fields, '$.verdict') END) IN ('accepted', 'adapted')`]) {
          const plan = db
            .prepare(
              `EXPLAIN QUERY PLAN SELECT 30 AS due_checkpoint, e.id AS id, e.occurred_at AS occurred_at FROM entries e INDEXED BY entries_follow_up_due
                WHERE e.kind = 'shipped' AND e.deleted_at IS NULL AND e.occurred_at >= 0 AND e.occurred_at < 1${kept}
                AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.entry_id = e.id AND (f.checkpoint >= 30 OR f.outcome IN ('reverted')))
                AND NOT EXISTS (SELECT 1 FROM follow_up_state s WHERE s.entry_id = e.id AND (s.excluded = 1 OR coalesce(s.snoozed_until, 0) > 0))`,
            )
            .all()
            .map((row) => String(row.detail));
          assert.ok(plan.some((d) => /COVERING INDEX entries_follow_up_due/.test(d)), plan.join('\n'));
          assert.ok(plan.every((d) => !/^SCAN /.test(d)), plan.join('\n'));
        }
      } finally {
        db.close();
      }
    });

    it('an entry whose fields a hand edit broke does not break the due queue', () => {
      const e = add('ai-assist', { occurredAt: daysAgo(31), verdict: 'accepted' });
      const { db } = openDb(h.store.path, { prefer: engine });
      try {
        db.exec(`UPDATE entries SET fields = '{broken' WHERE id = '${e.id}'`);
      } finally {
        db.close();
      }
      assert.equal(h.store.followUps.countDue(ctx()), 0);
    });

    it('imports answers and states by id idempotently: new added, later replaces, the rest skipped', () => {
      const a = add('shipped', { occurredAt: daysAgo(40) });
      const b = add('problem', { occurredAt: daysAgo(40) });
      const mine = answer({ id: a.id, outcome: 'unknown' });
      const later = new Date(h.clock + 60_000).toISOString();
      const incoming = [
        { ...mine, outcome: 'held' as const, answeredAt: later },
        { id: '11111111-1111-4111-8111-111111111111', entryId: b.id, checkpoint: 30, outcome: 'reverted' as const, answeredAt: later, evidence: 'https://ci.example.com/r/1' },
        { id: '22222222-2222-4222-8222-222222222222', entryId: MISSING, checkpoint: 30, outcome: 'held' as const, answeredAt: later },
      ];
      const states: FollowUpState[] = [{ entryId: b.id, excluded: true, snoozedUntil: null, updatedAt: later }];
      assert.deepEqual(h.store.followUps.importAll(incoming, states), { added: 2, updated: 1, skipped: 1 });
      assert.deepEqual(h.store.followUps.importAll(incoming, states), { added: 0, updated: 0, skipped: 4 }, 'the same file again changes nothing');
      assert.deepEqual(h.store.followUps.forEntry(a.id).map((f) => f.outcome), ['held']);
      assert.deepEqual(h.store.followUps.forEntry(b.id), [incoming[1]]);
      assert.equal(h.store.followUps.stateOf(b.id)?.excluded, true);
      // Another machine's answer for the same entry and checkpoint, under another id: the later one stands.
      const rival = { id: '33333333-3333-4333-8333-333333333333', entryId: a.id, checkpoint: 30, outcome: 'superseded' as const, answeredAt: new Date(h.clock + 120_000).toISOString() };
      assert.deepEqual(h.store.followUps.importAll([rival], []), { added: 0, updated: 1, skipped: 0 });
      assert.deepEqual(h.store.followUps.forEntry(a.id), [rival]);
    });

    it("gives the summary a range's answers and the incidents they link, even outside the range", () => {
      const incident = add('incident', { occurredAt: daysAgo(5), role: 'caused', title: 'Outage' });
      const shipped = add('shipped', { occurredAt: daysAgo(40) });
      const other = add('shipped', { occurredAt: daysAgo(100) });
      answer({ id: shipped.id, outcome: 'caused-incident', incidentId: incident.id });
      answer({ id: other.id, outcome: 'held' });
      const input = h.store.followUps.summaryInput({ from: h.clock - 60 * DAY, to: h.clock - 20 * DAY }, DEFAULT_CHECKPOINTS);
      assert.deepEqual(input.answers.map((a) => a.entryId), [shipped.id]);
      assert.deepEqual(input.linked?.map((e) => e.title), ['Outage']);
    });

    it('restoring a backup brings its follow-ups back with its entries', async () => {
      const a = add('shipped', { occurredAt: daysAgo(40) });
      answer({ id: a.id, outcome: 'held' });
      h.store.followUps.exclude(a.id);
      const folder = join(h.dir, 'backups');
      const backup = join(folder, 'impact-log-manual-x.sqlite');
      await h.store.backupTo(backup);
      h.clock += 60_000;
      answer({ id: a.id, outcome: 'reverted' });
      h.store.followUps.exclude(a.id, false);
      await restoreBackup(h.store, { backupPath: backup, folder, now: h.clock });
      assert.deepEqual(h.store.followUps.forEntry(a.id).map((f) => f.outcome), ['held']);
      assert.equal(h.store.followUps.stateOf(a.id)?.excluded, true);
    });
  });
}

describe('schema version from the file header', () => {
  it('reads the version without opening the file, and says when opening will migrate', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'log.sqlite');
      assert.equal(headerSchemaVersion(path), undefined, 'no file');
      assert.equal(willMigrate(path), false, 'a new file is created, not migrated');
      const store = await EntryStore.open({ path, migrations: MIGRATIONS.slice(0, 1) });
      store.close();
      assert.equal(headerSchemaVersion(path), 1);
      assert.equal(willMigrate(path), LATEST_VERSION > 1);
      const upgraded = await EntryStore.open({ path, backupDir: join(tmp.dir, 'b') });
      upgraded.close();
      assert.equal(headerSchemaVersion(path), LATEST_VERSION);
      assert.equal(willMigrate(path), false);
    } finally {
      tmp.cleanup();
    }
  });
});
