import assert from 'node:assert/strict';
import { parseNewEntry, parsePatch, ValidationError } from '../../src/domain';
import { decideLog } from '../../src/domain/commandArgs';
import { CAUSED_BY_DAYS, causedByItems, causedByRange, planSteps } from '../../src/domain/flow';
import { DEFAULT_CHECKPOINTS, type FollowUpConfig } from '../../src/domain/followUps';
import { openDb } from '../../src/storage';
import { ENGINES } from './support/tmp';
import { useClockedStore } from './support/clockedStore';

const CFG: FollowUpConfig = { enabled: true, checkpoints: DEFAULT_CHECKPOINTS };
const DAY = 86_400_000;
const MISSING = '00000000-0000-4000-8000-00000000dead';

describe('incident caused by a change: the flow step and the argument', () => {
  const plan = (answers: Record<string, unknown>) =>
    planSteps({ kind: 'incident', kindFixed: true, answers: { title: 'Checkout down', ...answers }, given: new Set(['title']), more: undefined }).map((s) => (s.id === 'field' ? s.field.key : s.id));

  it('asks "Which change caused it?" right after the role only when the role is caused', () => {
    assert.deepEqual(plan({ role: 'caused' }), ['role', 'causedBy', 'minutesToMitigate', 'finish']);
    assert.deepEqual(plan({ role: 'handled' }), ['role', 'minutesToMitigate', 'finish']);
    assert.deepEqual(plan({}), ['role', 'minutesToMitigate', 'finish']);
  });

  it('lists the changes newest first with dates, then "None of these"; Enter takes the first change', () => {
    const { items, active } = causedByItems(
      [
        { id: 'a', title: 'Older', occurredAt: '2026-11-01T10:00:00.000Z' },
        { id: 'b', title: 'Newer', occurredAt: '2026-11-20T10:00:00.000Z' },
      ],
      undefined,
    );
    assert.deepEqual(items.map((i) => i.value), ['b', 'a', undefined]);
    assert.match(items[0]!.label, /Newer/);
    assert.match(items[0]!.description ?? '', /2026|Nov/);
    assert.match(items[2]!.label, /None of these/);
    assert.equal(active, 0);
    assert.equal(causedByItems([{ id: 'a', title: 'Older', occurredAt: '2026-11-01T10:00:00.000Z' }], 'a').active, 0);
    assert.equal(causedByItems([], undefined).items.length, 1, 'with no change shipped only "None of these" is listed');
  });

  it('the range is the last 30 days', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const r = causedByRange(now);
    assert.equal(r.from, now - CAUSED_BY_DAYS * DAY);
    assert.ok(r.to > now);
  });

  it('a causedBy that is not a UUID is refused naming the field, on the kind command and on impactLog.log', () => {
    for (const [kind, given] of [
      ['incident', { title: 'Down', role: 'caused', causedBy: 'abc' }],
      [undefined, { kind: 'incident', title: 'Down', role: 'caused', causedBy: 42 }],
    ] as const) {
      const d = decideLog(kind, given);
      assert.equal(d.action, 'refuse');
      if (d.action === 'refuse') assert.ok(d.error.problems.some((p) => p.field === 'causedBy'), JSON.stringify(d.error.problems));
    }
    assert.notEqual(decideLog('incident', { title: 'Down', role: 'caused', causedBy: MISSING }).action, 'refuse');
  });
});

