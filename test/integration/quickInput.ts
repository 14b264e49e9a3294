// Drives the extension's quick inputs from inside the extension host with the workbench's own
// commands (the same ones Enter, Down and Escape are bound to), for the log/edit flow suites.
import * as vscode from 'vscode';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `command` without waiting for it; its quick inputs can then be driven. */
export function start<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

/**
 * Presses "Enter" on whatever quick input is open, again and again, until `running` settles: the
 * keyboard path through every default. Between presses it waits for the next step to appear.
 * `before` runs keys first (e.g. select the second item of the first step).
 */
export async function acceptUntilDone<T>(running: Promise<T>, opts: { maxSteps?: number; before?: (step: number) => Promise<void> } = {}): Promise<{ result: T; presses: number }> {
  let settled = false;
  let result!: T;
  let failure: unknown;
  running.then(
    (r) => ((settled = true), (result = r)),
    (e: unknown) => ((settled = true), (failure = e)),
  );
  let presses = 0;
  for (let step = 0; step < (opts.maxSteps ?? 20) && !settled; step++) {
    await sleep(400);
    if (settled) break;
    await opts.before?.(step);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    presses++;
  }
  for (let i = 0; i < 50 && !settled; i++) await sleep(100);
  if (!settled) throw new Error(`the command was still waiting after ${presses} presses of Enter`);
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  return { result, presses };
}

/** Moves the selection in the open quick pick down `n` items. */
export async function down(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
}

/** Moves the selection in the open quick pick up `n` items. */
export async function up(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectPrevious');
}

/** Closes the open quick input, as Escape does. */
export async function escape(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

export { sleep };
