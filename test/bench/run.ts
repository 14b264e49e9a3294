import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { missed, renderTables } from './report';
import type { GitSuggestShape } from './gitSuggest.bench';
import type { ActivationResult, BenchResults, ColdOpenResult, Measurement, SizeResult } from './results';
import { spread } from './stats';

/**
 * `npm run bench`: every size in its own process on a fresh database file, cold opens and
 * activations in fresh processes, then the bundle and VSIX sizes. Prints Markdown tables and writes
 * test-output/bench.json. Targets are reported as met or missed; the exit code is 0 unless the
 * benchmark itself breaks (machine noise must never fail a build).
 *
 *   --sizes 1000,10000,100000   entry counts (default)
 *   --runs N                    timed repetitions per measurement (default 30)
 *   --quick                     one tiny size, few runs, no packaging: keeps the script working in CI
 *   --only import               after each size's fill, only the import case (no cold opens, shapes or Git; for the 1M import)
 *   --no-shapes                 skip the timeline on the largest size laid out three ways (timeline.bench.ts)
 *   --no-git                    skip Suggest from Git on a generated repository (gitSuggest.bench.ts: 50,000 commits, 3 runs; --quick: 2,000, 1 run)
 *   --no-package                skip `scripts/package.mjs` (VSIX size); measures the current dist/extension.js and dist/core.js
 *   --seed N                    generator seed (default 20261123)
 *   --out FILE                  JSON results (default test-output/bench.json)
 *   --dir DIR                   where the database files go (default: a fresh folder in the OS temp dir)
 */

/** The repository: the nearest folder above this file with a package.json (out/test/bench/ → ../../..). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
const root = findRoot(__dirname);
const here = __dirname;
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
function positiveInts(text: string, what: string): number[] {
  const list = text.split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((x) => !Number.isInteger(x) || x <= 0)) throw new Error(`${what} must be positive whole numbers, e.g. 1000,10000`);
  return list;
}

const quick = flag('quick');
const sizes = positiveInts(option('sizes') ?? (quick ? '300' : '1000,10000,100000'), '--sizes').sort((a, b) => a - b);
const runs = positiveInts(option('runs') ?? (quick ? '3' : '30'), '--runs')[0]!;
const seed = Number(option('seed') ?? 20261123);
const outFile = resolve(root, option('out') ?? 'test-output/bench.json');
const packageVsix = !quick && !flag('no-package');
const processRuns = quick ? 2 : Math.min(runs, 20);
const only = option('only');
if (only !== undefined && only !== 'import') throw new Error('--only takes: import');

function node(args: string[], opts: { cwd?: string } = {}): string {
  return execFileSync(process.execPath, args, { cwd: opts.cwd ?? root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
}
const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split('\n').pop()!) as T;
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function coldOpen(size: number, db: string, end: number): ColdOpenResult {
  type Times = { requireMs: number; openMs: number; firstRootMs: number };
  const samples = Array.from({ length: processRuns }, () => lastJson<Times & { cpu: Times }>(node([join(here, 'coldOpen.js'), db, String(end)])));
  const of = (k: keyof Times) => spread(samples.map((s) => s[k]), samples.map((s) => s.cpu[k]));
  return { size, requireMs: of('requireMs'), openMs: of('openMs'), firstRootMs: of('firstRootMs') };
}

/** The production bundle and VSIX via the project's own scripts; returns the bundle to measure. */
function buildForSizes(work: string): { bundle: string; label: string; vsixBytes?: number; vsixPath?: string; vsixError?: string } {
  let vsixPath: string | undefined;
  let vsixError: string | undefined;
  if (packageVsix) {
    log('packaging (node scripts/package.mjs --target linux-x64)…');
    try {
      const out = node([join(root, 'scripts/package.mjs'), '--target', 'linux-x64']);
      vsixPath = /(\S+\.vsix)/.exec(out.split('\n').filter((l) => l.includes('.vsix')).pop() ?? '')?.[1];
    } catch (err) {
      // Packaging depends on the machine (vsce, the npm tree); the figures measured so far still count.
      vsixError = String((err as Error).message).split('\n')[0];
      log(`packaging failed, VSIX size not measured: ${vsixError}`);
    }
  }
  // Private copies, inside the repository so that `better-sqlite3` still resolves from them (the
  // core beside the shell, where the shell requires it), so a rebuild by someone else during the
  // run cannot change what is measured.
  const copy = join(work, 'extension.js');
  copyFileSync(join(root, 'dist/extension.js'), copy);
  copyFileSync(join(root, 'dist/core.js'), join(work, 'core.js'));
  const production = !readFileSync(copy, 'utf8').includes('//# sourceMappingURL=');
  return {
    bundle: copy,
    label: production ? 'dist/extension.js (production)' : 'dist/extension.js (development build)',
    ...(vsixPath ? { vsixPath, vsixBytes: statSync(vsixPath).size } : {}),
    ...(vsixError ? { vsixError } : {}),
  };
}

