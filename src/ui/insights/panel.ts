import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { z } from 'zod';
import { localDate, ValidationError } from '../../domain';
import { periodOf } from '../../domain/exportArgs';
import { decideShowInsights, unlessRefused } from '../../domain/commandArgs';
import { buildInsights } from '../../domain/insights';
import { KIND_IDS } from '../../domain/kinds';
import { followUpConfigOf } from '../../domain/settings';
import { type Period, periodDate, type PeriodInput, periodInputSchema } from '../../domain/periods';
import { describeInsights } from '../../export/insightsText';
import { argumentObject } from '../args';
import { writeFileAtomic } from '../commands/export';
import { describeError, guarded } from '../errors';
import { pickPeriod, resolveFor } from '../prompts/periodPick';
import type { Services } from '../services';
import { insightsHtml, makeNonce } from './html';
import { chartFileContent, checkedSavePath } from './saveChart';
import { CHART_IDS, type ChartId, type FromPage, SAVE_FORMATS, type SaveFormat, type ToPage } from './messages';

/**
 * `impactLog.showInsights`: the Insights webview panel (one at a time). It rebuilds the chart data
 * when entries change (here or in another window), restores itself after a restart through a
 * serializer (the page keeps its period with `setState`), filters the timeline when a bar is
 * chosen, and saves a chart as SVG or PNG where the user says. Every message from the page is
 * validated: a page is not trusted code. The page's HTML comes from html.ts, with its
 * Content-Security-Policy (default-src 'none'; scripts only with the page's nonce).
 */

export const INSIGHTS_VIEW_TYPE = 'impactLog.insights';
/** Wait this long after the last change before recomputing, so a burst of writes redraws once. */
const UPDATE_DEBOUNCE_MS = 250;
/** A saved chart is a few hundred KB at most; anything far larger is not ours. */
const MAX_SAVE_CHARS = 20_000_000;

const fromPage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('pickPeriod') }),
  z.strictObject({
    type: z.literal('filter'),
    kinds: z.array(z.enum(KIND_IDS)).min(1),
    fromDate: periodDate.optional(),
    toDate: periodDate.optional(),
  }),
  z.strictObject({ type: z.literal('save'), chart: z.enum(CHART_IDS), format: z.enum(SAVE_FORMATS), data: z.string().max(MAX_SAVE_CHARS) }),
]) satisfies z.ZodType<FromPage>;

/** The state VS Code hands back after a restart: the page's own, so checked like any input. */
const savedState = z.object({ period: periodInputSchema, tablesShown: z.array(z.enum(CHART_IDS)).default([]) }).loose();

export class InsightsPanel implements vscode.Disposable {
  static current: InsightsPanel | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private ready = false;
  private disposed = false;
  /** The period the page shows. */
  private shown: Period | undefined;

