import * as vscode from 'vscode';
import type * as Core from './core';
import { lazyApi } from './shell/api';
import { contributedCommandIds, LazyCore } from './shell/lazyCore';
import { contributedToolNames, registerToolStandIns } from './shell/tools';
import type { ImpactLogApi } from './ui/api';

/**
 * The shell VS Code activates (dist/extension.js): it imports nothing but `vscode`, registers a
 * stand-in for every contributed command and returns. The core (src/core.ts, dist/core.js) loads
 * right after, or on the first command if that comes sooner; see src/shell/lazyCore.ts.
 */
export function activate(context: vscode.ExtensionContext): ImpactLogApi {
  let output: vscode.LogOutputChannel | undefined;
  const log = (): vscode.LogOutputChannel => {
    if (!output) context.subscriptions.push((output = vscode.window.createOutputChannel('Impact Log', { log: true })));
    return output;
  };
  const core = new LazyCore(
    {
      registerCommand: (id, handler) => vscode.commands.registerCommand(id, handler),
      executeCommand: (id, ...args) => vscode.commands.executeCommand(id, ...args),
      reportError: (err) => {
        log().error(err.detail);
        void vscode.window.showErrorMessage(
          err.step === 'load'
            ? vscode.l10n.t('Impact Log could not load its code ({0}): {1}. Its commands, timeline and status bar are unavailable in this window; reload the window, and reinstall the extension if this persists.', err.file, err.why)
            : vscode.l10n.t('Impact Log could not start: setting up its commands, timeline and status bar failed: {0}. Reload the window; see the “Impact Log” output for details.', err.why),
        );
      },
    },
    {
      name: 'dist/core.js',
      // Beside this file at run time (scripts/build.mjs keeps it out of this bundle).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      load: () => require('./core.js') as typeof Core,
      start: (core) => core.activate(context, log()),
    },
  );
  context.subscriptions.push(core.registerTrampolines(contributedCommandIds(context.extension.packageJSON)), core.loadSoon());
  context.subscriptions.push(...registerToolStandIns(() => core.ready(), contributedToolNames(context.extension.packageJSON)));
  return lazyApi(core);
}

export function deactivate(): void {
  // Everything, the core's registrations included, is disposed through context.subscriptions.
}
