/**
 * Web links for a commit or a pull request, derived offline from a remote URL: no request is
 * made. Known forges, in the URL forms git accepts (scp-like `git@host:path`, `ssh://`, `https://`
 * with or without a user, `git://`): GitHub, GitLab, Bitbucket, Azure DevOps (dev.azure.com,
 * ssh.dev.azure.com v3, the older *.visualstudio.com), Gitea and Forgejo (gitea.com, codeberg.org).
 * Any other host gives no link (the suggestion keeps the sha in its context).
 */

export type Forge = 'github' | 'gitlab' | 'bitbucket' | 'azure' | 'gitea';

export interface WebRepo {
  readonly forge: Forge;
  /** e.g. https://github.com/acme/api */
  readonly base: string;
  commit(sha: string): string;
  pullRequest(n: number): string;
}

const KNOWN_HOSTS: Readonly<Record<string, Forge>> = {
  'github.com': 'github',
  'www.github.com': 'github',
  'gitlab.com': 'gitlab',
  'bitbucket.org': 'bitbucket',
  'dev.azure.com': 'azure',
  'ssh.dev.azure.com': 'azure',
  'vs-ssh.visualstudio.com': 'azure',
  'gitea.com': 'gitea',
  'codeberg.org': 'gitea',
};

/** Host and path of a remote URL (credentials and port dropped), or undefined for a local path. */
export function splitRemote(remote: string): { host: string; path: string[] } | undefined {
  const r = remote.trim();
  let host: string;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r)) {
    let u: URL;
    try {
      u = new URL(r);
    } catch {
      return undefined;
    }
    if (!['ssh:', 'https:', 'http:', 'git:', 'git+ssh:', 'ssh+git:'].includes(u.protocol)) return undefined;
    host = u.hostname;
    try {
      path = decodeURIComponent(u.pathname);
    } catch {
      return undefined;
    }
  } else {
    // scp-like: [user@]host:path (not a Windows drive letter such as C:\repo)
    const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(r);
    if (!scp || /^[a-z]$/i.test(scp[1]!)) return undefined;
    host = scp[1]!;
    path = scp[2]!;
  }
  const segments = path.replace(/\.git\/?$/i, '').split('/').filter((s) => s !== '');
  if (host === '' || segments.length === 0) return undefined;
  return { host: host.toLowerCase(), path: segments };
}

const enc = (segments: readonly string[]) => segments.map((s) => encodeURIComponent(s)).join('/');

/** The web repository of a remote URL on a known forge, or undefined (other hosts, local paths). */
export function webRepo(remote: string, extraHosts: Readonly<Record<string, Forge>> = {}): WebRepo | undefined {
  const parts = splitRemote(remote);
  if (!parts) return undefined;
  const { host, path } = parts;
  const forge = extraHosts[host] ?? KNOWN_HOSTS[host] ?? (host.endsWith('.visualstudio.com') ? 'azure' : undefined);
  if (!forge) return undefined;
  switch (forge) {
    case 'github':
    case 'bitbucket':
    case 'gitea': {
      if (path.length !== 2) return undefined;
      const base = `https://${host === 'www.github.com' ? 'github.com' : host}/${enc(path)}`;
      const pr = forge === 'github' ? 'pull' : forge === 'bitbucket' ? 'pull-requests' : 'pulls';
      const commit = forge === 'bitbucket' ? 'commits' : 'commit';
      return { forge, base, commit: (sha) => `${base}/${commit}/${sha}`, pullRequest: (n) => `${base}/${pr}/${n}` };
    }
    case 'gitlab': {
      if (path.length < 2) return undefined;
      const base = `https://${host}/${enc(path)}`;
      return { forge, base, commit: (sha) => `${base}/-/commit/${sha}`, pullRequest: (n) => `${base}/-/merge_requests/${n}` };
    }
    case 'azure': {
      const p = azurePath(host, path);
      if (!p) return undefined;
      const base = `https://dev.azure.com/${enc([p.org, p.project])}/_git/${encodeURIComponent(p.repo)}`;
      return { forge, base, commit: (sha) => `${base}/commit/${sha}`, pullRequest: (n) => `${base}/pullrequest/${n}` };
    }
  }
}

/** Organisation, project and repository of an Azure DevOps remote, in each of its URL forms. */
function azurePath(host: string, path: readonly string[]): { org: string; project: string; repo: string } | undefined {
  // git@ssh.dev.azure.com:v3/org/project/repo, org@vs-ssh.visualstudio.com:v3/org/project/repo
  if ((host === 'ssh.dev.azure.com' || host === 'vs-ssh.visualstudio.com') && path.length === 4 && path[0] === 'v3') return { org: path[1]!, project: path[2]!, repo: path[3]! };
  const git = path.indexOf('_git');
  if (git === -1 || git !== path.length - 2) return undefined;
  const repo = path[git + 1]!;
  // https://dev.azure.com/org/project/_git/repo (or …/org/_git/repo when the repo is named after the project)
  if (host === 'dev.azure.com') {
    if (git === 2) return { org: path[0]!, project: path[1]!, repo };
    if (git === 1) return { org: path[0]!, project: repo, repo };
    return undefined;
  }
  // https://org.visualstudio.com/[DefaultCollection/]project/_git/repo
  if (host.endsWith('.visualstudio.com')) {
    const org = host.slice(0, -'.visualstudio.com'.length);
    const rest = path[0] === 'DefaultCollection' ? path.slice(1, git) : path.slice(0, git);
    if (rest.length === 1) return { org, project: rest[0]!, repo };
    if (rest.length === 0) return { org, project: repo, repo };
  }
  return undefined;
}
