import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { EntryContext } from '../../domain';
import { selectionLines, titleFromSelection } from '../../domain/capture';
import { captureContext } from '../context';
import { guarded } from '../errors';
import type { RevealEntry, Services } from '../services';
import { logEntry } from './log';

/**
 * Logs an entry about the selected code: the title starts as the selection's first line, and the
 * entry records the file (workspace-relative), the line range and the Git repository, branch and
 * HEAD commit. An argument object (with `kind`, `title`, …) skips the prompts it covers, as with
 * `impactLog.log`.
 */
export async function logFromSelection(s: Services, reveal: RevealEntry, arg: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: open a file and select the code to log, then run “Log from Selection” again.'));
    return undefined;
  }
  const { document, selection } = editor;
  const file = fileOf(document.uri);
  const here: EntryContext = { ...selectionLines(selection.start, selection.end), ...(file ? { file } : {}) };
  // Git answers while the user is in the prompts.
  const context = captureContext(document.uri, { commit: true }).then((git) => ({ ...git, ...here }));
  const title = titleFromSelection(document.getText(selection.isEmpty ? document.lineAt(selection.start.line).range : selection));
  // From the editor's context menu VS Code passes the document's Uri, which logEntry ignores.
  return logEntry(s, reveal, undefined, arg, context, title ? { title } : undefined);
}

/** The file as the entry records it: relative to its workspace folder, else just its name. */
function fileOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'untitled') return undefined;
  if (vscode.workspace.getWorkspaceFolder(uri)) return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
  return basename(uri.path);
}

export function registerSelectionCommand(s: Services, reveal: RevealEntry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('impactLog.logFromSelection', guarded(s.output, vscode.l10n.t('Log from selection'), (arg?: unknown) => logFromSelection(s, reveal, arg))),
    // The editor's context menu entry, titled “Impact Log: Log from Selection” (a menu shows no category); it passes the document's Uri, not an argument.
    vscode.commands.registerCommand('impactLog.logFromSelectionInEditor', guarded(s.output, vscode.l10n.t('Log from selection'), () => logFromSelection(s, reveal, undefined))),
  ];
}
