// A spy on what the extension under test shows the person: its messages (error, warning, info) and
// its prompts (quick picks, input boxes, file dialogs), recorded from inside the extension host.
//
// How: VS Code gives each extension its own `vscode` API object, chosen by the path of the file that
// requires it. Requiring 'vscode' as if from a file of the installed extension returns the very
// object the extension's bundles use, so wrapping its `window.*` functions sees every call the
// extension makes (the same mechanism security.test.ts relies on for its require tripwire). A
// self-test in ui.test.ts proves the wrapping reaches the extension.
//
// The prompts are what the integration suites drive with the workbench's own commands (the ones
// Enter, Down and Escape are bound to). Each press is made only when a prompt of the extension is
// open and waiting for an answer, and is checked to have reached it; a press is repeated only while
// the prompt it was meant for still has not received it (see `press`).
import Module from 'node:module';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { extension } from './helpers';

export type Severity = 'error' | 'warning' | 'info';

export interface ShownMessage {
  readonly seq: number;
  readonly severity: Severity;
  readonly text: string;
}

/** One prompt the extension opened. */
export interface Prompt {
  readonly id: number;
  /** `input`/`pick`: created by the extension (createInputBox/createQuickPick); the others are one-call APIs. */
  readonly kind: 'input' | 'pick' | 'showQuickPick' | 'showInputBox' | 'showOpenDialog' | 'showSaveDialog';
  readonly title: string;
  /** For input/pick: the live object, to read its value, items, validation message. */
  readonly input?: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;
  shown: boolean;
  hidden: boolean;
  disposed: boolean;
  /** One-call APIs: the call has not returned yet. */
  pending: boolean;
  /** Accept listeners the extension holds on it (a step that got its answer drops them). */
  listeners: number;
  /** Accepts (Enter) that reached the extension. */
  accepts: number;
  /** Changes of the highlighted item that reached the extension. */
  actives: number;
}

class UiSpy {
  readonly messages: ShownMessage[] = [];
  readonly prompts: Prompt[] = [];
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  /** Wakes every waiter, after the extension's own reactions to the change have run (a macrotask). */
  changed(): void {
    setTimeout(() => {
      for (const w of [...this.waiters]) w();
    }, 0);
  }

  /** A position in the message list: `since(mark)` returns what was shown after it. */
  mark(): number {
    return this.seq;
  }

  since(mark: number, severity?: Severity): ShownMessage[] {
    return this.messages.filter((m) => m.seq > mark && (severity === undefined || m.severity === severity));
  }

  /** The error messages shown since `mark` (their text). */
  errorsSince(mark: number): string[] {
    return this.since(mark, 'error').map((m) => m.text);
  }

  record(severity: Severity, text: string): void {
    this.messages.push({ seq: ++this.seq, severity, text });
    this.changed();
  }

  /** The newest prompt that is open and waiting for an answer. */
  live(): Prompt | undefined {
    for (let i = this.prompts.length - 1; i >= 0; i--) {
      const p = this.prompts[i]!;
      if (isLive(p)) return p;
    }
    return undefined;
  }

