import * as vscode from 'vscode';
import type { EntryContext } from '../domain';
import { repoFromRemote } from '../domain/capture';

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
    // Git is asked while the user answers the prompts; a slow or stuck Git only costs this long.
    const git = await withTimeout(gitInfo(where, dir), opts.gitTimeoutMs ?? (opts.commit ? 5000 : 3000));
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

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([p.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The parts of the built-in Git extension's API (extensions/git/src/api/git.d.ts) used here.
interface GitBranch {
  readonly name?: string;
  readonly commit?: string;
}
interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD: GitBranch | undefined; readonly remotes: readonly GitRemote[]; readonly onDidChange: vscode.Event<void> };
}
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') await new Promise<void>((resolve) => {
    const sub = api.onDidChangeState((s) => {
      if (s === 'initialized') {
        sub.dispose();
        resolve();
      }
    });
  });
  return api;
}

async function gitInfo(uri: vscode.Uri, dir: vscode.Uri): Promise<{ repo?: string; branch?: string; commit?: string } | undefined> {
  const api = await gitApi();
  if (!api) return undefined;
  const repo = api.getRepository(uri) ?? (await api.openRepository?.(dir)) ?? null;
  if (!repo) return undefined;
  if (!repo.state.HEAD) {
    // A just-opened repository reports HEAD after its first status run.
    await new Promise<void>((resolve) => {
      const sub = repo.state.onDidChange(() => {
        sub.dispose();
        resolve();
      });
    });
  }
  const remote = repo.state.remotes.find((r) => r.name === 'origin') ?? repo.state.remotes[0];
  const fromRemote = remote ? repoFromRemote(remote.fetchUrl ?? remote.pushUrl ?? '') : undefined;
  const head = repo.state.HEAD;
  return {
    repo: fromRemote ?? repoFromRemote(repo.rootUri.fsPath),
    ...(head?.name ? { branch: head.name } : {}),
    ...(head?.commit ? { commit: head.commit } : {}),
  };
}
