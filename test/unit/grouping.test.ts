import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupOf, MAX_TIME, MIN_TIME, type PeriodGroup, periodGroups, type Weekday } from '../../src/domain/grouping';
import { inZone } from './support/timeZone';

const iso = (s: string) => Date.parse(s);
const byId = (groups: PeriodGroup[], id: string) => {
  const g = groups.find((x) => x.id === id);
  assert.ok(g, `expected a group ${id}, got ${groups.map((x) => x.id).join(', ')}`);
  return g;
};
const range = (g: PeriodGroup) => [new Date(g.from).toISOString(), new Date(g.to).toISOString()];
const HOUR = 3_600_000;

/** Groups are newest first, non-empty and leave no gap: each ends where the previous one starts. */
function assertContiguous(groups: PeriodGroup[]): void {
  assert.equal(groups[0]!.to, MAX_TIME);
  for (let i = 0; i < groups.length; i++) {
    assert.ok(groups[i]!.from < groups[i]!.to, `${groups[i]!.id} is empty`);
    if (i > 0) assert.equal(groups[i]!.to, groups[i - 1]!.from, `${groups[i]!.id} does not end where ${groups[i - 1]!.id} starts`);
  }
  assert.equal(new Set(groups.map((g) => g.id)).size, groups.length, 'ids are unique');
}

