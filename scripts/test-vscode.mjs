// `npm run test:vscode`: the tests that need a real VS Code, run in code-server + headless chromium
// against the PACKAGED linux-x64 VSIX (so packaging mistakes fail tests).
//   1. integration: test/integration suites inside the real extension host (workbench `payload`),
//      exit code from window.codeAutomationExit;
//   2. e2e: test/e2e/**/*.test.ts journeys, mocha in Node driving the workbench with playwright-core.
// Flags:
//   --integration | --e2e   run only that tier (default: both)
//   --no-package            reuse the newest dist-vsix/*linux-x64*.vsix instead of packaging again
//   --grep <regexp>         only tests whose full title matches
//   --keep                  keep the throw-away profile folders (printed) for inspection
//   --repeat <n>            run the tier(s) n times (one build), stopping at the first run with a
//                           failure; with --keep-going all n runs. Prints each run's counts and time.
//   --order <o>             integration file order: sorted (default), reverse, shuffle:<seed>, or
//                           shuffle (a new seed each run, printed)
// Artefacts: test-output/integration/ (report, server + browser log on failure), test-output/e2e/
// (a screenshot per journey; server log too on failure). Exit code 1 when any test failed.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import {
  buildTests, ensureProvisioned, findVsix, installVsix, launchBrowser, makeProfile, makeTempDir, packageVsix,
  reexecWithNode24IfNeeded, remoteUri, removeDir, ROOT, startServer, stopAll, workbenchUrl,
} from './vscode-host.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const OUTPUT = join(ROOT, 'test-output');
/**
 * This run's own folder: the compiled tests and the VSIX are copied here first (inside the repo, so
 * `mocha` resolves), so a rebuild or another run in the same tree cannot pull files away mid-run.
 */
let RUN_DIR;
const REPEAT = (() => {
  const raw = option('--repeat') ?? '1';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--repeat takes a whole number of runs (1 or more), not ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
})();
const ORDER = option('--order');
if (ORDER !== undefined && !/^(sorted|reverse|shuffle(:\d+)?)$/.test(ORDER)) {
  console.error(`--order takes sorted, reverse, shuffle or shuffle:<seed>, not ${JSON.stringify(ORDER)}`);
  process.exit(2);
}
/** The integration file order for one run (`shuffle` draws a new seed each time). */
const orderForRun = () => (ORDER === 'shuffle' ? `shuffle:${Math.floor(Math.random() * 1e9)}` : ORDER);
const INTEGRATION_TIMEOUT_MS = Number(process.env.IMPACT_LOG_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);

