import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { pullRequestOf } from './grouping';
import { pickRemote } from './history';
import { type Commit, LOG_FORMAT, LogParser } from './log';
import { webRepo, type WebRepo } from './remote';
import { GitError, type GitRunner, type GitRunOptions } from './runner';

/**
 * Evidence for a follow-up from the local repository, offline: a later commit that reverts an
 * entry's commit (docs/SUGGESTIONS.md, "Reverted? proposed from Git"). The rules:
 *
 * 1. The entry's commits: its context's commit, a commit link to a repository open in the
 *    workspace (any of its remotes, mapped by src/git/remote.ts), and for a pull-request link the
 *    pull request's merge or squash commit (`Merge pull request #N`, a subject ending `(#N)`, and
 *    the other forms `pullRequestOf` reads), landed at most PR_LOOKBACK_DAYS before the entry.
 * 2. A commit reverts one of them when it is later (committer time) and its message says
 *    `This reverts commit <sha>` with that sha, full or abbreviated; a message that names no sha
 *    reverts it when its subject is `Revert "<the commit's subject>"`. A message that names some
 *    other sha never matches by subject alone.
 * 3. A revert that was itself reverted (`Revert "Revert "…""`, or git 2.43's `Reapply "…"`) put the
 *    change back: then nothing is proposed, unless that too was reverted, and so on.
 *
 * Read-only and bounded: only commits since the entry's commit, found with `git log --grep` (so
 * only candidate messages are read), a timeout, and a byte cap. A missing repository, a repository
 * with no commits or a shallow clone proposes nothing and says why in `notes`.
 * No `vscode` here: `detectReverts` is a pure function of parsed commits.
 */

export const PR_LOOKBACK_DAYS = 30;
/** Most bytes of `git log` output read per repository and request. */
export const REVERT_LOG_MAX_BYTES = 8 * 1024 * 1024;
export const REVERT_TIMEOUT_MS = 10_000;
/** Reverts of reverts followed at most this deep. */
const CHAIN_MAX = 20;
const DAY = 86_400_000;

/** What an entry offers as its commits. */
export interface RevertTarget {
  /** The caller's key (the entry id). */
  readonly key: string;
  /** Commit shas (full or 7+ hex), from the context or a commit link; lower case. */
  readonly shas: readonly string[];
  /** Pull-request numbers from pull-request links. */
  readonly pullRequests: readonly number[];
  /** The entry's occurredAt, epoch ms. */
  readonly occurredAt: number;
}

export type CommitLite = Pick<Commit, 'sha' | 'subject' | 'body' | 'time' | 'parents'>;

export interface FoundRevert {
  readonly key: string;
  /** The entry's commit that was reverted. */
  readonly reverted: Pick<Commit, 'sha' | 'subject'>;
  /** The commit that reverts it (the last of a chain of reverts). */
  readonly revert: Pick<Commit, 'sha' | 'subject' | 'time'>;
  /** How it was recognised. */
  readonly by: 'message' | 'subject';
}

const NAMED = /This reverts commit ([0-9a-f]{7,64})/gi;

/** The shas a message says it reverts (`This reverts commit <sha>`), lower case. */
export function namedReverts(body: string): string[] {
  return [...body.matchAll(NAMED)].map((m) => m[1]!.toLowerCase());
}

/** The subjects a revert of a commit with `subject` has: `Revert "…"`, and for a revert, git 2.43's `Reapply "…"`. */
function revertSubjects(subject: string): string[] {
  const out = [`Revert "${subject}"`];
  const inner = /^Revert "(.*)"$/.exec(subject)?.[1];
  if (inner !== undefined) out.push(`Reapply "${inner}"`);
  return out;
}

/** How `c` reverts `x`, if it does (rule 2). */
function revertsBy(c: CommitLite, x: CommitLite): 'message' | 'subject' | undefined {
  if (c.sha === x.sha || c.time < x.time) return undefined;
  const named = namedReverts(c.body);
  if (named.length > 0) return named.some((n) => x.sha.startsWith(n)) ? 'message' : undefined;
  return revertSubjects(x.subject).includes(c.subject) ? 'subject' : undefined;
}

/** The entry's commits among `commits` (rule 1). */
export function targetCommits(t: RevertTarget, commits: readonly CommitLite[]): CommitLite[] {
  const out = new Map<string, CommitLite>();
  for (const s of t.shas) {
    const hex = s.toLowerCase();
    if (!/^[0-9a-f]{7,64}$/.test(hex)) continue;
    for (const c of commits) if (c.sha.startsWith(hex)) out.set(c.sha, c);
  }
  if (t.pullRequests.length > 0) {
    const since = t.occurredAt - PR_LOOKBACK_DAYS * DAY;
    for (const c of commits) {
      if (c.time < since) continue;
      const pr = pullRequestOf(c);
      if (pr && t.pullRequests.includes(pr.number)) out.set(c.sha, c);
    }
  }
  return [...out.values()].sort((a, b) => a.time - b.time || (a.sha < b.sha ? -1 : 1));
}

