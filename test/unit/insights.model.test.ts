import assert from 'node:assert/strict';
import { buildInsights, type InsightsModel, monthsOf, quantile, showInsightsArgument } from '../../src/domain/insights';
import { resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { describeInsights } from '../../src/export/insightsText';
import { renderSummary } from '../../src/export';
import { currentEntries, entry, fixturePeriod, NOW, previousEntries } from './support/summaryFixture';
import { inZone } from './support/timeZone';

const golden = (): InsightsModel => {
  const { period, previous } = fixturePeriod();
  return buildInsights({ period, previous, entries: currentEntries(), previousEntries: previousEntries(), now: NOW });
};
/** A series' count in each month (outcome kinds and verdicts have distinct keys). */
const monthCounts = (m: InsightsModel, key: string) => m.months.map((_, i) => [...m.outcomes.rows, ...m.ai.rows].find((r) => r.month === i && r.key === key)?.count);

describe('insights: the chart data model', () => {
  for (const tz of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC']) {
    it(`has the summary's numbers for the golden log (${tz})`, () =>
      inZone(tz, () => {
        const { period, previous } = fixturePeriod();
        const summary = buildSummary({ period, previous, entries: currentEntries(), previousEntries: previousEntries(), now: NOW });
        const m = golden();
        // The totals are the summary's own, field for field (same entries, same functions).
        assert.deepEqual(m.current, summary.current);
        assert.deepEqual(m.before, summary.before);
        assert.equal(m.outcomes.total, 13);
        assert.equal(m.outcomes.previousTotal, 4);
        // Per-month rows add up to the summary's totals.
        const sum = (rows: readonly { key: string; count: number }[], key: string) => rows.filter((r) => r.key === key).reduce((n, r) => n + r.count, 0);
        for (const k of ['problem', 'shipped', 'review-catch', 'incident'] as const) assert.equal(sum(m.outcomes.rows, k), summary.current.perKind[k], k);
        for (const v of ['accepted', 'adapted', 'discarded', 'notRecorded'] as const) assert.equal(sum(m.ai.rows, v), summary.current.ai[v], v);
        assert.deepEqual(m.timeToFix.value, summary.current.problems.timeToFix.value);
        assert.equal(m.timeToFix.n, summary.current.problems.timeToFix.n);
      }));
  }

  it('counts each month of the golden log by kind and by verdict, in local months', () =>
    inZone('Europe/Berlin', () => {
      const m = golden();
      assert.deepEqual(
        m.months.map((s) => [s.key, s.fromDate, s.toDate]),
        [
          ['2026-07', '2026-07-01', '2026-07-31'],
          ['2026-08', '2026-08-01', '2026-08-31'],
          ['2026-09', '2026-09-01', '2026-09-30'],
          ['2026-10', '2026-10-01', '2026-10-31'],
          ['2026-11', '2026-11-01', '2026-11-30'],
          ['2026-12', '2026-12-01', '2026-12-31'],
        ],
      );
      assert.deepEqual(monthCounts(m, 'problem'), [1, 1, 1, 1, 1, 0]);
      assert.deepEqual(monthCounts(m, 'review-catch'), [0, 1, 0, 1, 1, 1]);
      assert.deepEqual(monthCounts(m, 'discarded'), [0, 1, 1, 1, 1, 0]);
      assert.deepEqual(monthCounts(m, 'notRecorded'), [0, 0, 0, 0, 0, 1]);
      assert.deepEqual(
        m.reviewCatches.rows.map((r) => `${r.severity}/${r.category}:${r.count}`),
        ['critical/security:1', 'high/correctness:1', 'high/reliability:1', 'notRecorded/tests:1'],
      );
      assert.deepEqual(m.ai.topDiscardReasons, [
        { value: 'invented an API', count: 2 },
        { value: 'insecure', count: 1 },
      ]);
      assert.equal(m.followUps, null);
    }));

  it('time to fix: the summary median with quartiles, range and n (6 h, 1 d, 4 d, 10 d)', () => {
    const t = golden().timeToFix;
    const H = 3_600_000;
    assert.deepEqual([t.value, t.n, t.min, t.max, t.withoutDates], [60 * H, 4, 6 * H, 240 * H, 1]);
    // Interpolated as the median is: q1 between 6 h and 24 h, q3 between 96 h and 240 h.
    assert.equal(t.q1, 6 * H + 0.75 * 18 * H);
    assert.equal(t.q3, 96 * H + 0.25 * 144 * H);
    assert.deepEqual(t.values, [6 * H, 24 * H, 96 * H, 240 * H]);
  });

  it('keeps empty months (zeros) and a period without entries draws nothing but still has its months', () => {
    const { period, previous } = fixturePeriod();
    const m = buildInsights({ period, previous, entries: [], previousEntries: [], now: NOW });
    assert.equal(m.months.length, 6);
    assert.equal(m.outcomes.rows.length, 6 * 4);
    assert.ok(m.outcomes.rows.every((r) => r.count === 0));
    assert.deepEqual([m.timeToFix.value, m.timeToFix.n, m.timeToFix.q1], [undefined, 0, undefined]);
    const text = describeInsights(m);
    assert.ok(text.charts.every((c) => c.empty), 'every chart is empty');
    assert.match(text.charts.find((c) => c.id === 'timeToFix')!.denominators[0]!, /No problem of the 0 problems/);
  });

  it('clips the first and last month to a period that starts and ends mid-month', () => {
    const r = resolvePeriod({ from: '2026-01-15', to: '2026-03-10' }, { now: NOW, fiscalYearStartMonth: 1 });
    const spans = monthsOf(r.period);
    assert.deepEqual(
      spans.map((s) => [s.key, s.fromDate, s.toDate]),
      [
        ['2026-01', '2026-01-15', '2026-01-31'],
        ['2026-02', '2026-02-01', '2026-02-28'],
        ['2026-03', '2026-03-01', '2026-03-10'],
      ],
    );
    assert.equal(spans[0]!.from, r.period.from);
    assert.equal(spans[2]!.to, r.period.to);
  });

  it('puts an entry in the month of its local date: 31 Jan 23:30 in Los Angeles is January there, February in UTC', () => {
    const late = () => [entry('problem', { title: 'Late fix', occurredAt: '2026-02-01T07:30:00Z' })];
    const run = () => {
      const r = resolvePeriod({ from: '2026-01-01', to: '2026-02-28' }, { now: NOW, fiscalYearStartMonth: 1 });
      const m = buildInsights({ period: r.period, previous: r.previous, entries: late(), previousEntries: [], now: NOW });
      return m.outcomes.rows.filter((x) => x.key === 'problem').map((x) => `${m.months[x.month]!.key}:${x.count}`);
    };
    assert.deepEqual(
      inZone('America/Los_Angeles', run),
      ['2026-01:1', '2026-02:0'],
    );
    assert.deepEqual(inZone('UTC', run), ['2026-01:0', '2026-02:1']);
  });

  it('a month across a daylight-saving change is one whole month (March and October in Berlin)', () =>
    inZone('Europe/Berlin', () => {
      const r = resolvePeriod({ from: '2026-03-01', to: '2026-10-31' }, { now: NOW, fiscalYearStartMonth: 1 });
      const spans = monthsOf(r.period);
      assert.equal(spans.length, 8);
      for (let i = 1; i < spans.length; i++) assert.equal(spans[i]!.from, spans[i - 1]!.to, 'contiguous');
      assert.equal(spans[0]!.to - spans[0]!.from, 31 * 86_400_000 - 3_600_000, 'March has a 23-hour day');
      assert.equal(spans[7]!.to - spans[7]!.from, 31 * 86_400_000 + 3_600_000, 'October has a 25-hour day');
    }));

  it('ignores deleted entries and entries outside the period, as the summary does', () => {
    const m = golden();
    assert.equal(m.current.entries, 23);
    assert.equal(m.current.perKind.problem, 5, 'the deleted problem is not counted');
    assert.equal(m.current.perKind.shipped, 2, 'the June shipped entry is not counted');
  });

  it('quantile interpolates like the median and is undefined without values', () => {
    assert.equal(quantile([], 0.5), undefined);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([5], 0.25), 5);
  });

  it('the command argument takes the summary’s period fields and names a bad one', () => {
    assert.deepEqual(showInsightsArgument.parse({ period: 'lastHalf' }), { period: 'lastHalf' });
    assert.deepEqual(showInsightsArgument.parse({ from: '2026-01-01', to: '2026-06-30' }), { from: '2026-01-01', to: '2026-06-30' });
    const bad = (v: unknown) => showInsightsArgument.safeParse(v).error?.issues.map((i) => i.path.join('.'));
    assert.deepEqual(bad({ period: 'lastHalf', from: '2026-01-01' }), ['period']);
    assert.deepEqual(bad({ from: '2026-01-01' }), ['to']);
    assert.deepEqual(bad({ period: 'someday' }), ['period']);
    assert.deepEqual(bad({ format: 'csv' }), ['']);
  });

  it('the chart tables and the Markdown summary state the same numbers', () =>
    inZone('Europe/Berlin', () => {
      const { period, previous } = fixturePeriod();
      const md = renderSummary('markdown', buildSummary({ period, previous, entries: currentEntries(), previousEntries: previousEntries(), now: NOW }), []);
      const text = describeInsights(golden());
      const ai = text.charts.find((c) => c.id === 'ai')!;
      const total = ai.table.rows.find((r) => r.total)!.cells;
      assert.deepEqual(total, ['Total', '2', '1', '4', '1', '8']);
      assert.match(md, /8: 2 accepted, 1 adapted, 4 discarded, 1 no verdict/);
      const ttf = text.charts.find((c) => c.id === 'timeToFix')!;
      assert.equal(ttf.table.rows[0]!.cells[1], '2.5 days');
      assert.match(md, /2\.5 days \(n = 4 with both dates\)/);
      const catches = text.charts.find((c) => c.id === 'catches')!;
      assert.match(catches.denominators[1]!, /Would have reached production: 1 of 4 \(25 %\)/);
    }));
});
