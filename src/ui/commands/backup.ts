import * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import { decideBackupNow, decideRestore, unlessRefused } from '../../domain/commandArgs';
import { backupInfoOf, type BackupSummary, backupNow, inspectBackup, listBackups, restoreBackup, type RestoreResult } from '../../storage/backups';
import { displayDateTime, formatSize } from '../../domain/format';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import type { Services } from '../services';
import { dateStyle } from '../locale';
import { entryCount } from '../l10n';

/** `impactLog.backupNow` and `impactLog.restoreBackup`: back the log up on request; restore a chosen backup. */

const KIND_WORDS: Record<BackupSummary['kind'], string> = {
  daily: vscode.l10n.t('daily backup'),
  manual: vscode.l10n.t('backup made on request'),
  migration: vscode.l10n.t('taken before a schema update'),
  'before-restore': vscode.l10n.t('the log as it was before a restore'),
};

const plural = entryCount;

/** Writes a backup now; returns its path. */
export async function backupLogNow(s: Services, arg: unknown): Promise<string> {
  if (arg !== undefined) {
    const given = argumentObject(arg);
    if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be left out (or an empty object)') }]);
    unlessRefused(decideBackupNow(given));
  }
  const store = await s.store.get();
  const info = await backupNow(store, s.store.backupFolder, s.config.value['backup.keep']);
  s.output.info(`Backup written to ${info.path}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: backed up {0} to {1}.', plural(store.count()), info.path), vscode.l10n.t('Reveal Backup')).then((pick) => {
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
      description: `${summary.entries !== undefined ? plural(summary.entries) : vscode.l10n.t('unreadable')} · ${formatSize(b.size)} · ${KIND_WORDS[b.kind]}`,
      detail: summary.problem ? `${b.path} — ${summary.problem}` : b.path,
      backup: summary,
    };
  });
  items.push({ label: vscode.l10n.t('$(folder-opened) Choose a backup file…'), description: items.length === 0 ? vscode.l10n.t('no backups in {0} yet', folder) : '', browse: true });
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Restore the log from a backup'),
    placeHolder: vscode.l10n.t('Pick a backup (newest first). Your current log is kept as a backup first.'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  if (pick.backup) return pick.backup.path;
  const uris = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Restore the log from a backup file'),
    canSelectMany: false,
    defaultUri: vscode.Uri.file(folder),
    filters: { [vscode.l10n.t('Impact Log database')]: ['sqlite', 'db'], [vscode.l10n.t('All files')]: ['*'] },
  });
  return uris?.[0]?.fsPath;
}

/** Restores a backup chosen from the list (or given as `{ path }`); returns the result, or undefined when cancelled. */
export async function restoreLogFromBackup(s: Services, arg: unknown): Promise<RestoreResult | undefined> {
  let path: string | undefined;
  let confirm = true;
  if (arg !== undefined) {
    const given = argumentObject(arg);
    if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "path": "/…/impact-log-daily-2026-05-01.sqlite" }') }]);
    const parsed = unlessRefused(decideRestore(given)).value;
    path = parsed.path;
    confirm = parsed.confirm;
  }
  path ??= await pickBackup(s);
  if (!path) return undefined;
  if (confirm) {
    const current = (await s.store.get()).count();
    const info = backupInfoOf(path);
    if (!info) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: 'path', problem: vscode.l10n.t('is not a file: {0}', path) }]);
    const backup = inspectBackup(info);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Restore the log from {0}{1}?', path, backup.entries !== undefined ? ` (${plural(backup.entries)})` : ''),
      { modal: true, detail: vscode.l10n.t('Your current log ({0}) is saved as a backup first, so nothing is lost; you can restore it the same way.', plural(current)) },
      vscode.l10n.t('Restore'),
    );
    if (answer !== 'Restore') return undefined;
  }
  const chosen = path;
  const result = await s.store.replaceContents((store) => restoreBackup(store, { backupPath: chosen, folder: s.store.backupFolder }));
  s.output.info(`Restored ${result.entries} entries from ${result.restoredFrom.path}; the previous log is at ${result.previousLog.path}.`);
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Impact Log: restored {0} from the backup of {1}. Your previous log was kept as {2}.', plural(result.entries), displayDateTime(result.restoredFrom.takenAt, dateStyle()), result.previousLog.path), vscode.l10n.t('Undo Restore'))
    .then((pick) => {
      if (pick) void vscode.commands.executeCommand('impactLog.restoreBackup', { path: result.previousLog.path, confirm: false });
    });
  return result;
}

export function registerBackupCommands(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('impactLog.backupNow', guarded(s.output, vscode.l10n.t('Back up now'), (arg?: unknown) => backupLogNow(s, arg))),
    vscode.commands.registerCommand('impactLog.restoreBackup', guarded(s.output, vscode.l10n.t('Restore backup'), (arg?: unknown) => restoreLogFromBackup(s, arg))),
  ];
}
