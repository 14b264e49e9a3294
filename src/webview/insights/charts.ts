/// <reference lib="dom" />
import type * as PlotApi from '@observablehq/plot' with { 'resolution-mode': 'import' };
import type { InsightsModel } from '../../domain/insights';
import type { ChartText, FilterTarget, InsightsChartId, InsightsText } from '../../export/insightsText';

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
  const cycle = [p.blue, p.purple, p.orange, p.green, p.yellow, p.red];
  let next = 0;
  return keys.map((k) => (id !== 'catches' && fixed[k]) || (k === 'not recorded' ? p.muted : cycle[next++ % cycle.length]!));
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "1 problem solved", "3 review catches". */
const OUTCOME_WORDS: Record<string, [string, string]> = {
  problem: ['problem solved', 'problems solved'],
  shipped: ['change shipped', 'changes shipped'],
  'review-catch': ['review catch', 'review catches'],
  incident: ['incident', 'incidents'],
};
const VERDICT_WORDS: Record<string, string> = { accepted: 'accepted', adapted: 'adapted', discarded: 'discarded', notRecorded: 'without a verdict' };

function data(model: InsightsModel, text: InsightsText, chart: ChartText): Datum[] {
  const month = (i: number) => text.monthLabels[i]!;
  switch (chart.id) {
    case 'outcomes':
      return model.outcomes.rows
        .filter((r) => r.count > 0)
        .map((r) => {
          const span = model.months[r.month]!;
          const [one, many] = OUTCOME_WORDS[r.key] ?? [r.key, r.key];
          const title = `${month(r.month)}: ${plural(r.count, one, many)}`;
          return { x: month(r.month), y: r.count, key: r.key, count: r.count, title, target: { kinds: [r.key], fromDate: span.fromDate, toDate: span.toDate, label: `${title}. Show them in the timeline` } };
        });
    case 'ai':
      return model.ai.rows
        .filter((r) => r.count > 0)
        .map((r) => {
          const span = model.months[r.month]!;
          const title = `${month(r.month)}: ${plural(r.count, 'AI assist', 'AI assists')} ${VERDICT_WORDS[r.key] ?? r.key}`;
          return { x: month(r.month), y: r.count, key: r.key, count: r.count, title, target: { kinds: ['ai-assist'], fromDate: span.fromDate, toDate: span.toDate, label: `${title}. Show the month's AI assists in the timeline` } };
        });
    case 'discardReasons':
      return model.ai.topDiscardReasons.map((r) => {
        const title = `${r.value}: ${plural(r.count, 'discard', 'discards')} of ${model.current.ai.discarded}`;
        return { x: r.count, y: truncate(r.value, 40), key: 'discarded', count: r.count, title, target: { kinds: ['ai-assist'], label: `${title}. Show the AI assists of the period in the timeline` } };
      });
    case 'catches':
      return model.reviewCatches.rows.map((r) => {
        const sev = SEVERITY_AXIS[r.severity] ?? r.severity;
        const title = `${sev}, ${r.category}: ${plural(r.count, 'catch', 'catches')}`;
        return { x: r.count, y: sev, key: r.category, count: r.count, title, target: { kinds: ['review-catch'], label: `${title}. Show the review catches of the period in the timeline` } };
      });
    case 'timeToFix':
      return [];
  }
}

const SEVERITY_AXIS: Record<string, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', notRecorded: 'Not recorded' };
const DAY = 86_400_000;

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
        y: { grid: true, label: chart.id === 'ai' ? 'AI assists' : 'Outcome entries', tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
        color,
        marks: [plot.barY(rows, { x: 'x', y: 'y', fill: 'key', title: 'title', ...outline }), plot.ruleY([0], { stroke: palette.muted })],
      }) as SVGSVGElement;
      break;
    }
    case 'discardReasons':
    case 'catches': {
      const bands = [...new Set(rows.map((r) => r.y))];
      const order = chart.id === 'catches' ? Object.values(SEVERITY_AXIS).filter((s) => bands.includes(s)) : bands;
      const longest = Math.max(...order.map((s) => String(s).length));
      svg = plot.plot({
        ...common,
        height: 40 + order.length * 34,
        marginLeft: Math.min(240, 14 + longest * 6.5),
        y: { type: 'band', domain: order as string[], label: null, padding: 0.2 },
        x: { grid: true, label: chart.id === 'catches' ? 'Review catches' : 'Discards', tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
        color,
        marks: [plot.barX(rows, { x: 'x', y: 'y', fill: 'key', title: 'title', ...outline }), plot.ruleX([0], { stroke: palette.muted })],
      }) as SVGSVGElement;
      break;
    }
    case 'timeToFix': {
      const days = model.timeToFix.values.map((v) => v / DAY);
      svg = plot.plot({
        ...common,
        height: 120,
        x: { grid: true, label: 'Days from identified to fixed', zero: true },
        marks: [
          plot.boxX(days, { x: (d: number) => d, fill: palette.blue, stroke: palette.foreground, fillOpacity: 0.5 }),
          plot.dot(days, { x: (d: number) => d, stroke: palette.foreground, r: 2.5, title: (d: number) => `${Math.round(d * 10) / 10} days` }),
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
