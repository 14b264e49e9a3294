// Drives the extension's quick inputs from inside the extension host with the workbench's own
// commands (the ones Enter, Down and Escape are bound to), for the log/edit flow suites. Every key
// waits for a prompt of the extension to be open (test/integration/ui.ts sees them) and checks that
// it reached that prompt; nothing is paced by a fixed delay.
import * as vscode from 'vscode';
import { type Prompt, ui, validation } from './ui';

/** How long a press may take to reach the prompt before it is made again (only while it has not). */
const PRESS_AGAIN_MS = 1000;
/** How long a flow may take to show its next step or finish. */
const STEP_MS = 20_000;

/** A command started without waiting for it: its quick inputs can then be driven. */
export interface Running<T> extends Promise<T | undefined> {
  readonly settled: boolean;
}

/** Runs `command` without waiting for it; its quick inputs can then be driven. */
export function start<T>(command: string, ...args: unknown[]): Running<T> {
  const spy = ui();
  let settled = false;
  const p = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => {
    settled = true;
    spy.changed();
  }) as Running<T>;
  void Object.defineProperty(p, 'settled', { get: () => settled });
  // The caller awaits it later; until then a rejection is not "unhandled".
  void p.catch(() => undefined);
  return p;
}

/** Waits for a prompt of the extension to be open and waiting (or for `running` to finish: undefined). */
export async function prompt(running?: Running<unknown>, what = 'a prompt of the extension'): Promise<Prompt | undefined> {
  const spy = ui();
  const got = await spy.until(() => (running?.settled ? ('done' as const) : spy.live()), what, STEP_MS);
  return got === 'done' ? undefined : got;
}

/** A prompt's answer has reached the extension: an accept event, or (one-call APIs) the call returned. */
const answered = (p: Prompt, acceptsBefore: number) => p.accepts > acceptsBefore || (p.input === undefined && !p.pending) || p.hidden || p.disposed;

/**
 * Presses Enter on `p` and waits until the extension has it. If it has not arrived after a while (the
 * workbench had not shown the prompt yet, so the key went nowhere), it is pressed again: safe, because
 * the extension shows its next step only after it has the answer, so a repeated key can only reach this
 * same prompt or nothing.
 */
export async function press(p: Prompt, running?: Running<unknown>): Promise<void> {
  const spy = ui();
  const before = p.accepts;
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    try {
      await spy.until(() => answered(p, before) || running?.settled, `Enter to reach “${p.title}”`, PRESS_AGAIN_MS);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}

/**
 * Presses Enter on whatever prompt the extension shows, step after step, until `running` settles: the
 * keyboard path through every default. `before(step)` runs first on each step (e.g. Down to select the
 * second item). Returns the command's result and the number of steps answered.
 */
export async function acceptUntilDone<T>(running: Running<T>, opts: { maxSteps?: number; before?: (step: number, p: Prompt) => Promise<void> } = {}): Promise<{ result: T | undefined; presses: number }> {
  const presses = await acceptSteps(running, Infinity, opts);
  return { result: await running, presses };
}

/**
 * Presses Enter on `count` steps of `running` (or until it ends, when `count` is Infinity), each once
 * it is shown; returns the number of presses. See acceptUntilDone.
 */
export async function acceptSteps(running: Running<unknown>, count: number, opts: { maxSteps?: number; before?: (step: number, p: Prompt) => Promise<void> } = {}): Promise<number> {
  const spy = ui();
  const maxSteps = opts.maxSteps ?? 20;
  let presses = 0;
  let last: { p: Prompt; accepts: number } | undefined;
  while (presses < count) {
    // The next step: a prompt other than the one just answered, or the same one still waiting after its
    // answer reached it (a step that stays, e.g. a tag list after adding a tag).
    const next = await spy.until(
      () => {
        if (running.settled) return 'done' as const;
        const p = spy.live();
        if (!p) return undefined;
        return p !== last?.p || p.accepts > last.accepts ? p : undefined;
      },
      `the next step or the end of the command (after ${presses} presses of Enter)`,
      STEP_MS,
    );
    if (next === 'done') break;
    if (next === last?.p && validation(next)) throw new Error(`“${next.title}” refused the answer: ${validation(next)}`);
    if (presses >= maxSteps) throw new Error(`the command was still asking after ${presses} presses of Enter; ${spy.describe()}`);
    await opts.before?.(presses, next);
    last = { p: next, accepts: next.accepts };
    await press(next, running);
    presses++;
  }
  return presses;
}

/** Moves the highlight of the open quick pick by `n` (down when positive), checking each move arrived. */
async function move(n: number): Promise<void> {
  const spy = ui();
  const p = await prompt();
  if (!p || p.kind !== 'pick') throw new Error(`no quick pick of the extension is open to move in; ${spy.describe()}`);
  for (let i = 0; i < Math.abs(n); i++) {
    const before = p.actives;
    await vscode.commands.executeCommand(n > 0 ? 'workbench.action.quickOpenSelectNext' : 'workbench.action.quickOpenSelectPrevious');
    await spy.until(() => p.actives > before, `the highlight of “${p.title}” to move`, STEP_MS);
  }
}

/** Moves the selection in the open quick pick down `n` items. */
export const down = (n = 1) => move(n);

/** Moves the selection in the open quick pick up `n` items. */
export const up = (n = 1) => move(-n);

/**
 * Waits for a prompt of the extension, then closes it as Escape does and waits until it is closed
 * (Escape again only while it is still open). Fails when `running` ends without opening a prompt.
 */
export async function escape(running?: Running<unknown>): Promise<void> {
  const spy = ui();
  const p = await prompt(running, 'a prompt to close with Escape');
  // A command that ended without asking anything did not test Escape: say so.
  if (!p) throw new Error(`the command ended (with ${JSON.stringify(await running)}) without opening a prompt to close with Escape`);
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    try {
      await spy.until(() => !spyLive(p) || running?.settled, `Escape to close “${p.title}”`, PRESS_AGAIN_MS);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}

const spyLive = (p: Prompt) => (p.input ? !p.hidden && !p.disposed && p.listeners > 0 : p.pending);
