import assert from 'node:assert/strict';
import { type Entry, parseNewEntry, ValidationError } from '../../src/domain';
import {
  answerCheckpoint,
  checkAnswer,
  checkpointsFor,
  DEFAULT_CHECKPOINTS,
  dueAt,
  dueCheckpoint,
  type DueContext,
  dueRanges,
  DUE_WINDOW_DAYS,
  type FollowUpConfig,
  latestAnswer,
  parseFollowUpArgument,
  reworkOf,
  snoozeUntil,
} from '../../src/domain/followUps';
import { parseSettings, SETTING_DEFAULTS } from '../../src/domain/settings';
import { dayNumberIn, startOfDayIn, zoneOffset } from '../../src/domain/zoned';

const CFG: FollowUpConfig = { enabled: true, checkpoints: DEFAULT_CHECKPOINTS };
const ID = '00000000-0000-4000-8000-000000000001';
const INCIDENT = '00000000-0000-4000-8000-000000000002';

function stored(kind: Entry['kind'], input: Record<string, unknown>): Entry {
  const e = parseNewEntry(kind, { title: 't', ...input });
  return { ...e, id: ID, createdAt: e.occurredAt, updatedAt: e.occurredAt, deletedAt: null };
}
const ctx = (now: string, timeZone: string, cfg: FollowUpConfig = CFG): DueContext => ({ cfg, now: Date.parse(now), timeZone });

