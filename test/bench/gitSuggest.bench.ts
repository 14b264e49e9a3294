import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { GitRunner, readHistory } from '../../src/git';
import { EntryStore } from '../../src/storage';
import type { SuggestionOffer } from '../../src/storage/suggestions';

/**
 * Suggest from Git on a generated repository of 50,000 commits (git fast-import), in two shapes
 * (a team's five years, in which a tenth of the commits are mine; and all mine over two years): work on main — squash-merged pull requests, plain commits, and every 40th change a
 * pull request merged with a merge commit from a two-commit branch — plus a colleague's commits.
 * Measures "suggest for a year" end to end as the command runs it (the checks, the streamed
 * `git log`, `git rev-list` per merge, grouping, storing the suggestions in batches) and the
 * longest event-loop stall meanwhile (monitorEventLoopDelay, 1 ms resolution). Targets: ≤ 2 s,
 * stall ≤ 50 ms.
 *
 *   node out/test/bench/gitSuggest.bench.js [commits=50000] [runs=3]     (npm run bench runs it; --quick with 2,000 commits)
 */

const DAY = 86_400;
const commits = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 3);
const end = Math.floor(Date.UTC(2026, 11, 1) / 1000);

/** Two shapes: a team's repository (ten people, five years), and the worst case (every commit mine, two years). */
const SHAPES = [
  { id: 'team', label: '10 authors over 5 years', years: 5, everyNth: 10 },
  { id: 'solo', label: 'all mine over 2 years', years: 2, everyNth: 1 },
] as const;

async function generate(dir: string, shape: (typeof SHAPES)[number]): Promise<void> {
  const start = end - shape.years * 365 * DAY;
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['config', 'user.email', 'me@example.com'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/bench.git'], { cwd: dir });
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise<void>((res, rej) => child.on('close', (code) => (code === 0 ? res() : rej(new Error(`fast-import exited ${code}`)))));
  let buf = '';
  const write = async (s: string) => {
    buf += s;
    if (buf.length > 1 << 20) {
      const chunk = buf;
      buf = '';
      if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once('drain', r));
    }
  };
  let mark = 0;
  let mainTip = 0;
  let pr = 0;
  const step = (shape.years * 365 * DAY) / commits;
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const commit = async (ref: string, t: number, email: string, msg: string, file: string, from: number, merge?: number) => {
    mark++;
    await write(`commit ${ref}\nmark :${mark}\nauthor Me <${email}> ${Math.floor(t)} +0000\ncommitter Me <${email}> ${Math.floor(t)} +0000\n${data(msg)}${from ? `from :${from}\n` : ''}${merge ? `merge :${merge}\n` : ''}M 644 inline ${file}\n${data(`${mark}`)}`);
    return mark;
  };
  let mine = 0;
  for (let n = 0; mark < commits; n++) {
    const t = start + n * step;
    if (n % shape.everyNth !== 0) {
      pr++;
      mainTip = await commit('refs/heads/main', t, `colleague${n % 9}@example.com`, `feat: colleague change ${n} (#${pr})`, `src/module${n % 400}/file${n % 7}.ts`, mainTip);
      continue;
    }
    const i = mine++;
    const file = `src/module${i % 400}/file${i % 7}.ts`;
    if (i % 40 === 0 && mainTip) {
      pr++;
      const b1 = await commit(`refs/heads/feature-${pr}`, t, 'me@example.com', `feat: part one of ${pr}`, file, mainTip);
      const b2 = await commit(`refs/heads/feature-${pr}`, t + 60, 'me@example.com', `fix: part two of ${pr}`, file, b1);
      mainTip = await commit('refs/heads/main', t + 120, 'me@example.com', `Merge pull request #${pr} from acme/feature-${pr}\n\nFeature ${pr}`, file, mainTip, b2);
      await write(`reset refs/heads/feature-${pr}\nfrom 0000000000000000000000000000000000000000\n\n`);
    } else if (i % 3 === 0) {
      pr++;
      mainTip = await commit('refs/heads/main', t, 'me@example.com', `${i % 2 ? 'fix' : 'feat'}(m${i % 400}): change ${i} (#${pr})`, file, mainTip);
    } else if (i % 11 === 0) {
      mainTip = await commit('refs/heads/main', t, 'colleague@example.com', `chore: colleague ${i}`, file, mainTip);
    } else {
      mainTip = await commit('refs/heads/main', t, 'me@example.com', `Work on module ${i % 400}`, file, mainTip);
    }
  }
  child.stdin.end(buf);
  await done;
}

