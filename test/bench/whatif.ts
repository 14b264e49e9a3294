import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toIso } from '../../src/domain';
import { resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { summaryToMarkdown } from '../../src/export/markdown';
import { EntryStore } from '../../src/storage';
import { lastCalendarYear } from './exportBench';
import { generator, SEARCH_WORDS } from './generate';
import { measure } from './stats';

/**
 * The fixes docs/BENCHMARKS.md proposes, measured beside what the code does today on the same
 * generated database, so a change can be judged before it is made (and checked after):
 *
 *   node --expose-gc out/test/bench/whatif.js [--size 100000] [--db existing.sqlite]
 *
 * With --db, a copy of that file is used (entries are soft-deleted in it); it is never changed.
 *
 * Each pair prints CPU medians (this is for comparing two ways on one machine, so the less noisy
 * clock is used) and checks that both ways return the same rows.
 */

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const COLUMNS = 'id, kind, title, occurred_at, created_at, updated_at, deleted_at, impact, details, tags, links, context, fields';
const ORDER = 'ORDER BY e.occurred_at DESC, e.created_at DESC, e.id DESC';

type Row = Record<string, string | number | null>;
const cpu = (fn: () => unknown, runs = 15) => measure(fn, runs).cpuP50 ?? NaN;

function line(what: string, today: number, proposed: number, same: boolean): void {
  const f = (n: number) => n.toFixed(n >= 100 ? 0 : 2).padStart(8);
  console.log(`${what.padEnd(62)} ${f(today)} ms → ${f(proposed)} ms  ${same ? '' : '  (RESULTS DIFFER)'}`);
}

/** A row as an entry without schema validation: what reads would cost if stored rows were trusted. */
const mapRow = (r: Row) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  occurredAt: toIso(Number(r.occurred_at)),
  createdAt: toIso(Number(r.created_at)),
  updatedAt: toIso(Number(r.updated_at)),
  deletedAt: r.deleted_at === null ? null : toIso(Number(r.deleted_at)),
  impact: r.impact,
  details: r.details,
  tags: JSON.parse(String(r.tags)) as unknown,
  links: JSON.parse(String(r.links)) as unknown,
  context: JSON.parse(String(r.context)) as unknown,
  fields: JSON.parse(String(r.fields)) as unknown,
});

async function main(): Promise<void> {
  const end = Date.now();
  const given = option('db');
  const dir = mkdtempSync(join(tmpdir(), 'impact-log-whatif-'));
  const path = join(dir, 'whatif.sqlite');
  if (given) {
    // A consistent copy, WAL included, through SQLite's own backup.
    const src = new Database(given, { readonly: true, fileMustExist: true });
    await src.backup(path);
    src.close();
  }
  try {
    const store = await EntryStore.open({ path });
    if (!given) {
      const size = Number(option('size') ?? 100_000);
      const gen = generator(20261123, end);
      for (let done = 0; done < size; done += 5000) store.addMany(gen.next(Math.min(5000, size - done)));
    }
    const db = new Database(path);
    // A few soft-deleted entries, so that queries must still leave them out.
    db.exec('UPDATE entries SET deleted_at = updated_at WHERE rowid % 997 = 0 AND deleted_at IS NULL');
    console.log(`${store.count()} live entries; CPU medians, today → proposed\n`);

    // 1. Reads: every row validated with zod today; trusted rows would only be mapped.
    const { period, previous } = resolvePeriod(lastCalendarYear(end), { now: end, fiscalYearStartMonth: 1 });
    const scan = db.prepare(`SELECT ${COLUMNS} FROM entries e WHERE e.deleted_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? ORDER BY e.occurred_at ASC, e.created_at ASC, e.id ASC`);
    const viaStore = () => [store.list({ from: period.from, to: period.to }, { order: 'asc' }), store.list({ from: previous.from, to: previous.to }, { order: 'asc' })];
    const mapped = () => [(scan.all(period.from, period.to) as Row[]).map(mapRow), (scan.all(previous.from, previous.to) as Row[]).map(mapRow)];
    const [a, b] = [viaStore(), mapped()];
    line(`read a year + the year before (${a[0]!.length + a[1]!.length} entries): validate vs map`, cpu(viaStore, 7), cpu(mapped, 7), a[0]!.length === b[0]!.length && a[0]!.every((e, i) => e.id === b[0]![i]!.id));
    console.log(`${'  (raw SELECT of the same rows)'.padEnd(62)} ${cpu(() => [scan.all(period.from, period.to), scan.all(previous.from, previous.to)], 7).toFixed(0).padStart(8)} ms`);
    const page = db.prepare(`SELECT ${COLUMNS} FROM entries e WHERE e.deleted_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? ${ORDER} LIMIT 101`);
    line('a timeline page of 101 entries: validate vs map', cpu(() => store.list({ from: period.from, to: period.to }, { limit: 101 })), cpu(() => (page.all(period.from, period.to) as Row[]).map(mapRow)), true);
    const summary = buildSummary({ period, previous, entries: a[0]!, previousEntries: a[1]!, now: end });
    console.log(`${'  summary: build the model / render Markdown (today)'.padEnd(62)} ${cpu(() => buildSummary({ period, previous, entries: a[0]!, previousEntries: a[1]!, now: end }), 7).toFixed(0).padStart(8)} ms / ${cpu(() => summaryToMarkdown(summary), 7).toFixed(0)} ms`);

    // 2. Search: today the count probes every hit's row for deleted_at, and the page sorts every hit.
    const count = db.prepare('SELECT count(*) AS n FROM entries e WHERE e.deleted_at IS NULL AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
    const ftsCount = db.prepare('SELECT count(*) AS n FROM entries_fts WHERE entries_fts MATCH ?');
    const deletedHits = db.prepare('SELECT count(*) AS n FROM entries e INDEXED BY entries_deleted WHERE e.deleted_at IS NOT NULL AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
    const list = db.prepare(`SELECT ${COLUMNS} FROM entries e WHERE e.deleted_at IS NULL AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) ${ORDER} LIMIT 100`);
    const walk = db.prepare(`SELECT ${COLUMNS} FROM entries e INDEXED BY entries_live_by_time WHERE e.deleted_at IS NULL AND e.occurred_at > -8640000000000000 AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) ${ORDER} LIMIT 100`);
    const keys = db.prepare(
      `SELECT ${COLUMNS} FROM entries e WHERE e.rowid IN (SELECT e2.rowid FROM entries e2 WHERE e2.deleted_at IS NULL AND e2.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) ORDER BY e2.occurred_at DESC, e2.created_at DESC, e2.id DESC LIMIT 100) ${ORDER}`,
    );
    const n = (s: Database.Statement, ...p: unknown[]) => (s.get(...p) as { n: number }).n;
    const ids = (rows: unknown[]) => (rows as Row[]).map((r) => r.id).join();
    for (const word of Object.values(SEARCH_WORDS)) {
      const q = `"${word}"*`;
      const hits = n(count, q);
      line(`search "${word}" (${hits} hits): count`, cpu(() => n(count, q)), cpu(() => n(ftsCount, q) - n(deletedHits, q)), hits === n(ftsCount, q) - n(deletedHits, q));
      line(`search "${word}": first 100, walking the time index`, cpu(() => list.all(q)), cpu(() => walk.all(q)), ids(list.all(q)) === ids(walk.all(q)));
      line(`search "${word}": first 100, sorting only the hits' keys`, cpu(() => list.all(q)), cpu(() => keys.all(q)), ids(list.all(q)) === ids(keys.all(q)));
    }
    db.close();
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
