import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { type Entry, type KindId, parseNewEntry, ValidationError } from '../../domain';
import { inSentence } from '../../domain/flow';
import { KINDS } from '../../domain/kinds';
import {
  acceptSuggestionArgument,
  dismissIds,
  parseArgument,
  revertAnswerOf,
  type RevertAction,
  SUGGEST_PERIODS,
  suggestFromGitArgument,
  type SuggestFromGitArgument,
  suggestionContext,
  suggestionLogFields,
  suggestRange,
} from '../../domain/suggestions';
import { showDirectionControls as visible } from '../../export/escape';
import { GitError, GitRunner, readHistory, type SuggestionDraft } from '../../git';
import type { SuggestionOffer } from '../../storage/suggestions';
import { argumentObject } from '../args';
import { followUpContext } from '../followUps/commands';
import { guarded } from '../errors';
import { promptForEntry } from '../prompts/entryFlow';
import type { RevealEntry, Services } from '../services';
import { SuggestionNode, SuggestionsGroupNode } from './section';
import { workspaceRepositories } from './gitRepos';
import { weekStart } from '../locale';

/**
 * `impactLog.suggestFromGit`, `impactLog.acceptSuggestion`, `impactLog.dismissSuggestion` and
 * `impactLog.dismissAllSuggestions`. Arguments are validated (zod, src/domain/suggestions.ts)
 * before anything is read or written; a bad one is refused naming the field.
 */

const PERIOD_WORDS: Record<string, string> = {
  thisWeek: vscode.l10n.t('This week'),
  lastWeek: vscode.l10n.t('Last week'),
  thisQuarter: vscode.l10n.t('This quarter'),
  lastQuarter: vscode.l10n.t('Last quarter'),
  thisHalf: vscode.l10n.t('This half-year'),
  lastHalf: vscode.l10n.t('Last half-year'),
  yearToDate: vscode.l10n.t('Year to date'),
  last12Months: vscode.l10n.t('Last 12 months'),
};

/** Run from the palette with no argument: which period? Undefined when cancelled. */
async function askPeriod(): Promise<SuggestFromGitArgument | undefined> {
  const items = SUGGEST_PERIODS.map((p) => ({ label: PERIOD_WORDS[p] ?? p, period: p }));
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Suggest Entries from Git History'), placeHolder: vscode.l10n.t('Read your commits of which period?') });
  return pick ? parseArgument(suggestFromGitArgument, { period: pick.period }) : undefined;
}

function toOffer(d: SuggestionDraft, repoRoot: string, repoName: string): SuggestionOffer {
  return {
    fingerprint: d.fingerprint,
    repoRoot,
    repoName,
    kind: d.kind,
    title: d.title,
    occurredAt: d.occurredAt,
    shas: d.shas,
    headSha: d.headSha,
    pullRequest: d.pullRequest,
    branch: d.branch,
    links: d.links,
    subjects: d.subjects,
    reverts: d.reverts,
  };
}

export interface SuggestDeps {
  /** The repositories and git binary (VS Code's Git extension); replaced in tests. */
  readonly repositories?: typeof workspaceRepositories;
}

