import type Database from 'better-sqlite3';
import type { EntryStore } from '../../src/storage';
import type { Measurement } from './results';
import { measurePair } from './stats';

/**
 * The review summary for the last calendar year (about a tenth of the log) vs a raw SELECT of the
 * same rows from a byte-identical copy of the file.
 */

export function lastCalendarYear(end: number): { from: number; to: number; label: string } {
  const y = new Date(end).getFullYear() - 1;
  return { from: new Date(y, 0, 1).getTime(), to: new Date(y + 1, 0, 1).getTime(), label: String(y) };
}

export function exportBench(store: EntryStore, raw: Database.Database, o: { readonly runs: number; readonly end: number }): Measurement[] {
  const year = lastCalendarYear(o.end);
  const scan = raw.prepare(
    'SELECT id, kind, title, occurred_at, created_at, updated_at, deleted_at, impact, details, tags, links, context, fields FROM entries WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at',
  );
  const rows = store.count({ from: year.from, to: year.to });
  const pair = measurePair(
    () => store.list({ from: year.from, to: year.to }, { order: 'asc' }),
    () => scan.all(year.from, year.to),
    Math.max(5, Math.ceil(o.runs / 2)),
    1,
  );
  return [
    { id: 'export.summary', label: 'Review summary for last calendar year', detail: `${year.label}: ${rows} entries`, ms: pair.a, target: { max: 500, unit: 'ms' } },
    { id: 'export.raw', label: '… raw SELECT of the same rows', ms: pair.b },
    { id: 'export.ratio', label: 'Export: summary / raw scan', ratio: pair.a.p50 / pair.b.p50, target: { max: 3, unit: 'x' } },
  ];
}
