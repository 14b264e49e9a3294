import { type InsightsModel, type MonthSpan, OUTCOME_KINDS, VERDICT_KEYS, type VerdictKey } from '../domain/insights';
import type { KindId } from '../domain/kinds';
import type { SeverityKey } from '../domain/summary';
import { formatDuration } from './format';

/**
 * The words and tables of the Insights charts, worked out in the extension (plain Node) from the
 * chart data model: the page only draws them. Every chart says what it counts and out of how many;
 * every table holds the chart's numbers, so the chart can be read without seeing it.
 */

export type InsightsChartId = 'outcomes' | 'ai' | 'discardReasons' | 'catches' | 'timeToFix';

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

export interface InsightsText {
  readonly heading: string;
  readonly previousLabel: string;
  /** Month index -> "Jul 2026". */
  readonly monthLabels: readonly string[];
  readonly charts: readonly ChartText[];
  /** Reserved for follow-up outcomes (see `InsightsModel.followUps`). */
  readonly followUps: null;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (m: Pick<MonthSpan, 'key'>): string => `${MONTH_NAMES[Number(m.key.slice(5, 7)) - 1]} ${m.key.slice(0, 4)}`;

const OUTCOME_LABELS: Record<(typeof OUTCOME_KINDS)[number], string> = {
  problem: 'Problems solved',
  shipped: 'Changes shipped',
  'review-catch': 'Review catches',
  incident: 'Incidents',
};
const VERDICT_LABELS: Record<VerdictKey, string> = { accepted: 'Accepted', adapted: 'Adapted', discarded: 'Discarded', notRecorded: 'No verdict' };
export const SEVERITY_LABELS: Record<SeverityKey, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', notRecorded: 'Severity not recorded' };

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
/** `1 of 4 (25 %)`; `0 of 0` without a share. */
export function ofTotal(part: number, total: number): string {
  return total === 0 ? `${part} of 0` : `${part} of ${total} (${Math.round((part / total) * 100)} %)`;
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
    cells: ['Total', ...OUTCOME_KINDS.map((k) => String(m.current.perKind[k])), String(m.outcomes.total)],
    total: true,
  });
  const kindsText = OUTCOME_KINDS.map((k) => `${m.current.perKind[k]} ${OUTCOME_LABELS[k].toLowerCase()}`).join(', ');
  return {
    id: 'outcomes',
    title: 'Outcomes per month',
    denominators: [
      `${n(m.outcomes.total, 'outcome entry', 'outcome entries')} in the period: ${kindsText}. The period before had ${m.outcomes.previousTotal}.`,
      `${n(m.current.perKind.note, 'note', 'notes')} and ${n(m.current.perKind['ai-assist'], 'AI assist', 'AI assists')} are not counted here.`,
    ],
    series: OUTCOME_KINDS.map((k) => ({ key: k, label: OUTCOME_LABELS[k] })),
    table: { caption: `Outcome entries per month and kind, ${m.period.label}`, columns: ['Month', ...OUTCOME_KINDS.map((k) => OUTCOME_LABELS[k]), 'Total'], rows },
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
  rows.push({ cells: ['Total', String(a.accepted), String(a.adapted), String(a.discarded), String(a.notRecorded), String(a.total)], total: true });
  return {
    id: 'ai',
    title: 'AI assists per month by verdict',
    denominators: [
      `Of ${n(a.total, 'AI assist', 'AI assists')}: ${a.accepted} accepted, ${a.adapted} adapted, ${a.discarded} discarded, ${a.notRecorded} without a verdict.`,
      `The period before: ${b.total} (${b.accepted} accepted, ${b.adapted} adapted, ${b.discarded} discarded, ${b.notRecorded} without a verdict).`,
    ],
    series: VERDICT_KEYS.map((k) => ({ key: k, label: VERDICT_LABELS[k] })),
    table: { caption: `AI assists per month and verdict, ${m.period.label}`, columns: ['Month', ...VERDICT_KEYS.map((k) => VERDICT_LABELS[k]), 'Total'], rows },
    empty: a.total === 0,
  };
}

