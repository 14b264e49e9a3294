/// <reference lib="dom" />
// The Insights page (bundled by scripts/build.mjs into dist/webview/insights.js, loaded with the
// page's nonce). It draws what the extension posts and sends back only the typed messages of
// src/ui/insights/messages.ts: a bar chosen, a chart to save, a period to pick.
import { barX, barY, boxX, dot, plot, ruleX, ruleY } from '@observablehq/plot';
import type { InsightsModel } from '../../domain/insights.js';
import type { ChartText, InsightsText } from '../../export/insightsText.js';
import type { ChartId, FromPage, InsightsState, SaveFormat, ToPage } from '../../ui/insights/messages.js';
import { type Bar, fill, type Palette, renderChart, type RenderedChart, standaloneSvg } from './charts.js';
import './insights.css';

interface VsCodeApi {
  postMessage(m: FromPage): void;
  getState(): InsightsState | undefined;
  setState(s: InsightsState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const Plot = { plot, barX, barY, ruleX, ruleY, boxX, dot };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const announce = document.getElementById('announce')!;

let current: { model: InsightsModel; text: InsightsText; state: InsightsState } | undefined;
const tablesShown = new Set<ChartId>(vscode.getState()?.tablesShown ?? []);
const rendered = new Map<ChartId, RenderedChart>();

const send = (m: FromPage) => vscode.postMessage(m);
const say = (text: string) => {
  announce.textContent = '';
  // A fresh text node, so a repeated message is announced again.
  requestAnimationFrame(() => (announce.textContent = text));
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** The theme's colours, resolved now (a saved chart keeps them). */
function palette(): Palette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const fg = v('--vscode-editor-foreground', v('--vscode-foreground', '#cccccc'));
  return {
    foreground: v('--vscode-charts-foreground', fg),
    background: v('--vscode-editor-background', '#1e1e1e'),
    muted: v('--vscode-charts-lines', v('--vscode-descriptionForeground', '#888888')),
    blue: v('--vscode-charts-blue', '#3794ff'),
    green: v('--vscode-charts-green', '#89d185'),
    yellow: v('--vscode-charts-yellow', '#cca700'),
    orange: v('--vscode-charts-orange', '#d18616'),
    red: v('--vscode-charts-red', '#f14c4c'),
    purple: v('--vscode-charts-purple', '#b180d7'),
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
  };
}

function saveState(): void {
  if (current) vscode.setState({ period: current.state.period, tablesShown: [...tablesShown] });
}

function table(chart: ChartText): HTMLTableElement {
  const t = el('table', { attrs: { id: `table-${chart.id}` } });
  t.className = tablesShown.has(chart.id) ? 'numbers' : 'numbers visually-hidden';
  t.append(el('caption', { text: chart.table.caption }));
  const head = el('tr');
  for (const c of chart.table.columns) head.append(el('th', { text: c, attrs: { scope: 'col' } }));
  t.append(el('thead', {}, head));
  const body = el('tbody');
  for (const r of chart.table.rows) {
    const tr = el('tr', r.total ? { class: 'total' } : {});
    r.cells.forEach((c, i) => tr.append(i === 0 ? el('th', { text: c, attrs: { scope: 'row' } }) : el('td', { text: c })));
    body.append(tr);
  }
  t.append(body);
  return t;
}

function legend(chart: ChartText, r: RenderedChart | undefined): HTMLElement | undefined {
  if (!r || chart.series.length < 2) return undefined;
  const ul = el('ul', { class: 'legend', attrs: { 'aria-hidden': 'true' } });
  for (const s of chart.series) {
    // The colour the chart's colour scale gives this series.
    const colour = colourOf(r, s.key);
    const sw = el('span', { class: 'swatch' });
    if (colour) sw.style.background = colour;
    ul.append(el('li', {}, sw, document.createTextNode(s.label)));
  }
  return ul;
}

function colourOf(r: RenderedChart, key: string): string | undefined {
  const i = (r.svg as SVGSVGElement & { scale?: (n: string) => { apply?: (k: string) => string } | undefined }).scale?.('color');
  return i?.apply?.(key);
}

/** One tab stop per chart; the arrow keys move between its bars, Enter or Space filters the timeline. */
function makeKeyboardBars(container: HTMLElement, bars: readonly Bar[]): void {
  bars.forEach((b, i) => {
    const e = b.element;
    e.setAttribute('tabindex', i === 0 ? '0' : '-1');
    e.setAttribute('role', 'button');
    e.setAttribute('aria-label', b.target.label);
    e.setAttribute('class', 'bar');
    e.addEventListener('click', () => choose(b));
  });
  container.addEventListener('keydown', (ev) => {
    const at = bars.findIndex((b) => b.element === document.activeElement);
    if (at < 0) return;
    let next = at;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') next = Math.min(bars.length - 1, at + 1);
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = bars.length - 1;
    else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      choose(bars[at]!);
      return;
    } else return;
    ev.preventDefault();
    bars[at]!.element.setAttribute('tabindex', '-1');
    const n = bars[next]!.element as SVGElement;
    n.setAttribute('tabindex', '0');
    n.focus();
  });
}

/** The page's words, in the user's language: they come with every model (until then, nothing but the HTML's loading line is shown). */
const t = (key: Parameters<typeof fill>[1], ...args: readonly (string | number)[]) => (current ? fill(current.text.words, key, ...args) : key);

function choose(b: Bar): void {
  send({ type: 'filter', kinds: b.target.kinds, ...(b.target.fromDate ? { fromDate: b.target.fromDate } : {}), ...(b.target.toDate ? { toDate: b.target.toDate } : {}) });
  say(t('page.filtered', b.target.label));
}

async function pngOf(svgText: string, width: number, height: number, background: string, notAnImage: string): Promise<string> {
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error(notAnImage));
  });
  img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svgText)))}`;
  await loaded;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}

async function save(id: ChartId, format: SaveFormat): Promise<void> {
  const r = rendered.get(id);
  if (!r) return;
  const p = palette();
  const svg = standaloneSvg(r.svg, p, (n) => new XMLSerializer().serializeToString(n));
  if (format === 'svg') send({ type: 'save', chart: id, format, data: svg });
  else {
    const w = Number(r.svg.getAttribute('width')) || 640;
    const h = Number(r.svg.getAttribute('height')) || 260;
    send({ type: 'save', chart: id, format, data: await pngOf(svg, w, h, p.background, t('page.notAnImage')) });
  }
}

function section(model: InsightsModel, text: InsightsText, chart: ChartText, p: Palette, width: number): HTMLElement {
  const s = el('section', { class: 'chart', attrs: { 'aria-labelledby': `h-${chart.id}`, id: `chart-${chart.id}` } });
  s.append(el('h2', { text: chart.title, attrs: { id: `h-${chart.id}` } }));
  const den = el('ul', { class: 'denominators' });
  for (const d of chart.denominators) den.append(el('li', { text: d }));
  s.append(den);
  const r = renderChart(Plot, document, model, text, chart, p, width);
  if (r) {
    rendered.set(chart.id, r);
    const lg = legend(chart, r);
    if (lg) s.append(lg);
    const box = el('div', { class: 'plot', attrs: { role: 'group', 'aria-label': t(r.bars.length > 0 ? 'page.chartKeys' : 'page.chart', chart.title) } });
    box.append(r.svg);
    r.svg.setAttribute('aria-hidden', r.bars.length > 0 ? 'false' : 'true');
    makeKeyboardBars(box, r.bars);
    s.append(box);
  } else {
    rendered.delete(chart.id);
    s.append(el('p', { class: 'empty', text: t('page.nothingToDraw') }));
  }
  const numbers = table(chart);
  const toggle = el('button', { text: t(tablesShown.has(chart.id) ? 'page.hideTable' : 'page.showTable'), attrs: { type: 'button', 'aria-controls': numbers.id, 'aria-expanded': String(tablesShown.has(chart.id)) } });
  toggle.addEventListener('click', () => {
    const shown = !tablesShown.has(chart.id);
    if (shown) tablesShown.add(chart.id);
    else tablesShown.delete(chart.id);
    numbers.classList.toggle('visually-hidden', !shown);
    toggle.textContent = t(shown ? 'page.hideTable' : 'page.showTable');
    toggle.setAttribute('aria-expanded', String(shown));
    saveState();
  });
  const actions = el('div', { class: 'actions' }, toggle);
  if (r) {
    for (const f of ['svg', 'png'] as const) {
      const b = el('button', { text: t('page.saveAs', f.toUpperCase()), attrs: { type: 'button', 'aria-label': t('page.saveAria', chart.title, f.toUpperCase()) } });
      b.addEventListener('click', () => void save(chart.id, f).catch((e: unknown) => say(t('page.couldNotSave', e instanceof Error ? e.message : String(e)))));
      actions.append(b);
    }
  }
  s.append(actions, numbers);
  return s;
}

function draw(): void {
  if (!current) return;
  const { model, text } = current;
  const p = palette();
  const width = Math.max(320, Math.min(960, app.clientWidth - 8 || 640));
  const focusedId = (document.activeElement as HTMLElement | null)?.id;
  rendered.clear();
  const header = el(
    'header',
    {},
    el('h1', { text: text.heading }),
    el('p', { class: 'previous', text: t('page.previous', text.previousLabel) }),
  );
  const change = el('button', { text: t('page.changePeriod'), attrs: { type: 'button', id: 'change-period' } });
  change.addEventListener('click', () => send({ type: 'pickPeriod' }));
  header.append(change);
  const sections = text.charts.map((c) => section(model, text, c, p, width));
  // The follow-up chart is among `text.charts` (last) when follow-ups are on.
  app.replaceChildren(header, ...sections);
  app.setAttribute('aria-busy', 'false');
  if (focusedId) document.getElementById(focusedId)?.focus();
}

window.addEventListener('message', (ev: MessageEvent<ToPage>) => {
  const m = ev.data;
  switch (m.type) {
    case 'model':
      current = { model: m.model, text: m.text, state: { period: m.periodInput, tablesShown: [...tablesShown] } };
      document.documentElement.lang = m.text.lang;
      saveState();
      draw();
      say(t('page.updated', m.text.heading));
      break;
    case 'saved':
      say(t('page.saved', m.path));
      break;
    case 'error':
      app.setAttribute('aria-busy', 'false');
      app.replaceChildren(el('p', { class: 'error', text: m.message, attrs: { role: 'alert' } }));
      break;
  }
});

// Redraw with the new colours when the theme changes, and to the new width when resized.
new MutationObserver(() => draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
let resize: number | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resize);
  resize = window.setTimeout(draw, 150);
});

send({ type: 'ready' });
