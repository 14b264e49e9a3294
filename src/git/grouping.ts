import type { Commit } from './log';
import type { WebRepo } from './remote';
import { msg } from '../domain/messages';

/**
 * Turning the user's commits into suggestions, by rules anyone can read (docs/SUGGESTIONS.md):
 *
 * 1. A merged pull request is one suggestion: a merge commit whose message names it
 *    (`Merge pull request #N …` on GitHub, `Merge pull request '…' (#N) …` on Gitea and Forgejo,
 *    `Merged PR N: …` on Azure DevOps, `Merged in … (pull request #N)` on Bitbucket, a body
 *    line `See merge request …!N` on GitLab) with the commits it brought in; or a squashed commit
 *    whose subject ends with `(#N)`.
 * 2. Every other commit joins the commits of the same branch when it lands within GAP_DAYS of the
 *    previous one and touches a file they touched (or either touches none); otherwise it starts a
 *    suggestion of its own. Merges that name no pull request (`Merge branch 'main' into …`) are
 *    bookkeeping and suggest nothing.
 * 3. The kind comes from a Conventional Commit type: `fix` and `perf` → problem solved, `feat` →
 *    change shipped; anything else leaves the kind to the user. `Revert "…"` notes the commit it
 *    reverts.
 * 4. The title is the pull request's (or the first commit's subject), without the Conventional
 *    Commit prefix or the `(#N)`.
 * No `vscode` and no git here: pure functions of the parsed commits.
 */

export const GAP_DAYS = 3;
const DAY = 86_400_000;
const TITLE_MAX = 300;
const SUBJECTS_MAX = 50;

export type SuggestedKind = 'problem' | 'shipped';

export interface SuggestionDraft {
  /** Stable across runs: the same pull request or first commit gives the same fingerprint. */
  readonly fingerprint: string;
  readonly title: string;
  readonly kind: SuggestedKind | undefined;
  /** When it landed (the merge or the last commit), epoch ms. */
  readonly occurredAt: number;
  /** Every commit the suggestion stands for, newest first. */
  readonly shas: readonly string[];
  /** The commit recorded in the entry's context: the merge, the squash, or the newest commit. */
  readonly headSha: string;
  readonly pullRequest: number | undefined;
  readonly branch: string | undefined;
  readonly links: readonly { url: string; label: string }[];
  /** The subjects of the commits, for the details (newest first, at most SUBJECTS_MAX). */
  readonly subjects: readonly string[];
  /** The sha a `Revert "…"` commit names, when it names one. */
  readonly reverts: string | undefined;
  /** A commit message was longer than the reader keeps. */
  readonly truncated: boolean;
}

export interface PullRequestRef {
  readonly number: number;
  /** The pull request's title when the message carries it. */
  readonly title: string | undefined;
  readonly style: 'merge' | 'squash';
}

