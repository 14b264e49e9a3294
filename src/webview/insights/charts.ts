/// <reference lib="dom" />
import type * as PlotApi from '@observablehq/plot' with { 'resolution-mode': 'import' };
import type { FollowUpBucket, InsightsModel } from '../../domain/insights';
import type { ChartText, FilterTarget, InsightsChartId, InsightsText, PageWordKey, PageWords } from '../../export/insightsText';

/**
 * Draws one Insights chart with Observable Plot, from the chart data model and its words. No
 * drawing code of our own: Plot makes the SVG; this picks the marks, the scales and the theme
 * colours, and tells which bar shows which entries (for clicks and the keyboard). Plot is passed
 * in, so the page (bundled) and the unit tests (Node, with a DOM implementation) share this code.
 */

/** The parts of Plot used (passing only these lets the bundler leave the rest of Plot and d3 out). */
export type Plot = Pick<typeof PlotApi, 'plot' | 'barX' | 'barY' | 'ruleX' | 'ruleY' | 'boxX' | 'dot'>;

/** Colours resolved from the theme (CSS variables), so a saved SVG keeps them outside VS Code. */
export interface Palette {
  readonly foreground: string;
  readonly background: string;
  /** Grid lines and the "not recorded" series. */
  readonly muted: string;
  readonly blue: string;
  readonly green: string;
  readonly yellow: string;
  readonly orange: string;
  readonly red: string;
  readonly purple: string;
  /** High-contrast theme: bars get an outline in the foreground colour. */
  readonly highContrast: boolean;
}

export interface Bar {
  readonly element: Element;
  readonly target: FilterTarget;
}

export interface RenderedChart {
  readonly svg: SVGSVGElement;
  /** The bars that filter the timeline, in reading order. */
  readonly bars: readonly Bar[];
}

interface Datum {
  readonly x: string | number;
  readonly y: string | number;
  readonly key: string;
  readonly count: number;
  readonly title: string;
  readonly target?: FilterTarget;
}

