import type { Spread } from './stats';

/** The shapes the benchmark writes to test-output/bench.json. */

export interface Target {
  /** The figure must be at most this. */
  readonly max: number;
  readonly unit: 'ms' | 'x' | 'MiB';
  /** Only judged at this size and above (targets are stated "at 100k"); default: every size. */
  readonly fromSize?: number;
}

export interface Measurement {
  readonly id: string;
  /** The same at every size. */
  readonly label: string;
  /** What it covered at this size, e.g. "2364 hits". */
  readonly detail?: string;
  /** Timed runs, milliseconds. */
  readonly ms?: Spread;
  /** A ratio of two medians (e.g. store / raw). */
  readonly ratio?: number;
  readonly target?: Target;
  /** Why the figure is what it is, when that is not obvious. */
  readonly note?: string;
}

export interface SizeResult {
  readonly size: number;
  readonly dbBytes: number;
  readonly fillMs: number;
  readonly fillPerSecond: number;
  readonly rssAfterFillMiB: number;
  readonly peakRssMiB: number;
  readonly measurements: Measurement[];
}

export interface ColdOpenResult {
  readonly size: number;
  /** Loading the storage modules (zod schemas included) in a fresh process. */
  readonly requireMs: Spread;
  /** EntryStore.open: native addon load, pragmas, migrations check. */
  readonly openMs: Spread;
  /** The first timeline root on the just-opened file (SQLite's page cache empty). */
  readonly firstRootMs: Spread;
}

export interface ActivationResult {
  readonly bundle: string;
  readonly bundleBytes: number;
  /** require() of the bundle in a fresh process (with a fake `vscode`). */
  readonly requireMs: Spread;
  readonly activateMs: Spread;
  /** From activate() returning until the event loop is free: work it queued (e.g. the status bar's first count). */
  readonly settleMs: Spread;
  /** require() of a bundle holding only zod, built the same way: zod's share of the require time. */
  readonly zodRequireMs: Spread;
  readonly zodBundleBytes: number;
  /** Compiling the bundle without running it (V8 parse): what a single lazily-initialised bundle would still pay. */
  readonly compileMs: Spread;
  /** Whether activate() itself opened the database or loaded the native addon (it should not). */
  readonly openedDatabase: boolean;
  readonly loadedSqlite: boolean;
  /** The same, once the work activate() queued has run. */
  readonly afterSettle: { readonly openedDatabase: boolean; readonly loadedSqlite: boolean };
  /** VS Code API members the fake did not provide (stubbed as no-ops). */
  readonly stubbedApi: readonly string[];
}

export interface BenchResults {
  readonly when: string;
  readonly revision: { readonly commit: string; readonly dirty: boolean };
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memGiB: number;
    readonly node: string;
    readonly platform: string;
    /** 1-minute load average at the start and the end: other work on the machine skews timings. */
    readonly loadAverage: readonly [number, number];
  };
  readonly options: { readonly sizes: readonly number[]; readonly runs: number; readonly seed: number; readonly quick: boolean };
  readonly sizes: SizeResult[];
  readonly coldOpen: ColdOpenResult[];
  /** The timeline on the largest size laid out three ways (over 10 years, 1 year, 10 hours). */
  readonly timelineShapes?: Measurement[];
  readonly activation?: ActivationResult;
  readonly vsixBytes?: number;
  readonly vsixPath?: string;
  /** Why the VSIX was not measured, when packaging failed. */
  readonly vsixError?: string;
}

/** met / missed / n/a for a figure against its target at a size. */
export function verdict(value: number | undefined, target: Target | undefined, size: number): 'met' | 'MISSED' | '' {
  if (value === undefined || target === undefined || Number.isNaN(value)) return '';
  if (target.fromSize !== undefined && size < target.fromSize) return '';
  return value <= target.max ? 'met' : 'MISSED';
}