function section(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// --- integration: mocha inside the extension host ---------------------------------------------------

async function runIntegration(vsix, n = 1, order = orderForRun()) {
  const started = Date.now();
  const outDir = join(RUN_DIR, 'integration');
  // A run of --repeat must not read the report an earlier run left.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const base = makeTempDir('impact-log-it-');
  const profile = makeProfile(base);
  const reportFile = join(outDir, 'report.json');
  const serverLog = join(outDir, 'code-server.log');
  const browserLog = join(outDir, 'browser-console.log');
  const browserLines = [];
  let server;
  let browser;
  let code = 1;
  let report;
  try {
    // The packaged extension, unpacked by a real install, is the development extension under test.
    const devDir = join(base, 'under-test');
    const extensionPath = installVsix(vsix, devDir, profile.userDataDir);
    const testsPath = join(RUN_DIR, 'out', 'test', 'integration', 'index.js');
    if (!existsSync(testsPath)) throw new Error(`${relative(ROOT, testsPath)} is missing: the build did not compile test/integration`);
    server = await startServer({
      userDataDir: profile.userDataDir,
      extensionsDir: profile.extensionsDir,
      folder: profile.workspace,
      logFile: serverLog,
      env: {
        IMPACT_LOG_TEST_REPORT: reportFile,
        ...(option('--grep') ? { IMPACT_LOG_TEST_GREP: option('--grep') } : {}),
        ...(order ? { IMPACT_LOG_TEST_ORDER: order } : {}),
      },
    });
    browser = await launchBrowser();
    const page = await browser.newPage();
    page.on('console', (m) => browserLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => browserLines.push(`[pageerror] ${e.message}`));
    let exited;
    const exitCode = new Promise((r) => (exited = r));
    await page.exposeFunction('codeAutomationExit', (c) => {
      exited(Number(c));
    });
    const url = workbenchUrl(server, {
      folder: profile.workspace,
      payload: [
        ['extensionDevelopmentPath', remoteUri(server, extensionPath)],
        ['extensionTestsPath', remoteUri(server, testsPath)],
      ],
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    code = await Promise.race([
      exitCode,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no result from the extension host within ${seconds(INTEGRATION_TIMEOUT_MS)}`)), INTEGRATION_TIMEOUT_MS)),
    ]);
    if (code !== 0) await page.screenshot({ path: join(outDir, 'workbench.failed.png') }).catch(() => {});
  } catch (err) {
    console.error(`integration: ${err instanceof Error ? err.message : err}`);
    code = 1;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    writeFileSync(browserLog, browserLines.join('\n') + '\n');
  }
  if (existsSync(reportFile)) {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
    for (const line of report.transcript) console.log(line);
  } else {
    console.log('integration: the extension host wrote no report (did run() start? see the logs below)');
  }
  const passed = report?.passes ?? 0;
  const failed = report ? report.failures : 1;
  // A host that exits non-zero with all tests passed (e.g. activation crashed) still fails the tier.
  const ok = code === 0 && failed === 0 && report !== undefined;
  if (ok) {
    rmSync(serverLog, { force: true });
    rmSync(browserLog, { force: true });
  }
  // Publish this run's report (and, on failure, logs + screenshot) as test-output/integration/
  // (test-output/integration/run-<n>/ with --repeat).
  const published = REPEAT > 1 ? join(OUTPUT, 'integration', `run-${n}`) : join(OUTPUT, 'integration');
  if (n === 1) rmSync(join(OUTPUT, 'integration'), { recursive: true, force: true });
  rmSync(published, { recursive: true, force: true });
  cpSync(outDir, published, { recursive: true });
  if (!ok) console.log(`integration: exit code ${code}; see ${relative(ROOT, published)}/ (code-server.log, browser-console.log, workbench.failed.png)`);
  if (flag('--keep')) console.log(`integration: profile kept at ${base}`);
  else removeDir(base);
  return { tier: 'integration', passed, failed: ok ? 0 : Math.max(failed, 1), ms: Date.now() - started };
}

// --- e2e: journeys in Node driving the workbench ------------------------------------------------------

function findJourneys(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

async function runE2e(vsix, n = 1) {
  const started = Date.now();
  // Each journey file clears and rewrites its own screenshots/logs here (test/e2e/workbench.ts);
  // with --repeat each run has its own folder, so a failed run's evidence is kept.
  if (REPEAT > 1 && n === 1) rmSync(join(OUTPUT, 'e2e'), { recursive: true, force: true });
  const outDir = REPEAT > 1 ? join(OUTPUT, 'e2e', `run-${n}`) : join(OUTPUT, 'e2e');
  mkdirSync(outDir, { recursive: true });
  const files = findJourneys(join(RUN_DIR, 'out', 'test', 'e2e'));
  if (files.length === 0) {
    console.log(`e2e: no journeys found in ${relative(ROOT, RUN_DIR)}/out/test/e2e`);
    return { tier: 'e2e', passed: 0, failed: 1, ms: Date.now() - started };
  }
  // The journeys start their own servers (test/e2e/workbench.ts); they read these.
  process.env.IMPACT_LOG_VSIX = vsix;
  process.env.IMPACT_LOG_TEST_OUTPUT = outDir;
  if (flag('--keep')) process.env.IMPACT_LOG_KEEP_PROFILES = '1';
  const { default: Mocha } = await import('mocha');
  // A new Mocha for every run of --repeat; dispose() unloads the journey files so the next run loads them afresh.
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, slow: 20_000, reporter: 'spec', color: process.stdout.isTTY === true });
  if (option('--grep')) mocha.grep(new RegExp(option('--grep')));
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  mocha.dispose();
  await stopAll();
  return { tier: 'e2e', passed: stats?.passes ?? 0, failed: stats?.failures ?? 1, ms: Date.now() - started };
}

// --- main -------------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  const only = flag('--integration') ? 'integration' : flag('--e2e') ? 'e2e' : undefined;
  section('provision');
  ensureProvisioned();
  await reexecWithNode24IfNeeded(import.meta.url);

  section('build and package');
  const tb = Date.now();
  mkdirSync(OUTPUT, { recursive: true });
  RUN_DIR = mkdtempSync(join(OUTPUT, 'run-'));
  // Package, then copy the VSIX and the compiled tests into this run's folder straight away. Another
  // build or run in the same working tree may replace dist-vsix/ or out/ meanwhile: then do it again.
  let vsix;
  for (let attempt = 1; ; attempt++) {
    try {
      const packaged = flag('--no-package') ? findVsix() : packageVsix('linux-x64');
      if (!packaged) throw new Error('--no-package: no linux-x64 VSIX in dist-vsix/');
      vsix = join(RUN_DIR, basename(packaged));
      copyFileSync(packaged, vsix);
      buildTests();
      rmSync(join(RUN_DIR, 'out'), { recursive: true, force: true });
      cpSync(join(ROOT, 'out'), join(RUN_DIR, 'out'), { recursive: true });
      if (!existsSync(join(RUN_DIR, 'out', 'test', 'integration', 'index.js'))) throw new Error('out/ changed while it was copied');
      console.log(`VSIX under test: ${relative(ROOT, packaged)} (${seconds(Date.now() - tb)})`);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      console.log(`build and package: ${err.message}; another build is running in this tree? trying again`);
    }
  }

  const runs = [];
  for (let n = 1; n <= REPEAT; n++) {
    const of = REPEAT > 1 ? ` (run ${n}/${REPEAT})` : '';
    const started = Date.now();
    const results = [];
    if (only !== 'e2e') {
      section(`integration (extension host)${of}`);
      results.push(await runIntegration(vsix, n));
    }
    if (only !== 'integration') {
      section(`e2e (browser journeys)${of}`);
      results.push(await runE2e(vsix, n));
    }
    const run = { n, results, ms: Date.now() - started, failed: results.some((r) => r.failed > 0) };
    runs.push(run);
    if (REPEAT > 1) console.log(`\nrun ${n}/${REPEAT}: ${describeRun(run)}`);
    if (run.failed && n < REPEAT && !flag('--keep-going')) {
      console.log(`stopping after the first run with a failure (run ${n}); --keep-going runs all ${REPEAT}`);
      break;
    }
  }

  if (flag('--keep')) console.log(`\nrun folder kept: ${RUN_DIR}`);

  section('summary');
  if (REPEAT === 1) {
    for (const r of runs[0].results) console.log(`${r.tier.padEnd(12)} ${r.passed} passed, ${r.failed} failed  (${seconds(r.ms)})`);
  } else {
    for (const run of runs) console.log(`run ${String(run.n).padStart(2)}: ${describeRun(run)}`);
    for (const tier of runs[0].results.map((r) => r.tier)) {
      const rs = runs.map((run) => run.results.find((r) => r.tier === tier));
      const green = rs.filter((r) => r.failed === 0).length;
      const ms = rs.reduce((a, r) => a + r.ms, 0);
      const sum = (k) => rs.reduce((a, r) => a + r[k], 0);
      console.log(`${tier.padEnd(12)} ${green}/${rs.length} runs green; ${sum('passed')} tests passed, ${sum('failed')} failed in all; ${seconds(ms)} (${seconds(ms / rs.length)} a run)`);
    }
    const skipped = REPEAT - runs.length;
    if (skipped > 0) console.log(`${skipped} of ${REPEAT} runs not made (stopped at the first failure)`);
  }
  console.log(`${'total'.padEnd(12)} ${seconds(Date.now() - t0)}; screenshots and logs under ${relative(process.cwd(), OUTPUT) || '.'}/`);
  return runs.some((run) => run.failed) ? 1 : 0;
}

function describeRun(run) {
  const parts = run.results.map((r) => `${r.tier} ${r.passed} passed, ${r.failed} failed (${seconds(r.ms)})`);
  return `${run.failed ? 'FAILED' : 'green'}: ${parts.join('; ')}; ${seconds(run.ms)}`;
}

// However the run ends (pass, failure, Ctrl+C), remove this run's copy of the build.
process.on('exit', () => {
  if (RUN_DIR && !flag('--keep')) rmSync(RUN_DIR, { recursive: true, force: true });
});

main()
  .then(async (code) => {
    await stopAll();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await stopAll();
    process.exit(1);
  });
