import * as vscode from 'vscode';
import type { EntryContext } from '../domain';
import { type GitApi, type GitInfo, gitInfo } from '../git/gitContext';

/**
 * Captures where the user is working: the workspace folder and, when the built-in Git extension is
 * available in this extension host, the repository, branch and (on request) HEAD commit.
 * Degrades silently: no folder, no Git, Git disabled or slow all just leave the parts out.
 */
export async function captureContext(uri?: vscode.Uri, opts: { commit?: boolean; gitTimeoutMs?: number } = {}): Promise<EntryContext> {
  const target = uri ?? activeWorkspaceFile();
  const folder = target ? vscode.workspace.getWorkspaceFolder(target) : vscode.workspace.workspaceFolders?.[0];
  const ctx: { -readonly [K in keyof EntryContext]: EntryContext[K] } = {};
  if (folder) ctx.workspaceFolder = folder.name;
  const where = target ?? folder?.uri;
  if (where && where.scheme === 'file') {
    // openRepository needs a folder: the file's own folder, or the workspace folder.
    const dir = target ? vscode.Uri.joinPath(target, '..') : where;
    // Git is asked while the user answers the prompts; a slow or stuck Git only costs this long,
    // and whatever it was waiting on is let go at the deadline.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), opts.gitTimeoutMs ?? (opts.commit ? 5000 : 3000));
    let git: GitInfo | undefined;
    try {
      git = await Promise.race([
        gitApi().then((api) => (api ? gitInfo(api, where, dir, deadline.signal) : undefined)).catch(() => undefined),
        new Promise<undefined>((resolve) => deadline.signal.addEventListener('abort', () => resolve(undefined), { once: true })),
      ]);
    } finally {
      clearTimeout(timer);
      deadline.abort();
    }
    if (git?.repo) ctx.repo = git.repo;
    if (git?.branch) ctx.branch = git.branch;
    if (opts.commit && git?.commit) ctx.commit = git.commit;
  }
  return ctx;
}

function activeWorkspaceFile(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi<vscode.Uri>;
}

async function gitApi(): Promise<GitApi<vscode.Uri> | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (!exports?.enabled) return undefined;
  return exports.getAPI(1);
}