async function activation(work: string, bundle: string, label: string): Promise<ActivationResult> {
  const production = label.includes('production');
  const zodBundle = join(work, 'zod-only.js');
  // zod as the core carries it: without its locales (scripts/build.mjs).
  const { zodWithoutLocales } = (await import(pathToFileURL(join(root, 'scripts/zod-no-locales.mjs')).href)) as { zodWithoutLocales: () => { plugin: esbuild.Plugin } };
  await esbuild.build({
    plugins: [zodWithoutLocales().plugin],
    stdin: { contents: "export * from 'zod';", resolveDir: root, loader: 'ts' },
    outfile: zodBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minify: production,
    logLevel: 'warning',
  });
  const core = join(dirname(bundle), 'core.js');
  const acts: {
    requireMs: number;
    activateMs: number;
    readyMs: number;
    settleMs: number;
    cpu: { requireMs: number; activateMs: number; readyMs: number };
    openedDatabase: boolean;
    loadedSqlite: boolean;
    loadedCore: boolean;
    after: { openedDatabase: boolean; loadedSqlite: boolean; loadedCore: boolean };
    stubbedApi: string[];
  }[] = [];
  const cores: { requireMs: number; activateMs: number; cpu: { requireMs: number; activateMs: number } }[] = [];
  const zods: { requireMs: number; cpuMs: number }[] = [];
  const compiles: { compileMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < processRuns; i++) {
    const scratch = mkdtempSync(join(tmpdir(), 'impact-log-activate-'));
    try {
      acts.push(lastJson(node([join(here, 'activation.js'), 'shell', bundle, join(scratch, 'shell')])));
      cores.push(lastJson(node([join(here, 'activation.js'), 'core', core, join(scratch, 'core')])));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    zods.push(lastJson(node([join(here, 'activation.js'), 'zod', zodBundle])));
    compiles.push(lastJson(node([join(here, 'activation.js'), 'compile', core])));
  }
  return {
    bundle: label,
    bundleBytes: statSync(bundle).size,
    requireMs: spread(acts.map((a) => a.requireMs), acts.map((a) => a.cpu.requireMs)),
    activateMs: spread(acts.map((a) => a.activateMs), acts.map((a) => a.cpu.activateMs)),
    coreBytes: statSync(core).size,
    coreRequireMs: spread(cores.map((c) => c.requireMs), cores.map((c) => c.cpu.requireMs)),
    coreActivateMs: spread(cores.map((c) => c.activateMs), cores.map((c) => c.cpu.activateMs)),
    readyMs: spread(acts.map((a) => a.readyMs), acts.map((a) => a.cpu.readyMs)),
    settleMs: spread(acts.map((a) => a.settleMs)),
    zodRequireMs: spread(zods.map((z) => z.requireMs), zods.map((z) => z.cpuMs)),
    compileMs: spread(compiles.map((c) => c.compileMs), compiles.map((c) => c.cpuMs)),
    zodBundleBytes: statSync(zodBundle).size,
    openedDatabase: acts.some((a) => a.openedDatabase),
    loadedSqlite: acts.some((a) => a.loadedSqlite),
    loadedCore: acts.some((a) => a.loadedCore),
    afterSettle: {
      openedDatabase: acts.some((a) => a.after.openedDatabase),
      loadedSqlite: acts.some((a) => a.after.loadedSqlite),
      loadedCore: acts.every((a) => a.after.loadedCore),
    },
    stubbedApi: [...new Set(acts.flatMap((a) => a.stubbedApi))].sort(),
  };
}

/** The commit measured, and whether the working tree had changes (other than test output). */
function revision(): { commit: string; dirty: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return { commit: process.env.IMPACT_LOG_BENCH_COMMIT ?? 'unknown', dirty: false };
  }
}

