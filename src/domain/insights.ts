import { z } from 'zod';
import type { Entry } from './entry';
import { checkPeriod, periodFields } from './exportArgs';
import type { KindId } from './kinds';
import type { Period } from './periods';
import { type Counted, inPeriod, type Median, periodStats, type PeriodStats, type SeverityKey, timeToFixMs } from './summary';
import { isoMs } from './time';

/**
 * The Insights charts as plain data. The numbers come from the summary's own domain functions
 * (`periodStats`, `inPeriod`, `timeToFixMs` in summary.ts): the totals are `periodStats` of the
 * period's entries, exactly the summary's `current`, so the pictures and the text cannot disagree;
 * the months split those totals (tallies per kind and verdict that add up to them). Counts
 * carry their denominators and "not recorded" is a bucket of its own; nothing here is a score.
 */

/** `impactLog.showInsights { "period"?: "lastHalf" | "from": "2026-01-01", "to": "2026-06-30" }`: the period fields of the summary. */
export const showInsightsArgument = z.strictObject({ ...periodFields }).superRefine(checkPeriod);
export type ShowInsightsArgument = z.output<typeof showInsightsArgument>;

/** The outcome kinds charted per month (notes and AI assists have charts of their own or none). */
export const OUTCOME_KINDS = ['problem', 'shipped', 'review-catch', 'incident'] as const satisfies readonly KindId[];
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const VERDICT_KEYS = ['accepted', 'adapted', 'discarded', 'notRecorded'] as const;
export type VerdictKey = (typeof VERDICT_KEYS)[number];

/** How many discard reasons the chart lists (the rest are summed as "other reasons"). */
export const TOP_REASONS = 5;

/** A local calendar month of the period, clipped to it. */
export interface MonthSpan {
  /** `YYYY-MM` */
  readonly key: string;
  /** Epoch ms, inclusive (the period's start for its first month). */
  readonly from: number;
  /** Epoch ms, exclusive (the period's end for its last month). */
  readonly to: number;
  /** First and last local day of the span, `YYYY-MM-DD`, both inclusive (the timeline filter and the table use them). */
  readonly fromDate: string;
  readonly toDate: string;
}

export interface MonthCount<K extends string> {
  /** Index into `months`. */
  readonly month: number;
  readonly key: K;
  readonly count: number;
}