for (const engine of ENGINES) {
  describe(`logging an incident caused by a change, one transaction (${engine})`, () => {
    const h = useClockedStore(engine);
    const { add, rows: count } = h;
    const opts = { cfg: CFG, timeZone: 'Europe/Berlin' };
    const incident = (fields: Record<string, unknown>) => parseNewEntry('incident', { title: 'Checkout down', ...fields }, h.clock);

    it('an edit that gives an incident its cause answers the change caused-incident in the same transaction', () => {
      const shipped = add('shipped', { occurredAt: new Date(h.clock - 5 * DAY).toISOString() });
      const other = add('shipped', { occurredAt: new Date(h.clock - 3 * DAY).toISOString() });
      const inc = h.store.add(incident({ role: 'caused' }));
      const patch = (fields: Record<string, unknown>) => parsePatch('incident', fields);
      const { entry, followUp } = h.store.followUps.updateEntry(inc.id, patch({ causedBy: shipped.id }), opts);
      assert.equal((entry.fields as { causedBy?: string }).causedBy, shipped.id);
      assert.deepEqual([followUp?.outcome, followUp?.incidentId], ['caused-incident', inc.id]);
      assert.deepEqual(h.store.followUps.forEntry(shipped.id).map((f) => [f.outcome, f.incidentId]), [['caused-incident', inc.id]]);
      // The same cause again answers nothing more; another cause answers that change too (the first answer stays).
      assert.equal(h.store.followUps.updateEntry(inc.id, parsePatch('incident', { title: 'Checkout down (renamed)' }), opts).followUp, undefined);
      assert.equal(count('follow_ups'), 1);
      h.store.followUps.updateEntry(inc.id, patch({ causedBy: other.id }), opts);
      assert.deepEqual(h.store.followUps.forEntry(other.id).map((f) => f.outcome), ['caused-incident']);
      assert.equal(count('follow_ups'), 2);
    });

    it('an edit with a cause that is refused writes neither the edit nor an answer', () => {
      const note = add('note', {});
      const shipped = add('shipped', {});
      const inc = h.store.add(incident({ role: 'caused' }));
      const handled = h.store.add(incident({ role: 'handled' }));
      for (const [id, causedBy] of [[inc.id, note.id], [inc.id, MISSING], [handled.id, shipped.id]] as const) {
        assert.throws(() => h.store.followUps.updateEntry(id, parsePatch('incident', { causedBy }), opts), (err: unknown) => err instanceof ValidationError && err.problems[0]?.field === 'causedBy');
        assert.equal((h.store.get(id)?.fields as { causedBy?: string }).causedBy, undefined, 'the edit was written');
      }
      assert.equal(count('follow_ups'), 0);
    });

    it('writes the incident and answers the change caused-incident with its id', () => {
      const shipped = add('shipped', { occurredAt: new Date(h.clock - 5 * DAY).toISOString() });
      const { incident: inc, followUp } = h.store.followUps.addIncident(incident({ role: 'caused', causedBy: shipped.id }), opts);
      assert.equal(h.store.get(inc.id)?.kind, 'incident');
      assert.equal((h.store.get(inc.id)?.fields as { causedBy?: string }).causedBy, shipped.id);
      const answers = h.store.followUps.forEntry(shipped.id);
      assert.equal(answers.length, 1);
      assert.equal(answers[0]!.outcome, 'caused-incident');
      assert.equal(answers[0]!.incidentId, inc.id);
      assert.equal(answers[0]!.checkpoint, 30, 'not yet due: the next checkpoint');
      assert.deepEqual(followUp, answers[0]);
    });

    it('a causedBy that is missing, deleted or not a change shipped is refused naming the field, and nothing is written', () => {
      const note = add('note', {});
      const gone = add('shipped', {});
      h.store.softDelete([gone.id]);
      const before = { entries: count('entries'), followUps: count('follow_ups') };
      for (const id of [MISSING, note.id, gone.id]) {
        assert.throws(
          () => h.store.followUps.addIncident(incident({ role: 'caused', causedBy: id }), opts),
          (e: unknown) => e instanceof ValidationError && e.problems.some((p) => p.field === 'causedBy'),
        );
      }
      const shipped = add('shipped', {});
      assert.throws(() => h.store.followUps.addIncident(incident({ role: 'handled', causedBy: shipped.id }), opts), /causedBy/);
      assert.deepEqual({ entries: count('entries') - 1, followUps: count('follow_ups') }, before);
    });

    it('when the answer cannot be written the incident is not written either', () => {
      const shipped = add('shipped', {});
      const entries = count('entries');
      // The follow-up write fails inside the transaction (its table is gone): the incident is rolled back with it.
      const { db } = openDb(h.store.path, { prefer: engine });
      try {
        db.exec('DROP TABLE follow_ups');
      } finally {
        db.close();
      }
      assert.throws(() => h.store.followUps.addIncident(incident({ role: 'caused', causedBy: shipped.id }), opts));
      assert.equal(count('entries'), entries);
    });

    it('deleting the incident keeps the answer (the user\'s own), undo brings the evidence back', () => {
      const shipped = add('shipped', {});
      const { incident: inc } = h.store.followUps.addIncident(incident({ role: 'caused', causedBy: shipped.id }), opts);
      h.store.softDelete([inc.id]);
      assert.equal(h.store.followUps.forEntry(shipped.id)[0]?.outcome, 'caused-incident');
      const range = { from: h.clock - DAY, to: h.clock + DAY };
      assert.equal(h.store.followUps.summaryInput(range, CFG.checkpoints).linked?.length ?? 0, 0);
      h.store.undoDelete([inc.id]);
      assert.equal(h.store.followUps.summaryInput(range, CFG.checkpoints).linked?.[0]?.id, inc.id);
    });
  });
}
