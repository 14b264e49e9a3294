// The `run()` entry that VS Code calls inside the extension host (extensionTestsPath). The same entry
// serves code-server + chromium (scripts/test-vscode.mjs, through the workbench's `payload`) and
// @vscode/test-electron on machines that have VS Code (.vscode-test.mjs).
//
// It runs every out/test/integration/**/*.test.js with mocha. Environment:
//   IMPACT_LOG_TEST_GREP    only tests whose full title matches this regular expression
//   IMPACT_LOG_TEST_REPORT  write a JSON report (counts, failures, transcript) to this file, because
//                           the extension host's console is not the terminal that started the run
//   IMPACT_LOG_TEST_ORDER   the order of the test files: `sorted` (default), `reverse`, or
//                           `shuffle:<seed>` (every file sets up its own state, so any order passes)
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type MochaNamespace from 'mocha';

type MochaClass = typeof MochaNamespace;

/** mocha 12 is an ES module; require() of it (Node >= 22.12) yields its namespace, whose default is the class. */
function loadMocha(): MochaClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require('mocha') as MochaClass | { default: MochaClass };
  return typeof m === 'function' ? m : m.default;
}

export interface IntegrationReport {
  passes: number;
  failures: number;
  pending: number;
  durationMs: number;
  failed: { title: string; error: string }[];
  transcript: string[];
}

/** Test files under `dir` (recursively), sorted so runs are repeatable. */
export function findTestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

/** `files` in the order IMPACT_LOG_TEST_ORDER asks for: sorted, reverse or shuffle:<seed> (repeatable). */
export function orderFiles(files: string[], order = 'sorted'): string[] {
  if (order === 'sorted' || order === '') return files;
  if (order === 'reverse') return [...files].reverse();
  const m = /^shuffle:(\d+)$/.exec(order);
  if (!m) throw new Error(`IMPACT_LOG_TEST_ORDER must be sorted, reverse or shuffle:<seed>, not ${JSON.stringify(order)}`);
  // mulberry32: a tiny seeded generator, so a failing order can be run again.
  let seed = Number(m[1]) >>> 0;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...files];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'base' });
  const grep = process.env.IMPACT_LOG_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));
  const files = orderFiles(findTestFiles(__dirname), process.env.IMPACT_LOG_TEST_ORDER);
  for (const file of files) mocha.addFile(file);

  const started = Date.now();
  const report: IntegrationReport = { passes: 0, failures: 0, pending: 0, durationMs: 0, failed: [], transcript: [] };
  const say = (line: string) => {
    report.transcript.push(line);
    console.log(line);
  };

  if (process.env.IMPACT_LOG_TEST_ORDER) say(`file order (${process.env.IMPACT_LOG_TEST_ORDER}): ${files.map((f) => f.slice(__dirname.length + 1)).join(', ')}`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      report.durationMs = Date.now() - started;
      say(`integration: ${report.passes} passed, ${report.failures} failed${report.pending ? `, ${report.pending} pending` : ''}`);
      const out = process.env.IMPACT_LOG_TEST_REPORT;
      if (out) {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify(report, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('suite', (s) => {
      if (s.title) say(`${'  '.repeat(depth(s))}${s.title}`);
    });
    runner.on('pass', (t) => {
      report.passes++;
      say(`${'  '.repeat(depth(t))}✔ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('pending', (t) => {
      report.pending++;
      say(`${'  '.repeat(depth(t))}- ${t.title} (pending)`);
    });
    runner.on('fail', (t, err: unknown) => {
      report.failures++;
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      report.failed.push({ title: t.fullTitle(), error: message });
      say(`${'  '.repeat(depth(t))}✘ ${t.title}\n${message}`);
    });
  });
}

/** How deep a test or suite is below the root suite (for indentation). */
function depth(r: { parent?: MochaNamespace.Suite | undefined }): number {
  let n = 0;
  for (let p = r.parent; p?.parent; p = p.parent) n++;
  return n;
}
