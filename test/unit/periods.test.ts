import assert from 'node:assert/strict';
import { ValidationError } from '../../src/domain';
import { PERIOD_PRESETS, resolvePeriod, type PeriodPreset } from '../../src/domain/periods';
import { inTimeZone } from './support/timeZone';

/** Runs a block of tests with the process in a given time zone (the user's zone decides what "today" is). */
function inZone(zone: string, body: () => void): void {
  describe(`in ${zone}`, () => {
    inTimeZone(zone);
    body();
  });
}

/** 10:00 local time on a local date. */
const localMorning = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d, 10).getTime();
};
const range = (preset: PeriodPreset, today: string, fiscalYearStartMonth = 1, lastExport?: string) => {
  const r = resolvePeriod({ preset }, { now: localMorning(today), fiscalYearStartMonth, lastExportAt: lastExport ? localMorning(lastExport) : undefined });
  return {
    period: `${r.period.name}: ${r.period.fromDate}..${r.period.toDate}`,
    previous: `${r.previous.name}: ${r.previous.fromDate}..${r.previous.toDate}`,
    days: [r.period.days, r.previous.days],
    raw: r,
  };
};

describe('review periods', () => {
  inZone('America/Los_Angeles', () => {
    it('a whole last quarter across the new year, with the quarter before it', () => {
      const r = range('lastQuarter', '2026-01-15');
      assert.equal(r.period, 'Q4 FY2025: 2025-10-01..2025-12-31');
      assert.equal(r.previous, 'Q3 FY2025: 2025-07-01..2025-09-30');
      assert.equal(r.raw.period.label, 'Q4 FY2025 (2025-10-01 to 2025-12-31)');
    });

    it('the human label the summary heading uses', () => {
      assert.equal(range('lastHalf', '2027-01-10').raw.period.label, 'H2 FY2026 (2026-07-01 to 2026-12-31)');
    });

    it('this quarter runs to today and is compared with the same number of days of the previous quarter', () => {
      const r = range('thisQuarter', '2026-11-18');
      assert.equal(r.period, 'Q4 FY2026 to date: 2026-10-01..2026-11-18');
      assert.equal(r.previous, 'Q3 FY2026, first 49 days: 2026-07-01..2026-08-18');
      assert.deepEqual(r.days, [49, 49]);
    });

    it('on the last day of a quarter, "this quarter" is the whole quarter', () => {
      const r = range('thisQuarter', '2026-12-31');
      assert.equal(r.period, 'Q4 FY2026: 2026-10-01..2026-12-31');
      assert.equal(r.previous, 'Q3 FY2026: 2026-07-01..2026-09-30');
    });

    it('on the first day of a year, year to date is one day compared with the first day of last year', () => {
      const r = range('yearToDate', '2026-01-01');
      assert.equal(r.period, 'FY2026 to date: 2026-01-01..2026-01-01');
      assert.equal(r.previous, 'FY2025, first 1 day: 2025-01-01..2025-01-01');
    });

    it('a to-date comparison is clamped to the end of a shorter previous unit', () => {
      // Day 183 of H2 (184 days): H1 has only 181 days, so the comparison is all of H1.
      const r = range('thisHalf', '2026-12-30');
      assert.equal(r.period, 'H2 FY2026 to date: 2026-07-01..2026-12-30');
      assert.equal(r.previous, 'H1 FY2026: 2026-01-01..2026-06-30');
      assert.deepEqual(r.days, [183, 181]);
      // In a leap year H1 has 182 days: day 181 compares with the first 181 days of H2 before it.
      const leap = range('thisHalf', '2024-06-29');
      assert.equal(leap.previous, 'H2 FY2023, first 181 days: 2023-07-01..2023-12-28');
    });

    it('the last 12 months end today, and the 12 before them end the day before', () => {
      const r = range('last12Months', '2026-11-18');
      assert.equal(r.period, 'Last 12 months: 2025-11-19..2026-11-18');
      assert.equal(r.previous, 'the 12 months before: 2024-11-19..2025-11-18');
    });

    it('the last 12 months from a 29 February', () => {
      const r = range('last12Months', '2028-02-29');
      assert.equal(r.period, 'Last 12 months: 2027-03-01..2028-02-29');
      assert.equal(r.previous, 'the 12 months before: 2026-03-01..2027-02-28');
    });

    it('since last export starts on the day of the export and is compared with as many days before', () => {
      const r = range('sinceLastExport', '2026-11-18', 1, '2026-10-02');
      assert.equal(r.period, 'Since last export: 2026-10-02..2026-11-18');
      assert.equal(r.previous, 'previous 48 days: 2026-08-15..2026-10-01');
    });

    it('since last export without an earlier export is a clear error', () => {
      assert.throws(() => range('sinceLastExport', '2026-11-18'), (e: unknown) => e instanceof ValidationError && /no(ne| summary)|there is none/.test(e.message));
    });

    it('period bounds are local midnights, so an entry at 23:30 local on the last day is inside', () => {
      const r = range('lastQuarter', '2026-04-02').raw.period; // Q1 2026
      assert.equal(r.from, new Date(2026, 0, 1).getTime());
      assert.equal(r.to, new Date(2026, 3, 1).getTime());
      const lateOnLastDay = new Date(2026, 2, 31, 23, 30).getTime();
      assert.ok(lateOnLastDay >= r.from && lateOnLastDay < r.to);
      // Los Angeles switched to summer time on 8 March 2026: the quarter is one hour short of 90 × 24 h.
      assert.equal(r.to - r.from, 90 * 86_400_000 - 3_600_000);
    });

    it('"today" is the local date: 20:00 on 31 March in Los Angeles is already April in UTC but still Q1 here', () => {
      const now = new Date(2026, 2, 31, 20).getTime();
      assert.equal(new Date(now).getUTCMonth(), 3);
      const r = resolvePeriod({ preset: 'thisQuarter' }, { now, fiscalYearStartMonth: 1 });
      assert.equal(r.period.name, 'Q1 FY2026');
    });
  });

  inZone('Pacific/Auckland', () => {
    it('"today" in Auckland is a day ahead of UTC: 1 July 08:00 local is the first day of H2', () => {
      const now = new Date(2026, 6, 1, 8).getTime();
      assert.equal(new Date(now).getUTCDate(), 30, 'still 30 June in UTC');
      const r = resolvePeriod({ preset: 'thisHalf' }, { now, fiscalYearStartMonth: 1 });
      assert.equal(`${r.period.name}: ${r.period.fromDate}..${r.period.toDate}`, 'H2 FY2026 to date: 2026-07-01..2026-07-01');
      assert.equal(r.period.from, new Date(2026, 6, 1).getTime());
    });
  });

  inZone('UTC', () => {
    it('a fiscal year starting in July is named after the year it ends in', () => {
      const r = range('lastQuarter', '2026-07-15', 7);
      assert.equal(r.period, 'Q4 FY2026: 2026-04-01..2026-06-30');
      assert.equal(r.previous, 'Q3 FY2026: 2026-01-01..2026-03-31');
      assert.equal(range('thisQuarter', '2026-07-15', 7).period, 'Q1 FY2027 to date: 2026-07-01..2026-07-15');
    });

    it('halves and years follow an April fiscal start across the calendar year', () => {
      assert.equal(range('lastHalf', '2026-05-10', 4).period, 'H2 FY2026: 2025-10-01..2026-03-31');
      assert.equal(range('lastHalf', '2026-05-10', 4).previous, 'H1 FY2026: 2025-04-01..2025-09-30');
      assert.equal(range('yearToDate', '2026-03-31', 4).period, 'FY2026: 2025-04-01..2026-03-31');
      assert.equal(range('yearToDate', '2026-04-01', 4).period, 'FY2027 to date: 2026-04-01..2026-04-01');
      assert.equal(range('thisHalf', '2026-01-20', 4).period, 'H2 FY2026 to date: 2025-10-01..2026-01-20');
    });

    it('a December fiscal start puts Q1 across the new year', () => {
      const r = range('thisQuarter', '2027-01-15', 12);
      assert.equal(r.period, 'Q1 FY2027 to date: 2026-12-01..2027-01-15');
      assert.equal(range('lastQuarter', '2026-12-01', 12).period, 'Q4 FY2026: 2026-09-01..2026-11-30');
    });

    it('every preset, every fiscal start: the previous period ends the day before or is the unit before', () => {
      for (let month = 1; month <= 12; month++) {
        for (const preset of PERIOD_PRESETS) {
          for (const today of ['2024-02-29', '2025-12-31', '2026-01-01', '2026-07-31']) {
            const r = resolvePeriod({ preset }, { now: localMorning(today), fiscalYearStartMonth: month, lastExportAt: localMorning('2023-05-05') }).period;
            const p = resolvePeriod({ preset }, { now: localMorning(today), fiscalYearStartMonth: month, lastExportAt: localMorning('2023-05-05') }).previous;
            assert.ok(r.fromDate <= r.toDate && r.toDate <= today, `${preset} ${month} ${today}`);
            assert.ok(p.to <= r.from, `${preset} ${month} ${today}: previous must end before the period`);
            assert.ok(Math.abs(p.days - r.days) <= 3, `${preset} ${month} ${today}: ${p.days} vs ${r.days} days`);
            assert.match(r.label, /\(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)$/);
          }
        }
      }
    });
  });

  describe('custom ranges', () => {
    const opts = { now: Date.parse('2026-11-18T10:00:00Z'), fiscalYearStartMonth: 1 };

    it('inclusive dates, compared with as many days immediately before', () => {
      const r = resolvePeriod({ from: '2026-03-01', to: '2026-03-15' }, opts);
      assert.equal(r.period.label, '2026-03-01 to 2026-03-15');
      assert.equal(r.period.days, 15);
      assert.equal(`${r.previous.fromDate}..${r.previous.toDate}`, '2026-02-14..2026-02-28');
      assert.equal(r.previous.name, 'previous 15 days');
    });

    it('a range that is exactly a fiscal half is named and compared like one', () => {
      const r = resolvePeriod({ from: '2026-07-01', to: '2026-12-31' }, opts);
      assert.equal(r.period.label, 'H2 FY2026 (2026-07-01 to 2026-12-31)');
      assert.equal(r.previous.label, 'H1 FY2026 (2026-01-01 to 2026-06-30)');
    });

    it('a single day is a period of one day', () => {
      const r = resolvePeriod({ from: '2026-02-28', to: '2026-02-28' }, opts);
      assert.equal(r.period.days, 1);
      assert.equal(r.previous.fromDate, '2026-02-27');
    });

    const bad: [unknown, RegExp][] = [
      [{ from: '2026-02-30', to: '2026-03-01' }, /from must be a date written YYYY-MM-DD/],
      [{ from: '2026-3-1', to: '2026-03-02' }, /from must be a date/],
      [{ from: '2026-03-02', to: '2026-03-01' }, /to must not be before from/],
      [{ from: '2026-03-02' }, /to is required/],
      [{ preset: 'lastYear' }, /preset must be one of: thisQuarter/],
      [{ preset: 'lastHalf', extra: 1 }, /unknown field “extra”/],
      [42, /must be \{ "preset"/],
    ];
    for (const [input, message] of bad) {
      it(`rejects ${JSON.stringify(input)} naming the problem`, () => {
        assert.throws(() => resolvePeriod(input, opts), (e: unknown) => e instanceof ValidationError && message.test(e.message));
      });
    }

    it('accepts a preset by its name alone (command arguments)', () => {
      assert.equal(resolvePeriod('lastHalf', opts).period.name, 'H1 FY2026');
    });

    it('rejects an impossible fiscal start month', () => {
      assert.throws(() => resolvePeriod({ preset: 'lastHalf' }, { ...opts, fiscalYearStartMonth: 13 }), /fiscalYearStartMonth/);
    });
  });
});
