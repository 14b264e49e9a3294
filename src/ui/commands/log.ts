import * as vscode from 'vscode';
import { type EntryContext, isKindId, KIND_LIST, KINDS, type KindId, parseNewEntry, ValidationError } from '../../domain';
import { inSentence } from '../../domain/flow';
import { argumentObject } from '../args';
import { captureContext } from '../context';
import { guarded } from '../errors';
import { promptForEntry } from '../prompts/entryFlow';
import type { Services } from '../services';

/**
 * Logs one entry of `kind` (or asks which kind). With an argument object that has a title, logs
 * straight away with no prompt; with a partial one, prompts only for what it does not cover.
 * Returns the new entry's id, or undefined when cancelled or invalid (nothing written).
 */
export async function logEntry(
  s: Services,
  kind: KindId | undefined,
  arg: unknown,
  /** Context to record on top of the workspace's (e.g. the selection's); may still be arriving from Git. */
  extraContext?: EntryContext | Promise<EntryContext>,
  /** Starting answers that are still asked (e.g. a title from the selection). */
  initial?: Readonly<Record<string, unknown>>,
): Promise<string | undefined> {
  const given = argumentObject(arg);
  if (arg !== undefined && given === undefined && !isMenuArgument(arg)) {
    throw new ValidationError('Command argument', [{ field: '', problem: 'must be an object such as { "title": "…" }' }]);
  }
  let fields: Record<string, unknown> = { ...(given ?? {}) };
  let k = kind;
  if (k === undefined && 'kind' in fields) {
    if (!isKindId(fields.kind)) throw new ValidationError('Command argument', [{ field: 'kind', problem: `must be one of: ${KIND_LIST.map((d) => d.id).join(', ')}` }]);
    k = fields.kind;
  }
  if (kind !== undefined && 'kind' in fields && fields.kind !== kind) {
    throw new ValidationError('Command argument', [{ field: 'kind', problem: `must be ${kind} for this command (or left out)` }]);
  }
  delete fields.kind;
  // Git may take a moment: capture the context while the user answers the prompts.
  const captured = captureContext();

  // A title alone logs straight away once the kind is known; otherwise ask for the rest.
  if (typeof fields.title !== 'string' || k === undefined) {
    // Interactive: validate what was given first, so a bad argument fails before any prompt.
    if (Object.keys(fields).length > 0) checkPartial(k, fields);
    const answered = await promptForEntry(s, { kind: k, prefill: fields, ...(initial ? { initial } : {}) });
    if (!answered) return undefined;
    k = answered.kind;
    fields = answered.fields;
  }
  if (k === undefined) return undefined;
  const context = { ...(await captured), ...((await extraContext) ?? {}) };
  const entry = parseNewEntry(k, fields, Date.now(), context);
  const added = await s.store.write('add', (store) => store.add(entry), (e) => [e.id]);
  void vscode.window.setStatusBarMessage(`$(check) Logged ${inSentence(KINDS[added.kind].label)}: ${added.title}`, 4000);
  if (s.revealEntry) void s.revealEntry(added.id);
  return added.id;
}

/**
 * Throws the ValidationError a partial argument would cause at the end: for its kind, or, when the
 * kind is still to be picked, when no kind at all accepts it.
 */
function checkPartial(kind: KindId | undefined, fields: Record<string, unknown>): void {
  const probe = { ...fields, title: typeof fields.title === 'string' ? fields.title : 'placeholder' };
  if (kind !== undefined) {
    parseNewEntry(kind, probe);
    return;
  }
  let first: unknown;
  for (const d of KIND_LIST) {
    try {
      parseNewEntry(d.id, probe);
      return;
    } catch (err) {
      first ??= err;
    }
  }
  throw first;
}

/** Menu invocations pass a Uri (editor context) or a tree node; those are not argument objects. */
function isMenuArgument(arg: unknown): boolean {
  return arg instanceof vscode.Uri || (typeof arg === 'object' && arg !== null && !Array.isArray(arg));
}

export function registerLogCommands(s: Services): vscode.Disposable[] {
  const out: vscode.Disposable[] = [
    vscode.commands.registerCommand('impactLog.log', guarded(s.output, 'Log entry', (arg?: unknown) => logEntry(s, undefined, arg))),
  ];
  for (const def of KIND_LIST) {
    out.push(vscode.commands.registerCommand(def.command, guarded(s.output, def.label, (arg?: unknown) => logEntry(s, def.id, arg))));
  }
  return out;
}
