import * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import { decideDelete, unlessRefused } from '../../domain/commandArgs';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import { pickEntries } from '../prompts/pickEntry';
import type { SelectedEntryIds, Services } from '../services';
import { commandTargets, nodeTargets, nonEntryRow, notAnEntryMessage } from './targets';
import { showDirectionControls as visible } from '../../export/escape';
import { entryCount } from '../l10n';

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
    if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "id": "…" } or { "ids": ["…"] }') }]);
    const plan = unlessRefused(decideDelete(given)).value;
    // `{ timelineSelection: true }` (for other extensions and tasks): the view's selection.
    ids = 'ids' in plan ? plan.ids : commandTargets(undefined, selectedIds());
    if (ids.length === 0) return [];
  }
  const store = await s.store.get();
  if (ids === undefined) {
    const picked = await pickEntries(store, { title: vscode.l10n.t('Delete entries'), placeholder: vscode.l10n.t('Pick the entries to delete (type to search; Space to select several)'), many: true });
    if (!picked) return undefined;
    ids = picked.map((e) => e.id);
  }
  const titles = ids.map((id) => store.get(id)?.title).filter((t): t is string => t !== undefined).map(visible);
  const deleted = await s.store.write('delete', (st) => st.softDelete(ids), (d) => d);
  if (deleted.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: nothing was deleted; the entry may already have been deleted in another window.'));
    return deleted;
  }
  const what = deleted.length === 1 ? `“${titles[0] ?? vscode.l10n.t('entry')}”` : entryCount(deleted.length);
  // The toast goes away after a while; Undo stays reachable: Ctrl+Z / Cmd+Z in the timeline and the Undo Delete command.
  void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: deleted {0}. {1}', what, UNDO_HINT), vscode.l10n.t('Undo')).then(async (choice) => {
    if (choice !== 'Undo') return;
    await guarded(s.output, vscode.l10n.t('Undo delete'), () => restore(s, deleted))();
  });
  return deleted;
}

/** How to undo later, once the toast is gone. */
export const UNDO_HINT = vscode.l10n.t('To undo later: {0} in the timeline, or “Impact Log: Undo Delete”.', process.platform === 'darwin' ? vscode.l10n.t('Cmd+Z') : vscode.l10n.t('Ctrl+Z'));

/** Restores these deleted entries (the entry view's Undo); returns their ids. */
export async function restore(s: Services, ids: readonly string[]): Promise<string[]> {
  const restored = await s.store.write('undo', (st) => st.undoDelete(ids), (r) => r);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(discard) Restored {0}', entryCount(restored.length)), 4000);
  return restored;
}

/** Restores the most recent deletion (all entries deleted together); returns their ids. */
export async function undoDelete(s: Services): Promise<string[]> {
  const restored = await s.store.write('undo', (st) => st.undoLastDelete(), (r) => r);
  if (restored.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: there is no deletion to undo.'));
  else void vscode.window.setStatusBarMessage(vscode.l10n.t('$(discard) Restored {0}', entryCount(restored.length)), 4000);
  return restored;
}

export function registerDeleteCommands(s: Services, selectedIds: SelectedEntryIds): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('impactLog.deleteEntry', guarded(s.output, vscode.l10n.t('Delete entry'), (arg?: unknown, selected?: unknown) => deleteEntries(s, selectedIds, arg, selected))),
    vscode.commands.registerCommand('impactLog.undoDelete', guarded(s.output, vscode.l10n.t('Undo delete'), () => undoDelete(s))),
  ];
}
