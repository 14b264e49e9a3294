import type Database from 'better-sqlite3';
import { localDate } from '../../src/domain';
import { resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { summaryToMarkdown } from '../../src/export/markdown';
import type { EntryStore } from '../../src/storage';
import type { Measurement } from './results';
import { cpuMs, nowMs, spread } from './stats';

/**
 * The review summary for the last calendar year (about a tenth of a ten-year log) as the export
 * command makes it: read the period and the previous one through the store, build the summary
 * model, render Markdown. Beside it, two baselines on a byte-identical copy of the file: a raw
 * SELECT of the same rows (both periods), and the same SELECT with JSON.parse of its JSON columns
 * (the least any code must do to hold the entries). Runs alternate between the three; each
 * run also records the three phases, to show where the time goes.
 */

export function lastCalendarYear(end: number): { from: string; to: string } {
  const y = new Date(end).getFullYear() - 1;
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

const gc = (globalThis as { gc?: () => void }).gc;

export function exportBench(store: EntryStore, raw: Database.Database, o: { readonly runs: number; readonly end: number; readonly size?: number }): Measurement[] {
  const { period, previous } = resolvePeriod(lastCalendarYear(o.end), { now: o.end, fiscalYearStartMonth: 1 });
  const scan = raw.prepare(
    'SELECT id, kind, title, occurred_at, created_at, updated_at, deleted_at, impact, details, tags, links, context, fields FROM entries WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at',
  );
  const summary = () => {
    const c0 = cpuMs();
    const t0 = nowMs();
    const entries = store.list({ from: period.from, to: period.to }, { order: 'asc' });
    const previousEntries = store.list({ from: previous.from, to: previous.to }, { order: 'asc' });
    const t1 = nowMs();
    const model = buildSummary({ period, previous, entries, previousEntries, now: o.end });
    const t2 = nowMs();
    const md = summaryToMarkdown(model);
    const t3 = nowMs();
    return { read: t1 - t0, build: t2 - t1, render: t3 - t2, total: t3 - t0, cpu: cpuMs() - c0, entries: entries.length, previous: previousEntries.length, bytes: md.length };
  };
  const rawScan = () => {
    const c0 = cpuMs();
    const t0 = nowMs();
    scan.all(period.from, period.to);
    scan.all(previous.from, previous.to);
    return { wall: nowMs() - t0, cpu: cpuMs() - c0 };
  };
  // The least any code must do to have the entries in memory: the same SELECT, and JSON.parse of
  // its four JSON columns (tags, links, context, fields) for every row.
  const rawParse = () => {
    const c0 = cpuMs();
    const t0 = nowMs();
    let n = 0;
    for (const p of [period, previous]) {
      for (const row of scan.all(p.from, p.to) as { tags: string; links: string; context: string; fields: string }[]) {
        n += (JSON.parse(row.tags) as unknown[]).length + (JSON.parse(row.links) as unknown[]).length;
        JSON.parse(row.context);
        JSON.parse(row.fields);
      }
    }
    return { wall: nowMs() - t0, cpu: cpuMs() - c0, n };
  };

  const runs = Math.max(5, Math.ceil(o.runs / 2));
  summary();
  rawScan();
  rawParse();
  const s: ReturnType<typeof summary>[] = [];
  const r: { wall: number; cpu: number }[] = [];
  const p: { wall: number; cpu: number }[] = [];
  // The three alternate, in a rotating order, so that noise hits them alike.
  const steps = [() => s.push(summary()), () => r.push(rawScan()), () => p.push(rawParse())];
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < steps.length; k++) {
      gc?.();
      steps[(i + k) % steps.length]!();
    }
  }
  const total = spread(s.map((x) => x.total), s.map((x) => x.cpu));
  const scanned = spread(r.map((x) => x.wall), r.map((x) => x.cpu));
  const parsed = spread(p.map((x) => x.wall), p.map((x) => x.cpu));
  const first = s[0]!;
  return [
    {
      id: 'export.summary',
      label: 'Review summary for a year (read both periods, build, render Markdown)',
      detail: `${period.fromDate}…${localDate(period.to - 1)}: ${first.entries} entries + ${first.previous} previous; ${Math.round(first.bytes / 1024)} KiB of Markdown`,
      ms: total,
      // ≤ 300 ms at 100k (a year of ~10k entries and its comparison); ≤ 2 s at 1M (#21).
      target: (o.size ?? 0) >= 1_000_000 ? { max: 2000, unit: 'ms' } : { max: 300, unit: 'ms', fromSize: 100_000 },
    },
    { id: 'export.read', label: '… read through the store (rows → entries)', ms: spread(s.map((x) => x.read)) },
    { id: 'export.build', label: '… build the summary model', ms: spread(s.map((x) => x.build)) },
    { id: 'export.render', label: '… render Markdown', ms: spread(s.map((x) => x.render)) },
    { id: 'export.raw', label: '… raw SELECT of the same rows (both periods)', ms: scanned },
    { id: 'export.rawParse', label: '… raw SELECT + JSON.parse of the same columns (both periods)', ms: parsed },
    { id: 'export.ratio', label: 'Export: summary / raw SELECT', ratio: total.p50 / scanned.p50 },
    { id: 'export.ratioParse', label: 'Export: summary / (raw SELECT + JSON.parse)', ratio: total.p50 / parsed.p50, target: { max: 2, unit: 'x', fromSize: 100_000 } },
  ];
}