/** Median and spread of a set of durations (ms), with n; quartiles interpolated as the median is. */
export interface Spread extends Median {
  readonly q1: number | undefined;
  readonly q3: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

export interface InsightsModel {
  readonly period: Period;
  readonly previous: Period;
  readonly generatedAt: string;
  /** Every month the period touches, oldest first, empty ones included. */
  readonly months: readonly MonthSpan[];
  /** The summary's numbers for the period and the one before it (`periodStats`). */
  readonly current: PeriodStats;
  readonly before: PeriodStats;
  /** Outcome entries per month and kind, a row for every month and kind (zeros included). */
  readonly outcomes: { readonly rows: readonly MonthCount<OutcomeKind>[]; readonly total: number; readonly previousTotal: number };
  /** AI assists per month and verdict ("notRecorded" for assists without one). */
  readonly ai: {
    readonly rows: readonly MonthCount<VerdictKey>[];
    /** The TOP_REASONS most frequent discard reasons (from `current.ai.discardReasons`). */
    readonly topDiscardReasons: readonly Counted[];
    /** Discards whose reason is not among the top ones. */
    readonly otherDiscardReasons: number;
  };
  /** Review catches by severity and category (from `current.reviewCatches.bySeverity`), most severe first. */
  readonly reviewCatches: { readonly rows: readonly { readonly severity: SeverityKey; readonly category: string; readonly count: number }[] };
  /** Time from problem identified to fixed. `values` are the durations (ms), shortest first. */
  readonly timeToFix: Spread & { readonly values: readonly number[]; readonly withoutDates: number };
  /**
   * EXTENSION POINT (issue "Follow-ups"): the follow-up outcomes (held / reverted / caused an
   * incident / superseded / unknown / not followed up) per checkpoint, once follow-ups are part of
   * the summary model. Always null until then; the panel draws no chart for null.
   */
  readonly followUps: null;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const civil = (d: Date) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;

/** The local calendar months `period` touches, each clipped to the period. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): MonthSpan[] {
  const out: MonthSpan[] = [];
  if (period.to <= period.from) return out;
  const first = new Date(period.from);
  let y = first.getFullYear();
  let m = first.getMonth();
  for (;;) {
    const start = new Date(y, m, 1).getTime();
    if (start >= period.to) break;
    const next = new Date(y, m + 1, 1).getTime();
    const from = Math.max(start, period.from);
    const to = Math.min(next, period.to);
    out.push({ key: `${y}-${pad2(m + 1)}`, from, to, fromDate: civil(new Date(from)), toDate: civil(new Date(to - 1)) });
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** Index of the span holding `t` (spans are contiguous, oldest first), or -1. */
function spanIndex(months: readonly MonthSpan[], t: number): number {
  let lo = 0;
  let hi = months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = months[mid]!;
    if (t < s.from) hi = mid - 1;
    else if (t >= s.to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The p-quantile of sorted values, interpolated between neighbours (p = 0.5 is `median`). */
export function quantile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export interface InsightsInput {
  readonly period: Period;
  readonly previous: Period;
  /** Entries of the period (others, and deleted ones, are ignored), in any order. */
  readonly entries: readonly Entry[];
  readonly previousEntries: readonly Entry[];
  readonly now: number;
}

export function buildInsights(input: InsightsInput): InsightsModel {
  const months = monthsOf(input.period);
  // One pass: each entry's time is parsed once, to keep it (as the summary's `inPeriod` does) and
  // to count it in its month. A month's counts are plain tallies of kind and verdict, bucketed as
  // `periodStats` buckets them (a missing verdict is "notRecorded"); the totals are `periodStats`
  // itself, and the unit tests check that the months add up to them.
  const entries: Entry[] = [];
  const kindCounts = months.map(() => new Map<string, number>());
  const verdictCounts = months.map(() => new Map<string, number>());
  const fix: number[] = [];
  for (const e of input.entries) {
    if (e.deletedAt !== null) continue;
    const i = spanIndex(months, isoMs(e.occurredAt));
    if (i < 0) continue;
    entries.push(e);
    const kinds = kindCounts[i]!;
    kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    if (e.kind === 'ai-assist') {
      const v = e.fields.verdict ?? 'notRecorded';
      const verdicts = verdictCounts[i]!;
      verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
    } else if (e.kind === 'problem') {
      const t = timeToFixMs(e.fields);
      if (t !== undefined) fix.push(t);
    }
  }
  fix.sort((a, b) => a - b);
  const current = periodStats(entries);
  const before = periodStats(input.previousEntries.filter(inPeriod(input.previous)));

  const outcomes: MonthCount<OutcomeKind>[] = [];
  const ai: MonthCount<VerdictKey>[] = [];
  months.forEach((_, month) => {
    for (const key of OUTCOME_KINDS) outcomes.push({ month, key, count: kindCounts[month]!.get(key) ?? 0 });
    for (const key of VERDICT_KEYS) ai.push({ month, key, count: verdictCounts[month]!.get(key) ?? 0 });
  });

  const reasons = current.ai.discardReasons;
  const top = reasons.slice(0, TOP_REASONS);

  const outcomeTotal = (s: PeriodStats) => OUTCOME_KINDS.reduce((n, k) => n + s.perKind[k], 0);
  return {
    period: input.period,
    previous: input.previous,
    generatedAt: new Date(input.now).toISOString(),
    months,
    current,
    before,
    outcomes: { rows: outcomes, total: outcomeTotal(current), previousTotal: outcomeTotal(before) },
    ai: { rows: ai, topDiscardReasons: top, otherDiscardReasons: reasons.slice(TOP_REASONS).reduce((n, r) => n + r.count, 0) },
    reviewCatches: {
      rows: current.reviewCatches.bySeverity.flatMap((s) => s.categories.map((c) => ({ severity: s.severity, category: c.value, count: c.count }))),
    },
    timeToFix: {
      ...current.problems.timeToFix,
      q1: quantile(fix, 0.25),
      q3: quantile(fix, 0.75),
      min: fix[0],
      max: fix[fix.length - 1],
      values: fix,
      withoutDates: current.problems.total - fix.length,
    },
    followUps: null,
  };
}
