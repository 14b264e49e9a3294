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
  readonly step: number;
  readonly totalSteps: number;
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
  /**
   * Called as the user types: returns new items (e.g. the typed text as an item) or undefined to keep
   * VS Code's own filtering of the current items.
   */
  readonly onType?: (value: string) => readonly PickItem<T>[] | undefined;
  /**
   * Called when an item is accepted: returns the step's answer, or `keep` to stay on the step (e.g.
   * after completing a word in the value). Without it the answer is the item's value.
   */
  readonly onAccept?: (item: PickItem<T>, input: vscode.QuickPick<PickItem<T>>) => { readonly answer: T } | 'keep';
  readonly value?: string;
}

export interface TextOptions extends StepFrame {
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value: string;
  /** The inline problem with this text, or undefined when it is fine (checked while typing and on Enter). */
  readonly validate: (text: string) => string | undefined;
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
        input.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
        if (o.value !== undefined) input.value = o.value;
        input.items = (o.value !== undefined ? o.onType?.(o.value) : undefined) ?? o.items;
        if (o.active && input.items.includes(o.active)) input.activeItems = [o.active];
        disposables.push(
          input.onDidTriggerButton((b) => {
            if (b === vscode.QuickInputButtons.Back) reject(BACK);
          }),
          input.onDidChangeValue((v) => {
            const next = o.onType?.(v);
            if (next) input.items = next;
          }),
          input.onDidAccept(() => {
            const [item] = input.activeItems;
            if (!item) return;
            const outcome = o.onAccept ? o.onAccept(item, input) : { answer: item.value };
            if (outcome !== 'keep') resolve(outcome.answer);
          }),
          input.onDidHide(() => reject(CANCEL)),
        );
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
        input.validationMessage = o.value === '' ? undefined : o.validate(o.value);
        disposables.push(
          input.onDidTriggerButton((b) => {
            if (b === vscode.QuickInputButtons.Back) reject(BACK);
          }),
          input.onDidChangeValue((v) => {
            input.validationMessage = o.validate(v);
          }),
          input.onDidAccept(() => {
            const problem = o.validate(input.value);
            input.validationMessage = problem;
            if (problem === undefined) resolve(input.value);
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