  private constructor(
    private readonly s: Services,
    readonly panel: vscode.WebviewPanel,
    private input: PeriodInput,
  ) {
    const root = vscode.Uri.joinPath(s.context.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.iconPath = vscode.Uri.joinPath(s.context.extensionUri, 'media', 'impact-log.svg');
    const w = panel.webview;
    w.html = insightsHtml({
      cspSource: w.cspSource,
      nonce: makeNonce(),
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(root, 'insights.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(root, 'insights.css')).toString(),
      lang: vscode.env.language,
    });
    this.subs.push(
      w.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.dirty) this.schedule(0);
      }),
      s.store.onDidChange(() => this.schedule(UPDATE_DEBOUNCE_MS)),
      s.config.onDidChange(() => this.schedule(UPDATE_DEBOUNCE_MS)),
    );
  }

  /** Opens the panel for a period (or shows the open one, switched to it). */
  static show(s: Services, input: PeriodInput): InsightsPanel {
    const open = InsightsPanel.current;
    if (open) {
      open.input = input;
      open.panel.reveal();
      open.schedule(0);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, vscode.l10n.t('Impact Log: Insights'), vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
    return (InsightsPanel.current = new InsightsPanel(s, panel, input));
  }

  /** Takes over a panel VS Code restored after a restart. */
  static revive(s: Services, panel: vscode.WebviewPanel, input: PeriodInput): InsightsPanel {
    InsightsPanel.current?.dispose();
    return (InsightsPanel.current = new InsightsPanel(s, panel, input));
  }

  private post(m: ToPage): Thenable<boolean> {
    return this.panel.webview.postMessage(m);
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (!this.ready) return; // the page asks for data when it is ready
    if (!this.panel.visible) {
      this.dirty = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), ms);
  }

  /** Recomputes the charts from the store and posts them to the page. */
  async update(): Promise<void> {
    this.timer = undefined;
    this.dirty = false;
    const started = performance.now();
    try {
      const resolved = await resolveFor(this.s, this.input);
      const store = await this.s.store.get();
      const list = (r: { from: number; to: number }) => store.list({ from: r.from, to: r.to, deleted: 'exclude' }, { order: 'asc' });
      // Follow-ups as the review summary gets them (src/ui/commands/export.ts), so both say the same.
      const fu = followUpConfigOf(this.s.config.value);
      const model = buildInsights({
        period: resolved.period,
        previous: resolved.previous,
        entries: list(resolved.period),
        previousEntries: list(resolved.previous),
        now: Date.now(),
        ...(fu.enabled ? { followUps: store.followUps.summaryInput({ from: resolved.previous.from, to: resolved.period.to }, fu.checkpoints) } : {}),
      });
      const text = describeInsights(model, vscode.env.language);
      this.panel.title = vscode.l10n.t('Insights: {0}', resolved.period.name);
      this.shown = resolved.period;
      await this.post({ type: 'model', model, text, periodInput: this.input });
      const ms = performance.now() - started;
      this.s.output.info(`Insights for ${resolved.period.label}: ${model.current.entries} entries, posted in ${ms.toFixed(0)} ms.`);
    } catch (err) {
      this.s.output.error(`Insights failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      await this.post({ type: 'error', message: describeError(err) });
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = fromPage.safeParse(raw);
    if (!parsed.success) {
      this.s.output.warn(`Insights: ignored a message the page should not send: ${parsed.error.message}`);
      return;
    }
    const m = parsed.data;
    try {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          await this.update();
          return;
        case 'pickPeriod': {
          const picked = await pickPeriod(this.s, { title: vscode.l10n.t('Insights for which period?') });
          if (!picked || picked === 'everything') return;
          this.input = picked;
          await this.update();
          return;
        }
        case 'filter':
          await this.filter(m.kinds, m.fromDate, m.toDate);
          return;
        case 'save':
          await this.save(m.chart, m.format, m.data);
          return;
      }
    } catch (err) {
      this.s.output.error(`Insights: ${m.type} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Impact Log: {0}', describeError(err)));
    }
  }

  /** Filters the timeline to the bar's entries (its kinds, and its month or else the period shown) and shows it. */
  private async filter(kinds: readonly string[], fromDate?: string, toDate?: string): Promise<void> {
    const days = fromDate && toDate ? { from: fromDate, to: toDate } : this.shown ? { from: this.shown.fromDate, to: this.shown.toDate } : {};
    await vscode.commands.executeCommand('impactLog.filterTimeline', { kinds, ...days });
    await vscode.commands.executeCommand('impactLog.timeline.focus');
  }

  private async save(chart: ChartId, format: SaveFormat, data: string): Promise<void> {
    const content = chartFileContent(format, data);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file' ? vscode.workspace.workspaceFolders[0].uri : vscode.Uri.file(homedir());
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save chart as {0}', format.toUpperCase()),
      defaultUri: vscode.Uri.joinPath(folder, `impact-log-${chart}-${localDate(Date.now())}.${format}`),
      filters: format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
    });
    if (!uri) return;
    const path = checkedSavePath(uri, format);
    writeFileAtomic(path, content);
    this.s.output.info(`Insights: chart ${chart} saved to ${path}.`);
    await this.post({ type: 'saved', chart, path });
    void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: chart saved to {0}.', path));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (InsightsPanel.current === this) InsightsPanel.current = undefined;
    for (const d of this.subs) d.dispose();
    this.panel.dispose();
  }
}

/** The period an `impactLog.showInsights` argument asks for; the default review period without one. */
export function insightsPeriod(s: Services, arg: unknown): PeriodInput {
  const given = arg === undefined ? {} : argumentObject(arg);
  if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "period": "lastHalf" } or { "from": "2026-01-01", "to": "2026-06-30" }') }]);
  const { value: a } = unlessRefused(decideShowInsights(given));
  return periodOf(a) ?? { preset: s.config.value['review.defaultPeriod'] };
}

export function registerInsights(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      'impactLog.showInsights',
      guarded(s.output, vscode.l10n.t('Show insights'), async (arg?: unknown) => {
        const input = insightsPeriod(s, arg);
        InsightsPanel.show(s, input);
        // The label of the period shown (the page fills in once it has loaded).
        return (await resolveFor(s, input)).period.label;
      }),
    ),
    vscode.window.registerWebviewPanelSerializer(INSIGHTS_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => {
        const st = savedState.safeParse(state);
        const input: PeriodInput = st.success ? st.data.period : { preset: s.config.value['review.defaultPeriod'] };
        InsightsPanel.revive(s, panel, input);
        return Promise.resolve();
      },
    }),
    { dispose: () => InsightsPanel.current?.dispose() },
  ];
}
