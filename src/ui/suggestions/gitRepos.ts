import * as vscode from 'vscode';
import { whenInitialised, type GitApi } from '../../git/gitContext';

/** The parts of the built-in Git extension's API (extensions/git/src/api/git.d.ts) the suggestions use. */
interface GitApiWithRepos extends GitApi<vscode.Uri> {
  readonly git?: { readonly path?: string };
  readonly repositories: readonly { readonly rootUri: vscode.Uri }[];
}
interface GitExtension {
  getAPI(version: 1): GitApiWithRepos;
}

export interface Repositories {
  /** Folders of the repositories open in the workspace. */
  readonly roots: string[];
  /** The git binary VS Code uses (the API's, else the setting git.path, else `git` on PATH). */
  readonly gitPath: string;
  /** Why no repository could be listed, when none was. */
  readonly problem: string | undefined;
}

/** The workspace's repositories from VS Code's Git extension, waiting up to `timeoutMs` for it to initialise. */
export async function workspaceRepositories(timeoutMs = 5000): Promise<Repositories> {
  const setting = vscode.workspace.getConfiguration('git').get<unknown>('path');
  const fromSetting = typeof setting === 'string' && setting.trim() !== '' ? setting.trim() : Array.isArray(setting) && typeof setting[0] === 'string' ? setting[0] : undefined;
  const fallback = fromSetting ?? 'git';
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return { roots: [], gitPath: fallback, problem: vscode.l10n.t('VS Code’s Git extension is not available (disabled?); pass { "repo": "/path/to/repo" } to read one repository.') };
  let api: GitApiWithRepos;
  try {
    api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
  } catch (err) {
    return { roots: [], gitPath: fallback, problem: vscode.l10n.t('VS Code’s Git extension could not start: {0}', err instanceof Error ? err.message : String(err)) };
  }
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    await whenInitialised(api, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
  const gitPath = api.git?.path || fallback;
  const roots = [...new Set(api.repositories.map((r) => r.rootUri.fsPath))];
  return { roots, gitPath, problem: roots.length === 0 ? vscode.l10n.t('No Git repository is open in this window. Open a folder with a repository, or pass { "repo": "/path/to/repo" }.') : undefined };
}
