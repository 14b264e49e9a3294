import { type BenchResults, type Measurement, type Target, verdict } from './results';
import type { Spread } from './stats';

/** The benchmark results as Markdown tables (printed, and pasted into docs/BENCHMARKS.md). */

const n = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const spreadCell = (s: Spread) => `${n(s.p50)} (${n(s.min)}–${n(s.p90)})${s.cpuP50 !== undefined ? ` · cpu ${n(s.cpuP50)}` : ''}`;
const targetCell = (t: Target | undefined) => (t ? `≤ ${t.max}${t.unit === 'x' ? 'x' : ` ${t.unit}`}` : '');
const sizeName = (size: number) => (size >= 1000 && size % 1000 === 0 ? `${size / 1000}k` : String(size));
const yn = (b: boolean) => (b ? 'yes' : 'no');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function cell(m: Measurement | undefined): string {
  if (!m) return '–';
  if (m.ratio !== undefined) return `${m.ratio.toFixed(2)}x`;
  if (m.value !== undefined) return `${n(m.value)}${m.target?.unit === 'MiB' ? ' MiB' : ''}`;
  return m.ms ? spreadCell(m.ms) : '–';
}

/** Suggest from Git for a year (#16) of a 50,000-commit repository: the whole run, and the longest event-loop stall meanwhile. */
const GIT_TARGET = { ms: 2000, stallMs: 50, commits: 50_000 } as const;

const figure = (m: Measurement | undefined) => (m?.ratio !== undefined ? m.ratio : m?.value !== undefined ? m.value : m?.ms?.p50);


