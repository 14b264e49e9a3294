import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEntry } from '../../src/domain';
import { EntryStore } from '../../src/storage';
import { exportBench } from './exportBench';
import { followUpBench, migrationBench } from './followUpBench';
import { generator } from './generate';
import { importBench } from './importBench';
import { insightsBench } from './insights.bench';
import { readBench } from './readBench';
import { templatesBench } from './templatesBench';
import { type Measurement, type SizeResult } from './results';
import { measurePair, nowMs, peakRssMiB } from './stats';

/**
 * One database size, in its own process (so its peak RSS is its own): fills a fresh database file
 * on disk with `size` generated entries, then times what a user waits for. Prints a SizeResult as
 * JSON on the last line of stdout. The file is left in `dir` for the cold-open runs.
 */

export interface SizeOptions {
  readonly size: number;
  readonly runs: number;
  readonly dir: string;
  readonly seed: number;
  /** "Now" for the data and the timeline (epoch ms): entries span the ten years before it. */
  readonly end: number;
  /** Only this case (after the fill): `import`. */
  readonly only?: string;
}

const CHUNK = 5000;

/** The same schema and pragmas as the store, driven directly: the baseline for writes and scans. */
function openRaw(path: string): Database.Database {
  const db = new Database(path, { timeout: 10_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

function rawInsert(db: Database.Database): (e: NewEntry) => void {
  const insert = db.prepare(
    'INSERT INTO entries (id, kind, title, occurred_at, created_at, updated_at, deleted_at, impact, details, tags, links, context, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (e) => {
    const now = Date.now();
    insert.run(randomUUID(), e.kind, e.title, Date.parse(e.occurredAt), now, now, null, e.impact, e.details, JSON.stringify(e.tags), JSON.stringify(e.links), JSON.stringify(e.context), JSON.stringify(e.fields));
  };
}

export async function runSize(o: SizeOptions): Promise<SizeResult> {
  mkdirSync(o.dir, { recursive: true });
  const path = join(o.dir, 'impact-log.sqlite');
  const rawPath = join(o.dir, 'raw.sqlite');
  const out: Measurement[] = [];
  // Each phase's figures go to stderr as soon as they are measured: a long run (1M entries) that
  // is stopped still leaves what it measured in the log.
  const phase = (ms: readonly Measurement[]) => {
    out.push(...ms);
    process.stderr.write(`[bench] ${o.size}: ${JSON.stringify(ms)}\n`);
  };

  // Fill: generated and inserted in chunks, so the generator's garbage does not inflate peak RSS.
  const gen = generator(o.seed, o.end);
  let store = await EntryStore.open({ path });
  const t0 = nowMs();
  for (let done = 0; done < o.size; done += CHUNK) store.addMany(gen.next(Math.min(CHUNK, o.size - done)));
  const fillMs = nowMs() - t0;
  process.stderr.write(`[bench] ${o.size}: filled in ${(fillMs / 1000).toFixed(0)} s\n`);
  store.close();
  const dbBytes = statSync(path).size;
  const rssAfterFill = peakRssMiB();

  if (o.only === 'import') {
    phase(await importBench(path, o.dir, o.size, o.end));
    return { size: o.size, dbBytes, fillMs, fillPerSecond: Math.round(o.size / (fillMs / 1000)), rssAfterFillMiB: rssAfterFill, peakRssMiB: peakRssMiB(), measurements: out };
  }

  // The raw baseline works on a byte-identical copy, so both files have the same size and shape.
  copyFileSync(path, rawPath);
  store = await EntryStore.open({ path });
  const raw = openRaw(rawPath);

  // 1. Add one entry: through the store vs a prepared INSERT (same schema, triggers and pragmas).
  const extra = generator(o.seed + 1, o.end).next(8);
  let k = 0;
  const insert = rawInsert(raw);
  const addRuns = Math.max(o.runs, 20);
  const add = measurePair(
    () => store.add(extra[k++ % extra.length]!),
    () => insert(extra[k++ % extra.length]!),
    addRuns,
  );
  out.push({ id: 'add.store', label: 'Add one entry (store)', ms: add.a });
  out.push({ id: 'add.raw', label: 'Add one entry (raw INSERT)', ms: add.b });
  phase([{ id: 'add.ratio', label: 'Add: store / raw', ratio: add.a.p50 / add.b.p50, target: { max: 1.5, unit: 'x' } }]);

  // 2. Timeline and 3. search: what the tree shows, each beside the same SQL run raw.
  phase(readBench(store, raw, o));

  // 4. Review summary for a year vs a raw SELECT of the same rows.
  phase(exportBench(store, raw, o));

  // 5. Each built-in review template for the same year, as Markdown and as plain text.
  phase(templatesBench(store, o));

  // 6. Follow-ups: the due queue, then the upgrade to schema 3 (on copies, after the store is closed).
  phase(followUpBench(store, o));

  // 7. The Insights panel's data for the same year.
  phase(insightsBench(store, o));

  raw.close();
  store.close();
  // A copy, a backup and the migrations of a 1 GiB file: one run at 1M.
  phase([await migrationBench(path, o.dir, o.size >= 1_000_000 ? 1 : Math.min(o.runs, 3))]);

  // 8. Import of the whole log's JSON export into an empty log (streamed, chunked), in its own process.
  phase(await importBench(path, o.dir, o.size, o.end));
  return { size: o.size, dbBytes, fillMs, fillPerSecond: Math.round(o.size / (fillMs / 1000)), rssAfterFillMiB: rssAfterFill, peakRssMiB: peakRssMiB(), measurements: out };
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    if (i < 0 || process.argv[i + 1] === undefined) throw new Error(`missing --${name}`);
    return process.argv[i + 1]!;
  };
  const only = process.argv.indexOf('--only');
  runSize({ size: Number(arg('size')), runs: Number(arg('runs')), dir: arg('dir'), seed: Number(arg('seed')), end: Number(arg('end')), ...(only >= 0 ? { only: process.argv[only + 1]! } : {}) })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
