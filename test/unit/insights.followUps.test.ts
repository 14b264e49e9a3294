import assert from 'node:assert/strict';
import type * as PlotApi from '@observablehq/plot' with { 'resolution-mode': 'import' };
import type { Entry } from '../../src/domain';
import { DEFAULT_CHECKPOINTS, type FollowUp, type Outcome } from '../../src/domain/followUps';
import { buildInsights, type InsightsModel } from '../../src/domain/insights';
import { buildSummary } from '../../src/domain/summary';
import { describeInsights } from '../../src/export/insightsText';
import { type Palette, renderChart } from '../../src/webview/insights/charts';
import { currentEntries, fixturePeriod, inTimeZone, NOW, previousEntries } from './support/summaryFixture';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Plot = require('@observablehq/plot') as typeof PlotApi;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as { parseHTML: (html: string) => { document: Document } };

const PALETTE: Palette = { foreground: '#cccccc', background: '#1f1f1f', muted: '#808080', blue: '#3794ff', green: '#89d185', yellow: '#cca700', orange: '#d18616', red: '#f14c4c', purple: '#b180d7', highContrast: false };

let n = 0;
function answer(e: Entry | undefined, outcome: Outcome, extra: Partial<FollowUp> = {}): FollowUp {
  assert.ok(e, 'fixture entry exists');
  n++;
  return { id: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`, entryId: e.id, checkpoint: 30, outcome, answeredAt: '2026-12-10T09:00:00.000Z', ...extra };
}

/** The golden log with the follow-up answers of followUpSummary.test.ts. */
describe('insights: follow-up outcomes', () => {
  inTimeZone('Europe/Berlin');
  let current: Entry[];
  let previous: Entry[];
  let answers: FollowUp[];
  const byTitle = (list: Entry[], t: string) => list.find((e) => e.title.startsWith(t));
  const input = (checkpoints = DEFAULT_CHECKPOINTS) => {
    const p = fixturePeriod();
    return { period: p.period, previous: p.previous, entries: current, previousEntries: previous, now: NOW, followUps: { answers, checkpoints } };
  };
  const model = (checkpoints = DEFAULT_CHECKPOINTS): InsightsModel => buildInsights(input(checkpoints));

  before(() => {
    current = currentEntries();
    previous = previousEntries();
    answers = [
      answer(byTitle(current, 'Self-serve invoice download'), 'caused-incident'),
      answer(byTitle(current, 'Cut checkout p99'), 'held'),
      answer(byTitle(current, 'Fixed double charging'), 'held'),
      answer(byTitle(current, 'Fixed double charging'), 'reverted', { checkpoint: 90 }),
      answer(byTitle(current, 'Migrated billing cron'), 'reverted'),
      answer(byTitle(current, 'Flaky login test fixed'), 'unknown'),
      answer(byTitle(current, 'Generate table-driven tests'), 'held'),
      answer(byTitle(current, 'Draft the migration script'), 'reverted'),
      answer(byTitle(previous, 'Search relevance fix'), 'held'),
      answer(byTitle(previous, 'Regex for postcodes'), 'held'),
    ];
  });

  it("has the summary's follow-up figures, for the period and the one before", () => {
    const summary = buildSummary(input());
    const fu = summary.followUps;
    assert.ok(fu);
    const m = model();
    assert.ok(m.followUps);
    assert.deepEqual(
      m.followUps.rows.map((r) => [r.kind, r.counts, r.checkpoint]),
      [
        ['shipped', fu.current.shipped, undefined],
        ['problem', fu.current.fixes?.counts, 30],
        ['ai-assist', fu.current.keptAi, undefined],
      ],
    );
    assert.deepEqual(
      m.followUps.previousRows.map((r) => [r.kind, r.counts]),
      [
        ['shipped', fu.before.shipped],
        ['problem', fu.before.fixes?.counts],
        ['ai-assist', fu.before.keptAi],
      ],
    );
    // And the answers are really in there: a problem solved counts by its 30-day answer (held), not the later "reverted".
    const problems = m.followUps.rows.find((r) => r.kind === 'problem')!.counts;
    assert.ok(problems.byOutcome.held >= 1 && problems.notYet === problems.total - problems.followedUp, JSON.stringify(problems));
    assert.ok(m.followUps.rows.reduce((s, r) => s + r.counts.followedUp, 0) >= 6);
  });

  it('is null when follow-ups are off; a kind with no checkpoints has no row and the text says so', () => {
    const p = fixturePeriod();
    assert.equal(buildInsights({ period: p.period, previous: p.previous, entries: current, previousEntries: previous, now: NOW }).followUps, null);
    assert.equal(describeInsights(buildInsights({ period: p.period, previous: p.previous, entries: current, previousEntries: previous, now: NOW })).charts.some((c) => c.id === 'followUps'), false);
    const m = model({ ...DEFAULT_CHECKPOINTS, problem: [] });
    assert.deepEqual(
      m.followUps?.rows.map((r) => r.kind),
      ['shipped', 'ai-assist'],
    );
    const chart = describeInsights(m).charts.find((c) => c.id === 'followUps')!;
    assert.ok(chart.denominators.includes('Problems solved: not followed up (no checkpoints set).'), chart.denominators.join(' | '));
  });

  it('words and table: every bucket counted with its denominator, unknown and not yet included, no score', () => {
    const m = model();
    const chart = describeInsights(m).charts.at(-1)!;
    assert.equal(chart.id, 'followUps');
    assert.deepEqual(chart.table.columns, ['Kind', 'Held', 'Reverted', 'Caused an incident', 'Superseded', 'Unknown', 'Not followed up yet', 'Entries']);
    const shipped = m.followUps!.rows[0]!.counts;
    const b = shipped.byOutcome;
    assert.deepEqual(chart.table.rows[0]!.cells, ['Changes shipped', ...[b.held, b.reverted, b['caused-incident'], b.superseded, b.unknown, shipped.notYet, shipped.total].map(String)]);
    assert.equal(
      chart.denominators[0],
      `Of ${shipped.total} changes shipped: ${b.held} held, ${b.reverted} reverted, ${b['caused-incident']} caused an incident, ${b.superseded} superseded, ${b.unknown} unknown, ${shipped.notYet} not followed up yet.`,
    );
    assert.match(chart.denominators[1]!, /answer at the 30-day follow-up/);
    assert.match(chart.denominators.join(' '), /^(?!.*(score|success rate|productivity)).*The period before: changes shipped \d+ held and \d+ reverted of \d+/is);
  });

  it('is drawn as a stacked bar per kind: a segment per non-zero bucket, coloured, titled and filtering the timeline by kind', () => {
    const m = model();
    const text = describeInsights(m);
    const chart = text.charts.find((c) => c.id === 'followUps')!;
    const r = renderChart(Plot, parseHTML('<!DOCTYPE html><html><body></body></html>').document, m, text, chart, PALETTE);
    assert.ok(r, 'drawn');
    const segments = m.followUps!.rows.flatMap((row) => [...Object.values(row.counts.byOutcome), row.counts.notYet].filter((c) => c > 0));
    const rects = Array.from(r.svg.querySelectorAll('g[aria-label="bar"] rect'));
    assert.equal(rects.length, segments.length);
    assert.equal(r.bars.length, segments.length, 'every segment is a keyboard bar');
    const ticks = Array.from(r.svg.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((e) => e.textContent.trim());
    assert.deepEqual(ticks, ['Changes shipped', 'Problems solved', 'Kept AI assists']);
    const s = m.followUps!.rows[1]!.counts;
    const held = r.bars.find((bar) => bar.target.label.startsWith(`Problems solved: ${s.byOutcome.held} of ${s.total} held`));
    assert.ok(held, r.bars.map((bar) => bar.target.label).join(' | '));
    assert.deepEqual(held.target.kinds, ['problem']);
    assert.equal(held.element.getAttribute('fill'), PALETTE.green);
    const incident = r.bars.find((bar) => bar.target.label.includes('caused an incident'));
    assert.equal(incident?.element.getAttribute('fill'), PALETTE.red);
    const notYet = r.bars.find((bar) => bar.target.label.includes('not followed up yet'));
    assert.equal(notYet?.element.getAttribute('fill'), PALETTE.muted);
    // Stacked: a kind's segments sit side by side on one band, not overlapping.
    const shippedRects = rects.filter((e) => e.getAttribute('y') === held.element.getAttribute('y')).map((e) => [Number(e.getAttribute('x')), Number(e.getAttribute('width'))] as const);
    shippedRects.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < shippedRects.length; i++) assert.ok(shippedRects[i]![0] >= shippedRects[i - 1]![0] + shippedRects[i - 1]![1] - 0.5, JSON.stringify(shippedRects));
    assert.equal(r.svg.getAttribute('aria-label'), 'Follow-up outcomes by kind');
    assert.match(r.svg.getAttribute('aria-description') ?? '', /^Of \d+ changes shipped: /);
  });
});