function reasonsChart(m: InsightsModel): ChartText {
  const a = m.current.ai;
  const withReason = a.discarded - a.discardsWithoutReason;
  const rows: TableRow[] = m.ai.topDiscardReasons.map((r) => ({ cells: [r.value, String(r.count), ofTotal(r.count, a.discarded)] }));
  if (m.ai.otherDiscardReasons > 0) rows.push({ cells: ['Other reasons', String(m.ai.otherDiscardReasons), ofTotal(m.ai.otherDiscardReasons, a.discarded)] });
  if (a.discardsWithoutReason > 0) rows.push({ cells: ['No reason given', String(a.discardsWithoutReason), ofTotal(a.discardsWithoutReason, a.discarded)] });
  return {
    id: 'discardReasons',
    title: 'Top reasons for discarding an AI assist',
    denominators: [`Of ${n(a.discarded, 'discarded assist', 'discarded assists')}, ${withReason} gave a reason and ${a.discardsWithoutReason} did not.`],
    series: [{ key: 'discarded', label: 'Discarded' }],
    table: { caption: `Discard reasons, ${m.period.label}`, columns: ['Reason', 'Discards', 'Share of discards'], rows },
    empty: a.discarded === 0,
  };
}

function catchesChart(m: InsightsModel): ChartText {
  const rc = m.current.reviewCatches;
  const rows: TableRow[] = m.reviewCatches.rows.map((r) => ({ cells: [SEVERITY_LABELS[r.severity], r.category, String(r.count)] }));
  rows.push({ cells: ['Total', '', String(rc.total)], total: true });
  const categories = [...new Set(m.reviewCatches.rows.map((r) => r.category))];
  return {
    id: 'catches',
    title: 'Review catches by severity and category',
    denominators: [
      `${n(rc.total, 'bug', 'bugs')} caught in review (the period before: ${m.before.reviewCatches.total}).`,
      `Would have reached production: ${ofTotal(rc.wouldReachProduction, rc.total)}; the others were not marked so.`,
    ],
    series: categories.map((c) => ({ key: c, label: c })),
    table: { caption: `Review catches by severity and category, ${m.period.label}`, columns: ['Severity', 'Category', 'Catches'], rows },
    empty: rc.total === 0,
  };
}

function timeToFixChart(m: InsightsModel): ChartText {
  const t = m.timeToFix;
  const p = m.current.problems;
  const denominators =
    t.n === 0
      ? [`No problem of the ${n(p.total, 'problem', 'problems')} solved has both dates (identified and resolved) recorded.`]
      : [
          `Median ${duration(t.value)} (n = ${t.n} with both dates; ${t.withoutDates} of ${p.total} solved without them).`,
          `Middle half from ${duration(t.q1)} to ${duration(t.q3)}; shortest ${duration(t.min)}, longest ${duration(t.max)}. The period before: median ${duration(m.before.problems.timeToFix.value)} (n = ${m.before.problems.timeToFix.n}).`,
        ];
  return {
    id: 'timeToFix',
    title: 'Time from problem identified to fix',
    denominators,
    series: [{ key: 'problem', label: 'Problems solved' }],
    table: {
      caption: `Time from problem identified to fix, ${m.period.label}`,
      columns: ['Measure', 'Value'],
      rows: [
        { cells: ['Median', duration(t.value)] },
        { cells: ['n (problems with both dates)', String(t.n)] },
        { cells: ['First quartile', duration(t.q1)] },
        { cells: ['Third quartile', duration(t.q3)] },
        { cells: ['Shortest', duration(t.min)] },
        { cells: ['Longest', duration(t.max)] },
        { cells: ['Problems without both dates', String(t.withoutDates)] },
      ],
    },
    empty: t.n === 0,
  };
}

export function describeInsights(m: InsightsModel): InsightsText {
  const months = m.months.map(monthLabel);
  return {
    heading: `Insights — ${m.period.label}`,
    previousLabel: m.previous.label,
    monthLabels: months,
    charts: [outcomesChart(m, months), aiChart(m, months), reasonsChart(m), catchesChart(m), timeToFixChart(m)],
    followUps: null,
  };
}