/** CPU time of this process's waited-for children (git), ms; undefined where /proc is not there. */
function childCpuMs(): number | undefined {
  try {
    // /proc/self/stat: fields 16 and 17 (cutime, cstime), in clock ticks (100 a second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

export interface GitSuggestRun {
  /** Wall time, end to end. */
  readonly ms: number;
  /** CPU time of the main thread (the extension host's, in the extension): parsing, grouping, storing. */
  readonly cpuMs: number;
  /** CPU time of the git processes. */
  readonly gitCpuMs: number | undefined;
  /** The longest the event loop went without a turn (wall: includes waiting for a core on a busy machine). */
  readonly stallMs: number;
  /** The most main-thread CPU time spent between two turns of the event loop: the stall a quiet machine would see. */
  readonly stallCpuMs: number;
  readonly suggestions: number;
  readonly read: number;
}

async function once(dir: string, db: string): Promise<GitSuggestRun> {
  const store = await EntryStore.open({ path: db });
  const h = monitorEventLoopDelay({ resolution: 1 });
  // A second, independent stall probe: the longest gap between 1 ms timers, in wall and in this thread's CPU time.
  const threadCpu = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  let last = performance.now();
  let lastCpu = threadCpu();
  let gap = 0;
  let cpuGap = 0;
  const probe = setInterval(() => {
    const n = performance.now();
    const c = threadCpu();
    gap = Math.max(gap, n - last);
    cpuGap = Math.max(cpuGap, c - lastCpu);
    last = n;
    lastCpu = c;
  }, 1);
  h.enable();
  const git0 = childCpuMs();
  const cpu0 = threadCpu();
  const t0 = performance.now();
  const r = await readHistory(new GitRunner('git'), { root: dir, from: (end - 365 * DAY) * 1000, to: end * 1000, extraEmails: [] });
  const offers: SuggestionOffer[] = r.drafts.map((d) => ({ ...d, repoRoot: dir, repoName: r.repoName }));
  const added = await store.suggestions.offerInBatches(offers);
  const ms = performance.now() - t0;
  const cpuMs = threadCpu() - cpu0;
  const git1 = childCpuMs();
  h.disable();
  clearInterval(probe);
  store.close();
  return {
    ms,
    cpuMs,
    gitCpuMs: git0 !== undefined && git1 !== undefined ? git1 - git0 : undefined,
    stallMs: Math.max(h.max / 1e6, gap),
    stallCpuMs: cpuGap,
    suggestions: added.length,
    read: r.commits,
  };
}

export interface GitSuggestShape {
  readonly id: string;
  readonly label: string;
  readonly commits: number;
  readonly generateMs: number;
  readonly runs: GitSuggestRun[];
  readonly worst: { readonly ms: number; readonly stallMs: number; readonly stallCpuMs: number };
}

async function main(): Promise<void> {
  const out: GitSuggestShape[] = [];
  for (const shape of SHAPES) {
    const dir = mkdtempSync(join(tmpdir(), 'impact-log-gitbench-'));
    try {
      const g0 = performance.now();
      await generate(join(dir, 'repo'), shape);
      const genMs = performance.now() - g0;
      const results: GitSuggestRun[] = [];
      for (let i = 0; i < runs; i++) results.push(await once(join(dir, 'repo'), join(dir, `log-${i}.sqlite`)));
      const worst = { ms: Math.max(...results.map((r) => r.ms)), stallMs: Math.max(...results.map((r) => r.stallMs)), stallCpuMs: Math.max(...results.map((r) => r.stallCpuMs)) };
      const ms = (x: number | undefined) => (x === undefined ? '?' : `${x.toFixed(0)} ms`);
      process.stderr.write(
        `[bench] git suggest, ${commits} commits (${shape.label}), generated in ${(genMs / 1000).toFixed(1)} s; a year: ${results[0]!.read} of my commits → ${results[0]!.suggestions} suggestions; ` +
          `${results.map((r) => `${ms(r.ms)} (cpu ${ms(r.cpuMs)} + git ${ms(r.gitCpuMs)})`).join(', ')} (target ≤ 2000 ms: ${worst.ms <= 2000 ? 'met' : 'MISSED'}); ` +
          `longest stall ${results.map((r) => `${ms(r.stallMs)} (cpu ${ms(r.stallCpuMs)})`).join(', ')} (target ≤ 50 ms: ${worst.stallMs <= 50 ? 'met' : 'MISSED'}); load average ${loadavg()[0]!.toFixed(1)}\n`,
      );
      out.push({ id: shape.id, label: shape.label, commits, generateMs: genMs, runs: results, worst });
    } finally {
      if (process.env.IMPACT_LOG_BENCH_KEEP) process.stderr.write(`[bench] kept ${dir}\n`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();
