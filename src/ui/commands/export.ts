import { join } from 'node:path';
import * as vscode from 'vscode';
import { type Entry, localDate, ValidationError } from '../../domain';
import { decideExportData, decideExportSummary, unlessRefused } from '../../domain/commandArgs';
import { type DataFormat, formatFromPath, periodOf, type SummaryFormat } from '../../domain/exportArgs';
import type { PeriodInput, ResolvedPeriod } from '../../domain/periods';
import { followUpConfigOf } from '../../domain/settings';
import { buildSummary } from '../../domain/summary';
import { sequenceCounter, stepTitle } from '../../domain/stepCounter';
import { entriesToCsv, entriesToJson, renderSummary } from '../../export';
import type { EntryStore } from '../../storage';
import { writeFileAtomic as writeUserFile } from '../../storage/paths';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import { exportFolder, rememberExportFolder, showExported } from './exportFolder';
import { LAST_EXPORT_META, pickPeriod, resolveFor } from '../prompts/periodPick';
import type { Services } from '../services';
import { reviewChoice } from './exportTemplate';
import { dateStyle } from '../locale';
import { entryCount } from '../l10n';

/**
 * `impactLog.exportSummary`: a review period as a Markdown summary in a new editor tab (or JSON or
 * CSV, or written to `path`). `impactLog.exportData`: all entries, or a period's, as JSON or CSV
 * to a file. Every argument is validated before anything is read or written.
 */

/** Above this many entries, reading and rendering get a progress notification. */
const PROGRESS_THRESHOLD = 2000;

const plural = entryCount;

/** Runs `task` with a progress notification when the work is large; yields first so the notification can show. */
async function withProgressIf<T>(large: boolean, title: string, task: () => T): Promise<T> {
  if (!large) return task();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Impact Log: {0}', title) }, async () => {
    await new Promise((r) => setTimeout(r, 50));
    return task();
  });
}

/**
 * Writes through a temporary file and a rename, so a reader never sees half a file. The path is
 * checked first (no system folder) and its folders are created by a bounded walk: see storage/paths.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  writeUserFile(path, text, { what: vscode.l10n.t('the export file') });
}

/** Entries of a range (all when none), oldest first. */
function entriesOf(store: EntryStore, r: { from: number; to: number } | undefined, includeDeleted = false): Entry[] {
  return store.list({ ...(r ? { from: r.from, to: r.to } : {}), deleted: includeDeleted ? 'include' : 'exclude' }, { order: 'asc' });
}

const LANGUAGE: Record<SummaryFormat, string> = { markdown: 'markdown', json: 'json', csv: 'csv', text: 'plaintext' };

/** Exports a summary; returns the file path written, or the URI of the editor it opened; undefined when cancelled. */
export async function exportSummary(s: Services, arg: unknown): Promise<string | undefined> {
  const given = arg === undefined ? {} : argumentObject(arg);
  if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "period": "lastHalf", "path": "/…/summary.md" }') }]);
  const a = unlessRefused(decideExportSummary(given)).value;

  let input: PeriodInput | undefined = periodOf(a);
  if (!input && a.path) input = { preset: s.config.value['review.defaultPeriod'] };
  if (!input) {
    const picked = await pickPeriod(s, { title: vscode.l10n.t('Export review summary') });
    if (!picked || picked === 'everything') return undefined;
    input = picked;
  }
  const resolved: ResolvedPeriod = await resolveFor(s, input);
  const shape = await reviewChoice(s, a, arg === undefined ? { periodLabel: resolved.period.label } : undefined);
  if (!shape) return undefined;
  const format: SummaryFormat = a.format ?? shape.format ?? (a.path ? formatFromPath(a.path) : 'markdown');
  const omit = a.omitFields ?? s.config.value['export.omitFields'];
  const store = await s.store.get();
  const large = store.count({ from: resolved.previous.from, to: resolved.period.to }) > PROGRESS_THRESHOLD;
  const followUps = followUpConfigOf(s.config.value);

  const text = await withProgressIf(large, vscode.l10n.t('summarising {0}…', resolved.period.label), () => {
    const summary = buildSummary({
      period: resolved.period,
      previous: resolved.previous,
      entries: entriesOf(store, resolved.period),
      previousEntries: entriesOf(store, resolved.previous),
      now: Date.now(),
      ...(followUps.enabled ? { followUps: store.followUps.summaryInput({ from: resolved.previous.from, to: resolved.period.to }, followUps.checkpoints) } : {}),
    });
    const range = { from: resolved.period.from, to: resolved.period.to };
    const data = format === 'json' || format === 'csv' ? { answers: store.followUps.list(range), states: store.followUps.listStates(range) } : undefined;
    // Machines read JSON and CSV: their dates stay ISO; a summary a person reads has the user's.
    return renderSummary(format, summary, omit, shape.review, data, dateStyle());
  });

  let result: string;
  if (a.path) {
    writeFileAtomic(a.path, text);
    result = a.path;
    s.output.info(`Summary of ${resolved.period.label} written to ${a.path} (${format}).`);
    showExported(vscode.l10n.t('Impact Log: summary of {0} saved to {1}.', resolved.period.label, a.path), a.path);
  } else {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE[format], content: text });
    await vscode.window.showTextDocument(doc, { preview: false });
    result = doc.uri.toString();
  }
  store.setMeta(LAST_EXPORT_META, String(Date.now()));
  return result;
}

