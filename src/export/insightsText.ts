import { OUTCOME_WORDS as FOLLOW_UP_WORDS } from '../domain/followUps';
import {
  bucketCount,
  FOLLOW_UP_BUCKETS,
  type FollowUpBucket,
  type FollowUpChartKind,
  type FollowUpKindRow,
  type InsightsModel,
  type MonthSpan,
  OUTCOME_KINDS,
  VERDICT_KEYS,
  type VerdictKey,
} from '../domain/insights';
import type { KindId } from '../domain/kinds';
import type { SeverityKey } from '../domain/summary';
import { formatDuration } from './format';
import { choiceWord } from '../domain/format';
import { EN, type MessageKey, msg, msgN } from '../domain/messages';

/**
 * The words and tables of the Insights charts, worked out in the extension (plain Node) from the
 * chart data model: the page only draws them. Every chart says what it counts and out of how many;
 * every table holds the chart's numbers, so the chart can be read without seeing it.
 */

export type InsightsChartId = 'outcomes' | 'ai' | 'discardReasons' | 'catches' | 'timeToFix' | 'followUps';

/** What choosing a bar shows in the timeline (the page's charts.ts gives each bar one). */
export interface FilterTarget {
  readonly kinds: readonly KindId[];
  readonly fromDate?: string;
  readonly toDate?: string;
  /** The bar's accessible name: "Jul 2026: 3 problems solved. Show them in the timeline". */
  readonly label: string;
}

export interface TableRow {
  readonly cells: readonly string[];
  /** Marks a total row (bold, after the others). */
  readonly total?: boolean;
}

export interface ChartTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

export interface ChartText {
  readonly id: InsightsChartId;
  readonly title: string;
  /** The denominators, one sentence each. */
  readonly denominators: readonly string[];
  /** Series (colour) key -> its label, in legend order. */
  readonly series: readonly { readonly key: string; readonly label: string }[];
  readonly table: ChartTable;
  /** Nothing to draw (the table still says so). */
  readonly empty: boolean;
}

/** The page's own words (buttons, announcements, the bars' accessible names), from the message table: the page has no `vscode.l10n`. */
export type PageWordKey = Extract<MessageKey, `page.${string}` | `insights.severity.${string}` | `insights.followUp.kind.${string}` | `outcome.${string}.counted` | 'insights.followUp.notYetCounted'>;
export type PageWords = Readonly<Record<PageWordKey, string>>;

export interface InsightsText {
  readonly heading: string;
  /** The user's language (`vscode.env.language`), for the page's `lang`; `en` when not given. */
  readonly lang: string;
  /** Templates with `{0}`, `{1}` … (the page fills them). */
  readonly words: PageWords;
  readonly previousLabel: string;
  /** Month index -> "Jul 2026". */
  readonly monthLabels: readonly string[];
  /** The charts in page order; the follow-up chart comes last, and only when follow-ups are on. */
  readonly charts: readonly ChartText[];
}

export const monthLabel = (m: Pick<MonthSpan, 'key'>): string => msg('monthYear', msg(`monthShort.${Number(m.key.slice(5, 7))}` as MessageKey), m.key.slice(0, 4));

type OutcomeKind = (typeof OUTCOME_KINDS)[number];
const outcomeLabel = (k: OutcomeKind) => msg(`insights.kind.${k}`);
const verdictLabel = (k: VerdictKey) => msg(`insights.verdict.${k}`);
/** The severities' words (read from the message table whenever used). */
export const SEVERITY_LABELS: Readonly<Record<SeverityKey, string>> = Object.defineProperties({} as Record<SeverityKey, string>, Object.fromEntries(
  (['critical', 'high', 'medium', 'low', 'notRecorded'] as const).map((k) => [k, { get: () => msg(`insights.severity.${k}`), enumerable: true }]),
));

/** `1 of 4 (25 %)`; `0 of 0` without a share. */
export function ofTotal(part: number, total: number): string {
  return total === 0 ? msg('insights.ofNone', part) : msg('insights.ofTotal', part, total, Math.round((part / total) * 100));
}
const duration = (ms: number | undefined) => (ms === undefined ? '—' : formatDuration(ms));

