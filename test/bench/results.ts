import type { GitSuggestShape } from './gitSuggest.bench';
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
  /** A single figure in the target's unit (e.g. peak RSS in MiB). */
  readonly value?: number;
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

/**
 * Activation in two stages (src/shell/lazyCore.ts): VS Code waits for the shell only; the core
 * loads right after (or on the first command), measured here on its own.
 */
export interface ActivationResult {
  /** The shell bundle (dist/extension.js) and how it was built. */
  readonly bundle: string;
  readonly bundleBytes: number;
  /** require() of the shell in a fresh process (with a fake `vscode`). */
  readonly requireMs: Spread;
  /** The shell's activate() with a minimal context: what VS Code waits for. */
  readonly activateMs: Spread;
  /** The core bundle (dist/core.js). */
  readonly coreBytes: number;
  /** require() of the core alone in a fresh process. */
  readonly coreRequireMs: Spread;
  /** The core's activate() alone (registers commands, the view, the status bar). */
  readonly coreActivateMs: Spread;
  /**
   * From the shell's activate() returning until api.ready() resolves: the core as the shell loads it
   * (require + activate), plus the promise work the core queued ahead of that (the status bar's first
   * count opens the database).
   */
  readonly readyMs: Spread;
  /** From the core loaded until the event loop is free: work it queued (e.g. the status bar's first count). */
  readonly settleMs: Spread;
  /** require() of a bundle holding only zod, built the same way: zod's share of the core's require time. */
  readonly zodRequireMs: Spread;
  readonly zodBundleBytes: number;
  /** Compiling the core bundle without running it (V8 parse). */
  readonly compileMs: Spread;
  /** Whether the shell's activate() opened the database, loaded the native addon or loaded the core (it should not). */
  readonly openedDatabase: boolean;
  readonly loadedSqlite: boolean;
  readonly loadedCore: boolean;
  /** The same, once the core has loaded and the work it queued has run (loadedCore: in every run). */
  readonly afterSettle: { readonly openedDatabase: boolean; readonly loadedSqlite: boolean; readonly loadedCore: boolean };
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
  /** Suggest from Git for a year on a generated repository, two shapes (gitSuggest.bench.ts). */
  readonly gitSuggest?: GitSuggestShape[];
  readonly vsixBytes?: number;
  readonly vsixPath?: string;
  /** Why the VSIX was not measured, when packaging failed. */
  readonly vsixError?: string;
}

/** An interactive read's target: its own at 100k (#21 and the feature's issue), ≤ 50 ms at 1M entries (#21's stress). */
export function interactive(max: number, size: number): Target {
  return size >= 1_000_000 ? { max: 50, unit: 'ms' } : { max, unit: 'ms' };
}

/** met / missed / n/a for a figure against its target at a size. */
export function verdict(value: number | undefined, target: Target | undefined, size: number): 'met' | 'MISSED' | '' {
  if (value === undefined || target === undefined || Number.isNaN(value)) return '';
  if (target.fromSize !== undefined && size < target.fromSize) return '';
  return value <= target.max ? 'met' : 'MISSED';
}
