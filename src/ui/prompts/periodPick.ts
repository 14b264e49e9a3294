import * as vscode from 'vscode';
import { firstProblem, localDate } from '../../domain';
import { preselectedPeriod } from '../../domain/periodChoice';
import { PERIOD_PRESETS, type PeriodInput, type PeriodPreset, periodDate, PRESET_NAMES, resolvePeriod, type ResolvedPeriod } from '../../domain/periods';
import type { Services } from '../services';
import { entryCount } from '../l10n';

/** Meta key of the last summary export (epoch ms), for the "since last export" preset. */
export const LAST_EXPORT_META = 'lastSummaryExportAt';

export async function lastExportAt(s: Services): Promise<number | undefined> {
  const raw = (await s.store.get()).getMeta(LAST_EXPORT_META);
  const ms = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Resolves a period with the user's fiscal year and last export time. */
export async function resolveFor(s: Services, input: PeriodInput): Promise<ResolvedPeriod> {
  return resolvePeriod(input, { now: Date.now(), fiscalYearStartMonth: s.config.value['review.fiscalYearStartMonth'], lastExportAt: await lastExportAt(s) });
}

interface PeriodItem extends vscode.QuickPickItem {
  readonly input?: PeriodInput;
  readonly everything?: true;
  readonly custom?: true;
}

const plural = entryCount;

/**
 * Asks for a review period: the presets (with their dates and how many entries each holds, the
 * setting's default pre-selected), "since last export" when there was one, and a custom range.
 * With `everything`, offers "Everything" first. Returns undefined when cancelled.
 */
export async function pickPeriod(s: Services, opts: { title: string; everything?: boolean }): Promise<PeriodInput | 'everything' | undefined> {
  const store = await s.store.get();
  const last = await lastExportAt(s);
  const fiscal = s.config.value['review.fiscalYearStartMonth'];
  const presets = PERIOD_PRESETS.filter((p) => p !== 'sinceLastExport' || last !== undefined);
  const resolved = presets.map((preset) => ({ preset, r: resolvePeriod({ preset }, { now: Date.now(), fiscalYearStartMonth: fiscal, lastExportAt: last }) }));
  const counts = store.countRanges(resolved.map(({ r }) => ({ from: r.period.from, to: r.period.to })));
  const preferred: PeriodPreset = s.config.value['review.defaultPeriod'];
  const items: PeriodItem[] = [];
  if (opts.everything) items.push({ label: vscode.l10n.t('$(database) Everything'), description: plural(store.count()), everything: true });
  resolved.forEach(({ preset, r }, i) => {
    const mark = preset === preferred ? vscode.l10n.t(' · your default') : '';
    items.push({ label: PRESET_NAMES[preset], description: `${r.period.label} · ${plural(counts[i] ?? 0)}${mark}`, input: { preset } });
  });
  items.push({ label: vscode.l10n.t('$(calendar) Custom range…'), description: vscode.l10n.t('from and to dates, both included'), custom: true });

  const qp = vscode.window.createQuickPick<PeriodItem>();
  qp.title = opts.title;
  qp.placeholder = vscode.l10n.t('Which period?');
  qp.matchOnDescription = true;
  qp.items = items;
  // The default is highlighted only when it holds entries; else the nearest preset that holds some.
  const choice = preselectedPeriod(resolved.map(({ preset }, i) => ({ preset, count: counts[i] ?? 0 })), preferred);
  const active = items.find((i) => i.input && 'preset' in i.input && i.input.preset === choice) ?? items.find((i) => i.input);
  if (active && !opts.everything) qp.activeItems = [active];
  const picked = await new Promise<PeriodItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  if (!picked?.custom) {
    qp.dispose();
    if (!picked) return undefined;
    return picked.everything ? 'everything' : picked.input;
  }
  // The range's input box replaces the pick before it closes: never a moment with no quick input
  // open, in which VS Code gives the keyboard back to where it was (a webview's button, for
  // Insights' "Change period…") and that focus, arriving late, closes the box just opened.
  const range = askCustomRange(opts.title);
  qp.dispose();
  return range;
}

/**
 * From, then to (not before from): one input box whose second step replaces the first, so the
 * keyboard never leaves the quick input between them (see pickPeriod). Shown at once; resolves when
 * both are given, or undefined when cancelled.
 */
export function askCustomRange(title: string): Promise<PeriodInput | undefined> {
  const today = localDate(Date.now());
  const box = vscode.window.createInputBox();
  let from: string | undefined;
  const problem = (v: string): string | undefined =>
    firstProblem(periodDate, v) ?? (from !== undefined && v.trim() < from ? vscode.l10n.t('must not be before {0}', from) : undefined);
  const step = (): void => {
    box.title = from === undefined ? vscode.l10n.t('{0}: custom range (1/2)', title) : vscode.l10n.t('{0}: custom range (2/2)', title);
    box.prompt = from === undefined ? vscode.l10n.t('First day, included (YYYY-MM-DD)') : vscode.l10n.t('Last day, included (YYYY-MM-DD)');
    box.placeholder = from === undefined ? vscode.l10n.t('e.g. {0}', '2026-01-01') : '';
    box.value = from === undefined ? '' : today;
    box.valueSelection = [0, box.value.length];
    box.validationMessage = undefined;
  };
  const done = new Promise<PeriodInput | undefined>((resolve) => {
    box.onDidChangeValue((v) => (box.validationMessage = v === '' ? undefined : problem(v)));
    box.onDidAccept(() => {
      const v = box.value;
      const p = problem(v);
      if (p !== undefined) {
        box.validationMessage = p;
        return;
      }
      if (from === undefined) {
        from = v.trim();
        step();
      } else resolve({ from, to: v.trim() });
    });
    box.onDidHide(() => resolve(undefined));
  });
  step();
  box.show();
  return done.finally(() => box.dispose());
}
