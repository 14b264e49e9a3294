import * as vscode from 'vscode';
import { z } from 'zod';
import { type Entry, parseOrThrow, parsePatch, ValidationError } from '../../domain';
import { editPatchInput, entryAnswers } from '../../domain/flow';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import { promptForEdit } from '../prompts/entryFlow';
import { pickEntries } from '../prompts/pickEntry';
import type { Services } from '../services';
import { entryIdOfNode } from './targets';

const editArgument = z.looseObject({ id: z.uuid({ error: 'must be an entry id (a UUID)' }) });

/**
 * Edits one entry. `{ id, ...changes }` applies the changes (validated like the log arguments;
 * null clears a field) with no prompt; `{ id }`, a timeline node or no argument (pick an entry)
 * opens the log flow pre-filled with the entry's values. Returns the entry's id, or undefined when
 * cancelled or unchanged.
 */
export async function editEntry(s: Services, arg: unknown): Promise<string | undefined> {
  const nodeId = entryIdOfNode(arg);
  const given = nodeId === undefined ? argumentObject(arg) : undefined;
  if (arg !== undefined && nodeId === undefined && given === undefined) {
    throw new ValidationError('Command argument', [{ field: '', problem: 'must be an object such as { "id": "…", "title": "…" }' }]);
  }
  const store = await s.store.get();
  let entry: Entry | undefined;
  if (given) {
    const { id, ...changes } = parseOrThrow(editArgument, given, 'Command argument');
    entry = liveEntry(store.get(id), id);
    if (Object.keys(changes).length > 0) {
      const patch = parsePatch(entry.kind, changes);
      return save(s, entry.id, patch);
    }
  } else if (nodeId !== undefined) entry = liveEntry(store.get(nodeId), nodeId);
  else {
    [entry] = (await pickEntries(store, { title: 'Edit entry', placeholder: 'Pick the entry to edit (type to search)', many: false })) ?? [];
    if (!entry) return undefined;
  }

  const answers = await promptForEdit(s, entry);
  if (!answers) return undefined;
  const input = editPatchInput(entry.kind, entryAnswers(entry), answers);
  if (Object.keys(input).length === 0) {
    void vscode.window.setStatusBarMessage('$(info) Nothing changed', 3000);
    return undefined;
  }
  return save(s, entry.id, parsePatch(entry.kind, input));
}

function liveEntry(entry: Entry | undefined, id: string): Entry {
  if (!entry || entry.deletedAt !== null) {
    throw new ValidationError('Command argument', [{ field: 'id', problem: `names no entry in the log (${id}); it may have been deleted` }]);
  }
  return entry;
}

async function save(s: Services, id: string, patch: ReturnType<typeof parsePatch>): Promise<string> {
  const updated = await s.store.write('edit', (store) => store.update(id, patch), (e) => [e.id]);
  void vscode.window.setStatusBarMessage(`$(check) Saved: ${updated.title}`, 4000);
  return updated.id;
}

export function registerEditCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('impactLog.editEntry', guarded(s.output, 'Edit entry', (arg?: unknown) => editEntry(s, arg)));
}
