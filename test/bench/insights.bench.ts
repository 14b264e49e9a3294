import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from '../../src/domain';
import { buildInsights } from '../../src/domain/insights';
import { type ResolvedPeriod, resolvePeriod } from '../../src/domain/periods';
import { describeInsights } from '../../src/export/insightsText';
import { EntryStore } from '../../src/storage';
import { lastCalendarYear } from './exportBench';
import { generator } from './generate';
import type { Measurement } from './results';
import { measure, type Spread } from './stats';
import { logOptions } from './logOptions';

/**
 * The Insights panel's work for a large log: the same generated log as `npm run bench` (seeded,
 * ten years up to --end), in a real store. Times, per period (the last calendar year, and all ten
 * years): the chart data model alone (target ≤ 100 ms at 100k entries), and what the panel does
 * from the command to posting the data (read both periods from the store, build the model and its
 * words, serialise the message; target ≤ 500 ms). Posting itself and drawing are the workbench's.
 *
 *   node scripts/build.mjs --tests && node --expose-gc out/test/bench/insights.bench.js --size 100000
 *
 * Options: --size N (default 100000), --runs N (default 15), --seed N (default 1), --end date (default 2026-07-01).
 */

/**
 * For `npm run bench` (size.ts): the Insights panel for the last calendar year of this size's log:
 * the chart data model alone (≤ 100 ms at 100k) and the command's work up to posting the message
 * (read both periods, model, words, JSON; ≤ 500 ms at 100k).
 */
export function insightsBench(store: EntryStore, o: { readonly runs: number; readonly end: number }): Measurement[] {
  const r = resolvePeriod(lastCalendarYear(o.end), { now: o.end, fiscalYearStartMonth: 1 });
  const list = (p: { from: number; to: number }): Entry[] => store.list({ from: p.from, to: p.to, deleted: 'exclude' }, { order: 'asc' });
  const entries = list(r.period);
  const previousEntries = list(r.previous);
  const input = { period: r.period, previous: r.previous, entries, previousEntries, now: o.end };
  const runs = Math.max(5, Math.ceil(o.runs / 2));
  let bytes = 0;
  return [
    { id: 'insights.model', label: 'Insights for a year: the chart data model', detail: `${entries.length} entries + ${previousEntries.length} previous`, ms: measure(() => buildInsights(input), runs), target: { max: 100, unit: 'ms', fromSize: 100_000 } },
    {
      id: 'insights.panel',
      label: 'Insights for a year: read both periods, model, words, message',
      ms: measure(() => {
        const m = buildInsights({ ...input, entries: list(r.period), previousEntries: list(r.previous) });
        bytes = JSON.stringify({ type: 'model', model: m, text: describeInsights(m) }).length;
      }, runs),
      detail: `message ${Math.round(bytes / 1024)} KiB`,
      target: { max: 500, unit: 'ms', fromSize: 100_000 },
    },
  ];
}

async function main(): Promise<void> {
  const { size, runs, seed, end } = logOptions('insights.bench.js [--size N] [--runs N] [--seed N] [--end YYYY-MM-DD]');
  const dir = mkdtempSync(join(tmpdir(), 'impact-log-insights-bench-'));
  try {
    const store = await EntryStore.open({ path: join(dir, 'bench.sqlite'), now: () => end });
    const gen = generator(seed, end);
    for (let done = 0; done < size; done += 5000) store.addMany(gen.next(Math.min(5000, size - done)));
    const bounds = store.bounds()!;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const periods: [string, ResolvedPeriod][] = [
      ['last calendar year', resolvePeriod(lastCalendarYear(end), { now: end, fiscalYearStartMonth: 1 })],
      ['all ten years', resolvePeriod({ from: day(bounds.first), to: day(bounds.last) }, { now: end, fiscalYearStartMonth: 1 })],
    ];
    const f = (s: Spread) => `median ${s.p50.toFixed(1)} ms (min ${s.min.toFixed(1)}, p90 ${s.p90.toFixed(1)})`;
    console.log(`${size} entries in the log, ${runs} runs`);
    for (const [name, r] of periods) {
      const list = (p: { from: number; to: number }): Entry[] => store.list({ from: p.from, to: p.to, deleted: 'exclude' }, { order: 'asc' });
      const entries = list(r.period);
      const previousEntries = list(r.previous);
      const input = { period: r.period, previous: r.previous, entries, previousEntries, now: end };
      const model = measure(() => buildInsights(input), runs);
      const panel = measure(() => {
        const m = buildInsights({ ...input, entries: list(r.period), previousEntries: list(r.previous) });
        return JSON.stringify({ type: 'model', model: m, text: describeInsights(m) }).length;
      }, runs);
      const bytes = JSON.stringify({ model: buildInsights(input) }).length;
      console.log(`${name} (${r.period.label}): ${entries.length} + ${previousEntries.length} previous entries`);
      console.log(`  chart data model        ${f(model)}  (target ≤ 100 ms)`);
      console.log(`  read + model + message  ${f(panel)}  (target ≤ 500 ms; message ${(bytes / 1024).toFixed(0)} KB)`);
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
