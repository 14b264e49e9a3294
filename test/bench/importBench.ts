import { execFileSync } from 'node:child_process';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { importInWorker } from '../../src/export/importInWorker';
import { EntryStore } from '../../src/storage';
import { rowToEntry } from '../../src/storage/rows';
import type { Measurement } from './results';
import { cpuMs, nowMs, spread } from './stats';

/**
 * Import of a whole log's JSON export into an empty log, as Import Data does with a large file
 * (src/ui/commands/import.ts → src/export/importInWorker.ts: in a worker thread, a streamed
 * validation pass, then the merge in chunks of 2,500 entries, each a transaction). Runs in
 * its own process so that its peak RSS is its own, and watches the event loop meanwhile: the
 * longest delay `monitorEventLoopDelay` saw, and the longest gap between 5 ms timers.
 * Targets (#21, at 1M entries): ≤ 60 s, peak RSS ≤ 1 GiB, no stall over 100 ms.
 */

const COLUMNS = 'id, kind, title, occurred_at, created_at, updated_at, deleted_at, impact, details, tags, links, context, fields';

/** Writes every entry of the log at `dbPath` as an export file (format 2, as Export Data (JSON) writes it), streamed by rowid. */
export async function writeExportFile(dbPath: string, out: string, exportedAt: number): Promise<number> {
  const db = new Database(dbPath, { readonly: true });
  const file = createWriteStream(out);
  const write = (s: string) => (file.write(s) ? Promise.resolve() : new Promise<void>((r) => file.once('drain', () => r())));
  let n = 0;
  try {
    await write(`{"format":"impact-log","version":2,"exportedAt":${JSON.stringify(new Date(exportedAt).toISOString())},"entries":[`);
    let buf = '';
    for (const row of db.prepare(`SELECT ${COLUMNS} FROM entries ORDER BY rowid`).iterate()) {
      buf += (n++ === 0 ? '\n' : ',\n') + JSON.stringify(rowToEntry(row as never));
      if (buf.length > 1 << 20) {
        await write(buf);
        buf = '';
      }
    }
    await write(`${buf}\n]}\n`);
  } finally {
    db.close();
    await new Promise<void>((r) => file.end(() => r()));
  }
  return n;
}

interface ImportRun {
  idleGapMs: number;
  wallMs: number;
  cpuMs: number;
  validateMs: number;
  added: number;
  progressCalls: number;
  maxDelayMs: number;
  maxGapMs: number;
  peakRssMiB: number;
  fileBytes: number;
}

/** The longest gap between 5 ms timers over `ms` of doing nothing: what the machine's load alone delays this thread by. */
async function idleGap(ms: number): Promise<number> {
  let last = nowMs();
  let max = 0;
  const timer = setInterval(() => {
    const t = nowMs();
    max = Math.max(max, t - last);
    last = t;
  }, 5);
  await new Promise((r) => setTimeout(r, ms));
  clearInterval(timer);
  return max - 5;
}

async function importOnce(file: string, dbPath: string): Promise<ImportRun> {
  const store = await EntryStore.open({ path: dbPath });
  const idleGapMs = await idleGap(5000);
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let last = nowMs();
  let maxGap = 0;
  const timer = setInterval(() => {
    const t = nowMs();
    maxGap = Math.max(maxGap, t - last);
    last = t;
  }, 5);
  const c0 = cpuMs();
  const t0 = nowMs();
  let progressCalls = 0;
  let validateMs = 0;
  // As Import Data does (src/ui/commands/import.ts): in a worker thread with its own connection;
  // this thread (the extension host's) only receives the progress.
  const r = await importInWorker(file, {
    dbPath,
    engine: store.engine,
    onMerging: () => {
      if (progressCalls++ === 0) validateMs = nowMs() - t0;
    },
  });
  const wallMs = nowMs() - t0;
  // The process's CPU: both threads.
  const cpu = cpuMs() - c0;
  clearInterval(timer);
  h.disable();
  store.close();
  return { idleGapMs, wallMs, cpuMs: cpu, validateMs, added: r.added, progressCalls, maxDelayMs: h.max / 1e6, maxGapMs: maxGap, peakRssMiB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10, fileBytes: statSync(file).size };
}

/** Exports the log at `dbPath`, then imports the file into a fresh log in a child process. */
export async function importBench(dbPath: string, dir: string, size: number, end: number): Promise<Measurement[]> {
  const file = join(dir, 'export.json');
  const target = join(dir, 'imported.sqlite');
  const t0 = nowMs();
  const n = await writeExportFile(dbPath, file, end);
  const exportMs = nowMs() - t0;
  const run = JSON.parse(execFileSync(process.execPath, [__filename, file, target], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!) as ImportRun;
  if (run.added !== n) throw new Error(`imported ${run.added} of ${n} entries`);
  for (const f of [file, target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  const big = size >= 1_000_000;
  const detail = `${n} entries, ${(run.fileBytes / 2 ** 20).toFixed(0)} MiB of JSON; validation pass (+ the first chunk) ${(run.validateMs / 1000).toFixed(1)} s; ${run.progressCalls} progress reports; file written in ${(exportMs / 1000).toFixed(1)} s`;
  return [
    { id: 'import.total', label: 'Import a JSON export of the whole log into an empty log (in a worker: validate, then merge in chunks)', detail, ms: spread([run.wallMs], [run.cpuMs]), ...(big ? { target: { max: 60_000, unit: 'ms' as const } } : {}) },
    { id: 'import.stall', label: '… longest event-loop stall of the calling thread meanwhile (ms; the longest gap between 5 ms timers)', value: Math.max(run.maxGapMs - 5, run.maxDelayMs), target: { max: 100, unit: 'ms' } },
    { id: 'import.idleStall', label: '… the same thread idle for 5 s before the import (the delay the machine’s load alone causes)', value: run.idleGapMs },
    { id: 'import.rss', label: '… peak RSS of the importing process', value: run.peakRssMiB, target: { max: 1024, unit: 'MiB' } },
  ];
}

if (require.main === module) {
  // node importBench.js <export.json> <fresh.sqlite>: one import, its figures as JSON on the last line.
  importOnce(process.argv[2]!, process.argv[3]!)
    .then((r) => console.log(JSON.stringify(r)))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
