import { type Entry, type EntryOf, hasEvidence } from './entry';
import { type FollowUpSummary, type FollowUpSummaryInput, summariseFollowUps } from './followUpSummary';
import { KIND_IDS, KINDS, type KindId, type ProblemFields, reasonCounter, SEVERITIES, type VERDICTS } from './kinds';
import type { Period } from './periods';
import { isoMs } from './time';
import { msg } from './messages';

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
  /** What the follow-ups say; absent when follow-ups are turned off. */
  readonly followUps?: FollowUpSummary;
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

/** A solved problem's time from identified to resolved, in ms; undefined unless both are recorded. */
export function timeToFixMs(f: ProblemFields): number | undefined {
  return f.identifiedAt !== undefined && f.resolvedAt !== undefined ? isoMs(f.resolvedAt) - isoMs(f.identifiedAt) : undefined;
}

export function periodStats(entries: readonly Entry[]): PeriodStats {
  return statsOf(entries, groupByKind(entries));
}

/**
 * One pass per kind, reading each entry's fields once: entries of a kind have fields of many shapes
 * (optional keys), so every `fields.x` read is a slow lookup, and the filters this replaces read
 * each assist's verdict eight times.
 */
function statsOf(entries: readonly Entry[], byKind: ByKind): PeriodStats {
  const perKind = Object.fromEntries(KIND_IDS.map((k) => [k, byKind[k].length])) as Record<KindId, number>;

  const problems = { total: byKind.problem.length, customerVisible: 0, withAi: 0, withoutAi: 0, aiNotRecorded: 0 };
  const fixTimes: number[] = [];
  for (const { fields: f } of byKind.problem) {
    if (f.customerVisible === true) problems.customerVisible++;
    if (f.aiInvolvement === 'assisted' || f.aiInvolvement === 'ai-led') problems.withAi++;
    else if (f.aiInvolvement === 'none') problems.withoutAi++;
    else if (f.aiInvolvement === undefined) problems.aiNotRecorded++;
    const t = timeToFixMs(f);
    if (t !== undefined) fixTimes.push(t);
  }

  let shippedVisible = 0;
  for (const { fields: f } of byKind.shipped) if (f.customerVisible === true) shippedVisible++;

  const severityKeys: SeverityKey[] = [...[...SEVERITIES].reverse(), 'notRecorded'];
  const categories = new Map<string, string[]>(severityKeys.map((k) => [k, []]));
  let wouldReachProduction = 0;
  for (const { fields: f } of byKind['review-catch']) {
    categories.get(f.severity ?? 'notRecorded')?.push(f.category ?? msg('glance.notRecorded'));
    if (f.wouldReachProduction === true) wouldReachProduction++;
  }
  const bySeverity = severityKeys
    .map((severity) => {
      const these = categories.get(severity)!;
      return { severity, count: these.length, categories: countValues(these) };
    })
    .filter((s) => s.count > 0);

  let caused = 0;
  const mitigation: number[] = [];
  for (const { fields: f } of byKind.incident) {
    if (f.role === 'caused') caused++;
    if (f.minutesToMitigate !== undefined) mitigation.push(f.minutesToMitigate);
  }

  const verdicts: Record<(typeof VERDICTS)[number], number> = { accepted: 0, adapted: 0, discarded: 0 };
  let notRecorded = 0;
  let discardsWithoutReason = 0;
  let keptNeedingRework = 0;
  let keptReworkRecorded = 0;
  const discardReasons: string[] = [];
  const countedReason = reasonCounter();
  const adaptReasons: string[] = [];
  for (const { fields: f } of byKind['ai-assist']) {
    const v = f.verdict;
    if (v === undefined) {
      notRecorded++;
      continue;
    }
    if (v === 'accepted' || v === 'adapted' || v === 'discarded') verdicts[v]++;
    if (v === 'discarded') {
      if (f.reason) discardReasons.push(countedReason(f.reason));
      else discardsWithoutReason++;
    } else if (v === 'accepted' || v === 'adapted') {
      if (v === 'adapted' && f.reason) adaptReasons.push(countedReason(f.reason));
      if (f.rework !== undefined) keptReworkRecorded++;
      if (f.rework === true) keptNeedingRework++;
    }
  }

  return {
    entries: entries.length,
    perKind,
    problems: { ...problems, timeToFix: median(fixTimes) },
    shipped: { total: perKind.shipped, customerVisible: shippedVisible },
    reviewCatches: { total: byKind['review-catch'].length, bySeverity, wouldReachProduction },
    incidents: { total: byKind.incident.length, handled: byKind.incident.length - caused, caused, timeToMitigate: median(mitigation) },
    ai: {
      total: byKind['ai-assist'].length,
      ...verdicts,
      notRecorded,
      discardReasons: countValues(discardReasons),
      discardsWithoutReason,
      adaptReasons: countValues(adaptReasons),
      keptNeedingRework,
      keptReworkRecorded,
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

/** An entry of the period with its time (epoch ms) and its `highlightRank`, each worked out once. */
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

/** A highlight is marked medium or high impact, or carries a strong signal of its own. */
const isHighlight = (r: Ranked): boolean => r.impact >= 2 || r.signal >= 2;

/** Live entries of the period, oldest first, then by creation and id. */
function chronological(entries: readonly Entry[], p: Period): Ranked[] {
  const out: Ranked[] = [];
  for (const e of entries) {
    if (e.deletedAt !== null) continue;
    const at = isoMs(e.occurredAt);
    if (at >= p.from && at < p.to) out.push({ e, impact: e.impact ? IMPACT_RANK[e.impact] : 0, signal: signal(e), evidence: hasEvidence(e) ? 1 : 0, at });
  }
  // Entries rarely share a time: creation times are parsed only for those that do.
  return out.sort((a, b) => a.at - b.at || isoMs(a.e.createdAt) - isoMs(b.e.createdAt) || a.e.id.localeCompare(b.e.id));
}

/** A live entry that occurred in the period. */
export const inPeriod = (p: Period) => (e: Entry) => {
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
  /** The follow-up answers of both periods' entries; leave out when follow-ups are turned off. */
  readonly followUps?: FollowUpSummaryInput;
}

export function buildSummary(input: SummaryInput): Summary {
  const ranked = chronological(input.entries, input.period);
  const entries = ranked.map((r) => r.e);
  const before = input.previousEntries.filter(inPeriod(input.previous));
  const highlights = ranked.filter(isHighlight).sort(byRank).slice(0, HIGHLIGHT_MAX).map((r) => r.e);
  const highlightIds = new Set(highlights.map((e) => e.id));
  const needsEvidence = ranked
    .filter((r) => r.evidence === 0 && (KINDS[r.e.kind].outcome || highlightIds.has(r.e.id)))
    .sort(byRank)
    .map((r) => r.e);
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
    ...(input.followUps ? { followUps: summariseFollowUps(entries, before, input.followUps) } : {}),
  };
}