/**
 * For each target, the commit that reverts one of its commits and still stands (rules 2 and 3),
 * or nothing. `commits` holds the entry's commits and the later ones, any order.
 */
export function detectReverts(targets: readonly RevertTarget[], commits: readonly CommitLite[]): Map<string, FoundRevert> {
  const bySha = new Map<string, CommitLite>();
  for (const c of commits) if (!bySha.has(c.sha)) bySha.set(c.sha, c);
  const all = [...bySha.values()].sort((a, b) => a.time - b.time || (a.sha < b.sha ? -1 : 1));
  // Only messages that could revert something are candidates.
  const candidates = all.filter((c) => /This reverts commit [0-9a-f]{7}/i.test(c.body) || /^(Revert|Reapply) "/.test(c.subject));
  const out = new Map<string, FoundRevert>();
  for (const t of targets) {
    for (const start of targetCommits(t, all)) {
      let at = start;
      let reverted = false;
      let last: { c: CommitLite; by: 'message' | 'subject' } | undefined;
      const seen = new Set([start.sha]);
      for (let depth = 0; depth < CHAIN_MAX; depth++) {
        let next: { c: CommitLite; by: 'message' | 'subject' } | undefined;
        for (const c of candidates) {
          if (seen.has(c.sha)) continue;
          const by = revertsBy(c, at);
          if (by) {
            next = { c, by };
            break;
          }
        }
        if (!next) break;
        seen.add(next.c.sha);
        at = next.c;
        reverted = !reverted;
        last = next;
      }
      if (reverted && last) {
        out.set(t.key, { key: t.key, reverted: { sha: start.sha, subject: start.subject }, revert: { sha: last.c.sha, subject: last.c.subject, time: last.c.time }, by: last.by });
        break;
      }
    }
  }
  return out;
}

/** A commit or pull request a link names, in a repository whose web address is `web`. */
export function linkTarget(url: string, web: WebRepo): { sha: string } | { pullRequest: number } | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  const clean = `${u.origin}${u.pathname}`.replace(/\/+$/, '').toLowerCase();
  const commitPrefix = web.commit('').toLowerCase();
  if (clean.startsWith(commitPrefix)) {
    const sha = /^([0-9a-f]{7,64})(?:\/|$)/.exec(clean.slice(commitPrefix.length))?.[1];
    return sha ? { sha } : undefined;
  }
  const prPrefix = web.pullRequest(0).slice(0, -1).toLowerCase();
  if (clean.startsWith(prPrefix)) {
    const n = /^(\d{1,9})(?:\/|$)/.exec(clean.slice(prPrefix.length))?.[1];
    return n ? { pullRequest: Number(n) } : undefined;
  }
  return undefined;
}

/** An entry as the finder needs it. */
export interface RevertQueryEntry {
  readonly id: string;
  readonly occurredAt: number;
  /** The context's commit. */
  readonly commit: string | undefined;
  readonly links: readonly string[];
}

export interface RevertProposal {
  readonly entryId: string;
  readonly root: string;
  readonly reverted: Pick<Commit, 'sha' | 'subject'>;
  readonly revert: Pick<Commit, 'sha' | 'subject' | 'time'>;
  readonly by: 'message' | 'subject';
  /** The revert commit's web address, derived offline from the remote; undefined on other hosts. */
  readonly url: string | undefined;
}

export interface RepoReverts {
  /** HEAD and every branch tip read: the same state gives the same answer. */
  readonly state: string;
  readonly proposals: RevertProposal[];
  readonly notes: string[];
}

