import * as vscode from 'vscode';
import { ValidationError } from '../domain';
import { StoreError } from '../storage';

/** Words an error for a person: what happened and what to do. Nothing partial was written. */
export function describeError(err: unknown): string {
  if (err instanceof ValidationError) {
    const list = err.problems.map((p) => (p.field ? `“${p.field}” ${p.problem}` : p.problem)).join('; ');
    return `${err.what}: ${list}. Nothing was saved.`;
  }
  if (err instanceof StoreError) return err.message;
  return `Something went wrong: ${err instanceof Error ? err.message : String(err)}. Nothing was saved; see the “Impact Log” output for details.`;
}

/**
 * Wraps a command handler: any error becomes one clear message (and a log line), and the command
 * resolves to undefined instead of rejecting, so a keybinding never shows a raw stack.
 */
export function guarded<A extends unknown[], R>(
  output: vscode.LogOutputChannel,
  name: string,
  fn: (...args: A) => Promise<R> | R,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      output.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      void vscode.window.showErrorMessage(`Impact Log: ${describeError(err)}`);
      return undefined;
    }
  };
}
