/** Timing helpers for the benchmarks: repeated runs summarised as min / median / p90. */

export interface Spread {
  readonly runs: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function spread(samples: readonly number[]): Spread {
  const s = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { runs: s.length, min: round(s[0] ?? NaN), p50: round(percentile(s, 50)), p90: round(percentile(s, 90)), max: round(s[s.length - 1] ?? NaN) };
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Milliseconds one call of fn takes. */
export function time(fn: () => unknown): number {
  const t = nowMs();
  fn();
  return nowMs() - t;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs fn `warmup` times untimed, then `runs` times timed (a GC between runs when --expose-gc is on, so one run's garbage is not billed to the next). */
export function measure(fn: () => unknown, runs: number, warmup = 2): Spread {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    samples.push(time(fn));
  }
  return spread(samples);
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
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    if (i % 2 === 0) {
      sa.push(time(a));
      sb.push(time(b));
    } else {
      sb.push(time(b));
      sa.push(time(a));
    }
  }
  return { a: spread(sa), b: spread(sb) };
}

/** Peak resident set size of this process so far, MiB. */
export const peakRssMiB = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
