import { readFileSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import { decideImport, unlessRefused } from '../../domain/commandArgs';
import { IMPORT_MAX_BYTES, parseImportFile, prepareFollowUpImport, prepareImport } from '../../domain/importFormat';
import { ImportCancelled } from '../../export/importStream';
import { importInWorker, ImportWorkerExited } from '../../export/importInWorker';
import type { FollowUpImportResult, ImportResult } from '../../storage';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import type { Services } from '../services';

/**
 * `impactLog.importData`: reads a JSON export (from this machine or another), validates all of it,
 * then merges it by entry id in one transaction: new ids are added, a newer `updatedAt` replaces
 * the log's copy, the rest is skipped, so importing the same file twice changes nothing. An invalid
 * file is refused with the reason and nothing is written.
 */

/** Above this size, validation and the merge get a progress notification. */
const PROGRESS_BYTES = 2 * 1024 * 1024;
/** Above this size (~15,000 entries) the file is streamed and merged in chunks (importLarge). */
const STREAM_FROM_BYTES = 16 * 1024 * 1024;
/** The largest file importLarge reads: a 1,000,000-entry log is about 1 GB. */
const STREAM_MAX_BYTES = 4 * 1024 * 1024 * 1024;

const count = (n: number, word: string) => `${n} ${word}`;

/** Reads a file's text, refusing what cannot be an export before reading it. */
function readImportFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch (err) {
    throw new ValidationError(vscode.l10n.t('Import file'), [{ field: '', problem: vscode.l10n.t('cannot be read: {0} ({1})', path, err instanceof Error ? err.message : String(err)) }]);
  }
  if (size > IMPORT_MAX_BYTES) {
    throw new ValidationError(vscode.l10n.t('Import file'), [{ field: '', problem: vscode.l10n.t('is {0} MB, more than an Impact Log export can be ({1} MB)', Math.round(size / 1048576), IMPORT_MAX_BYTES / 1048576) }]);
  }
  return readFileSync(path, 'utf8');
}

/** The entries' counts; with `followUps` when the file carries follow-ups. */
export type ImportReport = ImportResult & { readonly followUps?: FollowUpImportResult };

export async function importData(s: Services, arg: unknown): Promise<ImportReport | undefined> {
  let path: string | undefined;
  if (arg !== undefined) {
    const given = argumentObject(arg);
    if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "path": "/…/impact-log.json" }') }]);
    path = unlessRefused(decideImport(given)).value.path;
  } else {
    const uris = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Impact Log data'),
      openLabel: vscode.l10n.t('Import'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Impact Log export (JSON)')]: ['json'], [vscode.l10n.t('All files')]: ['*'] },
    });
    path = uris?.[0]?.fsPath;
    if (!path) return undefined;
  }
  const file = path;
  if (fileSize(file) > STREAM_FROM_BYTES) return importLarge(s, file);
  const text = readImportFile(file);

  const run = async (): Promise<ImportReport> => {
    const parsed = parseImportFile(text);
    return s.store.write('import', (store) => {
      if (parsed.followUps.length === 0 && parsed.followUpStates.length === 0) return store.importEntries(prepareImport(parsed, (id) => store.get(id)));
      const r = store.followUps.importWithEntries(prepareImport(parsed, (id) => store.get(id)), prepareFollowUpImport(parsed, (id) => store.followUps.get(id)), parsed.followUpStates);
      return { ...r.entries, followUps: r.followUps };
    });
  };
  const result =
    text.length > PROGRESS_BYTES
      ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Impact Log: importing…') }, async () => {
          await new Promise((r) => setTimeout(r, 50));
          return run();
        })
      : await run();

  announceImport(s, file, result);
  return result;
}

/** What an import added, updated and skipped: in the output channel and a message. */
function announceImport(s: Services, file: string, result: ImportReport): void {
  const f = result.followUps;
  const followUps = f ? vscode.l10n.t('; follow-ups: {0}, {1}, {2}', count(f.added, 'added'), count(f.updated, 'updated'), count(f.skipped, 'skipped')) : '';
  const summary = `${count(result.added, 'added')}, ${count(result.updated, 'updated')}, ${count(result.skipped, vscode.l10n.t('skipped (already up to date)'))}${followUps}`;
  s.output.info(`Imported ${file}: ${summary}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: imported {0}: {1}.', file, summary));
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // readImportFile names the problem
  }
}

/**
 * A large file (a log of hundreds of thousands of entries) is never held in memory: it is
 * validated as a stream first (nothing written if anything is wrong), then merged in chunks, each
 * one transaction, in a worker thread, with the progress shown; it can be cancelled between
 * chunks. The merge is idempotent, so an import cancelled or interrupted half way is completed by
 * importing the same file again.
 */
async function importLarge(s: Services, file: string): Promise<ImportReport | undefined> {
  const size = fileSize(file);
  if (size > STREAM_MAX_BYTES) {
    throw new ValidationError(vscode.l10n.t('Import file'), [{ field: '', problem: vscode.l10n.t('is {0} MB, more than an Impact Log export can be ({1} MB)', Math.round(size / 1048576), STREAM_MAX_BYTES / 1048576) }]);
  }
  const store = await s.store.get();
  let merged = 0;
  let total = 0;
  let result: ImportReport;
  try {
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Impact Log: importing'), cancellable: true }, async (progress, token) => {
      let shown = 0;
      const step = (fraction: number, message: string) => {
        const next = Math.round(fraction * 100);
        if (next > shown) progress.report({ increment: next - shown, message });
        shown = Math.max(shown, next);
      };
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        // In a worker thread with its own connection (src/export/importInWorker.ts): this thread only gets the progress.
        return await importInWorker(file, {
          dbPath: store.path,
          engine: store.engine,
          signal: abort.signal,
          onChecking: (bytes) => step((bytes / size) * 0.3, vscode.l10n.t('checking the file…')),
          onMerging: (done, all) => {
            merged = done;
            total = all;
            step(0.3 + (all === 0 ? 0.7 : (done / all) * 0.7), vscode.l10n.t('{0} of {1} entries', done.toLocaleString(), all.toLocaleString()));
          },
        });
      } finally {
        cancelled.dispose();
      }
    });
  } catch (err) {
    if (merged === 0 && !(err instanceof ImportCancelled)) throw err;
    if (merged === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: the import of {0} was cancelled; nothing was imported.', file));
      return undefined;
    }
    // Whole chunks were written: tell the views, and say how to complete the import.
    await s.store.write('import', () => undefined);
    s.output.info(`Import of ${file} ${err instanceof ImportCancelled ? 'cancelled' : 'stopped'} after ${merged} of ${total} entries: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (err instanceof ImportCancelled) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: the import of {0} was cancelled after {1} of {2} entries. Import the same file again to complete it.', file, merged.toLocaleString(), total.toLocaleString()));
    } else {
      const why = err instanceof ImportWorkerExited ? vscode.l10n.t('exit code {0}', err.exitCode) : err instanceof Error ? err.message : String(err);
      void vscode.window.showErrorMessage(vscode.l10n.t('Impact Log: the import of {0} stopped after {1} of {2} entries ({3}). Import the same file again to complete it.', file, merged.toLocaleString(), total.toLocaleString(), why));
    }
    return undefined;
  }
  // Tell the views (and take the day's first backup) once, at the end.
  await s.store.write('import', () => result);
  announceImport(s, file, result);
  return result;
}

export function registerImportCommand(s: Services): vscode.Disposable[] {
  return [vscode.commands.registerCommand('impactLog.importData', guarded(s.output, vscode.l10n.t('Import data'), (arg?: unknown) => importData(s, arg)))];
}
