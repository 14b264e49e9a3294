import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_FILTER, type TimelineFilter } from '../../src/domain/filter';
import { EntryStore } from '../../src/storage';
import { countedGroups, groupPage, PAGE_SIZE } from '../../src/ui/timeline/model';
import { DAY, generator, YEAR } from './generate';
import { interactive, type Measurement } from './results';
import { measure } from './stats';

/**
 * The timeline's two waits, on 100k entries laid out three ways (ten years, one year, all on one
 * day): the first paint (the root groups with their counts) and expanding the biggest group (its
 * first page), plus filtered roots and a deep "Load more". Everything the tree provider asks the
 * store goes through `countedGroups` / `groupPage`, so this is what a user waits for, minus
 * drawing. Targets: root <= 20 ms, expand <= 10 ms.
 */

export interface TimelineBenchOptions {
  readonly size?: number;
  readonly runs?: number;
  readonly seed?: number;
  /** "Now" (epoch ms). */
  readonly end?: number;
  /** Where the database files go (kept, and reused by the next run); default a fresh temp folder, removed afterwards. */
  readonly dir?: string;
}

const SHAPES = [
  { id: '10y', label: 'over 10 years', years: 10 },
  { id: '1y', label: 'over 1 year', years: 1 },
  { id: '10h', label: 'in the last 10 hours', years: (DAY * 10) / 24 / YEAR },
] as const;

const CHUNK = 5000;

export async function timelineBench(o: TimelineBenchOptions = {}): Promise<Measurement[]> {
  const size = o.size ?? 100_000;
  const runs = o.runs ?? 30;
  const end = o.end ?? Date.now();
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'impact-log-timeline-bench-'));
  const out: Measurement[] = [];
  try {
    for (const shape of SHAPES) {
      const store = await EntryStore.open({ path: join(dir, `timeline-${shape.id}-${size}.sqlite`) });
      // A kept folder (o.dir) may already hold the file from an earlier run: fill only an empty one.
      if (store.count({ deleted: 'include' }) === 0) {
        const gen = generator(o.seed ?? 20261123, end, shape.years);
        for (let done = 0; done < size; done += CHUNK) store.addMany(gen.next(Math.min(CHUNK, size - done)));
      }
      out.push(...measureShape(store, `${size / 1000}k ${shape.label}`, `timeline.${shape.id}`, end, runs, size));
      store.close();
    }
  } finally {
    if (!o.dir) rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function measureShape(store: EntryStore, what: string, id: string, end: number, runs: number, size: number): Measurement[] {
  const out: Measurement[] = [];
  const groups = countedGroups(store, EMPTY_FILTER, end);
  const biggest = groups.reduce((a, b) => (b.count > a.count ? b : a), groups[0]!);
  out.push({ id: `${id}.root`, label: `Timeline root, ${what} (${groups.length} groups)`, ms: measure(() => countedGroups(store, EMPTY_FILTER, end), runs), target: interactive(20, size) });
  out.push({
    id: `${id}.expand`,
    label: `Expand biggest group, ${what} (${biggest.label}: ${PAGE_SIZE} of ${biggest.count})`,
    ms: measure(() => groupPage(store, EMPTY_FILTER, biggest, PAGE_SIZE), runs),
    target: interactive(10, size),
  });
  // "Load more" reads only the next page; a refresh (after any write) re-reads every shown entry.
  out.push({
    id: `${id}.loadMore10`,
    label: `"Load more": 10th page of the biggest group, ${what}`,
    ms: measure(() => groupPage(store, EMPTY_FILTER, biggest, PAGE_SIZE, 9 * PAGE_SIZE), runs),
    target: interactive(10, size),
  });
  out.push({
    id: `${id}.refresh1000`,
    label: `Refresh with ${10 * PAGE_SIZE} entries shown in the biggest group, ${what}`,
    ms: measure(() => groupPage(store, EMPTY_FILTER, biggest, 10 * PAGE_SIZE), Math.max(5, Math.floor(runs / 3))),
    note: 'every shown row is read again; only after "Load more" was used 9 times',
  });
  const filters: [string, TimelineFilter][] = [
    ['kind ai-assist', { ...EMPTY_FILTER, kinds: ['ai-assist'] }],
    ['tag #auth', { ...EMPTY_FILTER, tags: ['auth'] }],
    ['text "kubernetes"', { ...EMPTY_FILTER, text: 'kubernetes' }],
  ];
  for (const [name, f] of filters) {
    out.push({
      id: `${id}.filtered.${name.split(' ')[0]}`,
      label: `Timeline root filtered by ${name}, ${what}`,
      ms: measure(() => countedGroups(store, f, end), runs),
      target: interactive(20, size),
    });
  }
  return out;
}

if (require.main === module) {
  // node timeline.bench.js [size] [runs] [end ms] [dir to keep the databases in, reused next time]:
  // human lines on stderr, the measurements as JSON on the last stdout line.
  const size = Number(process.argv[2] ?? 100_000);
  const end = process.argv[4] ? Number(process.argv[4]) : undefined;
  const dir = process.argv[5];
  timelineBench({ size, runs: Number(process.argv[3] ?? 30), ...(end !== undefined ? { end } : {}), ...(dir ? { dir } : {}) })
    .then((ms) => {
      for (const m of ms) {
        const t = m.ms ? `p50 ${m.ms.p50.toFixed(2)} ms, p90 ${m.ms.p90.toFixed(2)} ms, CPU p50 ${m.ms.cpuP50?.toFixed(2) ?? '?'} ms` : '';
        const verdict = m.target && m.ms ? (m.ms.p50 <= m.target.max ? `  (target <= ${m.target.max} ms: met)` : `  (target <= ${m.target.max} ms: MISSED)`) : '';
        console.error(`${m.label}: ${t}${verdict}`);
      }
      console.log(JSON.stringify(ms));
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
