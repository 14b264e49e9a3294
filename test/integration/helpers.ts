// Shared by the integration suites: the extension under test and its API (src/ui/api.ts).
import * as vscode from 'vscode';
import type { ImpactLogApi } from '../../src/ui/api';

export const EXTENSION_ID = 'impact-log.impact-log';

export function extension(): vscode.Extension<ImpactLogApi> {
  const ext = vscode.extensions.getExtension<ImpactLogApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

/**
 * Activates the extension (if needed), waits for its core to load (activation starts only a shell,
 * src/extension.ts) and returns what activate() returned.
 */
export async function api(): Promise<ImpactLogApi> {
  const a = await extension().activate();
  await a.ready();
  return a;
}

export interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

/** The commands the (packaged) manifest contributes. */
export function contributedCommands(): ContributedCommand[] {
  const pkg = extension().packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return pkg.contributes?.commands ?? [];
}
