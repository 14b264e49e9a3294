import * as vscode from 'vscode';
import type { Entry } from '../../domain';
import { findReverts, GitError, GitRunner, repoState, type RevertProposal, type RevertQueryEntry } from '../../git';
import type { Services } from '../services';
import { type Repositories, workspaceRepositories } from '../suggestions/gitRepos';

/**
 * "Reverted? proposed from Git": for the follow-ups shown (the due queue, the follow-up pick), a
 * later commit in a repository open in the workspace that reverts the entry's commit
 * (src/git/reverts.ts). Looked for lazily, in the background, when the queue or the pick is shown;
 * the answers are cached per repository state (HEAD and the branch tips), so showing the queue
 * again costs one `git rev-parse` per repository. `onDidChange` fires when a proposal appears or
 * goes. Nothing here answers a follow-up: a proposal is only shown, the user confirms it.
 */

const NOTE_WORDS = 'Reverted? proposals from Git';

/** The words a proposal is shown with, everywhere: "Reverted? proposed from Git: 1a2b3c4 Revert "…"". */
export function proposalLabel(p: RevertProposal): string {
  return vscode.l10n.t('Reverted? proposed from Git: {0} {1}', p.revert.sha.slice(0, 7), p.revert.subject);
}

/** The answer a confirmed proposal records: its commit's web address as evidence, else the sha in the note. */
export function confirmedAnswer(p: RevertProposal, note: string | undefined): { evidence?: string; note?: string } {
  if (p.url) return { evidence: p.url, ...(note ? { note } : {}) };
  const subject = p.revert.subject.length > 200 ? `${p.revert.subject.slice(0, 199)}…` : p.revert.subject;
  const line = vscode.l10n.t('Reverted by commit {0} (“{1}”), proposed from Git.', p.revert.sha, subject);
  return { note: note ? `${note}\n\n${line}` : line };
}

/** What identifies an entry's commits: a change of its commit or links asks Git again. */
const signature = (e: Entry): string => `${e.id}|${e.context.commit ?? ''}|${e.links.map((l) => l.url).join(' ')}`;

/** Only entries that name a commit or have a web link can have a proposal. */
const hasCommitRef = (e: Entry): boolean => e.context.commit !== undefined || e.links.some((l) => /^https?:/i.test(l.url));

interface RepoCache {
  state: string;
  /** By entry signature: the proposal found in this repository, or null for none. */
  readonly checked: Map<string, RevertProposal | null>;
}

export interface RevertProposalDeps {
  readonly repositories?: () => Promise<Repositories>;
}

export class RevertProposals implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly repos = new Map<string, RepoCache>();
  /** What each entry (by id) shows now. */
  private readonly shown = new Map<string, { sig: string; proposal: RevertProposal | undefined }>();
  private queue: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  /** Notes already written to the output channel (each once a session). */
  private readonly noted = new Set<string>();
  private gitMissing = false;

  constructor(
    private readonly s: Services,
    private readonly deps: RevertProposalDeps = {},
  ) {}

  /** The proposal for an entry as last found (no Git is run). */
  peek(e: Entry): RevertProposal | undefined {
    const got = this.shown.get(e.id);
    return got && got.sig === signature(e) ? got.proposal : undefined;
  }

  /**
   * Looks for reverts of these entries' commits (in the background: callers need not wait; one
   * request runs at a time). Resolves when done; never rejects (problems go to the output channel).
   */
  request(entries: readonly Entry[]): Promise<void> {
    const wanted = entries.filter(hasCommitRef);
    if (wanted.length === 0 || this.gitMissing) return Promise.resolve();
    this.queue = this.queue.then(() => this.run(wanted)).catch((err: unknown) => this.note(`${NOTE_WORDS}: ${err instanceof Error ? err.message : String(err)}`, 'warn'));
    return this.queue;
  }

  private async run(entries: readonly Entry[]): Promise<void> {
    if (this.abort.signal.aborted) return;
    const repos = await (this.deps.repositories ?? workspaceRepositories)();
    if (repos.roots.length === 0) {
      this.repos.clear();
      this.note(`${NOTE_WORDS}: ${repos.problem ?? 'no repository is open'}; none is proposed.`);
      return this.publish(entries);
    }
    // A repository closed since proposes nothing any more.
    for (const root of [...this.repos.keys()]) if (!repos.roots.includes(root)) this.repos.delete(root);
    const git = new GitRunner(repos.gitPath);
    const signal = this.abort.signal;
    for (const root of repos.roots) {
      try {
        const state = await repoState(git, { cwd: root, signal });
        let cache = this.repos.get(root);
        if (state === undefined) {
          this.repos.delete(root);
          this.note(`${NOTE_WORDS}: ${root} is not a Git repository with commits; none is proposed from it.`);
          continue;
        }
        if (!cache || cache.state !== state) this.repos.set(root, (cache = { state, checked: new Map() }));
        const todo = entries.filter((e) => !cache.checked.has(signature(e)));
        if (todo.length === 0) continue;
        const query: RevertQueryEntry[] = todo.map((e) => ({ id: e.id, occurredAt: Date.parse(e.occurredAt), commit: e.context.commit, links: e.links.map((l) => l.url) }));
        const r = await findReverts(git, { root, entries: query, signal });
        for (const n of r.notes) this.note(`${NOTE_WORDS}: ${n}`);
        // Keyed by the state read before the log: a commit made meanwhile is seen next time.
        const byId = new Map(r.proposals.map((p) => [p.entryId, p]));
        for (const e of todo) cache.checked.set(signature(e), byId.get(e.id) ?? null);
        for (const p of r.proposals) this.s.output.info(`${NOTE_WORDS}: ${p.revert.sha.slice(0, 12)} reverts ${p.reverted.sha.slice(0, 12)}, the commit of entry ${p.entryId} (${p.by === 'message' ? 'its message names it' : 'by its subject'}).`);
      } catch (err) {
        if (err instanceof GitError && err.code === 'CANCELLED') return;
        if (err instanceof GitError && (err.code === 'MISSING' || err.code === 'TOO_OLD')) {
          this.gitMissing = true;
          this.note(`${NOTE_WORDS}: ${err.message}`, 'warn');
          return;
        }
        this.note(`${NOTE_WORDS}: ${root}: ${err instanceof Error ? err.message : String(err)}`, 'warn');
      }
    }
    this.publish(entries);
  }

  /** Sets what each entry shows from the repositories' caches; fires onDidChange if anything changed. */
  private publish(entries: readonly Entry[]): void {
    let changed = false;
    for (const e of entries) {
      const sig = signature(e);
      let proposal: RevertProposal | undefined;
      for (const cache of this.repos.values()) {
        const p = cache.checked.get(sig);
        if (p) {
          proposal = p;
          break;
        }
      }
      const before = this.shown.get(e.id);
      if (before?.sig === sig && before.proposal?.revert.sha === proposal?.revert.sha) continue;
      this.shown.set(e.id, { sig, proposal });
      if (before?.proposal !== undefined || proposal !== undefined) changed = true;
    }
    if (changed) this.changed.fire();
  }

  private note(line: string, level: 'info' | 'warn' = 'info'): void {
    if (this.noted.has(line)) return;
    this.noted.add(line);
    if (level === 'warn') this.s.output.warn(line);
    else this.s.output.info(line);
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
  }
}
