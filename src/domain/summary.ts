import { type Entry, type EntryOf, hasEvidence } from './entry';
import { KIND_IDS, KINDS, type KindId, SEVERITIES, type VERDICTS } from './kinds';
import type { Period } from './periods';
import { isoMs } from './time';

/**
 * The review-season summary as plain data, computed from the entries of a period and of the period
 * before it. Every rate carries its denominator, every "not recorded" is counted rather than
 * guessed, and nothing here counts tokens, lines or hours as achievements or compares people:
 * the only person in a summary is its author.
 */

export interface Counted {
  readonly value: string;
  readonly count: number;
}

/** A median with the number of values it was taken over (0 when there were none). */
export interface Median {
  readonly value: number | undefined;
  readonly n: number;
}

export type SeverityKey = (typeof SEVERITIES)[number] | 'notRecorded';

export interface PeriodStats {
  /** Live entries in the period. */
  readonly entries: number;
  readonly perKind: Readonly<Record<KindId, number>>;
  readonly problems: {
    readonly total: number;
    readonly customerVisible: number;
    /** AI involvement "assisted" or "ai-led". */
    readonly withAi: number;
    readonly withoutAi: number;
    readonly aiNotRecorded: number;
    /** From identified to resolved, in ms, over problems with both dates. */
    readonly timeToFix: Median;
  };
  readonly shipped: { readonly total: number; readonly customerVisible: number };
  readonly reviewCatches: {
    readonly total: number;
    readonly bySeverity: readonly { readonly severity: SeverityKey; readonly count: number; readonly categories: readonly Counted[] }[];
    readonly wouldReachProduction: number;
  };
  readonly incidents: {
    readonly total: number;
    readonly handled: number;
    readonly caused: number;
    /** Minutes, over incidents with a recorded time to mitigate. */
    readonly timeToMitigate: Median;
  };
  readonly ai: {
    readonly total: number;
    readonly accepted: number;
    readonly adapted: number;
    readonly discarded: number;
    readonly notRecorded: number;
    /** Most frequent first; reasons compared without case and extra spaces. */
    readonly discardReasons: readonly Counted[];
    readonly discardsWithoutReason: number;
    readonly adaptReasons: readonly Counted[];
    /** Of the assists kept (accepted or adapted) whose rework is recorded, how many needed rework later. */
    readonly keptNeedingRework: number;
    readonly keptReworkRecorded: number;
  };
}

export interface Summary {
  readonly period: Period;
  readonly previous: Period;
  readonly generatedAt: string;
  readonly current: PeriodStats;
  readonly before: PeriodStats;
  /** Highest impact first (see `highlightRank`), at most HIGHLIGHT_MAX. */
  readonly highlights: readonly Entry[];
  /** Entries of the period per kind, oldest first. */
  readonly byKind: { readonly [K in KindId]: readonly EntryOf<K>[] };
  /** Outcome entries and highlights without an evidence link, most important first. */
  readonly needsEvidence: readonly Entry[];
  /** Every entry of the period, oldest first. */
  readonly entries: readonly Entry[];
}

export const HIGHLIGHT_MAX = 8;

export function median(values: readonly number[]): Median {
  if (values.length === 0) return { value: undefined, n: 0 };
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return { value: s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, n: s.length };
}

