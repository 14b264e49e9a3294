import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { defaultExportFolder } from '../../domain/exportFolder';
import type { Services } from '../services';

/** globalState key: the folder of the last export the user saved through the dialog. */
export const LAST_EXPORT_FOLDER = 'impactLog.lastExportFolder';

const isFolder = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Where the save dialog starts (see domain/exportFolder.ts): never a workspace folder unless the user chose it before. */
export function exportFolder(s: Services): string {
  const last = s.context.globalState.get<unknown>(LAST_EXPORT_FOLDER);
  return defaultExportFolder({
    last: typeof last === 'string' ? last : undefined,
    home: homedir(),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    isFolder,
  });
}

/** Remembers the folder the user picked in the save dialog, for the next export. */
export async function rememberExportFolder(s: Services, path: string): Promise<void> {
  await s.context.globalState.update(LAST_EXPORT_FOLDER, dirname(path));
}

/** The success message of a file export, with Open (in an editor) and Reveal in the file manager. */
export function showExported(message: string, path: string): void {
  const reveal = vscode.l10n.t('Reveal in File Manager');
  void vscode.window.showInformationMessage(message, vscode.l10n.t('Open'), reveal).then(async (choice) => {
    const uri = vscode.Uri.file(path);
    if (choice === 'Open') await vscode.window.showTextDocument(uri, { preview: false });
    else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', uri);
  });
}