/** Reads each repository's history and stores the new suggestions; returns their ids. */
export async function suggestFromGit(s: Services, arg: unknown, deps: SuggestDeps = {}): Promise<string[] | undefined> {
  const given = argumentObject(arg);
  if (arg !== undefined && given === undefined) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an object such as { "period": "thisQuarter" }') }]);
  const a = given ? parseArgument(suggestFromGitArgument, given) : await askPeriod();
  if (!a) return undefined;
  const range = suggestRange(a, Date.now(), s.config.value['review.fiscalYearStartMonth'], weekStart(s.config.value));
  const repos = await (deps.repositories ?? workspaceRepositories)();
  const roots = a.repo ? [a.repo] : repos.roots;
  if (roots.length === 0) {
    s.output.info(`Suggest from Git: ${repos.problem ?? 'no repository'}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: {0}', repos.problem ?? vscode.l10n.t('No Git repository is open.')));
    return [];
  }
  const git = new GitRunner(repos.gitPath);
  const problems: string[] = [];
  const offers: SuggestionOffer[] = [];
  let read = 0;
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Impact Log: Reading your Git history'), cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      try {
        await git.version({ cwd: tmpdir(), signal: ac.signal });
        for (const [i, root] of roots.entries()) {
          progress.report({ message: `${basename(root)} (${i + 1} of ${roots.length})`, increment: 100 / roots.length });
          try {
            const r = await readHistory(git, { root, from: range.from, to: range.to, extraEmails: s.config.value['git.authorEmails'], signal: ac.signal });
            for (const n of r.notes) s.output.info(`Suggest from Git: ${n}`);
            read += r.commits;
            offers.push(...r.drafts.map((d) => toOffer(d, root, r.repoName)));
          } catch (err) {
            if (err instanceof GitError && err.code === 'CANCELLED') throw err;
            const message = err instanceof Error ? err.message : String(err);
            s.output.warn(`Suggest from Git: ${basename(root)}: ${message}`);
            problems.push(message);
          }
        }
        return false;
      } catch (err) {
        if (err instanceof GitError && err.code === 'CANCELLED') return true;
        if (err instanceof GitError && (err.code === 'MISSING' || err.code === 'TOO_OLD')) {
          s.output.warn(`Suggest from Git: ${err.message}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Impact Log: {0}', err.message));
          return true;
        }
        throw err;
      } finally {
        sub.dispose();
      }
    },
  );
  if (cancelled) return undefined;
  // In short transactions with the event loop free between them (thousands of suggestions must not freeze the window).
  const added = offers.length === 0 ? [] : await s.store.write('suggest', (store) => store.suggestions.offerInBatches(offers), () => []);
  s.output.info(`Suggest from Git (${range.label}): ${read} of your commits read in ${roots.length} repositories; ${added.length} new suggestions.`);
  const problemNote = problems.length > 0 ? ` ${problems.length === 1 ? problems[0] : vscode.l10n.t('{0} repositories could not be read; see the “Impact Log” output.', problems.length)}` : '';
  const words =
    added.length === 0
      ? vscode.l10n.t('No new suggestions from Git for {0}{1}.{2}', range.label, read > 0 ? vscode.l10n.t(': everything was already suggested or logged') : '', problemNote)
      : added.length === 1
        ? vscode.l10n.t('1 new suggestion from Git for {0}, in the timeline\'s Suggestions group.{1}', range.label, problemNote)
        : vscode.l10n.t('{0} new suggestions from Git for {1}, in the timeline\'s Suggestions group.{2}', added.length, range.label, problemNote);
  void (problems.length > 0 ? vscode.window.showWarningMessage(vscode.l10n.t('Impact Log: {0}', words), vscode.l10n.t('Show Output')) : vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: {0}', words))).then((pick) => {
    if (pick === 'Show Output') s.output.show(true);
  });
  return added;
}

/** The argument of an accept or dismiss: a tree node becomes `{ id }`. */
function suggestionArgument(arg: unknown): Record<string, unknown> {
  if (arg instanceof SuggestionNode) return { id: arg.suggestion.id };
  const given = argumentObject(arg);
  if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be a suggestion of the timeline or { "id": "…" }') }]);
  return given;
}

/** The default kind when neither the argument nor the rules give one and nothing is asked. */
const DEFAULT_KIND: KindId = 'shipped';

/** For a `Revert` suggestion: answer the reverted entry's follow-up, log the revert, or both? Undefined when cancelled. */
async function askRevertAction(reverted: Entry): Promise<RevertAction | undefined> {
  const items: (vscode.QuickPickItem & { action: RevertAction })[] = [
    { label: vscode.l10n.t('$(discard) Answer the follow-up of “{0}”: Reverted', visible(reverted.title)), detail: vscode.l10n.t('Records it with this commit as evidence; the suggestion is then dismissed.'), action: 'answer' },
    { label: vscode.l10n.t('$(add) Answer it, and log the revert as an entry too'), action: 'both' },
    { label: vscode.l10n.t('$(add) Only log the revert as an entry'), action: 'log' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('This commit reverts a change in your log'), placeHolder: vscode.l10n.t('What should accepting it do?') });
  return pick?.action;
}

/**
 * Accepts a suggestion: with a title the entry is logged at once; without, the log flow opens
 * pre-filled (kind, title, links, details, occurred at the merge time) and Enter through saves.
 * The entry is added and the suggestion marked accepted in one transaction. Returns the entry's id.
 * A `Revert` suggestion whose reverted commit is a logged entry's, with its follow-up still open,
 * can instead (or also) answer that follow-up as `reverted` (`revert`: answer, log, both; asked
 * when not given and there is no title); answering only returns the answered entry's id.
 */