function outcomesChart(m: InsightsModel, months: readonly string[]): ChartText {
  const byMonth = m.months.map((): Record<string, number> => ({}));
  for (const r of m.outcomes.rows) byMonth[r.month]![r.key] = r.count;
  const rows: TableRow[] = m.months.map((_, i) => {
    const c = byMonth[i]!;
    const total = OUTCOME_KINDS.reduce((s, k) => s + (c[k] ?? 0), 0);
    return {
      cells: [months[i]!, ...OUTCOME_KINDS.map((k) => String(c[k] ?? 0)), String(total)],
    };
  });
  rows.push({
    cells: [msg('insights.total'), ...OUTCOME_KINDS.map((k) => String(m.current.perKind[k])), String(m.outcomes.total)],
    total: true,
  });
  const kindsText = OUTCOME_KINDS.map((k) => msg(`insights.kindInSentence.${k}`, m.current.perKind[k])).join(', ');
  return {
    id: 'outcomes',
    title: msg('insights.outcomes.title'),
    denominators: [
      msgN(m.outcomes.total, 'insights.outcomes.inPeriodOne', 'insights.outcomes.inPeriodMany', kindsText, m.outcomes.previousTotal),
      msg('insights.outcomes.notCounted', msgN(m.current.perKind.note, 'insights.note.one', 'insights.note.many'), msgN(m.current.perKind['ai-assist'], 'insights.aiAssist.one', 'insights.aiAssist.many')),
    ],
    series: OUTCOME_KINDS.map((k) => ({ key: k, label: outcomeLabel(k) })),
    table: { caption: msg('insights.outcomes.caption', m.period.label), columns: [msg('insights.month'), ...OUTCOME_KINDS.map(outcomeLabel), msg('insights.total')], rows },
    empty: m.outcomes.total === 0,
  };
}

function aiChart(m: InsightsModel, months: readonly string[]): ChartText {
  const byMonth = m.months.map((): Record<string, number> => ({}));
  for (const r of m.ai.rows) byMonth[r.month]![r.key] = r.count;
  const a = m.current.ai;
  const b = m.before.ai;
  const rows: TableRow[] = m.months.map((_, i) => {
    const c = byMonth[i]!;
    const total = VERDICT_KEYS.reduce((s, k) => s + (c[k] ?? 0), 0);
    return {
      cells: [months[i]!, ...VERDICT_KEYS.map((k) => String(c[k] ?? 0)), String(total)],
    };
  });
  rows.push({ cells: [msg('insights.total'), String(a.accepted), String(a.adapted), String(a.discarded), String(a.notRecorded), String(a.total)], total: true });
  return {
    id: 'ai',
    title: msg('insights.ai.title'),
    denominators: [
      msg('insights.ai.of', msgN(a.total, 'insights.aiAssist.one', 'insights.aiAssist.many'), a.accepted, a.adapted, a.discarded, a.notRecorded),
      msg('insights.ai.before', b.total, b.accepted, b.adapted, b.discarded, b.notRecorded),
    ],
    series: VERDICT_KEYS.map((k) => ({ key: k, label: verdictLabel(k) })),
    table: { caption: msg('insights.ai.caption', m.period.label), columns: [msg('insights.month'), ...VERDICT_KEYS.map(verdictLabel), msg('insights.total')], rows },
    empty: a.total === 0,
  };
}

function reasonsChart(m: InsightsModel): ChartText {
  const a = m.current.ai;
  const withReason = a.discarded - a.discardsWithoutReason;
  const rows: TableRow[] = m.ai.topDiscardReasons.map((r) => ({ cells: [r.value, String(r.count), ofTotal(r.count, a.discarded)] }));
  if (m.ai.otherDiscardReasons > 0) rows.push({ cells: [msg('insights.reasons.otherReasons'), String(m.ai.otherDiscardReasons), ofTotal(m.ai.otherDiscardReasons, a.discarded)] });
  if (a.discardsWithoutReason > 0) rows.push({ cells: [msg('insights.reasons.noReason'), String(a.discardsWithoutReason), ofTotal(a.discardsWithoutReason, a.discarded)] });
  return {
    id: 'discardReasons',
    title: msg('insights.reasons.title'),
    denominators: [msgN(a.discarded, 'insights.reasons.ofOne', 'insights.reasons.ofMany', withReason, a.discardsWithoutReason)],
    series: [{ key: 'discarded', label: verdictLabel('discarded') }],
    table: { caption: msg('insights.reasons.caption', m.period.label), columns: [msg('insights.reasons.reason'), msg('insights.reasons.discards'), msg('insights.reasons.share')], rows },
    empty: a.discarded === 0,
  };
}

