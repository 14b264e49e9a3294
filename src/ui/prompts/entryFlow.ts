import * as vscode from 'vscode';
import { firstProblem, KIND_LIST, type KindId, title } from '../../domain';
import type { Services } from '../services';

export interface FlowRequest {
  readonly kind: KindId | undefined;
  /** Answers already given (from an argument object): their steps are skipped. */
  readonly prefill: Readonly<Record<string, unknown>>;
}

export interface FlowResult {
  readonly kind: KindId;
  readonly fields: Record<string, unknown>;
}

/** Asks for an entry: kind (if not given) and title. Returns undefined when the user presses Escape. */
export async function promptForEntry(_s: Services, req: FlowRequest): Promise<FlowResult | undefined> {
  let kind = req.kind;
  if (!kind) {
    const pick = await vscode.window.showQuickPick(
      KIND_LIST.map((d) => ({ label: `$(${d.codicon}) ${d.label}`, description: d.description, id: d.id })),
      { title: 'Log to Impact Log', placeHolder: 'What kind of entry?' },
    );
    if (!pick) return undefined;
    kind = pick.id;
  }
  const t = await vscode.window.showInputBox({ title: 'Impact Log', prompt: 'Title', validateInput: (v) => firstProblem(title, v) });
  if (t === undefined) return undefined;
  return { kind, fields: { ...req.prefill, title: t } };
}