export async function acceptSuggestion(s: Services, reveal: RevealEntry, arg: unknown): Promise<string | undefined> {
  const a = parseArgument(acceptSuggestionArgument, suggestionArgument(arg));
  const store = await s.store.get();
  const sug = store.suggestions.get(a.id);
  if (!sug || sug.status !== 'new') {
    throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: 'id', problem: sug ? vscode.l10n.t('names a suggestion already {0}', sug.status) : vscode.l10n.t('names no suggestion ({0})', a.id) }]);
  }
  const reverted = sug.reverts ? store.followUps.pendingForCommit(sug.reverts) : undefined;
  if ((a.revert === 'answer' || a.revert === 'both') && !reverted) {
    throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: 'revert', problem: vscode.l10n.t('names a suggestion that reverts no change in your log with a follow-up still open') }]);
  }
  const action: RevertAction | undefined = a.revert ?? (reverted && a.title === undefined ? await askRevertAction(reverted) : 'log');
  if (!action) return undefined;
  const ctx = followUpContext(s);
  const answer = reverted && action !== 'log' ? { id: reverted.id, outcome: 'reverted' as const, ...revertAnswerOf(sug) } : undefined;
  if (answer && action === 'answer') {
    await s.store.write('edit', (st) => {
      st.followUps.answer(answer, ctx);
      st.suggestions.dismiss([sug.id]);
    }, () => [answer.id]);
    s.output.info(`Suggestion ${sug.id}: answered the follow-up of entry ${answer.id} as reverted (commit ${sug.headSha.slice(0, 12)}).`);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('$(discard) Recorded “Reverted” for {0}', visible(reverted!.title)), 4000);
    return answer.id;
  }
  let kind: KindId | undefined = a.kind ?? sug.kind ?? undefined;
  let fields = suggestionLogFields(sug, a.title ? { title: a.title } : {});
  if (a.title === undefined) {
    const answered = await promptForEntry(s, { kind, prefill: {}, initial: fields });
    if (!answered) return undefined;
    kind = answered.kind;
    fields = answered.fields;
  }
  const entry = parseNewEntry(kind ?? DEFAULT_KIND, fields, Date.now(), suggestionContext(sug));
  const added = await s.store.write(
    'add',
    (st) => {
      // Both in one transaction: the follow-up's answer and the new entry, or neither.
      if (answer) st.followUps.answer(answer, ctx);
      return st.suggestions.accept(sug.id, entry);
    },
    (e) => [e.id, ...(answer ? [answer.id] : [])],
  );
  const logged = vscode.l10n.t('$(check) Logged {0}: {1}', inSentence(KINDS[added.kind].label), visible(added.title));
  void vscode.window.setStatusBarMessage(answer ? vscode.l10n.t('{0} (and recorded “Reverted” for the change it reverts)', logged) : logged, 4000);
  void reveal(added.id);
  return added.id;
}

/** Dismisses `{ id }`, `{ ids }`, or the suggestions selected in the timeline. Returns the ids dismissed. */
export async function dismissSuggestions(s: Services, arg: unknown, all: unknown): Promise<string[]> {
  let ids: string[];
  if (arg instanceof SuggestionNode) {
    const selected = Array.isArray(all) ? all.filter((n): n is SuggestionNode => n instanceof SuggestionNode) : [];
    ids = selected.some((n) => n.suggestion.id === arg.suggestion.id) ? selected.map((n) => n.suggestion.id) : [arg.suggestion.id];
  } else ids = dismissIds(suggestionArgument(arg));
  const done = await s.store.write('suggest', (store) => store.suggestions.dismiss(ids), () => []);
  void vscode.window.setStatusBarMessage(done.length === 1 ? vscode.l10n.t('$(close) Dismissed 1 suggestion; it is not offered again') : vscode.l10n.t('$(close) Dismissed {0} suggestions; they are not offered again', done.length), 4000);
  return done;
}

export function registerSuggestionCommands(s: Services, reveal: RevealEntry, shown: () => readonly string[]): vscode.Disposable[] {
  const cmd = (id: string, name: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, guarded(s.output, name, fn));
  return [
    cmd('impactLog.suggestFromGit', vscode.l10n.t('Suggest from Git'), (arg?: unknown) => (arg instanceof SuggestionsGroupNode ? suggestFromGit(s, { period: 'thisQuarter' }) : suggestFromGit(s, arg))),
    cmd('impactLog.acceptSuggestion', vscode.l10n.t('Accept suggestion'), (arg?: unknown) => acceptSuggestion(s, reveal, arg)),
    cmd('impactLog.dismissSuggestion', vscode.l10n.t('Dismiss suggestion'), (arg?: unknown, all?: unknown) => dismissSuggestions(s, arg, all)),
    cmd('impactLog.dismissAllSuggestions', vscode.l10n.t('Dismiss all shown suggestions'), async () => {
      const ids = [...shown()];
      if (ids.length === 0) return [];
      const ok = vscode.l10n.t('Dismiss {0}', ids.length);
      const pick = await vscode.window.showWarningMessage(vscode.l10n.t('Dismiss the {0} suggestions shown? They will not be offered again.', ids.length), { modal: true }, ok);
      if (pick !== ok) return [];
      return dismissSuggestions(s, { ids }, undefined);
    }),
  ];
}
