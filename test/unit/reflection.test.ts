import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseTestNow, reflectionDue, type ReflectionSettings, slotInWeek, snoozeUntilMonday, weekKey } from '../../src/domain/reflection';
import { EntryStore } from '../../src/storage';
import { readState, updateState } from '../../src/ui/reflection/state';
import { tempDir } from './support/tmp';

/** The weekly reflection's schedule as a pure function of (now, settings, what was recorded). Local time. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const FRIDAY_4PM: ReflectionSettings = { enabled: true, day: 'friday', time: '16:00' };
// 2026-12-04 is a Friday; its week starts Monday 2026-11-30.

describe('weekly reflection schedule', () => {
  it('is due from the week’s day and time, not before; before, it says when to look again', () => {
    assert.deepEqual(reflectionDue(at(2026, 12, 4, 15, 59), FRIDAY_4PM, {}), { due: false, next: at(2026, 12, 4, 16) });
    assert.deepEqual(reflectionDue(at(2026, 12, 4, 16), FRIDAY_4PM, {}), { due: true, week: '2026-11-30' });
    assert.deepEqual(reflectionDue(at(2026, 12, 1, 9), FRIDAY_4PM, {}), { due: false, next: at(2026, 12, 4, 16) });
  });

  it('shows once a week: after it was shown (in any window) nothing until next week’s slot', () => {
    const state = { shownWeek: weekKey(at(2026, 12, 4, 16)) };
    assert.deepEqual(reflectionDue(at(2026, 12, 4, 16, 5), FRIDAY_4PM, state), { due: false, next: at(2026, 12, 11, 16) });
    assert.deepEqual(reflectionDue(at(2026, 12, 6, 23), FRIDAY_4PM, state), { due: false, next: at(2026, 12, 11, 16) });
    assert.equal(reflectionDue(at(2026, 12, 11, 16), FRIDAY_4PM, state).due, true, 'next Friday it is due again');
  });

  it('opened after the slot (VS Code was closed on Friday), it shows at once — on Sunday too', () => {
    assert.deepEqual(reflectionDue(at(2026, 12, 6, 10), FRIDAY_4PM, {}), { due: true, week: '2026-11-30' });
  });

  it('shows nothing in a week the user already reviewed', () => {
    assert.equal(reflectionDue(at(2026, 12, 4, 17), FRIDAY_4PM, { reviewedWeek: '2026-11-30' }).due, false);
  });

  it('snoozed until Monday, it shows on Monday at the same time of day, as that week’s one notification', () => {
    const until = snoozeUntilMonday(at(2026, 12, 4, 16, 1), FRIDAY_4PM);
    assert.equal(until, at(2026, 12, 7, 16));
    const state = { shownWeek: '2026-11-30', snoozedUntil: until };
    assert.deepEqual(reflectionDue(at(2026, 12, 5, 9), FRIDAY_4PM, state), { due: false, next: until });
    assert.deepEqual(reflectionDue(at(2026, 12, 7, 15), FRIDAY_4PM, state), { due: false, next: until });
    assert.deepEqual(reflectionDue(at(2026, 12, 7, 16), FRIDAY_4PM, state), { due: true, week: '2026-12-07' });
    assert.equal(reflectionDue(at(2026, 12, 11, 16), FRIDAY_4PM, { ...state, shownWeek: '2026-12-07' }).due, false, 'not again that Friday');
  });

  it('turned off, it is never due and needs no timer', () => {
    assert.deepEqual(reflectionDue(at(2026, 12, 4, 17), { ...FRIDAY_4PM, enabled: false }, {}), { due: false, next: undefined });
  });

  it('follows the day and time settings, Sunday being the end of the week', () => {
    assert.equal(slotInWeek(at(2026, 12, 2), { day: 'sunday', time: '9:30' }), at(2026, 12, 6, 9, 30));
    assert.equal(slotInWeek(at(2026, 12, 6, 23), { day: 'monday', time: '08:00' }), at(2026, 11, 30, 8));
    assert.equal(weekKey(at(2026, 12, 6, 23, 59)), '2026-11-30');
    assert.equal(weekKey(at(2026, 12, 7, 0, 0)), '2026-12-07');
  });
});

describe('weekly reflection claim (two windows on one log)', () => {
  it('only one window claims the week, in a write transaction; a reviewed week is never claimed', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'log.sqlite');
    const a = await EntryStore.open({ path });
    const b = await EntryStore.open({ path });
    try {
      const now = at(2026, 12, 4, 16, 1);
      const claim = (store: EntryStore) => updateState(store, (st) => (reflectionDue(now, FRIDAY_4PM, st).due ? { ...st, shownWeek: weekKey(now) } : undefined));
      assert.deepEqual([claim(a), claim(b)], [true, false]);
      assert.equal(readState(b).shownWeek, '2026-11-30');
      updateState(a, (st) => ({ ...st, reviewedWeek: weekKey(at(2026, 12, 8)) }));
      const later = at(2026, 12, 11, 16, 30);
      assert.equal(updateState(b, (st) => (reflectionDue(later, FRIDAY_4PM, st).due ? { ...st, shownWeek: weekKey(later) } : undefined)), false, 'reviewed that week already');
    } finally {
      a.close();
      b.close();
      tmp.cleanup();
    }
  });
});

describe('the reflection clock test hook (IMPACT_LOG_TEST_NOW)', () => {
  it('is ignored unless set: unset or blank gives the real clock', () => {
    assert.equal(parseTestNow(undefined), undefined);
    assert.equal(parseTestNow('  '), undefined);
  });

  it('reads an ISO 8601 date and time: local without an offset, UTC with Z, or with an offset', () => {
    assert.deepEqual(parseTestNow('2026-12-04T15:59:45'), { now: at(2026, 12, 4, 15, 59) + 45_000 });
    assert.deepEqual(parseTestNow('2026-12-04T15:59'), { now: at(2026, 12, 4, 15, 59) });
    assert.deepEqual(parseTestNow('2026-12-04T15:59:45.250Z'), { now: Date.UTC(2026, 11, 4, 15, 59, 45, 250) });
    assert.deepEqual(parseTestNow('2026-12-04T16:00:00+01:00'), { now: Date.UTC(2026, 11, 4, 15) });
  });

  it('names the variable and the problem for anything else', () => {
    for (const bad of ['tomorrow', '2026-12-04', '1733327985000', '2026-13-40T25:00:00', '2026-12-04 16:00']) {
      const r = parseTestNow(bad);
      assert.ok(r && 'problem' in r, `${bad} was accepted`);
      assert.match(r.problem, /^IMPACT_LOG_TEST_NOW (must be an ISO 8601 date and time|is not a date and time that exists)/);
    }
  });
});
