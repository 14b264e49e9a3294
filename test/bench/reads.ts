import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EntryStore } from '../../src/storage';
import { exportBench } from './exportBench';
import { generator } from './generate';
import { logOptions } from './logOptions';
import { readBench } from './readBench';
import type { Measurement } from './results';
import { nowMs } from './stats';

/**
 * The read cases of `npm run bench` (timeline, search, filtered roots, the year summary with its raw
 * twins) on a kept database, without the rest of a size's run (add, templates, follow-ups, the
 * upgrade, the import): for profiling and for the 1M figures, whose fill alone takes ~20 minutes.
 * The first run fills `--dir` (the same seeded entries as `npm run bench`, in chunks through the
 * store) and keeps it with its "now"; later runs reuse it.
 *
 *   node scripts/build.mjs --tests && node --expose-gc out/test/bench/reads.js --size 1000000 --dir /tmp/il-1m [--runs 10] [--only read|export]
 *
 * Prints one line per measurement (wall and CPU medians) and, last, the measurements as JSON.
 */

const USAGE = 'reads.js --dir DIR [--size N] [--runs N] [--seed N] [--only read|export]';
const { size, runs, seed, option } = logOptions(USAGE, process.argv.slice(2), { seed: 20261123 });
const dir = option('dir');
const only = option('only');
if (!dir) throw new Error(`usage: ${USAGE}`);

const CHUNK = 20_000;

/** The kept store and its raw copy, filled on the first run. */
async function prepare(): Promise<{ path: string; rawPath: string; end: number }> {
  mkdirSync(dir!, { recursive: true });
  const path = join(dir!, 'impact-log.sqlite');
  const rawPath = join(dir!, 'raw.sqlite');
  const info = join(dir!, 'bench.json');
  if (existsSync(info)) {
    const kept = JSON.parse(readFileSync(info, 'utf8')) as { size: number; seed: number; end: number };
    if (kept.size === size && kept.seed === seed) return { path, rawPath, end: kept.end };
    throw new Error(`${dir} holds ${kept.size} entries of seed ${kept.seed}; use another --dir`);
  }
  const end = Date.now();
  const store = await EntryStore.open({ path });
  const gen = generator(seed, end);
  const t0 = nowMs();
  await store.withLargeCache(() => {
    for (let done = 0; done < size; done += CHUNK) {
      store.addMany(gen.next(Math.min(CHUNK, size - done)));
      if ((done / CHUNK) % 5 === 0) process.stderr.write(`[reads] ${done + CHUNK} of ${size} (${((nowMs() - t0) / 1000).toFixed(0)} s)\n`);
    }
    return Promise.resolve();
  });
  store.close();
  copyFileSync(path, rawPath);
  writeFileSync(info, JSON.stringify({ size, seed, end, fillSeconds: Math.round((nowMs() - t0) / 1000) }));
  return { path, rawPath, end };
}

async function main(): Promise<void> {
  const { path, rawPath, end } = await prepare();
  const load0 = loadavg()[0]!;
  const store = await EntryStore.open({ path });
  const raw = new Database(rawPath, { readonly: true });
  const o = { runs, end, size };
  const out: Measurement[] = [];
  const show = (ms: readonly Measurement[]) => {
    for (const m of ms) {
      const figure = m.ms ? `${m.ms.p50.toFixed(2)} ms · cpu ${(m.ms.cpuP50 ?? NaN).toFixed(2)}` : m.ratio !== undefined ? `${m.ratio.toFixed(2)}x` : '';
      console.log(`${m.label}${m.detail ? ` [${m.detail}]` : ''}: ${figure}`);
    }
    out.push(...ms);
  };
  if (only !== 'export') show(readBench(store, raw, o));
  if (only !== 'read') show(exportBench(store, raw, o));
  raw.close();
  store.close();
  const load = `${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
  console.log(`${size} entries (${(statSync(path).size / 2 ** 20).toFixed(0)} MiB), ${runs} runs, load average ${load}`);
  console.log(JSON.stringify({ size, runs, load, measurements: out }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