  /**
   * Resolves with `probe()`'s first value other than undefined/false, checking it now and after every
   * change the spy sees (and every `recheckMs`, for changes it cannot see); rejects after `ms`.
   */
  until<T>(probe: () => T | undefined | false, what: string, ms = 20_000, recheckMs = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let interval: NodeJS.Timeout | undefined;
      const check = () => {
        let v: T | undefined | false;
        try {
          v = probe();
        } catch (err) {
          done();
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (v !== undefined && v !== false) {
          done();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; ${this.describe()}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        if (interval) clearInterval(interval);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      if (recheckMs > 0) interval = setInterval(check, recheckMs);
      check();
    });
  }

  /** What is open now, for error messages. */
  describe(): string {
    const p = this.live();
    const open = p ? `open: ${p.kind} “${p.title}”${p.input ? ` value ${JSON.stringify(p.input.value)}` : ''}${validation(p) ? ` (validation: ${validation(p)})` : ''}` : 'no prompt of the extension is open';
    const last = this.messages.at(-1);
    return `${open}${last ? `; last message: ${last.severity} “${last.text}”` : ''}`;
  }
}

const isLive = (p: Prompt): boolean =>
  p.input ? p.shown && !p.hidden && !p.disposed && p.listeners > 0 : p.pending;

export const validation = (p: Prompt): string | undefined => {
  const m = (p.input as vscode.InputBox | undefined)?.validationMessage;
  return typeof m === 'string' ? m : m?.message;
};

let spy: UiSpy | undefined;

/** The spy, installed on the extension's `vscode.window` on first use. */
export function ui(): UiSpy {
  if (spy) return spy;
  const s = new UiSpy();
  const requireAsExtension = Module.createRequire(join(extension().extensionPath, 'dist', 'core.js'));
  const w = (requireAsExtension('vscode') as typeof vscode).window as unknown as Record<string, (...a: unknown[]) => unknown>;

  for (const [name, severity] of [['showErrorMessage', 'error'], ['showWarningMessage', 'warning'], ['showInformationMessage', 'info']] as const) {
    const original = w[name]!.bind(w);
    w[name] = (message: unknown, ...rest: unknown[]) => {
      s.record(severity, String(message));
      return original(message, ...rest);
    };
  }

  let ids = 0;
  const track = (kind: 'input' | 'pick', input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox): typeof input => {
    const p: Prompt = { id: ++ids, kind, title: '', input, shown: false, hidden: false, disposed: false, pending: false, listeners: 0, accepts: 0, actives: 0 };
    s.prompts.push(p);
    input.onDidAccept(() => {
      p.accepts++;
      s.changed();
    });
    input.onDidHide(() => {
      p.hidden = true;
      s.changed();
    });
    if (kind === 'pick') {
      (input as vscode.QuickPick<vscode.QuickPickItem>).onDidChangeActive(() => {
        p.actives++;
        s.changed();
      });
    }
    // Count the extension's own accept listeners: a step that has its answer disposes them.
    const onDidAccept: vscode.Event<void> = input.onDidAccept.bind(input);
    Object.defineProperty(input, 'onDidAccept', {
      configurable: true,
      value: (listener: () => unknown, thisArgs?: unknown, disposables?: vscode.Disposable[]) => {
        const inner = onDidAccept(listener, thisArgs);
        p.listeners++;
        let gone = false;
        const outer = {
          dispose: () => {
            if (!gone) {
              gone = true;
              p.listeners--;
              s.changed();
            }
            inner.dispose();
          },
        };
        disposables?.push(outer);
        return outer;
      },
    });
    const show = input.show.bind(input);
    input.show = () => {
      (p as { title: string }).title = input.title ?? (input as vscode.InputBox).prompt ?? input.placeholder ?? '';
      p.shown = true;
      p.hidden = false;
      show();
      s.changed();
    };
    const dispose = input.dispose.bind(input);
    input.dispose = () => {
      p.disposed = true;
      dispose();
      s.changed();
    };
    return input;
  };
  const createQuickPick = w.createQuickPick!.bind(w);
  w.createQuickPick = () => track('pick', createQuickPick() as vscode.QuickPick<vscode.QuickPickItem>);
  const createInputBox = w.createInputBox!.bind(w);
  w.createInputBox = () => track('input', createInputBox() as vscode.InputBox);

  for (const name of ['showQuickPick', 'showInputBox', 'showOpenDialog', 'showSaveDialog'] as const) {
    const original = w[name]!.bind(w);
    w[name] = (...args: unknown[]) => {
      const options = (name === 'showQuickPick' ? args[1] : args[0]) as { title?: string; placeHolder?: string; prompt?: string } | undefined;
      const p: Prompt = { id: ++ids, kind: name, title: options?.title ?? options?.prompt ?? options?.placeHolder ?? '', shown: true, hidden: false, disposed: false, pending: true, listeners: 0, accepts: 0, actives: 0 };
      s.prompts.push(p);
      s.changed();
      const settle = () => {
        p.pending = false;
        s.changed();
      };
      return Promise.resolve(original(...args)).finally(settle);
    };
  }
  spy = s;
  return s;
}
