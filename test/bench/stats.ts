/** Timing helpers for the benchmarks: repeated runs summarised as min / median / p90. */

export interface Spread {
  readonly runs: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
  /**
   * Median CPU time (user + system) of the same runs. On a busy machine wall time includes waiting
   * for a core; CPU time does not, so it is the better guess of what a quiet machine would show
   * for work that does not wait on the disk.
   */
  readonly cpuP50?: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function spread(samples: readonly number[], cpu?: readonly number[]): Spread {
  const s = [...samples].sort((a, b) => a - b);
  const out = { runs: s.length, min: round(s[0] ?? NaN), p50: round(percentile(s, 50)), p90: round(percentile(s, 90)), max: round(s[s.length - 1] ?? NaN) };
  return cpu && cpu.length > 0 ? { ...out, cpuP50: round(percentile([...cpu].sort((a, b) => a - b), 50)) } : out;
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** CPU time (user + system) this process has used, ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall and CPU milliseconds one call of fn takes. */
export function time(fn: () => unknown): { wall: number; cpu: number } {
  const c = cpuMs();
  const t = nowMs();
  fn();
  return { wall: nowMs() - t, cpu: cpuMs() - c };
}

/** Collects timings and summarises them. */
class Samples {
  private readonly wall: number[] = [];
  private readonly cpu: number[] = [];
  add(t: { wall: number; cpu: number }): void {
    this.wall.push(t.wall);
    this.cpu.push(t.cpu);
  }
  spread(): Spread {
    return spread(this.wall, this.cpu);
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs fn `warmup` times untimed, then `runs` times timed (a GC between runs when --expose-gc is on, so one run's garbage is not billed to the next). */
export function measure(fn: () => unknown, runs: number, warmup = 2): Spread {
  for (let i = 0; i < warmup; i++) fn();
  const samples = new Samples();
  for (let i = 0; i < runs; i++) {
    gc?.();
    samples.add(time(fn));
  }
  return samples.spread();
}

/**
 * Two operations timed in alternation (A, B, A, B…), so that disk and CPU noise lands on both
 * alike; the figure that matters is the ratio of their medians.
 */
export function measurePair(a: () => unknown, b: () => unknown, runs: number, warmup = 3): { a: Spread; b: Spread } {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const sa = new Samples();
  const sb = new Samples();
  for (let i = 0; i < runs; i++) {
    gc?.();
    if (i % 2 === 0) {
      sa.add(time(a));
      sb.add(time(b));
    } else {
      sb.add(time(b));
      sa.add(time(a));
    }
  }
  return { a: sa.spread(), b: sb.spread() };
}

/** Peak resident set size of this process so far, MiB. */
export const peakRssMiB = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
