import * as vscode from 'vscode';
import { ValidationError } from '../domain';
import { StoreError } from '../storage';

/** Words an error for a person: what happened and what to do. Nothing partial was written. */
export function describeError(err: unknown): string {
  if (err instanceof ValidationError) {
    const list = err.problems.map((p) => (p.field ? `“${p.field}” ${p.problem}` : p.problem)).join('; ');
    return vscode.l10n.t('{0}: {1}. Nothing was saved.', err.what, list);
  }
  if (err instanceof StoreError) return err.message;
  return vscode.l10n.t('Something went wrong: {0}. Nothing was saved; see the “Impact Log” output for details.', err instanceof Error ? err.message : String(err));
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
      void vscode.window.showErrorMessage(vscode.l10n.t('Impact Log: {0}', describeError(err)));
      return undefined;
    }
  };
}
