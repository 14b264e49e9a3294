import * as vscode from 'vscode';
import { entryIdsArgument } from '../../domain/flow';
import { parseOrThrow, ValidationError } from '../../domain';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import { pickEntries } from '../prompts/pickEntry';
import type { Services } from '../services';
import { entryIdsOfSelection } from './targets';

/**
 * Soft-deletes entries: `{ id }` / `{ ids }`, a timeline node, the timeline's multi-selection, or
 * (with no argument) the entries picked from a searchable list. The confirmation offers Undo.
 * Returns the ids deleted (empty when they were already gone), or undefined when cancelled.
 */
export async function deleteEntries(s: Services, arg: unknown, selected?: unknown): Promise<string[] | undefined> {
  let ids = entryIdsOfSelection(arg, selected);
  if (ids === undefined && argumentObject(arg)?.timelineSelection === true) {
    // The Delete key in the timeline: keybindings pass no node, so act on the view's selection.
    ids = entryIdsOfSelection(undefined, s.timeline?.view.selection ?? []) ?? [];
    if (ids.length === 0) return [];
  }
  if (ids === undefined && arg !== undefined) {
    const given = argumentObject(arg);
    if (!given) throw new ValidationError('Command argument', [{ field: '', problem: 'must be an object such as { "id": "…" } or { "ids": ["…"] }' }]);
    const parsed = parseOrThrow(entryIdsArgument, given, 'Command argument');
    ids = parsed.ids ?? [parsed.id!];
  }
  const store = await s.store.get();
  if (ids === undefined) {
    const picked = await pickEntries(store, { title: 'Delete entries', placeholder: 'Pick the entries to delete (type to search; Space to select several)', many: true });
    if (!picked) return undefined;
    ids = picked.map((e) => e.id);
  }
  const titles = ids.map((id) => store.get(id)?.title).filter((t): t is string => t !== undefined);
  const deleted = await s.store.write('delete', (st) => st.softDelete(ids), (d) => d);
  if (deleted.length === 0) {
    void vscode.window.showInformationMessage('Impact Log: nothing was deleted; the entry may already have been deleted in another window.');
    return deleted;
  }
  const what = deleted.length === 1 ? `“${titles[0] ?? 'entry'}”` : `${deleted.length} entries`;
  void vscode.window.showInformationMessage(`Impact Log: deleted ${what}.`, 'Undo').then(async (choice) => {
    if (choice !== 'Undo') return;
    await guarded(s.output, 'Undo delete', () => restore(s, deleted))();
  });
  return deleted;
}

async function restore(s: Services, ids: readonly string[]): Promise<string[]> {
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

export function registerDeleteCommands(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('impactLog.deleteEntry', guarded(s.output, 'Delete entry', (arg?: unknown, selected?: unknown) => deleteEntries(s, arg, selected))),
    vscode.commands.registerCommand('impactLog.undoDelete', guarded(s.output, 'Undo delete', () => undoDelete(s))),
  ];
}