describe('period groups (timeline grouping)', () => {
  it('on a Wednesday in Berlin: Today, Yesterday, This week (Monday), Last week, the rest of the month, earlier months, years', () => {
    inZone('Europe/Berlin', () => {
      const now = iso('2026-11-18T10:00:00+01:00');
      const groups = periodGroups(now, { earliest: iso('2024-05-01T12:00:00Z') });
      assertContiguous(groups);
      assert.deepEqual(groups.map((g) => g.label), [
        'Upcoming', 'Today', 'Yesterday', 'This week', 'Last week', 'Earlier this month',
        'October', 'September', 'August', 'July', 'June', 'May', 'April', 'March', 'February', 'January', '2025', '2024',
      ]);
      assert.deepEqual(range(byId(groups, 'today')), ['2026-11-17T23:00:00.000Z', '2026-11-18T23:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'yesterday')), ['2026-11-16T23:00:00.000Z', '2026-11-17T23:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'this-week')), ['2026-11-15T23:00:00.000Z', '2026-11-16T23:00:00.000Z'], 'Monday only');
      assert.deepEqual(range(byId(groups, 'last-week')), ['2026-11-08T23:00:00.000Z', '2026-11-15T23:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'month-2026-11')), ['2026-10-31T23:00:00.000Z', '2026-11-08T23:00:00.000Z']);
      // October has 25 hours on its last Sunday; its range still runs midnight to midnight, local time.
      assert.deepEqual(range(byId(groups, 'month-2026-10')), ['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'year-2024')), ['2023-12-31T23:00:00.000Z', '2024-12-31T23:00:00.000Z']);
    });
  });

  it('on a Monday there is no "This week" yet: Yesterday (Sunday) belongs to last week', () => {
    inZone('UTC', () => {
      const groups = periodGroups(iso('2026-11-16T08:00:00Z'));
      assert.equal(groups.find((g) => g.id === 'this-week'), undefined);
      assert.deepEqual(range(byId(groups, 'yesterday')), ['2026-11-15T00:00:00.000Z', '2026-11-16T00:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'last-week')), ['2026-11-09T00:00:00.000Z', '2026-11-15T00:00:00.000Z']);
    });
  });

  it('the week start is a parameter: with Sunday-first weeks, Wednesday\'s week began on Sunday', () => {
    inZone('UTC', () => {
      const now = iso('2026-11-18T08:00:00Z');
      const sunday = periodGroups(now, { weekStartsOn: 0 });
      assert.deepEqual(range(byId(sunday, 'this-week')), ['2026-11-15T00:00:00.000Z', '2026-11-17T00:00:00.000Z']);
      assert.deepEqual(range(byId(sunday, 'last-week')), ['2026-11-08T00:00:00.000Z', '2026-11-15T00:00:00.000Z']);
      const saturday = periodGroups(now, { weekStartsOn: 6 });
      assert.deepEqual(range(byId(saturday, 'this-week')), ['2026-11-14T00:00:00.000Z', '2026-11-17T00:00:00.000Z']);
    });
  });

  it('a week that began last month: This week reaches back across the month boundary and "Earlier this month" is left out', () => {
    inZone('UTC', () => {
      const groups = periodGroups(iso('2026-12-02T09:00:00Z'));
      assert.deepEqual(range(byId(groups, 'this-week')), ['2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'last-week')), ['2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z']);
      assert.equal(groups.find((g) => g.id === 'month-2026-12'), undefined);
      const nov = byId(groups, 'month-2026-11');
      assert.equal(nov.label, 'November');
      assert.deepEqual(range(nov), ['2026-11-01T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
    });
  });

  it('early January: the weeks reach into last year, no month of this year is listed, and last year ends where last week starts', () => {
    inZone('America/New_York', () => {
      const groups = periodGroups(iso('2027-01-02T12:00:00-05:00'), { earliest: iso('2025-06-01T00:00:00Z') });
      assertContiguous(groups);
      assert.deepEqual(groups.map((g) => g.id), ['upcoming', 'today', 'yesterday', 'this-week', 'last-week', 'year-2026', 'year-2025']);
      assert.deepEqual(range(byId(groups, 'yesterday')), ['2027-01-01T05:00:00.000Z', '2027-01-02T05:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'this-week')), ['2026-12-28T05:00:00.000Z', '2027-01-01T05:00:00.000Z']);
      assert.deepEqual(range(byId(groups, 'year-2026')), ['2026-01-01T05:00:00.000Z', '2026-12-21T05:00:00.000Z']);
    });
  });

  it('on the day clocks go forward (Berlin) Today has 23 hours; on the day they go back, 25', () => {
    inZone('Europe/Berlin', () => {
      const spring = periodGroups(iso('2026-03-29T12:00:00+02:00'));
      const today = byId(spring, 'today');
      assert.deepEqual(range(today), ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
      assert.equal(today.to - today.from, 23 * HOUR);
      assert.equal(byId(spring, 'yesterday').to - byId(spring, 'yesterday').from, 24 * HOUR);
      // Sunday: the week began on Monday the 23rd at midnight, winter time.
      assert.equal(new Date(byId(spring, 'this-week').from).toISOString(), '2026-03-22T23:00:00.000Z');
      const autumn = byId(periodGroups(iso('2026-10-25T20:00:00+01:00')), 'today');
      assert.equal(autumn.to - autumn.from, 25 * HOUR);
    });
  });

  it('in New York just after the spring change, Yesterday (the change day) has 23 hours and Today starts at local midnight', () => {
    inZone('America/New_York', () => {
      const groups = periodGroups(iso('2026-03-09T00:30:00-04:00'));
      assert.deepEqual(range(byId(groups, 'today')), ['2026-03-09T04:00:00.000Z', '2026-03-10T04:00:00.000Z']);
      const y = byId(groups, 'yesterday');
      assert.deepEqual(range(y), ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
      assert.equal(y.to - y.from, 23 * HOUR);
    });
  });

  it('where a day has no midnight (São Paulo, 2018-11-04 began at 01:00), Today starts at the first moment of the day', () => {
    inZone('America/Sao_Paulo', () => {
      const today = byId(periodGroups(iso('2018-11-04T15:00:00-02:00')), 'today');
      assert.deepEqual(range(today), ['2018-11-04T03:00:00.000Z', '2018-11-05T02:00:00.000Z']);
      assert.equal(today.to - today.from, 23 * HOUR);
    });
  });

  it('the same instants fall into different groups in different time zones (UTC+14 and UTC−11)', () => {
    const now = iso('2026-11-18T11:00:00Z');
    const entry = iso('2026-11-18T10:30:00Z');
    // Kiritimati: now is Thursday 19 Nov 01:00 and the entry 00:30 the same day.
    assert.equal(inZone('Pacific/Kiritimati', () => groupOf(periodGroups(now), entry)?.id), 'today');
    // Pago Pago: now is Wednesday 18 Nov 00:00 and the entry Tuesday 23:30.
    assert.equal(inZone('Pacific/Pago_Pago', () => groupOf(periodGroups(now), entry)?.id), 'yesterday');
    // India (UTC+05:30): a half-hour offset moves the day boundary to 18:30 UTC.
    assert.equal(inZone('Asia/Kolkata', () => new Date(byId(periodGroups(now), 'today').from).toISOString()), '2026-11-17T18:30:00.000Z');
  });

  it('entries dated after today go to Upcoming', () => {
    inZone('UTC', () => {
      const groups = periodGroups(iso('2026-11-18T23:59:00Z'));
      assert.equal(groupOf(groups, iso('2026-11-19T00:00:00Z'))?.id, 'upcoming');
      assert.equal(groupOf(groups, iso('2026-11-18T23:59:59.999Z'))?.id, 'today');
    });
  });

  it('lists years back to the oldest entry only, and folds anything older than maxYears into one "Before" group', () => {
    inZone('UTC', () => {
      const now = iso('2026-06-10T12:00:00Z');
      assert.equal(periodGroups(now).some((g) => g.id.startsWith('year-')), false, 'no oldest entry known: no years');
      assert.equal(periodGroups(now, { earliest: iso('2026-02-01T00:00:00Z') }).some((g) => g.id.startsWith('year-')), false);
      const few = periodGroups(now, { earliest: iso('2023-12-31T23:59:59Z') });
      assert.deepEqual(few.filter((g) => g.id.startsWith('year-')).map((g) => g.label), ['2025', '2024', '2023']);
      assert.equal(few.at(-1)!.from, iso('2023-01-01T00:00:00Z'));
      const old = periodGroups(now, { earliest: iso('1950-03-01T00:00:00Z'), maxYears: 5 });
      assertContiguous(old);
      const last = old.at(-1)!;
      assert.equal(last.label, 'Before 2021');
      assert.deepEqual([last.from, last.to], [MIN_TIME, iso('2021-01-01T00:00:00Z')]);
      assert.equal(groupOf(old, iso('1950-03-01T00:00:00Z'))?.id, 'before-2021');
    });
  });

  it('a stable id and label for the same period on different days of it', () => {
    inZone('Europe/Berlin', () => {
      const a = byId(periodGroups(iso('2026-11-18T10:00:00+01:00')), 'month-2026-10');
      const b = byId(periodGroups(iso('2026-11-25T10:00:00+01:00')), 'month-2026-10');
      assert.deepEqual(a, b);
    });
  });

  describe('agrees with a calendar computed independently (Intl), in many time zones', () => {
    const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns'];
    const DAY = 86_400_000;

    /** Days since 1970-01-01 of the local calendar date of `t` in `tz`, and that date's year and month. */
    function localDay(t: number, tz: string): { n: number; y: number; m: number } {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(t);
      const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
      const [y, m, d] = [get('year'), get('month'), get('day')];
      return { n: Date.UTC(y, m - 1, d) / DAY, y, m };
    }

    function expectedId(now: number, t: number, tz: string, ws: Weekday): string {
      const a = localDay(now, tz);
      const b = localDay(t, tz);
      const weekday = (a.n + 4) % 7; // 1970-01-01 was a Thursday
      const weekStart = a.n - ((weekday - ws + 7) % 7);
      if (b.n > a.n) return 'upcoming';
      if (b.n === a.n) return 'today';
      if (b.n === a.n - 1) return 'yesterday';
      if (b.n >= weekStart) return 'this-week';
      if (b.n >= weekStart - 7) return 'last-week';
      if (b.y === a.y) return `month-${b.y}-${String(b.m).padStart(2, '0')}`;
      return `year-${b.y}`;
    }

    it('every instant lands in exactly the group its local calendar date says', () => {
      const start = Date.UTC(2000, 0, 1);
      const end = Date.UTC(2040, 0, 1);
      fc.assert(
        fc.property(
          fc.constantFrom(...ZONES),
          fc.integer({ min: start, max: end }),
          fc.oneof(fc.integer({ min: -40 * DAY, max: 2 * DAY }), fc.integer({ min: -3 * 365 * DAY, max: 0 })),
          fc.constantFrom<Weekday>(0, 1, 6),
          (tz, now, delta, ws) => {
            const t = now + delta;
            inZone(tz, () => {
              const groups = periodGroups(now, { weekStartsOn: ws, earliest: Math.min(t, now) });
              assertContiguous(groups);
              assert.equal(groupOf(groups, t)?.id, expectedId(now, t, tz, ws), `${tz} now=${new Date(now).toISOString()} t=${new Date(t).toISOString()} ws=${ws}`);
            });
          },
        ),
        { numRuns: 1500 },
      );
    });
  });
});
