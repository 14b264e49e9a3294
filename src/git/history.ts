import { basename } from 'node:path';
import { repoFromRemote } from '../domain/capture';
import { groupCommitsAsync, pullRequestOf, type SuggestionDraft } from './grouping';
import { type Commit, LogParser, logArgs } from './log';
import { webRepo } from './remote';
import { GitError, type GitRunner } from './runner';
import { msg } from '../domain/messages';

/**
 * Reading one repository's history for suggestions: checks first (git present and new enough, an
 * author email, commits at all, shallow, detached), then one streamed `git log` over every local
 * branch, then one `git rev-list` per pull-request merge for the commits it brought in. Every
 * problem that does not stop the reading is a note (the output channel shows them); one that does
 * is a GitError with words for the user.
 */

export interface HistoryRequest {
  readonly root: string;
  /** [from, to) epoch ms. */
  readonly from: number;
  readonly to: number;
  /** `impactLog.git.authorEmails`, added to the repository's user.email. */
  readonly extraEmails: readonly string[];
  readonly signal?: AbortSignal;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface HistoryResult {
  readonly drafts: SuggestionDraft[];
  /** How many of the user's commits were read. */
  readonly commits: number;
  readonly notes: string[];
  /** How the repository is named in context (host/owner/name, or the folder's name). */
  readonly repoName: string;
}

/** The most commits one merge is taken to bring in. */
export const BROUGHT_IN_MAX = 1000;

/** The remote used for links: origin, else the first one listed. */
export function pickRemote(configLines: string): string | undefined {
  const urls = new Map<string, string>();
  for (const line of configLines.split('\n')) {
    const m = /^remote\.(.+)\.url (.+)$/.exec(line.trim());
    if (m && !urls.has(m[1]!)) urls.set(m[1]!, m[2]!);
  }
  return urls.get('origin') ?? urls.values().next().value;
}

export async function readHistory(git: GitRunner, req: HistoryRequest): Promise<HistoryResult> {
  const opts = { cwd: req.root, ...(req.signal ? { signal: req.signal } : {}), ...(req.env ? { env: req.env } : {}), ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}) };
  const notes: string[] = [];
  const name = basename(req.root);
  const inside = await git.tryRun(['rev-parse', '--is-inside-work-tree'], opts);
  if (inside === undefined) throw new GitError(msg('git.notARepository', req.root), 'FAILED');
  const own = (await git.tryRun(['config', '--get', 'user.email'], opts))?.trim().toLowerCase();
  const emails = [...new Set([...(own ? [own] : []), ...req.extraEmails.map((e) => e.trim().toLowerCase()).filter((e) => e !== '')])];
  if (emails.length === 0) {
    throw new GitError(msg('git.noEmail', name), 'FAILED');
  }
  if (!own) notes.push(`${name}: no user.email is set; reading the commits of impactLog.git.authorEmails only.`);
  const head = await git.tryRun(['rev-parse', '--verify', '--quiet', 'HEAD'], opts);
  const branches = (await git.run(['for-each-ref', '--count=1', '--format=%(refname)', 'refs/heads'], opts)).trim();
  if (head === undefined && branches === '') {
    notes.push(`${name}: the repository has no commits yet; nothing to suggest.`);
    return { drafts: [], commits: 0, notes, repoName: name };
  }
  const detached = head !== undefined && (await git.tryRun(['symbolic-ref', '--quiet', 'HEAD'], opts)) === undefined;
  if (detached) notes.push(`${name}: HEAD is detached; reading every local branch and HEAD.`);
  if ((await git.tryRun(['rev-parse', '--is-shallow-repository'], opts))?.trim() === 'true') {
    notes.push(`${name}: this is a shallow clone; commits older than its history are not seen (run “git fetch --unshallow” to read them all).`);
  }
  const remote = pickRemote((await git.tryRun(['config', '--get-regexp', '^remote\\..*\\.url$'], opts)) ?? '');
  const web = remote ? webRepo(remote) : undefined;
  if (remote && !web) notes.push(`${name}: the remote's host is not one links are made for (GitHub, GitLab, Bitbucket, Azure DevOps, Gitea, Forgejo); suggestions carry the commit sha instead.`);
  const repoName = (remote && repoFromRemote(remote)) || name;

  const commits = new Map<string, Commit>();
  const merges: Commit[] = [];
  let truncated = 0;
  // The period's graph (for the commits each merge brought in) is read by a second git, started as
  // soon as the first pull-request merge shows up, so both run at once.
  let graph: Promise<Map<string, string[]>> | undefined;
  const parser = new LogParser((c) => {
    if (!emails.includes(c.authorEmail) || commits.has(c.sha) || c.time < req.from || c.time >= req.to) return;
    if (c.truncated) truncated++;
    commits.set(c.sha, c);
    if (c.parents.length > 1 && pullRequestOf(c)?.style === 'merge') {
      merges.push(c);
      if (!graph) {
        graph = periodGraph(git, opts, req, detached);
        // Handled here (awaited below): a failure while the first git still runs is not "unhandled".
        graph.catch(() => undefined);
      }
    }
  });
  await git.stream(logArgs({ from: req.from, to: req.to, emails, includeHead: detached }), opts, (chunk) => parser.push(chunk));
  parser.end();
  if (truncated > 0) notes.push(`${name}: ${truncated} commit message(s) were longer than 64 KB and were cut there.`);

  const broughtIn = graph === undefined ? new Map<string, string[]>() : mergedCommits(merges, await graph);
  const drafts = await groupCommitsAsync({ commits: [...commits.values()], broughtIn, repoKey: repoName, web });
  return { drafts, commits: commits.size, notes, repoName };
}

/** Every commit of the period's graph with its parents (every author, hashes only), from one streamed `git log`. */
async function periodGraph(git: GitRunner, opts: Parameters<GitRunner['run']>[1], req: HistoryRequest, includeHead: boolean): Promise<Map<string, string[]>> {
  const parents = new Map<string, string[]>();
  let rest = '';
  const since = Math.floor(req.from / 1000);
  const args = ['log', '--format=%H %P', ...(since >= 100_000_000 ? [`--since=@${since}`] : []), '--branches', ...(includeHead ? ['HEAD'] : []), '--'];
  await git.stream(args, opts, (chunk) => {
    const lines = (rest + chunk.toString('latin1')).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      const [sha, ...ps] = l.trim().split(' ');
      if (sha) parents.set(sha, ps);
    }
  });
  if (rest.trim()) {
    const [sha, ...ps] = rest.trim().split(' ');
    if (sha) parents.set(sha, ps);
  }
  return parents;
}

/**
 * The commits each pull-request merge brought in: reachable from its second parent but not along
 * the first-parent line it was merged into (in the period's graph: one `git log` instead of one
 * `git rev-list` per merge).
 */
function mergedCommits(merges: readonly Commit[], parents: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  // The first-parent lines the merges were made on.
  const line = new Set<string>();
  for (const m of merges) {
    for (let at: string | undefined = m.parents[0]; at !== undefined && !line.has(at) && parents.has(at); at = parents.get(at)![0]) line.add(at);
  }
  const out = new Map<string, string[]>();
  for (const m of merges) {
    const found: string[] = [];
    const seen = new Set<string>();
    const todo = [m.parents[1]!];
    while (todo.length > 0 && found.length < BROUGHT_IN_MAX) {
      const sha = todo.pop()!;
      if (seen.has(sha) || line.has(sha) || !parents.has(sha)) continue;
      seen.add(sha);
      found.push(sha);
      todo.push(...parents.get(sha)!);
    }
    out.set(m.sha, found);
  }
  return out;
}