function catchesChart(m: InsightsModel): ChartText {
  const rc = m.current.reviewCatches;
  const rows: TableRow[] = m.reviewCatches.rows.map((r) => ({ cells: [SEVERITY_LABELS[r.severity], choiceWord(r.category), String(r.count)] }));
  rows.push({ cells: [msg('insights.total'), '', String(rc.total)], total: true });
  const categories = [...new Set(m.reviewCatches.rows.map((r) => r.category))];
  return {
    id: 'catches',
    title: msg('insights.catches.title'),
    denominators: [
      msgN(rc.total, 'insights.catches.caughtOne', 'insights.catches.caughtMany', m.before.reviewCatches.total),
      msg('insights.catches.production', ofTotal(rc.wouldReachProduction, rc.total)),
    ],
    series: categories.map((c) => ({ key: c, label: choiceWord(c) })),
    table: { caption: msg('insights.catches.caption', m.period.label), columns: [msg('insights.catches.severity'), msg('insights.catches.category'), msg('insights.catches.catches')], rows },
    empty: rc.total === 0,
  };
}

function timeToFixChart(m: InsightsModel): ChartText {
  const t = m.timeToFix;
  const p = m.current.problems;
  const denominators =
    t.n === 0
      ? [msgN(p.total, 'insights.fix.noneOne', 'insights.fix.noneMany')]
      : [
          msg('insights.fix.median', duration(t.value), t.n, t.withoutDates, p.total),
          msg('insights.fix.spread', duration(t.q1), duration(t.q3), duration(t.min), duration(t.max), duration(m.before.problems.timeToFix.value), m.before.problems.timeToFix.n),
        ];
  return {
    id: 'timeToFix',
    title: msg('insights.fix.title'),
    denominators,
    series: [{ key: 'problem', label: outcomeLabel('problem') }],
    table: {
      caption: msg('insights.fix.caption', m.period.label),
      columns: [msg('insights.fix.measure'), msg('insights.fix.value')],
      rows: [
        { cells: [msg('insights.fix.medianRow'), duration(t.value)] },
        { cells: [msg('insights.fix.n'), String(t.n)] },
        { cells: [msg('insights.fix.q1'), duration(t.q1)] },
        { cells: [msg('insights.fix.q3'), duration(t.q3)] },
        { cells: [msg('insights.fix.min'), duration(t.min)] },
        { cells: [msg('insights.fix.max'), duration(t.max)] },
        { cells: [msg('insights.fix.without'), String(t.withoutDates)] },
      ],
    },
    empty: t.n === 0,
  };
}

/** Bar labels of the follow-up chart ("Changes shipped"), and the kind's words in a sentence. */
export const FOLLOW_UP_KIND_LABELS: Readonly<Record<FollowUpChartKind, { readonly label: string; readonly count: (n: number) => string; readonly inSentence: string }>> = Object.fromEntries(
  (['shipped', 'problem', 'ai-assist'] as const).map((k) => [
    k,
    {
      get label() {
        return msg(`insights.followUp.kind.${k}`);
      },
      count: (n: number) => msgN(n, `insights.followUp.count.${k}.one`, `insights.followUp.count.${k}.many`),
      get inSentence() {
        return msg(`insights.followUp.kindInSentence.${k}`);
      },
    },
  ]),
) as Record<FollowUpChartKind, { readonly label: string; readonly count: (n: number) => string; readonly inSentence: string }>;
/** Segment labels: the follow-up answers' own words, and the entries without an answer yet. */
export const FOLLOW_UP_BUCKET_LABELS: Readonly<Record<FollowUpBucket, string>> = Object.defineProperties({} as Record<FollowUpBucket, string>, Object.fromEntries(
  FOLLOW_UP_BUCKETS.map((b) => [b, { get: () => (b === 'notYet' ? msg('insights.followUp.notYet') : FOLLOW_UP_WORDS[b].label), enumerable: true }]),
));
const bucketWords = (b: FollowUpBucket) => (b === 'notYet' ? msg('insights.followUp.notYetCounted') : FOLLOW_UP_WORDS[b].counted);

