import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Entry } from '../../src/domain';
import { resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { summaryToMarkdown } from '../../src/export/markdown';
import { newEntryToEntry } from '../../src/storage/rows';
import { lastCalendarYear } from './exportBench';
import { generator } from './generate';
import { measure, type Spread } from './stats';
import { logOptions } from './logOptions';

/**
 * The review summary's two in-memory phases on their own, without a database: the same generated
 * log as `npm run bench` (seeded, spread over ten years), the same period (the last calendar year
 * and the one before), the entries in the order the store returns them. Prints the medians of
 * "build the summary model" and "render Markdown", and a hash of the document so a faster version
 * can be checked to write the same bytes:
 *
 *   node scripts/build.mjs --tests && node --expose-gc out/test/bench/summaryParts.js --size 100000
 *
 * Options: --size N (entries in the whole log, default 100000), --runs N (default 15), --seed N
 * (default 1), --end ISO date ("now", default 2026-07-01), --out file (write the Markdown there),
 * --cache file (keep the generated log there as JSON: generating 100k entries takes ~40 s, reading
 * them back ~1 s; the file is only reused when size, seed and end match).
 */

const { size, runs, seed, end, option } = logOptions('summaryParts.js [--size N] [--runs N] [--seed N] [--end YYYY-MM-DD] [--out file] [--cache file]');

/** Stored entries as the store would hold them: an id, and created/updated one millisecond apart in insertion order. */
function log(): Entry[] {
  const gen = generator(seed, end);
  const out: Entry[] = [];
  for (let done = 0; done < size; done += 5000) {
    for (const e of gen.next(Math.min(5000, size - done))) {
      const i = out.length;
      out.push(newEntryToEntry(e, `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, end + i));
    }
  }
  return out;
}

/** `store.list({from, to}, {order: 'asc'})`: in [from, to), oldest first, then by creation and id. */
function list(all: readonly Entry[], from: number, to: number): Entry[] {
  return all
    .filter((e) => {
      const t = Date.parse(e.occurredAt);
      return t >= from && t < to;
    })
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function cached(): Entry[] {
  const file = option('cache');
  if (file === undefined) return log();
  const key = `${size}/${seed}/${end}`;
  if (existsSync(file)) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as { key: string; entries: Entry[] };
    if (c.key === key) return c.entries;
  }
  const entries = log();
  writeFileSync(file, JSON.stringify({ key, entries }));
  return entries;
}

/** The two periods' entries; the rest of the log is dropped, so the heap holds what the export command's would. */
function periods() {
  const all = cached();
  const { period, previous } = resolvePeriod(lastCalendarYear(end), { now: end, fiscalYearStartMonth: 1 });
  return { period, previous, entries: list(all, period.from, period.to), previousEntries: list(all, previous.from, previous.to), now: end };
}

const input = periods();
const { period, entries, previousEntries } = input;

const model = buildSummary(input);
const md = summaryToMarkdown(model);
const out = option('out');
if (out) writeFileSync(out, md);

const build = measure(() => buildSummary(input), runs);
const render = measure(() => summaryToMarkdown(model), runs);

const f = (s: Spread) => `median ${s.p50.toFixed(1)} ms (min ${s.min.toFixed(1)}, p90 ${s.p90.toFixed(1)}; CPU median ${(s.cpuP50 ?? NaN).toFixed(1)} ms)`;
console.log(`${size} entries in the log; ${period.label}: ${entries.length} entries + ${previousEntries.length} previous; ${runs} runs`);
console.log(`build the summary model  ${f(build)}`);
console.log(`render Markdown          ${f(render)}`);
console.log(`build + render           ${(build.p50 + render.p50).toFixed(1)} ms`);
console.log(`Markdown: ${md.length} characters, sha256 ${createHash('sha256').update(md).digest('hex').slice(0, 16)}`);
