import * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import { decideBackupNow, decideRestore, unlessRefused } from '../../domain/commandArgs';
import { backupInfoOf, type BackupSummary, backupNow, inspectBackup, listBackups, restoreBackup, type RestoreResult } from '../../storage/backups';
import { displayDateTime, formatSize } from '../../domain/format';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import type { Services } from '../services';
import { dateStyle } from '../locale';

/** `impactLog.backupNow` and `impactLog.restoreBackup`: back the log up on request; restore a chosen backup. */

const KIND_WORDS: Record<BackupSummary['kind'], string> = {
  daily: 'daily backup',
  manual: 'backup made on request',
  migration: 'taken before a schema update',
  'before-restore': 'the log as it was before a restore',
};

const plural = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** Writes a backup now; returns its path. */
export async function backupLogNow(s: Services, arg: unknown): Promise<string> {
  if (arg !== undefined) {
    const given = argumentObject(arg);
    if (!given) throw new ValidationError('Command argument', [{ field: '', problem: 'must be left out (or an empty object)' }]);
    unlessRefused(decideBackupNow(given));
  }
  const store = await s.store.get();
  const info = await backupNow(store, s.store.backupFolder, s.config.value['backup.keep']);
  s.output.info(`Backup written to ${info.path}.`);
  void vscode.window.showInformationMessage(`Impact Log: backed up ${plural(store.count())} to ${info.path}.`, 'Reveal Backup').then((pick) => {
    if (pick) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(info.path));
  });
  return info.path;
}

interface BackupPick extends vscode.QuickPickItem {
  readonly backup?: BackupSummary;
  readonly browse?: true;
}

/** The quick pick: newest first, with date, kind, entry count and size; plus "choose a file". */
async function pickBackup(s: Services): Promise<string | undefined> {
  const folder = s.store.backupFolder;
  const items: BackupPick[] = listBackups(folder).map((b) => {
    const summary = inspectBackup(b);
    return {
      label: `$(history) ${displayDateTime(b.takenAt, dateStyle())}`,
      description: `${summary.entries !== undefined ? plural(summary.entries) : 'unreadable'} · ${formatSize(b.size)} · ${KIND_WORDS[b.kind]}`,
      detail: summary.problem ? `${b.path} — ${summary.problem}` : b.path,
      backup: summary,
    };
  });
  items.push({ label: '$(folder-opened) Choose a backup file…', description: items.length === 0 ? `no backups in ${folder} yet` : '', browse: true });
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Restore the log from a backup',
    placeHolder: 'Pick a backup (newest first). Your current log is kept as a backup first.',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  if (pick.backup) return pick.backup.path;
  const uris = await vscode.window.showOpenDialog({
    title: 'Restore the log from a backup file',
    canSelectMany: false,
    defaultUri: vscode.Uri.file(folder),
    filters: { 'Impact Log database': ['sqlite', 'db'], 'All files': ['*'] },
  });
  return uris?.[0]?.fsPath;
}

/** Restores a backup chosen from the list (or given as `{ path }`); returns the result, or undefined when cancelled. */
export async function restoreLogFromBackup(s: Services, arg: unknown): Promise<RestoreResult | undefined> {
  let path: string | undefined;
  let confirm = true;
  if (arg !== undefined) {
    const given = argumentObject(arg);
    if (!given) throw new ValidationError('Command argument', [{ field: '', problem: 'must be an object such as { "path": "/…/impact-log-daily-2026-05-01.sqlite" }' }]);
    const parsed = unlessRefused(decideRestore(given)).value;
    path = parsed.path;
    confirm = parsed.confirm;
  }
  path ??= await pickBackup(s);
  if (!path) return undefined;
  if (confirm) {
    const current = (await s.store.get()).count();
    const info = backupInfoOf(path);
    if (!info) throw new ValidationError('Command argument', [{ field: 'path', problem: `is not a file: ${path}` }]);
    const backup = inspectBackup(info);
    const answer = await vscode.window.showWarningMessage(
      `Restore the log from ${path}${backup.entries !== undefined ? ` (${plural(backup.entries)})` : ''}?`,
      { modal: true, detail: `Your current log (${plural(current)}) is saved as a backup first, so nothing is lost; you can restore it the same way.` },
      'Restore',
    );
    if (answer !== 'Restore') return undefined;
  }
  const chosen = path;
  const result = await s.store.replaceContents((store) => restoreBackup(store, { backupPath: chosen, folder: s.store.backupFolder }));
  s.output.info(`Restored ${result.entries} entries from ${result.restoredFrom.path}; the previous log is at ${result.previousLog.path}.`);
  void vscode.window
    .showInformationMessage(`Impact Log: restored ${plural(result.entries)} from the backup of ${displayDateTime(result.restoredFrom.takenAt, dateStyle())}. Your previous log was kept as ${result.previousLog.path}.`, 'Undo Restore')
    .then((pick) => {
      if (pick) void vscode.commands.executeCommand('impactLog.restoreBackup', { path: result.previousLog.path, confirm: false });
    });
  return result;
}

export function registerBackupCommands(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('impactLog.backupNow', guarded(s.output, 'Back up now', (arg?: unknown) => backupLogNow(s, arg))),
    vscode.commands.registerCommand('impactLog.restoreBackup', guarded(s.output, 'Restore backup', (arg?: unknown) => restoreLogFromBackup(s, arg))),
  ];
}
