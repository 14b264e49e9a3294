import * as vscode from 'vscode';
import { type Entry, type EntryPatch, parsePatch, ValidationError } from '../../domain';
import { decideEdit, unlessRefused } from '../../domain/commandArgs';
import { editPatchInput, entryAnswers } from '../../domain/flow';
import { argumentObject } from '../args';
import { followUpContext } from '../followUps/commands';
import { guarded } from '../errors';
import { promptForEdit } from '../prompts/entryFlow';
import { pickEntries } from '../prompts/pickEntry';
import type { SelectedEntryIds, Services } from '../services';
import { nodeTargets, oneTarget } from './targets';
import { showDirectionControls as visible } from '../../export/escape';

/**
 * Edits one entry. `{ id, ...changes }` applies the changes (validated like the log arguments;
 * null clears a field) with no prompt; `{ id }`, a timeline node or no argument (pick an entry)
 * opens the log flow pre-filled with the entry's values. Returns the entry's id, or undefined when
 * cancelled or unchanged.
 */
export async function editEntry(s: Services, selectedIds: SelectedEntryIds, arg: unknown, selected?: unknown): Promise<string | undefined> {
  const targets = nodeTargets(arg, selected, selectedIds);
  const given = targets === undefined ? argumentObject(arg) : undefined;
  if (arg !== undefined && targets === undefined && given === undefined) {
    throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "id": "…", "title": "…" }') }]);
  }
  const store = await s.store.get();
  let entry: Entry | undefined;
  if (given) {
    const live = (id: string) => {
      const e = store.get(id);
      return e && e.deletedAt === null ? e.kind : undefined;
    };
    const plan = unlessRefused(decideEdit(given, live));
    if (plan.value.patch) return save(s, plan.value.id, plan.value.patch);
    entry = liveEntry(store.get(plan.value.id), plan.value.id);
  } else if (targets !== undefined) {
    const one = oneTarget(targets, vscode.l10n.t('“Edit Entry”'));
    if ('problem' in one) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: one.problem }]);
    entry = liveEntry(store.get(one.id), one.id);
  } else {
    [entry] = (await pickEntries(store, { title: vscode.l10n.t('Edit entry'), placeholder: vscode.l10n.t('Pick the entry to edit (type to search)'), many: false })) ?? [];
    if (!entry) return undefined;
  }

  const answers = await promptForEdit(s, entry);
  if (!answers) return undefined;
  const input = editPatchInput(entry.kind, entryAnswers(entry), answers);
  if (Object.keys(input).length === 0) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('$(info) Nothing changed'), 3000);
    return undefined;
  }
  return save(s, entry.id, parsePatch(entry.kind, input));
}

function liveEntry(entry: Entry | undefined, id: string): Entry {
  if (!entry || entry.deletedAt !== null) {
    throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: 'id', problem: vscode.l10n.t('names no entry in the log ({0}); it may have been deleted', id) }]);
  }
  return entry;
}

async function save(s: Services, id: string, patch: EntryPatch): Promise<string> {
  // An incident given a cause answers that change's follow-up in the same transaction (as logging does).
  const updated = await s.store.write('edit', (store) => store.followUps.updateEntry(id, patch, followUpContext(s)).entry, (e) => [e.id]);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Saved: {0}', visible(updated.title)), 4000);
  return updated.id;
}

export function registerEditCommand(s: Services, selectedIds: SelectedEntryIds): vscode.Disposable {
  return vscode.commands.registerCommand('impactLog.editEntry', guarded(s.output, vscode.l10n.t('Edit entry'), (arg?: unknown, selected?: unknown) => editEntry(s, selectedIds, arg, selected)));
}