/** The pull request a commit message names, by the rules above. */
export function pullRequestOf(c: Pick<Commit, 'subject' | 'body' | 'parents'>): PullRequestRef | undefined {
  const s = c.subject;
  const bodyTitle = firstLine(c.body);
  const merge = c.parents.length > 1;
  let m: RegExpExecArray | null;
  if (merge) {
    if ((m = /^Merge pull request #(\d+) from \S+/.exec(s))) return { number: Number(m[1]), title: bodyTitle, style: 'merge' };
    if ((m = /^Merge pull request '(.+)' \(#(\d+)\) from /.exec(s))) return { number: Number(m[2]), title: m[1], style: 'merge' };
    if ((m = /^Merged in (\S+) \(pull request #(\d+)\)/.exec(s))) return { number: Number(m[2]), title: bodyTitle, style: 'merge' };
    if ((m = /^Merge branch '[^']+' into '[^']+'/.exec(s)) && (m = /^See merge request \S+!(\d+)\s*$/m.exec(c.body))) {
      return { number: Number(m[1]), title: bodyTitle && !/^See merge request /.test(bodyTitle) ? bodyTitle : undefined, style: 'merge' };
    }
  }
  if ((m = /^Merged PR (\d+): (.+)$/.exec(s))) return { number: Number(m[1]), title: m[2], style: merge ? 'merge' : 'squash' };
  if (!merge && (m = /^(.*\S)\s+\(#(\d+)\)$/.exec(s))) return { number: Number(m[2]), title: m[1], style: 'squash' };
  return undefined;
}

function firstLine(s: string): string | undefined {
  const l = s.split('\n', 1)[0]?.trim();
  return l ? l : undefined;
}

/** The Conventional Commits types (and the common extras of @commitlint/config-conventional). */
const CONVENTIONAL = /^(feat|fix|perf|refactor|docs|style|test|tests|chore|build|ci|revert)(?:\([^)]*\))?!?:\s*(.+)$/i;

/** The kind a Conventional Commit type suggests, and the subject without the prefix. */
export function conventional(subject: string): { type: string | undefined; kind: SuggestedKind | undefined; text: string } {
  const m = CONVENTIONAL.exec(subject);
  if (!m) return { type: undefined, kind: undefined, text: subject };
  const type = m[1]!.toLowerCase();
  const kind = type === 'fix' || type === 'perf' ? 'problem' : type === 'feat' ? 'shipped' : undefined;
  return { type, kind, text: m[2]!.trim() };
}

/** The sha a revert commit names (`Revert "…"` with `This reverts commit <sha>.`). */
export function revertOf(c: Pick<Commit, 'subject' | 'body'>): string | undefined {
  if (!/^Revert\s+"/.test(c.subject)) return undefined;
  return /This reverts commit ([0-9a-f]{7,64})/.exec(c.body)?.[1];
}

/** A title from a subject: no Conventional Commit prefix, first letter capitalised, fits a title. */
export function titleFrom(subject: string): string {
  const t = conventional(subject).text.replace(/\s+/g, ' ').trim() || subject.trim() || msg('suggest.noSubject');
  const up = t.charAt(0).toUpperCase() + t.slice(1);
  return up.length > TITLE_MAX ? `${up.slice(0, TITLE_MAX - 1).trimEnd()}…` : up;
}

export interface GroupInput {
  /** The user's commits, any order; deduplicated by sha here too. */
  readonly commits: readonly Commit[];
  /** For each pull-request merge: the commits it brought in (`git rev-list first..second`). */
  readonly broughtIn?: ReadonlyMap<string, readonly string[]>;
  /** Names the repository in fingerprints: the same for every clone (the remote), else its path. */
  readonly repoKey: string;
  readonly web: WebRepo | undefined;
}

/** Groups commits into suggestion drafts, newest first. */
export function groupCommits(input: GroupInput): SuggestionDraft[] {
  const steps = groupSteps(input);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same, giving the event loop a turn every `every` commits, so that grouping a year of a busy
 * repository never blocks the extension host for long.
 */
export async function groupCommitsAsync(input: GroupInput, every = 1000): Promise<SuggestionDraft[]> {
  const steps = groupSteps(input, every);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The grouping, pausing (yield) after every `every` commits handled. */
function* groupSteps(input: GroupInput, every = 1000): Generator<void, SuggestionDraft[]> {
  let handled = 0;
  const tick = () => ++handled % every === 0;
  const bySha = new Map<string, Commit>();
  for (const c of input.commits) if (!bySha.has(c.sha)) bySha.set(c.sha, c);
  const taken = new Set<string>();
  const out: SuggestionDraft[] = [];
  const web = input.web;

  // 1. Pull requests: merges first (they take the commits they brought in), then squashes.
  const all = [...bySha.values()].sort((a, b) => b.time - a.time || (a.sha < b.sha ? -1 : 1));
  // Each message read once for the pull request it names.
  const named: { readonly c: Commit; readonly pr: PullRequestRef }[] = [];
  for (const c of all) {
    if (tick()) yield;
    const pr = pullRequestOf(c);
    if (pr) named.push({ c, pr });
  }
  for (const style of ['merge', 'squash'] as const) {
    for (const { c, pr } of named) {
      if (tick()) yield;
      if (pr.style !== style || taken.has(c.sha)) continue;
      const members = [c, ...(input.broughtIn?.get(c.sha) ?? []).map((s) => bySha.get(s)).filter((m): m is Commit => m !== undefined && !taken.has(m.sha) && m.sha !== c.sha)];
      for (const m of members) taken.add(m.sha);
      const branchCommits = members.slice(1).sort((a, b) => b.time - a.time);
      const first = branchCommits[branchCommits.length - 1];
      const titleSource = pr.title ?? first?.subject ?? c.subject;
      const kindSource = [pr.title, ...branchCommits.map((m) => m.subject).reverse(), c.subject].map((s) => (s ? conventional(s).kind : undefined)).find((k) => k !== undefined);
      const links = web ? [{ url: web.pullRequest(pr.number), label: msg('suggest.pullRequest', pr.number) }] : [];
      out.push({
        fingerprint: `${input.repoKey}#pr:${pr.number}`,
        title: titleFrom(titleSource),
        kind: kindSource,
        occurredAt: c.time,
        shas: [c.sha, ...branchCommits.map((m) => m.sha)],
        headSha: c.sha,
        pullRequest: pr.number,
        branch: c.source || undefined,
        links,
        subjects: (branchCommits.length > 0 ? branchCommits : [c]).map((m) => m.subject).slice(0, SUBJECTS_MAX),
        reverts: revertOf(c),
        truncated: members.some((m) => m.truncated),
      });
    }
  }

  // 2. The rest, by branch: near in time and touching the same files.
  const rest = all.filter((c) => !taken.has(c.sha) && c.parents.length < 2).reverse();
  const byBranch = new Map<string, Cluster[]>();
  // Per branch, the newest suggestion that touched each file, and the newest one overall: a commit
  // joins the newest of those it shares a file with whose last commit is within the gap.
  const index = new Map<string, { byFile: Map<string, Cluster>; newest: Cluster | undefined; fileless: Cluster | undefined }>();
  const within = (k: Cluster | undefined, t: number) => k !== undefined && t - k.last <= GAP_DAYS * DAY && !k.reverted;
  for (const c of rest) {
    if (tick()) yield;
    const clusters = byBranch.get(c.source) ?? [];
    byBranch.set(c.source, clusters);
    let ix = index.get(c.source);
    if (!ix) index.set(c.source, (ix = { byFile: new Map(), newest: undefined, fileless: undefined }));
    let into: Cluster | undefined;
    if (!revertOf(c)) {
      const candidates = c.files.length === 0 ? [ix.newest] : [...c.files.map((f) => ix.byFile.get(f)), ix.fileless];
      for (const k of candidates) if (within(k, c.time) && (!into || k!.last > into.last)) into = k;
    }
    if (into) {
      into.commits.push(c);
      into.last = c.time;
      for (const f of c.files) into.files.add(f);
    } else {
      into = { commits: [c], files: new Set(c.files), last: c.time, reverted: revertOf(c) !== undefined };
      clusters.push(into);
    }
    ix.newest = into;
    for (const f of c.files) ix.byFile.set(f, into);
    if (into.files.size === 0) ix.fileless = into;
    else if (ix.fileless === into) ix.fileless = undefined;
  }
  for (const clusters of byBranch.values()) {
    for (const { commits: cluster } of clusters) {
      if (tick()) yield;
      const newest = cluster[cluster.length - 1]!;
      const oldest = cluster[0]!;
      const links = web ? [{ url: web.commit(newest.sha), label: msg('suggest.commit', newest.sha.slice(0, 7)) }] : [];
      const kind = cluster.map((c) => conventional(c.subject).kind).find((k) => k !== undefined);
      out.push({
        fingerprint: `${input.repoKey}#commit:${oldest.sha}`,
        title: titleFrom(oldest.subject),
        kind,
        occurredAt: newest.time,
        shas: [...cluster].reverse().map((c) => c.sha),
        headSha: newest.sha,
        pullRequest: undefined,
        branch: newest.source || undefined,
        links,
        subjects: [...cluster].reverse().map((c) => c.subject).slice(0, SUBJECTS_MAX),
        reverts: cluster.length === 1 ? revertOf(oldest) : undefined,
        truncated: cluster.some((c) => c.truncated),
      });
    }
  }
  return out.sort((a, b) => b.occurredAt - a.occurredAt || (a.fingerprint < b.fingerprint ? -1 : 1));
}

interface Cluster {
  readonly commits: Commit[];
  /** Every path the cluster's commits touched. */
  readonly files: Set<string>;
  last: number;
  /** A revert stands alone: it takes no other commit. */
  readonly reverted: boolean;
}