function seriesColours(id: InsightsChartId, keys: readonly string[], p: Palette): string[] {
  const fixed: Record<string, string> = {
    problem: p.blue,
    shipped: p.green,
    'review-catch': p.purple,
    incident: p.red,
    accepted: p.green,
    adapted: p.yellow,
    discarded: p.red,
    notRecorded: p.muted,
    'not recorded': p.muted,
  };
  if (id === 'followUps') {
    // Held green and the two "did not hold" answers warm; unknown and "not yet" stay visible but quiet.
    const fu: Record<string, string> = { held: p.green, reverted: p.orange, 'caused-incident': p.red, superseded: p.purple, unknown: p.yellow, notYet: p.muted };
    return keys.map((k) => fu[k] ?? p.blue);
  }
  const cycle = [p.blue, p.purple, p.orange, p.green, p.yellow, p.red];
  let next = 0;
  return keys.map((k) => (id !== 'catches' && fixed[k]) || (k === 'not recorded' ? p.muted : cycle[next++ % cycle.length]!));
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The page's words come with the data (InsightsText.words, from the extension's message table in
 * the user's language): `fill` puts the arguments in for `{0}`, `{1}` …, as the table's `msg` does.
 */
export function fill(words: PageWords, key: PageWordKey, ...args: readonly (string | number)[]): string {
  return words[key].replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}
/** The sentence for a count: the `.one` key when `n` is 1, else `.many` (`{0}` is `n`). */
const fillN = (words: PageWords, n: number, stem: string, ...args: readonly (string | number)[]) => fill(words, `${stem}.${n === 1 ? 'one' : 'many'}` as PageWordKey, n, ...args);
const OUTCOME_KEYS = new Set(['problem', 'shipped', 'review-catch', 'incident']);
const VERDICT_KEYS = new Set(['accepted', 'adapted', 'discarded', 'notRecorded']);
const FOLLOW_UP_KEYS = new Set(['shipped', 'problem', 'ai-assist']);
const SEVERITY_KEYS = new Set(['critical', 'high', 'medium', 'low']);
/** A severity on the axis: the table's word, "Not recorded" for none. */
const severityWord = (w: PageWords, s: string) => (SEVERITY_KEYS.has(s) ? w[`insights.severity.${s}` as PageWordKey] : s === 'notRecorded' ? w['page.axis.notRecorded'] : s);

function data(model: InsightsModel, text: InsightsText, chart: ChartText): Datum[] {
  const w = text.words;
  const month = (i: number) => text.monthLabels[i]!;
  switch (chart.id) {
    case 'outcomes':
      return model.outcomes.rows
        .filter((r) => r.count > 0)
        .map((r) => {
          const span = model.months[r.month]!;
          const title = fill(w, 'page.bar.title', month(r.month), OUTCOME_KEYS.has(r.key) ? fillN(w, r.count, `page.bar.outcome.${r.key}`) : `${r.count} ${r.key}`);
          return { x: month(r.month), y: r.count, key: r.key, count: r.count, title, target: { kinds: [r.key], fromDate: span.fromDate, toDate: span.toDate, label: fill(w, 'page.bar.showThem', title) } };
        });
    case 'ai':
      return model.ai.rows
        .filter((r) => r.count > 0)
        .map((r) => {
          const span = model.months[r.month]!;
          const title = fill(w, 'page.bar.title', month(r.month), VERDICT_KEYS.has(r.key) ? fillN(w, r.count, `page.bar.ai.${r.key}`) : `${r.count} ${r.key}`);
          return { x: month(r.month), y: r.count, key: r.key, count: r.count, title, target: { kinds: ['ai-assist'], fromDate: span.fromDate, toDate: span.toDate, label: fill(w, 'page.bar.showMonthAi', title) } };
        });
    case 'discardReasons':
      return model.ai.topDiscardReasons.map((r) => {
        const title = fillN(w, r.count, 'page.bar.discard', r.value, model.current.ai.discarded);
        return { x: r.count, y: truncate(r.value, 40), key: 'discarded', count: r.count, title, target: { kinds: ['ai-assist'], label: fill(w, 'page.bar.showPeriodAi', title) } };
      });
    case 'catches':
      return model.reviewCatches.rows.map((r) => {
        const sev = severityWord(w, r.severity);
        const title = fillN(w, r.count, 'page.bar.catch', sev, r.category);
        return { x: r.count, y: sev, key: r.category, count: r.count, title, target: { kinds: ['review-catch'], label: fill(w, 'page.bar.showCatches', title) } };
      });
    case 'followUps':
      // The segments are the chart's series (the buckets, in order, with their words: insightsText.ts).
      return (model.followUps?.rows ?? []).flatMap((r) => {
        const known = FOLLOW_UP_KEYS.has(r.kind);
        const label = known ? w[`insights.followUp.kind.${r.kind}` as PageWordKey] : r.kind;
        return chart.series
          .map((s) => ({ s, count: s.key === 'notYet' ? r.counts.notYet : (r.counts.byOutcome[s.key as Exclude<FollowUpBucket, 'notYet'>] ?? 0) }))
          .filter((x) => x.count > 0)
          .map(({ s, count }) => {
            const counted = s.key === 'notYet' ? w['insights.followUp.notYetCounted'] : (w[`outcome.${s.key}.counted` as PageWordKey] ?? s.label);
            const title = fill(w, 'page.bar.followUp', label, count, r.counts.total, counted);
            return { x: count, y: label, key: s.key, count, title, target: { kinds: [r.kind], label: known ? fill(w, `page.bar.showFollowUp.${r.kind}` as PageWordKey, title) : title } };
          });
      });
    case 'timeToFix':
      return [];
  }
}

const DAY = 86_400_000;
const X_LABELS: Partial<Record<InsightsChartId, PageWordKey>> = { catches: 'page.axis.reviewCatches', discardReasons: 'page.axis.discards', followUps: 'page.axis.entries' };

/** Draws `chart`; undefined when there is nothing to draw (the page shows the table and says so). */
export function renderChart(plot: Plot, doc: Document, model: InsightsModel, text: InsightsText, chart: ChartText, palette: Palette, width = 640): RenderedChart | undefined {
  if (chart.empty) return undefined;
  const keys = chart.series.map((s) => s.key);
  const color = { domain: keys, range: seriesColours(chart.id, keys, palette) };
  const outline = palette.highContrast ? { stroke: palette.foreground, strokeWidth: 1 } : {};
  const common = { document: doc, width, style: { color: palette.foreground, background: 'transparent' }, ariaLabel: chart.title, ariaDescription: chart.denominators.join(' ') };
  const rows = data(model, text, chart);
  let svg: SVGSVGElement;

  switch (chart.id) {
    case 'outcomes':
    case 'ai': {
      const many = text.monthLabels.length > 14;
      svg = plot.plot({
        ...common,
        height: 260,
        marginBottom: many ? 50 : 30,
        x: { type: 'band', domain: text.monthLabels as string[], label: null, tickRotate: many ? -45 : 0, padding: 0.15 },
        y: { grid: true, label: text.words[chart.id === 'ai' ? 'page.axis.aiAssists' : 'page.axis.outcomeEntries'], tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
        color,
        marks: [plot.barY(rows, { x: 'x', y: 'y', fill: 'key', title: 'title', ...outline }), plot.ruleY([0], { stroke: palette.muted })],
      }) as SVGSVGElement;
      break;
    }
    case 'discardReasons':
    case 'catches':
    case 'followUps': {
      const bands = [...new Set(rows.map((r) => r.y))];
      const order = chart.id === 'catches' ? ['critical', 'high', 'medium', 'low', 'notRecorded'].map((k) => severityWord(text.words, k)).filter((s) => bands.includes(s)) : bands;
      const longest = Math.max(...order.map((s) => String(s).length));
      svg = plot.plot({
        ...common,
        height: 40 + order.length * 34,
        marginLeft: Math.min(240, 14 + longest * 6.5),
        y: { type: 'band', domain: order as string[], label: null, padding: 0.2 },
        x: { grid: true, label: X_LABELS[chart.id] ? text.words[X_LABELS[chart.id]!] : null, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
        color,
        // A kind's segments stack along x (Plot's implicit stackX for barX with a y band), in FOLLOW_UP_BUCKETS order.
        marks: [plot.barX(rows, { x: 'x', y: 'y', fill: 'key', title: 'title', ...outline }), plot.ruleX([0], { stroke: palette.muted })],
      }) as SVGSVGElement;
      break;
    }
    case 'timeToFix': {
      const days = model.timeToFix.values.map((v) => v / DAY);
      svg = plot.plot({
        ...common,
        height: 120,
        x: { grid: true, label: text.words['page.axis.days'], zero: true },
        marks: [
          plot.boxX(days, { x: (d: number) => d, fill: palette.blue, stroke: palette.foreground, fillOpacity: 0.5 }),
          plot.dot(days, { x: (d: number) => d, stroke: palette.foreground, r: 2.5, title: (d: number) => fill(text.words, 'page.days', Math.round(d * 10) / 10) }),
        ],
      }) as SVGSVGElement;
      break;
    }
  }

  // The page's stylesheet does what Plot's inline <style> would (a strict CSP blocks inline styles).
  for (const s of Array.from(svg.querySelectorAll('style'))) s.remove();
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', `il-plot il-plot-${chart.id}`);

  // Plot binds each bar to its index in the data (d3's __data__): that is how a bar knows its entries.
  const bars: Bar[] = [];
  const rects = chart.id === 'timeToFix' ? [] : Array.from(svg.querySelectorAll('g[aria-label="bar"] rect'));
  for (const el of rects) {
    const i = (el as Element & { __data__?: unknown }).__data__;
    const target = typeof i === 'number' ? rows[i]?.target : undefined;
    if (target) bars.push({ element: el, target });
  }
  return { svg, bars };
}

/** The SVG as a standalone file: the theme's colours are already concrete; a background and the namespace are added. */
export function standaloneSvg(svg: SVGSVGElement, palette: Palette, serialize: (n: Node) => string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const bg = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', palette.background);
  copy.insertBefore(bg, copy.firstChild);
  copy.setAttribute('color', palette.foreground);
  for (const el of Array.from(copy.querySelectorAll('[tabindex]'))) {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
  }
  const text = serialize(copy);
  return text.startsWith('<?xml') ? text : `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}
