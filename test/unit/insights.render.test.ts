import assert from 'node:assert/strict';
import type * as PlotApi from '@observablehq/plot' with { 'resolution-mode': 'import' };
import { buildInsights, type InsightsModel } from '../../src/domain/insights';
import { describeInsights, type InsightsText } from '../../src/export/insightsText';
import { type Palette, renderChart, standaloneSvg } from '../../src/webview/insights/charts';
import { currentEntries, fixturePeriod, inTimeZone, NOW, previousEntries } from './support/summaryFixture';

// Plot and linkedom are ES modules; Node 22.12+ loads them with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Plot = require('@observablehq/plot') as typeof PlotApi;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as { parseHTML: (html: string) => { document: Document } };

const PALETTE: Palette = {
  foreground: '#cccccc',
  background: '#1f1f1f',
  muted: '#808080',
  blue: '#3794ff',
  green: '#89d185',
  yellow: '#cca700',
  orange: '#d18616',
  red: '#f14c4c',
  purple: '#b180d7',
  highContrast: false,
};

/** Draws the golden log's charts with Observable Plot into a Node DOM (linkedom), as the page does. */
describe('insights: charts drawn with Observable Plot (Node DOM)', () => {
  let model: InsightsModel;
  let text: InsightsText;
  inTimeZone('Europe/Berlin');
  before(() => {
    const { period, previous } = fixturePeriod();
    model = buildInsights({ period, previous, entries: currentEntries(), previousEntries: previousEntries(), now: NOW });
    text = describeInsights(model);
  });
  const doc = () => parseHTML('<!DOCTYPE html><html><body></body></html>').document;
  const draw = (id: string, palette = PALETTE) => {
    const r = renderChart(Plot, doc(), model, text, text.charts.find((c) => c.id === id)!, palette);
    assert.ok(r, `${id} is drawn`);
    return r;
  };
  const texts = (root: Element, sel: string) => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent.trim());

  it('outcomes: one bar per non-empty month and kind, every month on the axis, bars that filter by kind and month', () => {
    const { svg, bars } = draw('outcomes');
    const rects = svg.querySelectorAll('g[aria-label="bar"] rect');
    assert.equal(rects.length, 13, '13 non-zero month × kind counts in the golden log');
    assert.deepEqual(texts(svg, 'g[aria-label="x-axis tick label"] text'), ['Jul 2026', 'Aug 2026', 'Sep 2026', 'Oct 2026', 'Nov 2026', 'Dec 2026']);
    assert.ok(texts(svg, 'rect title').includes('Aug 2026: 1 review catch'), texts(svg, 'rect title').join(' | '));
    assert.equal(bars.length, 13, 'every bar knows its entries');
    const dec = bars.find((b) => b.target.label.startsWith('Dec 2026: 1 change shipped'));
    assert.ok(dec, bars.map((b) => b.target.label).join(' | '));
    assert.deepEqual({ kinds: dec.target.kinds, from: dec.target.fromDate, to: dec.target.toDate }, { kinds: ['shipped'], from: '2026-12-01', to: '2026-12-31' });
    // Colours are the theme's, resolved: shipped bars are the charts-green.
    assert.equal(dec.element.getAttribute('fill'), PALETTE.green);
    assert.equal(svg.getAttribute('aria-label'), 'Outcomes per month');
    assert.match(svg.getAttribute('aria-description') ?? '', /13 outcome entries in the period/);
  });

  it('no inline <style> is left in the SVG (the strict CSP would block it; the stylesheet has its rules)', () => {
    for (const c of text.charts) {
      const r = renderChart(Plot, doc(), model, text, c, PALETTE);
      assert.ok(r);
      assert.equal(r.svg.querySelectorAll('style').length, 0, c.id);
    }
  });

  it('AI assists: bars per verdict coloured accepted green / adapted yellow / discarded red / no verdict muted', () => {
    const { svg, bars } = draw('ai');
    const fills = Array.from(svg.querySelectorAll('g[aria-label="bar"] rect')).map((r) => r.getAttribute('fill'));
    assert.equal(fills.length, 7);
    assert.deepEqual([...new Set(fills)].sort(), [PALETTE.green, PALETTE.yellow, PALETTE.red, PALETTE.muted].sort());
    assert.ok(bars.every((b) => b.target.kinds.length === 1 && b.target.kinds[0] === 'ai-assist'));
    assert.ok(texts(svg, 'rect title').includes('Dec 2026: 1 AI assist without a verdict'));
  });

  it('discard reasons and review catches: horizontal bars labelled with the reason and the severity', () => {
    const reasons = draw('discardReasons');
    assert.deepEqual(texts(reasons.svg, 'g[aria-label="y-axis tick label"] text'), ['invented an API', 'insecure']);
    const catches = draw('catches');
    assert.deepEqual(texts(catches.svg, 'g[aria-label="y-axis tick label"] text'), ['Critical', 'High', 'Not recorded']);
    assert.equal(catches.svg.querySelectorAll('g[aria-label="bar"] rect').length, 4);
  });

  it('time to fix: a box plot over the four fix times in days with a dot for each', () => {
    const { svg } = draw('timeToFix');
    assert.deepEqual(texts(svg, 'g[aria-label="dot"] title'), ['0.3 days', '1 days', '4 days', '10 days']);
    assert.equal(svg.querySelectorAll('g[aria-label="tick"] line').length, 1, 'the median tick');
    assert.match(texts(svg, 'g[aria-label="x-axis label"] text')[0]!, /Days from identified to fixed/);
  });

  it('a high-contrast theme outlines every bar in the foreground colour', () => {
    const { svg } = draw('outcomes', { ...PALETTE, highContrast: true, foreground: '#ffffff' });
    const g = svg.querySelector('g[aria-label="bar"]')!;
    assert.equal(g.getAttribute('stroke'), '#ffffff');
  });

  it('an empty chart is not drawn', () => {
    const { period, previous } = fixturePeriod();
    const empty = buildInsights({ period, previous, entries: [], previousEntries: [], now: NOW });
    const t = describeInsights(empty);
    for (const c of t.charts) assert.equal(renderChart(Plot, doc(), empty, t, c, PALETTE), undefined, c.id);
  });

  it('a saved SVG is standalone: namespace, background, colours, no keyboard attributes', () => {
    const { svg, bars } = draw('outcomes');
    bars[0]!.element.setAttribute('tabindex', '0');
    bars[0]!.element.setAttribute('role', 'button');
    const out = standaloneSvg(svg, PALETTE, (n) => (n as Element).outerHTML);
    assert.match(out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(out, /xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(out, new RegExp(`<rect[^>]*fill="${PALETTE.background}"`));
    assert.doesNotMatch(out, /tabindex|role="button"/);
    assert.doesNotMatch(out, /var\(--/, 'no theme variables that would be lost outside VS Code');
  });
});