/** Counts free-text values, case and spacing ignored; shows the spelling used most. Most frequent first, then alphabetical. */
export function countValues(values: readonly string[]): Counted[] {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const raw of values) {
    const text = raw.trim().replace(/\s+/g, ' ');
    if (text === '') continue;
    const key = text.toLowerCase();
    const g = groups.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    g.count++;
    g.spellings.set(text, (g.spellings.get(text) ?? 0) + 1);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ value: [...g.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0], count: g.count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

type ByKind = { readonly [K in KindId]: EntryOf<K>[] };

/** The entries of each kind, in the order given (one pass over the entries). */
function groupByKind(entries: readonly Entry[]): ByKind {
  const out = Object.fromEntries(KIND_IDS.map((k) => [k, [] as Entry[]])) as Record<KindId, Entry[]>;
  for (const e of entries) out[e.kind]?.push(e);
  return out as unknown as ByKind;
}

export function periodStats(entries: readonly Entry[]): PeriodStats {
  return statsOf(entries, groupByKind(entries));
}

function statsOf(entries: readonly Entry[], byKind: ByKind): PeriodStats {
  const perKind = Object.fromEntries(KIND_IDS.map((k) => [k, byKind[k].length])) as Record<KindId, number>;

  const problems = byKind.problem;
  const fixTimes = problems
    .filter((p) => p.fields.identifiedAt !== undefined && p.fields.resolvedAt !== undefined)
    .map((p) => isoMs(p.fields.resolvedAt!) - isoMs(p.fields.identifiedAt!));

  const catches = byKind['review-catch'];
  const severityKeys: SeverityKey[] = [...[...SEVERITIES].reverse(), 'notRecorded'];
  const bySeverity = severityKeys
    .map((severity) => {
      const these = catches.filter((c) => (c.fields.severity ?? 'notRecorded') === severity);
      return { severity, count: these.length, categories: countValues(these.map((c) => c.fields.category ?? 'not recorded')) };
    })
    .filter((s) => s.count > 0);

  const incidents = byKind.incident;
  const assists = byKind['ai-assist'];
  const verdict = (v: (typeof VERDICTS)[number]) => assists.filter((a) => a.fields.verdict === v);
  const discarded = verdict('discarded');
  const kept = assists.filter((a) => a.fields.verdict === 'accepted' || a.fields.verdict === 'adapted');
  const keptRework = kept.filter((a) => a.fields.rework !== undefined);

  return {
    entries: entries.length,
    perKind,
    problems: {
      total: problems.length,
      customerVisible: problems.filter((p) => p.fields.customerVisible === true).length,
      withAi: problems.filter((p) => p.fields.aiInvolvement === 'assisted' || p.fields.aiInvolvement === 'ai-led').length,
      withoutAi: problems.filter((p) => p.fields.aiInvolvement === 'none').length,
      aiNotRecorded: problems.filter((p) => p.fields.aiInvolvement === undefined).length,
      timeToFix: median(fixTimes),
    },
    shipped: {
      total: perKind.shipped,
      customerVisible: byKind.shipped.filter((s) => s.fields.customerVisible === true).length,
    },
    reviewCatches: {
      total: catches.length,
      bySeverity,
      wouldReachProduction: catches.filter((c) => c.fields.wouldReachProduction === true).length,
    },
    incidents: {
      total: incidents.length,
      handled: incidents.filter((i) => i.fields.role !== 'caused').length,
      caused: incidents.filter((i) => i.fields.role === 'caused').length,
      timeToMitigate: median(incidents.flatMap((i) => (i.fields.minutesToMitigate === undefined ? [] : [i.fields.minutesToMitigate]))),
    },
    ai: {
      total: assists.length,
      accepted: verdict('accepted').length,
      adapted: verdict('adapted').length,
      discarded: discarded.length,
      notRecorded: assists.filter((a) => a.fields.verdict === undefined).length,
      discardReasons: countValues(discarded.flatMap((a) => (a.fields.reason ? [a.fields.reason] : []))),
      discardsWithoutReason: discarded.filter((a) => !a.fields.reason).length,
      adaptReasons: countValues(verdict('adapted').flatMap((a) => (a.fields.reason ? [a.fields.reason] : []))),
      keptNeedingRework: keptRework.filter((a) => a.fields.rework === true).length,
      keptReworkRecorded: keptRework.length,
    },
  };
}

const IMPACT_RANK = { high: 3, medium: 2, low: 1 } as const;
const SEVERITY_RANK = { critical: 3, high: 2, medium: 1, low: 0 } as const;

/** How strongly an entry's own fields mark it as important, apart from its impact level. */
function signal(e: Entry): number {
  switch (e.kind) {
    case 'problem':
      return e.fields.customerVisible ? 2 : 0;
    case 'shipped':
      return e.fields.customerVisible ? 2 : 0;
    case 'review-catch':
      return (e.fields.severity ? SEVERITY_RANK[e.fields.severity] : 0) + (e.fields.wouldReachProduction ? 0.5 : 0);
    case 'incident':
      return e.fields.severity ? SEVERITY_RANK[e.fields.severity] : 0;
    default:
      return 0;
  }
}

/**
 * Highlight order: impact level (high first), then the entry's own signals (critical or high
 * severity, customer-visible, would have reached production), then entries with evidence, then
 * the most recent. Returns a sort key, larger first.
 */
export function highlightRank(e: Entry): readonly number[] {
  return [e.impact ? IMPACT_RANK[e.impact] : 0, signal(e), hasEvidence(e) ? 1 : 0, isoMs(e.occurredAt)];
}

/** An entry of the period with the time it occurred (epoch ms), parsed once. */
interface Timed {
  readonly e: Entry;
  readonly at: number;
}

/** An entry with its `highlightRank`, computed once per entry rather than twice per comparison. */
interface Ranked {
  readonly e: Entry;
  readonly impact: number;
  readonly signal: number;
  readonly evidence: number;
  readonly at: number;
}

/** `highlightRank` compared key by key, larger first, then the id. */
const byRank = (a: Ranked, b: Ranked): number =>
  a.impact !== b.impact
    ? b.impact - a.impact
    : a.signal !== b.signal
      ? b.signal - a.signal
      : a.evidence !== b.evidence
        ? b.evidence - a.evidence
        : a.at !== b.at
          ? b.at - a.at
          : a.e.id.localeCompare(b.e.id);

/** Most important first (see `highlightRank`). */
const ranked = (entries: readonly Timed[]): Entry[] =>
  entries
    .map(({ e, at }): Ranked => ({ e, impact: e.impact ? IMPACT_RANK[e.impact] : 0, signal: signal(e), evidence: hasEvidence(e) ? 1 : 0, at }))
    .sort(byRank)
    .map((r) => r.e);

/** A highlight is marked medium or high impact, or carries a strong signal of its own. */
const isHighlight = (e: Entry): boolean => (e.impact ? IMPACT_RANK[e.impact] >= 2 : false) || signal(e) >= 2;

/** Live entries of the period, oldest first, then by creation and id. */
function chronological(entries: readonly Entry[], p: Period): Timed[] {
  const timed: Timed[] = [];
  for (const e of entries) {
    if (e.deletedAt !== null) continue;
    const at = isoMs(e.occurredAt);
    if (at >= p.from && at < p.to) timed.push({ e, at });
  }
  // Entries rarely share a time: creation times are parsed only for those that do.
  return timed.sort((a, b) => a.at - b.at || isoMs(a.e.createdAt) - isoMs(b.e.createdAt) || a.e.id.localeCompare(b.e.id));
}

const inPeriod = (p: Period) => (e: Entry) => {
  if (e.deletedAt !== null) return false;
  const at = isoMs(e.occurredAt);
  return at >= p.from && at < p.to;
};

export interface SummaryInput {
  readonly period: Period;
  readonly previous: Period;
  /** Entries of the period (others, and deleted ones, are ignored). */
  readonly entries: readonly Entry[];
  /** Entries of the previous period. */
  readonly previousEntries: readonly Entry[];
  readonly now: number;
}

export function buildSummary(input: SummaryInput): Summary {
  const timed = chronological(input.entries, input.period);
  const entries = timed.map((t) => t.e);
  const before = input.previousEntries.filter(inPeriod(input.previous));
  const highlights = ranked(timed.filter((t) => isHighlight(t.e))).slice(0, HIGHLIGHT_MAX);
  const highlightIds = new Set(highlights.map((e) => e.id));
  const needsEvidence = ranked(timed.filter(({ e }) => !hasEvidence(e) && (KINDS[e.kind].outcome || highlightIds.has(e.id))));
  const byKind = groupByKind(entries);
  return {
    period: input.period,
    previous: input.previous,
    generatedAt: new Date(input.now).toISOString(),
    current: statsOf(entries, byKind),
    before: periodStats(before),
    highlights,
    byKind,
    needsEvidence,
    entries,
  };
}
