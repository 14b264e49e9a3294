import assert from 'node:assert/strict';
import { preselectedPeriod } from '../../src/domain/periodChoice';
import { PERIOD_PRESETS, type PeriodPreset } from '../../src/domain/periods';

/** The presets in the pick's order with these counts (the rest 0). */
const counts = (c: Partial<Record<PeriodPreset, number>>) => PERIOD_PRESETS.map((preset) => ({ preset, count: c[preset] ?? 0 }));

describe('the period the period pick highlights', () => {
  it('is the configured default when it holds entries', () => {
    assert.equal(preselectedPeriod(counts({ lastHalf: 3, thisQuarter: 6 }), 'lastHalf'), 'lastHalf');
  });

  it('is never an empty default while another period has entries: the nearest one with some, the more recent on a tie', () => {
    // The report: "Last half-year · 0 entries" was highlighted while "This quarter · 6 entries" was above it.
    assert.equal(preselectedPeriod(counts({ thisQuarter: 6, thisHalf: 6, yearToDate: 9, last12Months: 9 }), 'lastHalf'), 'thisHalf');
    assert.equal(preselectedPeriod(counts({ thisQuarter: 6 }), 'lastHalf'), 'thisQuarter');
    assert.equal(preselectedPeriod(counts({ last12Months: 2 }), 'thisQuarter'), 'last12Months');
    assert.equal(preselectedPeriod(counts({ lastQuarter: 1, thisHalf: 1 }), 'thisQuarter'), 'lastQuarter');
  });

  it('stays the default when no period has entries', () => {
    assert.equal(preselectedPeriod(counts({}), 'yearToDate'), 'yearToDate');
  });

  it('works when "since last export" is not offered', () => {
    const withoutSince = counts({ last12Months: 4 }).filter((o) => o.preset !== 'sinceLastExport');
    assert.equal(preselectedPeriod(withoutSince, 'sinceLastExport'), 'last12Months');
    assert.equal(preselectedPeriod(counts({ thisQuarter: 1 }).filter((o) => o.preset !== 'sinceLastExport'), 'sinceLastExport'), 'thisQuarter');
  });
});