interface FormatItem extends vscode.QuickPickItem {
  readonly format: DataFormat;
}

async function pickFormat(count: { step: number; totalSteps: number } | undefined): Promise<DataFormat | undefined> {
  const items: FormatItem[] = [
    { label: vscode.l10n.t('$(json) JSON'), description: vscode.l10n.t('every field; Impact Log can import it again (backup, another machine)'), format: 'json' },
    { label: vscode.l10n.t('$(table) CSV'), description: vscode.l10n.t('one row per entry, for spreadsheets'), format: 'csv' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: stepTitle(vscode.l10n.t('Export data'), count), placeHolder: vscode.l10n.t('Which format?') });
  return pick?.format;
}

/** Exports entries (all, or a period's) as JSON or CSV to a file; returns the path, or undefined when cancelled. */
export async function exportData(s: Services, arg: unknown): Promise<string | undefined> {
  const given = arg === undefined ? {} : argumentObject(arg);
  if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "format": "json", "path": "/…/impact-log.json" }') }]);
  const a = unlessRefused(decideExportData(given)).value;
  const interactive = a.path === undefined;

  const askFormat = a.format === undefined && a.path === undefined;
  const askScope = periodOf(a) === undefined && interactive;
  const steps = sequenceCounter([...(askFormat ? ['format' as const] : []), ...(askScope ? ['scope' as const] : [])]);
  const format = a.format ?? (a.path ? (formatFromPath(a.path) === 'csv' ? 'csv' : 'json') : await pickFormat(steps('format')));
  if (!format) return undefined;
  let scope: PeriodInput | 'everything' | undefined = periodOf(a) ?? (interactive ? undefined : 'everything');
  scope ??= await pickPeriod(s, { title: stepTitle(vscode.l10n.t('Export data as {0}', format.toUpperCase()), steps('scope')), everything: true });
  if (!scope) return undefined;
  const resolved = scope === 'everything' ? undefined : await resolveFor(s, scope);

  let path = a.path;
  if (!path) {
    const name = `impact-log-${resolved ? `${resolved.period.fromDate}-to-${resolved.period.toDate}` : localDate(Date.now())}.${format}`;
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Impact Log data'),
      defaultUri: vscode.Uri.file(join(exportFolder(s), name)),
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
    });
    if (!uri) return undefined;
    path = uri.fsPath;
    await rememberExportFolder(s, path);
  }

  const store = await s.store.get();
  const range = resolved?.period;
  const omit = a.omitFields ?? s.config.value['export.omitFields'];
  const includeDeleted = a.includeDeleted ?? false;
  const count = store.count({ ...(range ? { from: range.from, to: range.to } : {}), deleted: includeDeleted ? 'include' : 'exclude' });
  const text = await withProgressIf(count > PROGRESS_THRESHOLD, vscode.l10n.t('exporting {0}…', plural(count)), () => {
    const entries = entriesOf(store, range, includeDeleted);
    const answers = store.followUps.list(range, includeDeleted);
    return format === 'json'
      ? entriesToJson(entries, { exportedAt: Date.now(), period: resolved?.period, omit, followUps: { answers, states: store.followUps.listStates(range, includeDeleted) } })
      : entriesToCsv(entries, { omit, followUps: answers });
  });
  writeFileAtomic(path, text);
  s.output.info(`Exported ${plural(count)} as ${format} to ${path}.`);
  const where = resolved ? ` of ${resolved.period.label}` : '';
  showExported(vscode.l10n.t('Impact Log: exported {0}{1} to {2}.', plural(count), where, path), path);
  return path;
}

export function registerExportCommands(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('impactLog.exportSummary', guarded(s.output, vscode.l10n.t('Export review summary'), (arg?: unknown) => exportSummary(s, arg))),
    vscode.commands.registerCommand('impactLog.exportData', guarded(s.output, vscode.l10n.t('Export data'), (arg?: unknown) => exportData(s, arg))),
  ];
}