export function renderTables(r: BenchResults): string {
  const sizes = r.sizes.map((s) => s.size);
  const largest = r.sizes[r.sizes.length - 1];
  const head = `| measurement (ms: median (min–p90) · cpu median) | ${sizes.map(sizeName).join(' | ')} | target | at ${largest ? sizeName(largest.size) : '–'} |`;
  const sep = `| --- | ${sizes.map(() => '---:').join(' | ')} | --- | --- |`;
  const lines = [head, sep];
  const ids = [...new Set(r.sizes.flatMap((s) => s.measurements.map((m) => m.id)))];
  for (const id of ids) {
    const any = r.sizes.flatMap((s) => s.measurements).find((m) => m.id === id)!;
    const cells = r.sizes.map((s) => cell(s.measurements.find((m) => m.id === id)));
    const last = largest?.measurements.find((m) => m.id === id);
    lines.push(`| ${any.label} | ${cells.join(' | ')} | ${targetCell(any.target)} | ${largest ? verdict(figure(last), any.target, largest.size) : ''} |`);
  }
  const cold = (f: (c: BenchResults['coldOpen'][number]) => Spread) => sizes.map((s) => {
    const c = r.coldOpen.find((x) => x.size === s);
    return c ? spreadCell(f(c)) : '–';
  });
  const lastCold = r.coldOpen.find((c) => c.size === largest?.size);
  lines.push(`| Cold open: EntryStore.open in a fresh process (addon load, pragmas, migrations check) | ${cold((c) => c.openMs).join(' | ')} | ≤ 50 ms | ${lastCold && largest ? verdict(lastCold.openMs.p50, { max: 50, unit: 'ms' }, largest.size) : ''} |`);
  lines.push(`| Cold open: first timeline root after open | ${cold((c) => c.firstRootMs).join(' | ')} | | |`);
  lines.push(`| Cold open: loading the storage code (zod schemas) | ${cold((c) => c.requireMs).join(' | ')} | | |`);
  lines.push(`| Database file | ${r.sizes.map((s) => mib(s.dbBytes)).join(' | ')} | | |`);
  lines.push(`| Fill (entries per second, chunks of 5,000) | ${r.sizes.map((s) => String(s.fillPerSecond)).join(' | ')} | | |`);
  lines.push(`| Peak RSS of the benchmark process, MiB | ${r.sizes.map((s) => String(s.peakRssMiB)).join(' | ')} | | |`);

  const out = [lines.join('\n')];
  const withDetail = ids.filter((id) => r.sizes.some((sz) => sz.measurements.find((m) => m.id === id)?.detail));
  if (withDetail.length > 0) {
    const rows = withDetail.map((id) => {
      const label = r.sizes.flatMap((sz) => sz.measurements).find((m) => m.id === id)!.label;
      return `| ${label} | ${r.sizes.map((sz) => sz.measurements.find((m) => m.id === id)?.detail ?? '–').join(' | ')} |`;
    });
    out.push([`| what each measurement covered | ${sizes.map(sizeName).join(' | ')} |`, `| --- | ${sizes.map(() => '---:').join(' | ')} |`, ...rows].join('\n'));
  }
  if (r.timelineShapes && r.timelineShapes.length > 0 && largest) {
    out.push(
      [
        `| timeline at ${sizeName(largest.size)}, three layouts (timeline.bench.ts) | ms: median (min–p90) · cpu median | target | |`,
        '| --- | ---: | --- | --- |',
        ...r.timelineShapes.map((m) => `| ${m.label}${m.note ? ` — ${m.note}` : ''} | ${cell(m)} | ${targetCell(m.target)} | ${verdict(figure(m), m.target, largest.size)} |`),
      ].join('\n'),
    );
  }
  const a = r.activation;
  if (a) {
    // CPU medians when known: on a busy machine the wall-clock ratio is mostly noise.
    const share = a.zodRequireMs.cpuP50 !== undefined && a.coreRequireMs.cpuP50 ? a.zodRequireMs.cpuP50 / a.coreRequireMs.cpuP50 : a.zodRequireMs.p50 / a.coreRequireMs.p50;
    out.push(
      [
        '| extension (activates in two stages: the shell, then the core) | figure | target | |',
        '| --- | ---: | --- | --- |',
        `| require(${a.bundle}), the shell, in a fresh process, ms | ${spreadCell(a.requireMs)} | | |`,
        `| the shell's activate() with a minimal context, ms | ${spreadCell(a.activateMs)} | | |`,
        `| require + activate, ms (sum of medians) | ${n(a.requireMs.p50 + a.activateMs.p50)} | ≤ 10 ms | ${verdict(a.requireMs.p50 + a.activateMs.p50, { max: 10, unit: 'ms' }, 0)} |`,
        `| core loaded / database opened / SQLite loaded by activate() | ${yn(a.loadedCore)} / ${yn(a.openedDatabase)} / ${yn(a.loadedSqlite)} | no / no / no | ${!a.loadedCore && !a.openedDatabase && !a.loadedSqlite ? 'met' : 'MISSED'} |`,
        `| right after: the core loaded by the shell (api.ready()), ms | ${spreadCell(a.readyMs)} | | |`,
        `| … require(dist/core.js) alone, in a fresh process, ms | ${spreadCell(a.coreRequireMs)} | | |`,
        `| … … of which zod alone (zod-only bundle, ${mib(a.zodBundleBytes)}), ms | ${spreadCell(a.zodRequireMs)} (${Math.round(share * 100)}%) | | |`,
        `| … … compiling the core alone (no module runs), ms | ${spreadCell(a.compileMs)} | | |`,
        `| … the core's activate() alone, ms | ${spreadCell(a.coreActivateMs)} | | |`,
        `| work the core queued, until the event loop is free, ms | ${spreadCell(a.settleMs)} | | |`,
        `| … core loaded / database opened / SQLite loaded by then | ${yn(a.afterSettle.loadedCore)} / ${yn(a.afterSettle.openedDatabase)} / ${yn(a.afterSettle.loadedSqlite)} | | |`,
        `| shell bundle size (dist/extension.js) | ${kib(a.bundleBytes)} | | |`,
        `| core bundle size (dist/core.js) | ${mib(a.coreBytes)} | | |`,
        ...(r.vsixBytes !== undefined ? [`| VSIX size (linux-x64) | ${mib(r.vsixBytes)} | | |`] : []),
        ...(r.vsixError ? [`| VSIX size (linux-x64) | not measured: packaging failed | | |`] : []),
      ].join('\n'),
    );
    if (a.stubbedApi.length > 0) out.push(`VS Code API stubbed blindly by the fake: ${a.stubbedApi.join(', ')}`);
  }
  if (r.gitSuggest && r.gitSuggest.length > 0) {
    const list = (xs: readonly (number | undefined)[]) => xs.map((x) => (x === undefined ? '?' : n(x))).join(', ');
    out.push(
      [
        `| Suggest from Git, a year (gitSuggest.bench.ts, ${r.gitSuggest[0]!.commits} commits) | my commits → suggestions | ms (each run) · main-thread cpu · git cpu | longest stall ms (wall · main-thread cpu) | target | |`,
        '| --- | ---: | ---: | ---: | --- | --- |',
        ...r.gitSuggest.map((g) => {
          const ok = g.worst.ms <= GIT_TARGET.ms && g.worst.stallMs <= GIT_TARGET.stallMs;
          const judged = g.commits >= GIT_TARGET.commits;
          return `| ${g.label} | ${g.runs[0]?.read ?? 0} → ${g.runs[0]?.suggestions ?? 0} | ${list(g.runs.map((x) => x.ms))} · cpu ${list(g.runs.map((x) => x.cpuMs))} · git ${list(g.runs.map((x) => x.gitCpuMs))} | ${list(g.runs.map((x) => x.stallMs))} · cpu ${list(g.runs.map((x) => x.stallCpuMs))} | ≤ ${GIT_TARGET.ms} ms, stall ≤ ${GIT_TARGET.stallMs} ms (at ${GIT_TARGET.commits} commits) | ${judged ? (ok ? 'met' : 'MISSED') : ''} |`;
        }),
      ].join('\n'),
    );
  }
  return out.map(tidy).join('\n\n');
}

