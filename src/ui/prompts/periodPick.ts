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
  qp.dispose();
  if (!picked) return undefined;
  if (picked.everything) return 'everything';
  if (picked.input) return picked.input;
  return askCustomRange(opts.title);
}

/** Two validated input boxes: from, then to (not before from). */
export async function askCustomRange(title: string): Promise<PeriodInput | undefined> {
  const today = localDate(Date.now());
  const from = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0}: custom range (1/2)', title),
    prompt: vscode.l10n.t('First day, included (YYYY-MM-DD)'),
    placeHolder: 'e.g. 2026-01-01',
    validateInput: (v) => firstProblem(periodDate, v),
  });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0}: custom range (2/2)', title),
    prompt: vscode.l10n.t('Last day, included (YYYY-MM-DD)'),
    value: today,
    validateInput: (v) => firstProblem(periodDate, v) ?? (v.trim() < from.trim() ? vscode.l10n.t('must not be before {0}', from.trim()) : undefined),
  });
  if (to === undefined) return undefined;
  return { from: from.trim(), to: to.trim() };
}
