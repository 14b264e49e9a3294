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

/**
 * Polls `probe` (every 50 ms) until it returns something other than undefined/false; rejects after
 * `ms` naming `what`. For conditions no event announces (a file on disk, an editor's text).
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