describe('follow-ups: local days across time zones and DST', () => {
  it('a day starts at local midnight, also on the days the clocks change', () => {
    const berlin = 'Europe/Berlin';
    // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin; the day still starts at 00:00 CET.
    assert.equal(new Date(startOfDayIn(dayNumberIn(Date.parse('2026-03-29T12:00:00Z'), berlin), berlin)).toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(new Date(startOfDayIn(dayNumberIn(Date.parse('2026-03-30T12:00:00Z'), berlin), berlin)).toISOString(), '2026-03-29T22:00:00.000Z');
    // 2026-10-25: back from 03:00 to 02:00; midnight is still CEST.
    assert.equal(new Date(startOfDayIn(dayNumberIn(Date.parse('2026-10-25T12:00:00Z'), berlin), berlin)).toISOString(), '2026-10-24T22:00:00.000Z');
    // Santiago skips midnight on 2026-09-06 (00:00 becomes 01:00): the day starts at 01:00 local.
    const scl = 'America/Santiago';
    assert.equal(new Date(startOfDayIn(dayNumberIn(Date.parse('2026-09-06T15:00:00Z'), scl), scl)).toISOString(), '2026-09-06T04:00:00.000Z');
    // Half-hour zone, no DST.
    assert.equal(new Date(startOfDayIn(dayNumberIn(Date.parse('2026-05-01T12:00:00Z'), 'Asia/Kolkata'), 'Asia/Kolkata')).toISOString(), '2026-04-30T18:30:00.000Z');
  });

  it("the process's own zone (read through Date, fast) gives the same offsets and days as any other zone (read through Intl)", () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['America/Santiago', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/St_Johns']) {
        const instants = Array.from({ length: 800 }, (_, i) => Date.parse('2026-01-01T00:00:00Z') + i * 11 * 3_600_000 + i * 7 * 60_000);
        process.env.TZ = 'UTC';
        const viaIntl = instants.map((t) => [zoneOffset(t, zone), dayNumberIn(t, zone)]);
        process.env.TZ = zone;
        const viaDate = instants.map((t) => [zoneOffset(t, zone), dayNumberIn(t, zone)]);
        assert.deepEqual(viaDate, viaIntl, zone);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('a checkpoint falls due at the start of the local day N days later, not after N × 24 hours', () => {
    // Logged at 23:30 New York time on 2026-02-20 (04:30Z on the 21st); 30 local days later is 2026-03-22,
    // after the 2026-03-08 change to daylight time, so the day starts at 04:00Z.
    const ny = 'America/New_York';
    assert.equal(new Date(dueAt(Date.parse('2026-02-21T04:30:00Z'), 30, ny)).toISOString(), '2026-03-22T04:00:00.000Z');
    // The same instant is 2026-02-21 in Berlin, so there it falls due on 2026-03-23 (CET, 23:00Z before).
    assert.equal(new Date(dueAt(Date.parse('2026-02-21T04:30:00Z'), 30, 'Europe/Berlin')).toISOString(), '2026-03-22T23:00:00.000Z');
    // Auckland leaves daylight time on 2026-04-05.
    assert.equal(new Date(dueAt(Date.parse('2026-03-20T01:00:00Z'), 30, 'Pacific/Auckland')).toISOString(), '2026-04-18T12:00:00.000Z');
  });

  it('a shipped change logged 31 days ago is due at 30 days, and not the day before its checkpoint', () => {
    const e = stored('shipped', { occurredAt: '2026-10-01T10:00:00Z' });
    assert.deepEqual(dueCheckpoint(e, [], undefined, ctx('2026-11-01T10:00:00Z', 'UTC')), { entryId: ID, checkpoint: 30, dueAt: Date.parse('2026-10-31T00:00:00Z') });
    assert.equal(dueCheckpoint(e, [], undefined, ctx('2026-10-30T23:59:59Z', 'UTC')), undefined);
    // In Tokyo 2026-10-30T23:59:59Z is already 2026-10-31: due there.
    assert.equal(dueCheckpoint(e, [], undefined, ctx('2026-10-30T23:59:59Z', 'Asia/Tokyo'))?.checkpoint, 30);
  });

  it('crossing the autumn DST change keeps the calendar day: due at local midnight in New York', () => {
    const ny = 'America/New_York';
    const e = stored('problem', { occurredAt: '2026-10-15T14:00:00Z' }); // 10:00 EDT
    // 2026-11-14 00:00 EST = 05:00Z (an hour later in UTC than the EDT midnight of the day logged).
    assert.equal(dueCheckpoint(e, [], undefined, ctx('2026-11-14T04:59:59Z', ny)), undefined);
    assert.equal(dueCheckpoint(e, [], undefined, ctx('2026-11-14T05:00:00Z', ny))?.dueAt, Date.parse('2026-11-14T05:00:00Z'));
  });

  it('moves to the next checkpoint, stops after the due window, and is ended by a final answer', () => {
    const e = stored('shipped', { occurredAt: '2026-01-01T12:00:00Z' });
    const at = (d: string) => ctx(`${d}T12:00:00Z`, 'UTC');
    assert.equal(dueCheckpoint(e, [], undefined, at('2026-03-01'))?.checkpoint, 30, 'day 59: still the 30-day one');
    assert.equal(dueCheckpoint(e, [], undefined, at('2026-04-01'))?.checkpoint, 90, 'day 90');
    assert.equal(dueCheckpoint(e, [{ checkpoint: 30, outcome: 'held' }], undefined, at('2026-02-15')), undefined, 'answered at 30');
    assert.equal(dueCheckpoint(e, [{ checkpoint: 30, outcome: 'held' }], undefined, at('2026-04-01'))?.checkpoint, 90, 'held at 30 is asked again at 90');
    assert.equal(dueCheckpoint(e, [{ checkpoint: 30, outcome: 'unknown' }], undefined, at('2026-04-01'))?.checkpoint, 90, 'unknown is asked again');
    assert.equal(dueCheckpoint(e, [{ checkpoint: 30, outcome: 'reverted' }], undefined, at('2026-04-01')), undefined, 'reverted ends it');
    assert.equal(dueCheckpoint(e, [{ checkpoint: 90, outcome: 'held' }], undefined, at('2026-04-01')), undefined);
    // 90 + DUE_WINDOW_DAYS days after 2026-01-01.
    const last = new Date(Date.parse('2026-01-01T12:00:00Z') + (90 + DUE_WINDOW_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const gone = new Date(Date.parse('2026-01-01T12:00:00Z') + (90 + DUE_WINDOW_DAYS) * 86_400_000).toISOString().slice(0, 10);
    assert.equal(dueCheckpoint(e, [], undefined, at(last))?.checkpoint, 90);
    assert.equal(dueCheckpoint(e, [], undefined, at(gone)), undefined, 'an old entry does not flood the queue');
  });

  it('follows the settings: [] turns a kind off, disabled turns all off, AI assists only when kept', () => {
    const shipped = stored('shipped', { occurredAt: '2026-01-01T12:00:00Z' });
    const now = '2026-02-05T12:00:00Z';
    assert.equal(dueCheckpoint(shipped, [], undefined, ctx(now, 'UTC', { enabled: true, checkpoints: { ...DEFAULT_CHECKPOINTS, shipped: [] } })), undefined);
    assert.equal(dueCheckpoint(shipped, [], undefined, ctx(now, 'UTC', { enabled: false, checkpoints: DEFAULT_CHECKPOINTS })), undefined);
    assert.equal(dueCheckpoint(shipped, [], undefined, ctx(now, 'UTC', { enabled: true, checkpoints: { ...DEFAULT_CHECKPOINTS, shipped: [7] } }))?.checkpoint, 7);
    for (const [verdict, due] of [['accepted', true], ['adapted', true], ['discarded', false], [undefined, false]] as const) {
      const ai = stored('ai-assist', { occurredAt: '2026-01-01T12:00:00Z', ...(verdict ? { verdict } : {}) });
      assert.equal(dueCheckpoint(ai, [], undefined, ctx(now, 'UTC')) !== undefined, due, String(verdict));
    }
    for (const kind of ['note', 'incident', 'review-catch'] as const) assert.deepEqual(checkpointsFor(stored(kind, {}), CFG), []);
  });

  it('an excluded or snoozed entry is not due; a snooze ends at the start of the local day', () => {
    const e = stored('shipped', { occurredAt: '2026-01-01T12:00:00Z' });
    const c = ctx('2026-02-05T12:00:00Z', 'Europe/Berlin');
    assert.equal(dueCheckpoint(e, [], { excluded: true, snoozedUntil: null }, c), undefined);
    const until = snoozeUntil(c.now, 7, 'Europe/Berlin');
    assert.equal(new Date(until).toISOString(), '2026-02-11T23:00:00.000Z');
    assert.equal(dueCheckpoint(e, [], { excluded: false, snoozedUntil: new Date(until).toISOString() }, c), undefined);
    assert.equal(dueCheckpoint(e, [], { excluded: false, snoozedUntil: new Date(until).toISOString() }, { ...c, now: until })?.checkpoint, 30);
  });

  it('due ranges give exactly the entries dueCheckpoint finds, in any zone', () => {
    for (const timeZone of ['UTC', 'America/New_York', 'Europe/Berlin', 'Pacific/Auckland', 'America/Santiago', 'Asia/Kolkata']) {
      const now = Date.parse('2026-11-01T03:30:00Z');
      const c: DueContext = { cfg: CFG, now, timeZone };
      const ranges = dueRanges(c);
      for (let h = 0; h < 24 * 200; h += 7) {
        const occurredAt = new Date(now - h * 3_600_000).toISOString();
        for (const kind of ['shipped', 'problem'] as const) {
          const e = stored(kind, { occurredAt });
          const expected = dueCheckpoint(e, [], undefined, c)?.checkpoint;
          const t = Date.parse(occurredAt);
          const hit = ranges.filter((r) => r.kind === kind && t >= r.from && t < r.to).map((r) => r.checkpoint);
          assert.deepEqual(hit, expected === undefined ? [] : [expected], `${timeZone} ${kind} ${occurredAt}`);
        }
      }
    }
  });

  it('an answer without a checkpoint goes to the one due, or the first to come', () => {
    const e = stored('shipped', { occurredAt: '2026-01-01T12:00:00Z' });
    assert.equal(answerCheckpoint(e, CFG, Date.parse('2026-01-05T12:00:00Z'), 'UTC'), 30);
    assert.equal(answerCheckpoint(e, CFG, Date.parse('2026-02-05T12:00:00Z'), 'UTC'), 30);
    assert.equal(answerCheckpoint(e, CFG, Date.parse('2026-06-05T12:00:00Z'), 'UTC'), 90);
  });

  it('the latest answer is the one at the latest checkpoint; rework follows the outcome', () => {
    const a = latestAnswer([
      { checkpoint: 90, answeredAt: '2026-04-01T00:00:00.000Z', outcome: 'held' },
      { checkpoint: 30, answeredAt: '2026-05-01T00:00:00.000Z', outcome: 'reverted' },
    ]);
    assert.equal(a?.outcome, 'held');
    assert.equal(reworkOf('held'), false);
    assert.equal(reworkOf('reverted'), true);
    assert.equal(reworkOf('caused-incident'), true);
    assert.equal(reworkOf('unknown'), undefined);
  });
});

describe('follow-ups: arguments and settings', () => {
  const refused = (input: unknown, field: string, problem: RegExp) =>
    assert.throws(
      () => parseFollowUpArgument(input),
      (err: unknown) => err instanceof ValidationError && err.problems.some((p) => p.field === field && problem.test(p.problem)),
    );

  it('accepts the contract argument and refuses a bad one naming the field', () => {
    assert.deepEqual(parseFollowUpArgument({ id: ID, outcome: 'reverted', note: ' rolled back ', evidence: 'https://git.example.com/c/1', incidentId: INCIDENT, checkpoint: 30 }), {
      id: ID, outcome: 'reverted', note: 'rolled back', evidence: 'https://git.example.com/c/1', incidentId: INCIDENT, checkpoint: 30,
    });
    refused({ id: 'nope', outcome: 'held' }, 'id', /UUID/);
    refused({ id: ID, outcome: 'fine' }, 'outcome', /one of: held, reverted, caused-incident, superseded, unknown/);
    refused({ id: ID, outcome: 'held', evidence: 'javascript:alert(1)' }, 'evidence', /http/);
    refused({ id: ID, outcome: 'held', checkpoint: 0 }, 'checkpoint', /at least 1/);
    refused({ id: ID, outcome: 'held', extra: 1 }, '', /unknown field/);
    refused({ outcome: 'held' }, 'id', /required/);
  });

  it('refuses an answer for an entry that is not followed up, or a link to a non-incident', () => {
    const ok = parseFollowUpArgument({ id: ID, outcome: 'caused-incident', incidentId: INCIDENT });
    const field = (f: string) => (err: unknown) => err instanceof ValidationError && err.problems[0]?.field === f;
    assert.throws(() => checkAnswer(stored('note', {}), undefined, { id: ID, outcome: 'held' }), field('id'));
    assert.throws(() => checkAnswer(stored('ai-assist', { verdict: 'discarded' }), undefined, { id: ID, outcome: 'held' }), field('id'));
    assert.throws(() => checkAnswer(stored('shipped', {}), undefined, ok), field('incidentId'));
    assert.throws(() => checkAnswer(stored('shipped', {}), stored('note', {}), ok), field('incidentId'));
    checkAnswer(stored('shipped', {}), stored('incident', {}), ok);
  });

  it('reads the checkpoint setting: missing kinds keep their default, [] turns one off, bad values fall back', () => {
    const read = (v: unknown) => parseSettings((k) => (k === 'followUps.checkpoints' ? v : undefined));
    assert.deepEqual(read(undefined).config['followUps.checkpoints'], DEFAULT_CHECKPOINTS);
    assert.deepEqual(read({ shipped: [90, 14, 14] }).config['followUps.checkpoints'], { shipped: [14, 90], problem: [30, 90], 'ai-assist': [30] });
    assert.deepEqual(read({ 'ai-assist': [] }).config['followUps.checkpoints']['ai-assist'], []);
    const bad = read({ shipped: [0] });
    assert.deepEqual(bad.config['followUps.checkpoints'], SETTING_DEFAULTS['followUps.checkpoints']);
    assert.match(bad.problems[0]?.problem ?? '', /shipped\[0\] must be at least 1/);
    assert.match(read({ incident: [30] }).problems[0]?.problem ?? '', /unknown field “incident”/);
  });
});
