import type * as vscode from 'vscode';
import { registerDeleteCommands } from './commands/delete';
import { registerEditCommand } from './commands/edit';
import { registerLogCommands } from './commands/log';
import { registerSelectionCommand } from './commands/selection';
import type { Services } from './services';
import { ImpactStatusBar } from './statusBar';

/** Capturing entries: the log commands, log from selection, edit, delete and undo, and the status bar. */
export function registerQuickLog(s: Services): vscode.Disposable[] {
  return [...registerLogCommands(s), registerSelectionCommand(s), registerEditCommand(s), ...registerDeleteCommands(s), new ImpactStatusBar(s)];
}