/** "Of 4 changes shipped: 2 held, 1 reverted, 0 caused an incident, 0 superseded, 1 unknown, 0 not followed up yet." */
export function followUpSentence(r: FollowUpKindRow): string {
  const k = FOLLOW_UP_KIND_LABELS[r.kind];
  const buckets = FOLLOW_UP_BUCKETS.map((b) => msg('insights.followUp.bucket', bucketCount(r.counts, b), bucketWords(b))).join(', ');
  return r.checkpoint === undefined ? msg('insights.followUp.of', k.count(r.counts.total), buckets) : msg('insights.followUp.ofAt', k.count(r.counts.total), r.checkpoint, buckets);
}

function followUpsChart(m: InsightsModel): ChartText | undefined {
  const f = m.followUps;
  if (!f) return undefined;
  const rows: TableRow[] = f.rows.map((r) => ({ cells: [FOLLOW_UP_KIND_LABELS[r.kind].label, ...FOLLOW_UP_BUCKETS.map((b) => String(bucketCount(r.counts, b))), String(r.counts.total)] }));
  const before = f.previousRows.map((r) => msg('insights.followUp.beforeRow', FOLLOW_UP_KIND_LABELS[r.kind].inSentence, r.counts.byOutcome.held, r.counts.byOutcome.reverted, r.counts.total));
  const off = (['shipped', 'problem', 'ai-assist'] as const).filter((k) => !f.rows.some((r) => r.kind === k)).map((k) => FOLLOW_UP_KIND_LABELS[k].label);
  return {
    id: 'followUps',
    title: msg('insights.followUp.title'),
    denominators: [
      ...(f.rows.length === 0 ? [msg('insights.followUp.noKind')] : f.rows.map(followUpSentence)),
      ...(before.length > 0 ? [msg('insights.followUp.before', before.join('; '))] : []),
      ...(off.length > 0 && f.rows.length > 0 ? [msg('insights.followUp.off', off.reduce((a, b) => msg('insights.followUp.and', a, b)))] : []),
    ],
    series: FOLLOW_UP_BUCKETS.map((b) => ({ key: b, label: FOLLOW_UP_BUCKET_LABELS[b] })),
    table: { caption: msg('insights.followUp.caption', m.period.label), columns: [msg('insights.followUp.kind'), ...FOLLOW_UP_BUCKETS.map((b) => FOLLOW_UP_BUCKET_LABELS[b]), msg('insights.followUp.entries')], rows },
    empty: f.rows.every((r) => r.counts.total === 0),
  };
}

/** The page's words in the table in use. */
export function pageWords(): PageWords {
  const keys = (Object.keys(EN) as MessageKey[]).filter((k): k is PageWordKey => /^(page\.|insights\.severity\.|insights\.followUp\.kind\.|outcome\.[^.]+\.counted$|insights\.followUp\.notYetCounted$)/.test(k));
  return Object.fromEntries(keys.map((k) => [k, msg(k)])) as PageWords;
}

/** The charts' words; `lang` is the user's language (`vscode.env.language`) for the page's `lang` attribute. */
export function describeInsights(m: InsightsModel, lang = 'en'): InsightsText {
  const months = m.months.map(monthLabel);
  return {
    heading: msg('insights.heading', m.period.label),
    lang,
    words: pageWords(),
    previousLabel: m.previous.label,
    monthLabels: months,
    charts: [outcomesChart(m, months), aiChart(m, months), reasonsChart(m), catchesChart(m), timeToFixChart(m), followUpsChart(m)].filter((c) => c !== undefined),
  };
}
