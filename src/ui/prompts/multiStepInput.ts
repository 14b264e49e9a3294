import * as vscode from 'vscode';

/**
 * A multi-step quick input, after vscode-extension-samples' quickinput-sample `multiStepInput.ts`:
 * one quick input at a time with a step counter and a Back button. A step resolves with its
 * answer, or rejects with `BACK` (Back button) or `CANCEL` (Escape, focus lost).
 */

/** How a step ends other than with an answer; an Error so that it can reject a promise. */
export class FlowSignal extends Error {
  override readonly name = 'FlowSignal';
}
export const BACK = new FlowSignal('back');
export const CANCEL = new FlowSignal('cancel');

export interface StepFrame {
  readonly title: string;
  /** Undefined: no step counter (a question outside the steps). */
  readonly step: number | undefined;
  /** Undefined: only the step number is shown (the total is not known yet). */
  readonly totalSteps: number | undefined;
  readonly canGoBack: boolean;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

export interface PickOptions<T> extends StepFrame {
  readonly placeholder: string;
  readonly items: readonly PickItem<T>[];
  readonly active?: PickItem<T>;
  readonly matchOnDescription?: boolean;
  /** Stay open when focus moves elsewhere (a question only Escape or Enter should answer). */
  readonly ignoreFocusOut?: boolean;
  /**
   * Called on Enter with the active item (undefined when the typed text matches no item): returns
   * the step's answer, or `keep` to stay on the step (e.g. after completing a word in the value).
   * Without it the answer is the active item's value. The items never change while the user types,
   * so what Enter picks is always what the list shows (no race with the extension host).
   */
  readonly onAccept?: (item: PickItem<T> | undefined, input: vscode.QuickPick<PickItem<T>>) => { readonly answer: T } | 'keep';
  /** The text the input starts with (e.g. the current value when editing). */
  readonly value?: string;
  /** Called as the user types: may show or hide an item that depends on the text (never one Enter relies on). */
  readonly onValueChange?: (value: string, input: vscode.QuickPick<PickItem<T>>) => void;
}

export interface TextOptions extends StepFrame {
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value: string;
  /** The inline problem with this text, or undefined when it is fine (checked while typing and on Enter). */
  readonly validate: (text: string) => string | undefined;
  /** What a valid text will be read as ("Means Mon 30 Nov 2026"), or a warning that does not block Enter. */
  readonly note?: (text: string) => { readonly message: string; readonly warning: boolean } | undefined;
}

export class MultiStepInput implements vscode.Disposable {
  private current: vscode.QuickInput | undefined;

  private frame(input: vscode.QuickInput, f: StepFrame): void {
    input.title = f.title;
    input.step = f.step;
    input.totalSteps = f.totalSteps;
    input.ignoreFocusOut = false;
  }

  private swap(input: vscode.QuickInput): void {
    const previous = this.current;
    this.current = input;
    input.show();
    previous?.dispose();
  }

  /** Shows a pick list; resolves with the accepted item's value. */
  async pick<T>(o: PickOptions<T>): Promise<T> {
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<T>((resolve, reject) => {
        const input = vscode.window.createQuickPick<PickItem<T>>();
        this.frame(input, o);
        input.placeholder = o.placeholder;
        input.matchOnDescription = o.matchOnDescription ?? false;
        if (o.ignoreFocusOut) input.ignoreFocusOut = true;
        input.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
        input.items = o.items;
        if (o.value !== undefined) input.value = o.value;
        if (o.active && o.items.includes(o.active)) input.activeItems = [o.active];
        disposables.push(
          input.onDidTriggerButton((b) => {
            if (b === vscode.QuickInputButtons.Back) reject(BACK);
          }),
          input.onDidAccept(() => {
            const [item] = input.activeItems;
            const outcome = o.onAccept ? o.onAccept(item, input) : item ? { answer: item.value } : 'keep';
            if (outcome !== 'keep') resolve(outcome.answer);
          }),
          input.onDidHide(() => reject(CANCEL)),
        );
        if (o.onValueChange) {
          const change = o.onValueChange;
          disposables.push(input.onDidChangeValue((v) => change(v, input)));
          if (o.value !== undefined) change(o.value, input);
        }
        this.swap(input);
      });
    } finally {
      for (const d of disposables) d.dispose();
    }
  }

  /** Shows an input box; resolves with the text once it is valid and accepted with Enter. */
  async text(o: TextOptions): Promise<string> {
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<string>((resolve, reject) => {
        const input = vscode.window.createInputBox();
        this.frame(input, o);
        input.prompt = o.prompt;
        input.placeholder = o.placeholder;
        input.value = o.value;
        input.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
        // A problem blocks Enter; a note (information or warning) is shown and Enter goes on.
        const message = (v: string): string | vscode.InputBoxValidationMessage | undefined => {
          const problem = o.validate(v);
          if (problem !== undefined) return problem;
          const note = o.note?.(v);
          return note ? { message: note.message, severity: note.warning ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Info } : undefined;
        };
        input.validationMessage = o.value === '' ? undefined : message(o.value);
        disposables.push(
          input.onDidTriggerButton((b) => {
            if (b === vscode.QuickInputButtons.Back) reject(BACK);
          }),
          input.onDidChangeValue((v) => {
            input.validationMessage = message(v);
          }),
          input.onDidAccept(() => {
            const problem = o.validate(input.value);
            if (problem === undefined) resolve(input.value);
            else input.validationMessage = problem;
          }),
          input.onDidHide(() => reject(CANCEL)),
        );
        this.swap(input);
      });
    } finally {
      for (const d of disposables) d.dispose();
    }
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }
}
