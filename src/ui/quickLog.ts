import type * as vscode from 'vscode';
import { registerDeleteCommands } from './commands/delete';
import { registerEditCommand } from './commands/edit';
import { registerLogCommands } from './commands/log';
import { registerSelectionCommand } from './commands/selection';
import type { RevealEntry, SelectedEntryIds, Services } from './services';
import { ImpactStatusBar } from './statusBar';

/**
 * Capturing entries: the log commands, log from selection, edit, delete and undo, and the status bar.
 * `timeline` is what the timeline view offers them: a new entry is revealed in it, and the Delete key
 * acts on its selection.
 */
export function registerQuickLog(s: Services, timeline: { readonly reveal: RevealEntry; readonly selectedIds: SelectedEntryIds }): vscode.Disposable[] {
  return [
    ...registerLogCommands(s, timeline.reveal),
    ...registerSelectionCommand(s, timeline.reveal),
    registerEditCommand(s, timeline.selectedIds),
    ...registerDeleteCommands(s, timeline.selectedIds),
    new ImpactStatusBar(s),
  ];
}
