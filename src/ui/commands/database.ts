import * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import { guarded } from '../errors';
import type { Services } from '../services';

/**
 * `impactLog.revealDatabase`: shows the SQLite file that holds the log in the system file manager.
 * Where that is not possible (a browser workbench such as code-server, or a remote window whose
 * file is on another machine), shows the path with a button that copies it. Returns the path.
 */
export async function revealDatabase(s: Services, arg: unknown): Promise<string> {
  if (arg !== undefined && !(typeof arg === 'object' && arg !== null && Object.keys(arg).length === 0)) {
    throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be left out: this command takes no argument') }]);
  }
  await s.store.get(); // creates the file on first use, so there is something to show
  const path = s.store.path;
  const canReveal =
    vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined && (await vscode.commands.getCommands(true)).includes('revealFileInOS');
  if (canReveal) {
    await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(path));
    return path;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: your log is the file {0}', path), vscode.l10n.t('Copy Path')).then(async (pick) => {
    if (pick) {
      await vscode.env.clipboard.writeText(path);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Path copied'), 3000);
    }
  });
  return path;
}

export function registerDatabaseCommand(s: Services): vscode.Disposable[] {
  return [vscode.commands.registerCommand('impactLog.revealDatabase', guarded(s.output, vscode.l10n.t('Reveal database'), (arg?: unknown) => revealDatabase(s, arg)))];
}
