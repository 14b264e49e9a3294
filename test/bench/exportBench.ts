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
 * model, render Markdown. Beside it, a raw SELECT of the same rows (both periods) from a
 * byte-identical copy of the file. Runs alternate between the two so noise hits both alike; each
 * run also records the three phases, to show where the time goes.
 */

export function lastCalendarYear(end: number): { from: string; to: string } {
  const y = new Date(end).getFullYear() - 1;
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

const gc = (globalThis as { gc?: () => void }).gc;

export function exportBench(store: EntryStore, raw: Database.Database, o: { readonly runs: number; readonly end: number }): Measurement[] {
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

  const runs = Math.max(5, Math.ceil(o.runs / 2));
  summary();
  rawScan();
  const s: ReturnType<typeof summary>[] = [];
  const r: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    if (i % 2 === 0) {
      s.push(summary());
      gc?.();
      r.push(rawScan());
    } else {
      r.push(rawScan());
      gc?.();
      s.push(summary());
    }
  }
  const total = spread(s.map((x) => x.total), s.map((x) => x.cpu));
  const scanned = spread(r.map((x) => x.wall), r.map((x) => x.cpu));
  const first = s[0]!;
  return [
    {
      id: 'export.summary',
      label: 'Review summary for a year (read both periods, build, render Markdown)',
      detail: `${period.fromDate}…${localDate(period.to - 1)}: ${first.entries} entries + ${first.previous} previous; ${Math.round(first.bytes / 1024)} KiB of Markdown`,
      ms: total,
      target: { max: 500, unit: 'ms' },
    },
    { id: 'export.read', label: '… read through the store (rows → entries)', ms: spread(s.map((x) => x.read)) },
    { id: 'export.build', label: '… build the summary model', ms: spread(s.map((x) => x.build)) },
    { id: 'export.render', label: '… render Markdown', ms: spread(s.map((x) => x.render)) },
    { id: 'export.raw', label: '… raw SELECT of the same rows (both periods)', ms: scanned },
    { id: 'export.ratio', label: 'Export: summary / raw scan', ratio: total.p50 / scanned.p50, target: { max: 3, unit: 'x' } },
  ];
}