async function main(): Promise<void> {
  const end = Date.now();
  const loadBefore = loadavg()[0]!;
  const work = join(root, 'test-output', 'bench');
  mkdirSync(work, { recursive: true });
  const dataRoot = option('dir') ? resolve(option('dir')!) : mkdtempSync(join(tmpdir(), 'impact-log-bench-'));
  const results: SizeResult[] = [];
  const cold: ColdOpenResult[] = [];
  try {
    for (const size of sizes) {
      const dir = join(dataRoot, `n${size}`);
      rmSync(dir, { recursive: true, force: true });
      log(`${size} entries: filling a fresh database and measuring (${runs} runs each)…`);
      results.push(lastJson<SizeResult>(node(['--expose-gc', join(here, 'size.js'), '--size', String(size), '--runs', String(runs), '--dir', dir, '--seed', String(seed), '--end', String(end), ...(only ? ['--only', only] : [])])));
      if (!only) {
        log(`${size} entries: ${processRuns} cold opens…`);
        cold.push(coldOpen(size, join(dir, 'impact-log.sqlite'), end));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    if (!option('dir')) rmSync(dataRoot, { recursive: true, force: true });
  }

  let shapes: Measurement[] | undefined;
  if (!flag('no-shapes') && !only) {
    const size = sizes[sizes.length - 1]!;
    log(`timeline shapes: ${size} entries over 10 years, 1 year and 10 hours…`);
    shapes = lastJson<Measurement[]>(node(['--expose-gc', join(here, 'timeline.bench.js'), String(size), String(runs), String(end)]));
  }

  let gitSuggest: GitSuggestShape[] | undefined;
  if (!flag('no-git') && !only) {
    const [commits, gitRuns] = quick ? [2000, 1] : [50_000, 3];
    log(`suggest from Git: a generated repository of ${commits} commits in two shapes, ${gitRuns} run(s) each…`);
    gitSuggest = lastJson<GitSuggestShape[]>(node([join(here, 'gitSuggest.bench.js'), String(commits), String(gitRuns)]));
  }

  const built = buildForSizes(work);
  log(`activation: ${processRuns} fresh processes…`);
  const act = await activation(work, built.bundle, built.label);

  const cpu = cpus();
  const out: BenchResults = {
    when: new Date(end).toISOString(),
    revision: revision(),
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage: [loadBefore, loadavg()[0]!] },
    options: { sizes, runs, seed, quick },
    sizes: results,
    coldOpen: cold,
    ...(shapes ? { timelineShapes: shapes } : {}),
    activation: act,
    ...(gitSuggest ? { gitSuggest } : {}),
    ...(built.vsixBytes !== undefined ? { vsixBytes: built.vsixBytes, vsixPath: built.vsixPath } : {}),
    ...(built.vsixError ? { vsixError: built.vsixError } : {}),
  };
  mkdirSync(resolve(outFile, '..'), { recursive: true });
  writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
  for (const f of readdirSync(work)) if (f.endsWith('.js')) rmSync(join(work, f));

  const load = out.machine.loadAverage.map((l) => l.toFixed(1)).join(' → ');
  const rev = `${out.revision.commit.slice(0, 7)}${out.revision.dirty ? ' + local changes' : ''}`;
  console.log(`\nImpact Log benchmarks at ${rev} — ${out.machine.cpus} × ${out.machine.cpuModel}, Node ${out.machine.node}, seed ${seed}, load average ${load}\n`);
  console.log(renderTables(out));
  const miss = missed(out);
  console.log(miss.length === 0 ? '\nEvery target met.' : `\nTargets missed (reported, not failed):\n${miss.map((m) => `- ${m}`).join('\n')}`);
  console.log(`\nResults: ${outFile}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