export interface RevertRequest {
  readonly root: string;
  readonly entries: readonly RevertQueryEntry[];
  readonly signal?: AbortSignal;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/** HEAD and the branch tips (local and remote-tracking), hashed; undefined when it is no repository or has no commits. */
export async function repoState(git: GitRunner, opts: GitRunOptions): Promise<string | undefined> {
  const out = await git.tryRun(['rev-parse', 'HEAD', '--branches', '--remotes'], opts);
  if (out === undefined) return undefined;
  return createHash('sha256').update(out).digest('hex').slice(0, 32);
}

/** The refs read for reverts: every local and remote-tracking branch, and HEAD (detached or not). */
const REFS = ['--branches', '--remotes', 'HEAD'];

/**
 * Reads one repository for reverts of the entries' commits (the rules above). Never throws for a
 * repository problem: a missing git (MISSING, TOO_OLD) and a cancel do throw, everything else is a
 * note and no proposal.
 */
export async function findReverts(git: GitRunner, req: RevertRequest): Promise<RepoReverts> {
  const timeoutMs = req.timeoutMs ?? REVERT_TIMEOUT_MS;
  const opts: GitRunOptions = { cwd: req.root, timeoutMs, ...(req.signal ? { signal: req.signal } : {}), ...(req.env ? { env: req.env } : {}) };
  const name = basename(req.root);
  const notes: string[] = [];
  const state = await repoState(git, opts);
  if (state === undefined) return { state: '', proposals: [], notes: [`${name}: not a Git repository with commits; no revert is looked for.`] };
  if ((await git.tryRun(['rev-parse', '--is-shallow-repository'], opts))?.trim() === 'true') {
    return { state, proposals: [], notes: [`${name}: a shallow clone, whose history is cut short; no revert is proposed from it (run “git fetch --unshallow” to read it all).`] };
  }
  const remoteLines = (await git.tryRun(['config', '--get-regexp', '^remote\\..*\\.url$'], opts)) ?? '';
  const remotes = remoteWebs(remoteLines);
  const origin = pickRemote(remoteLines);
  const linkWeb = origin ? webRepo(origin) : undefined;

  // The entries' commits and pull requests in this repository.
  const targets: RevertTarget[] = [];
  for (const e of req.entries) {
    const shas = new Set<string>();
    const prs = new Set<number>();
    if (e.commit && /^[0-9a-f]{7,64}$/i.test(e.commit)) shas.add(e.commit.toLowerCase());
    for (const url of e.links) {
      for (const web of remotes) {
        const t = linkTarget(url, web);
        if (t && 'sha' in t) shas.add(t.sha);
        else if (t) prs.add(t.pullRequest);
      }
    }
    if (shas.size > 0 || prs.size > 0) targets.push({ key: e.id, shas: [...shas], pullRequests: [...prs], occurredAt: e.occurredAt });
  }
  if (targets.length === 0) return { state, proposals: [], notes };

  const budget = { left: req.maxBytes ?? REVERT_LOG_MAX_BYTES, cut: false };
  const commits: Commit[] = [];
  const read = async (args: string[]) => {
    const parser = new LogParser((c) => commits.push(c));
    try {
      await git.stream(['log', '-z', '--no-color', `--format=${LOG_FORMAT}`, ...args], opts, (chunk) => {
        budget.left -= chunk.length;
        if (budget.left < 0) throw new GitError('byte cap', 'FAILED');
        parser.push(chunk);
      });
    } catch (err) {
      if (!(err instanceof GitError) || err.code === 'CANCELLED' || err.code === 'MISSING' || err.code === 'TOO_OLD') throw err;
      if (err.message === 'byte cap') budget.cut = true;
      else if (err.code === 'TIMEOUT') notes.push(`${name}: ${err.message} Reverts older than what was read are not proposed.`);
      else notes.push(`${name}: ${err.message}`);
    }
    parser.end();
  };

  // 1. The commits the entries name (unknown ones are skipped by git: they belong to another repository).
  const shas = [...new Set(targets.flatMap((t) => t.shas))];
  for (let i = 0; i < shas.length; i += 200) await read(['--no-walk', '--ignore-missing', ...shas.slice(i, i + 200), '--']);
  // 2. Pull requests' merge and squash commits, by their number.
  const prs = [...new Set(targets.flatMap((t) => t.pullRequests))];
  if (prs.length > 0) {
    const since = Math.min(...targets.filter((t) => t.pullRequests.length > 0).map((t) => t.occurredAt)) - PR_LOOKBACK_DAYS * DAY;
    const greps = prs.slice(0, 200).flatMap((n) => [`--grep=#${n}`, `--grep=!${n}`, `--grep=PR ${n}`]);
    await read([...sinceArg(since), '--fixed-strings', ...greps, ...REFS, '--']);
  }
  // 3. The later commits whose message could revert something.
  const found = targets.flatMap((t) => targetCommits(t, commits));
  if (found.length > 0) {
    const since = Math.min(...found.map((c) => c.time));
    await read([...sinceArg(since), '--fixed-strings', '--grep=This reverts commit', '--grep=Revert "', '--grep=Reapply "', ...REFS, '--']);
  }
  if (budget.cut) notes.push(`${name}: stopped after reading ${sizeWords(req.maxBytes ?? REVERT_LOG_MAX_BYTES)} of history; older reverts are not proposed.`);

  const proposals = [...detectReverts(targets, commits).values()].map(
    (f): RevertProposal => ({ entryId: f.key, root: req.root, reverted: f.reverted, revert: f.revert, by: f.by, url: linkWeb?.commit(f.revert.sha) }),
  );
  return { state, proposals, notes };
}

function sizeWords(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function sinceArg(ms: number): string[] {
  const s = Math.floor(ms / 1000);
  // git reads `@N` as a Unix time only from 100000000 on; earlier means everything.
  return s >= 100_000_000 ? [`--since=@${s}`] : [];
}

/** The web repositories of every remote (`git config --get-regexp` lines), for mapping links. */
function remoteWebs(configLines: string): WebRepo[] {
  const out: WebRepo[] = [];
  for (const line of configLines.split('\n')) {
    const m = /^remote\.(.+)\.url (.+)$/.exec(line.trim());
    const web = m ? webRepo(m[2]!) : undefined;
    if (web && !out.some((w) => w.base === web.base)) out.push(web);
  }
  return out;
}