/** Empty table cells as `| |`, so the tables pass markdownlint's compact table style (MD060). */
function tidy(text: string): string {
  let t = text;
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(/\| {2,}\|/g, '| |');
  }
  return t;
}

/** Targets missed at the largest size, in words. */
export function missed(r: BenchResults): string[] {
  const largest = r.sizes[r.sizes.length - 1];
  if (!largest) return [];
  const out = largest.measurements
    .filter((m) => verdict(figure(m), m.target, largest.size) === 'MISSED')
    .map((m) => `${m.label}: ${cell(m)} (target ${targetCell(m.target)})`);
  for (const m of r.timelineShapes ?? []) if (verdict(figure(m), m.target, largest.size) === 'MISSED') out.push(`${m.label}: ${cell(m)} (target ${targetCell(m.target)})`);
  const cold = r.coldOpen.find((c) => c.size === largest.size);
  if (cold && cold.openMs.p50 > 50) out.push(`Cold open: ${n(cold.openMs.p50)} ms (target ≤ 50 ms)`);
  const a = r.activation;
  if (a && a.requireMs.p50 + a.activateMs.p50 > 10) out.push(`Activation: ${n(a.requireMs.p50 + a.activateMs.p50)} ms (target ≤ 10 ms)`);
  if (a && (a.openedDatabase || a.loadedSqlite || a.loadedCore)) out.push('Activation loaded the core, opened the database or loaded SQLite (the shell should do none of these)');
  if (a && !a.afterSettle.loadedCore) out.push('The core did not load after activation');
  for (const g of (r.gitSuggest ?? []).filter((x) => x.commits >= GIT_TARGET.commits)) {
    if (g.worst.ms > GIT_TARGET.ms) out.push(`Suggest from Git (${g.label}): ${n(g.worst.ms)} ms at worst (target ≤ ${GIT_TARGET.ms} ms)`);
    if (g.worst.stallMs > GIT_TARGET.stallMs) out.push(`Suggest from Git (${g.label}): the event loop stalled ${n(g.worst.stallMs)} ms at worst (target ≤ ${GIT_TARGET.stallMs} ms)`);
  }
  return out;
}
