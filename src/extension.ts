import * as vscode from 'vscode';
import { registerBackupCommands } from './ui/commands/backup';
import { registerDataCommands } from './ui/commands/data';
import { ConfigWatcher } from './ui/config';
import { registerQuickLog } from './ui/quickLog';
import type { Services } from './ui/services';
import { StoreHandle } from './ui/storeHandle';
import { registerTimeline } from './ui/timeline';
import { createTestApi, type ImpactLogApi } from './ui/api';

/** Wires the extension together; everything it creates is disposed with the extension. */
export function activate(context: vscode.ExtensionContext): ImpactLogApi {
  const output = vscode.window.createOutputChannel('Impact Log', { log: true });
  const config = new ConfigWatcher((m) => {
    output.warn(m);
    void vscode.window.showWarningMessage(`Impact Log: ${m}`);
  });
  const store = new StoreHandle(context, config, output);
  const services: Services = { context, config, store, output };
  context.subscriptions.push(output, config, store, ...registerQuickLog(services));
  context.subscriptions.push(...registerTimeline(services));
  context.subscriptions.push(...registerBackupCommands(services));
  context.subscriptions.push(...registerDataCommands(services));
  return createTestApi(services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
