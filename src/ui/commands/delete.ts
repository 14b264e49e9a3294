import * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import { decideDelete, unlessRefused } from '../../domain/commandArgs';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import { pickEntries } from '../prompts/pickEntry';
import type { SelectedEntryIds, Services } from '../services';
import { commandTargets, nodeTargets, nonEntryRow, notAnEntryMessage } from './targets';
import { showDirectionControls as visible } from '../../export/escape';

/**
 * Soft-deletes entries: `{ id }` / `{ ids }`, a timeline node, the timeline's multi-selection, or
 * (with no argument) the entries picked from a searchable list. The confirmation offers Undo.
 * Returns the ids deleted (empty when they were already gone), or undefined when cancelled.
 *
 * The Delete key passes the row that has the keyboard focus (package.json: `$focusedTreeItem`), not
 * the selection: in a tree the arrow keys and Home move the focus and leave the selection where it
 * was, so acting on the selection deleted a row other than the one the user was on.
 */
export async function deleteEntries(s: Services, selectedIds: SelectedEntryIds, arg: unknown, selected?: unknown): Promise<string[] | undefined> {
  const notEntry = nonEntryRow(arg);
  if (notEntry !== undefined) {
    void vscode.window.showInformationMessage(notAnEntryMessage(notEntry, 'deleted'));
    return [];
  }
  // Run on a tree node: the clicked row, or the whole selection when the row is part of it.
  let ids: readonly string[] | undefined = nodeTargets(arg, selected, selectedIds);
  if (ids === undefined && arg !== undefined) {
    const given = argumentObject(arg);
    if (!given) throw new ValidationError('Command argument', [{ field: '', problem: 'must be an object such as { "id": "…" } or { "ids": ["…"] }' }]);
    const plan = unlessRefused(decideDelete(given)).value;
    // `{ timelineSelection: true }` (for other extensions and tasks): the view's selection.
    ids = 'ids' in plan ? plan.ids : commandTargets(undefined, selectedIds());
    if (ids.length === 0) return [];
  }
  const store = await s.store.get();
  if (ids === undefined) {
    const picked = await pickEntries(store, { title: 'Delete entries', placeholder: 'Pick the entries to delete (type to search; Space to select several)', many: true });
    if (!picked) return undefined;
    ids = picked.map((e) => e.id);
  }
  const titles = ids.map((id) => store.get(id)?.title).filter((t): t is string => t !== undefined).map(visible);
  const deleted = await s.store.write('delete', (st) => st.softDelete(ids), (d) => d);
  if (deleted.length === 0) {
    void vscode.window.showInformationMessage('Impact Log: nothing was deleted; the entry may already have been deleted in another window.');
    return deleted;
  }
  const what = deleted.length === 1 ? `“${titles[0] ?? 'entry'}”` : `${deleted.length} entries`;
  // The toast goes away after a while; Undo stays reachable: Ctrl+Z / Cmd+Z in the timeline and the Undo Delete command.
  void vscode.window.showInformationMessage(`Impact Log: deleted ${what}. ${UNDO_HINT}`, 'Undo').then(async (choice) => {
    if (choice !== 'Undo') return;
    await guarded(s.output, 'Undo delete', () => restore(s, deleted))();
  });
  return deleted;
}

/** How to undo later, once the toast is gone. */
export const UNDO_HINT = `To undo later: ${process.platform === 'darwin' ? 'Cmd+Z' : 'Ctrl+Z'} in the timeline, or “Impact Log: Undo Delete”.`;

/** Restores these deleted entries (the entry view's Undo); returns their ids. */
export async function restore(s: Services, ids: readonly string[]): Promise<string[]> {
  const restored = await s.store.write('undo', (st) => st.undoDelete(ids), (r) => r);
  void vscode.window.setStatusBarMessage(`$(discard) Restored ${restored.length} ${restored.length === 1 ? 'entry' : 'entries'}`, 4000);
  return restored;
}

/** Restores the most recent deletion (all entries deleted together); returns their ids. */
export async function undoDelete(s: Services): Promise<string[]> {
  const restored = await s.store.write('undo', (st) => st.undoLastDelete(), (r) => r);
  if (restored.length === 0) void vscode.window.showInformationMessage('Impact Log: there is no deletion to undo.');
  else void vscode.window.setStatusBarMessage(`$(discard) Restored ${restored.length} ${restored.length === 1 ? 'entry' : 'entries'}`, 4000);
  return restored;
}

export function registerDeleteCommands(s: Services, selectedIds: SelectedEntryIds): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('impactLog.deleteEntry', guarded(s.output, 'Delete entry', (arg?: unknown, selected?: unknown) => deleteEntries(s, selectedIds, arg, selected))),
    vscode.commands.registerCommand('impactLog.undoDelete', guarded(s.output, 'Undo delete', () => undoDelete(s))),
  ];
}
