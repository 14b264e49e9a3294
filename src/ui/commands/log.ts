import * as vscode from 'vscode';
import { type EntryContext, KIND_LIST, KINDS, type KindId, parseNewEntry, ValidationError } from '../../domain';
import { decideLog, unlessRefused } from '../../domain/commandArgs';
import { inSentence } from '../../domain/flow';
import { argumentObject } from '../args';
import { captureContext } from '../context';
import { guarded } from '../errors';
import { promptForEntry } from '../prompts/entryFlow';
import type { RevealEntry, Services } from '../services';
import { showDirectionControls as visible } from '../../export/escape';
import { followUpContext } from '../followUps/commands';

/**
 * Logs one entry of `kind` (or asks which kind). With an argument object that has a title, logs
 * straight away with no prompt; with a partial one, prompts only for what it does not cover.
 * Returns the new entry's id, or undefined when cancelled or invalid (nothing written).
 */
export async function logEntry(
  s: Services,
  reveal: RevealEntry,
  kind: KindId | undefined,
  arg: unknown,
  /** Context to record on top of the workspace's (e.g. the selection's); may still be arriving from Git. */
  extraContext?: EntryContext | Promise<EntryContext>,
  /** Starting answers that are still asked (e.g. a title from the selection). */
  initial?: Readonly<Record<string, unknown>>,
): Promise<string | undefined> {
  const given = argumentObject(arg);
  if (arg !== undefined && given === undefined && !isMenuArgument(arg)) {
    throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "title": "…" }') }]);
  }
  // Every key given is checked before anything is asked: a wrong value is refused, never asked again.
  const plan = unlessRefused(decideLog(kind, given ?? {}));
  let k = plan.value.kind;
  let fields: Record<string, unknown> = { ...plan.value.fields };
  // Git may take a moment: capture the context while the user answers the prompts.
  const captured = captureContext();

  if (plan.action === 'ask') {
    const answered = await promptForEntry(s, { kind: k, prefill: fields, ...(initial ? { initial } : {}) });
    if (!answered) return undefined;
    k = answered.kind;
    fields = answered.fields;
  }
  if (k === undefined) return undefined;
  const context = { ...(await captured), ...((await extraContext) ?? {}) };
  const entry = parseNewEntry(k, fields, Date.now(), context);
  // An incident you caused, linked to a change shipped: the incident and that change's follow-up answer in one transaction.
  const added = await s.store.write('add', (store) => (entry.kind === 'incident' ? store.followUps.addIncident(entry, followUpContext(s)).incident : store.add(entry)), (e) => [e.id]);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Logged {0}: {1}', inSentence(KINDS[added.kind].label), visible(added.title)), 4000);
  void reveal(added.id);
  return added.id;
}

/** Menu invocations pass a Uri (editor context) or a tree node; those are not argument objects. */
function isMenuArgument(arg: unknown): boolean {
  return arg instanceof vscode.Uri || (typeof arg === 'object' && arg !== null && !Array.isArray(arg));
}

export function registerLogCommands(s: Services, reveal: RevealEntry): vscode.Disposable[] {
  const out: vscode.Disposable[] = [
    vscode.commands.registerCommand('impactLog.log', guarded(s.output, vscode.l10n.t('Log entry'), (arg?: unknown) => logEntry(s, reveal, undefined, arg))),
  ];
  for (const def of KIND_LIST) {
    out.push(vscode.commands.registerCommand(def.command, guarded(s.output, def.label, (arg?: unknown) => logEntry(s, reveal, def.id, arg))));
  }
  return out;
}
