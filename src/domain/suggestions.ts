import { z } from 'zod';
import './zodConfig';
import { type Link } from './fields';
import { type KindId, KIND_IDS } from './kinds';
import { msg } from './messages';
import { type PeriodPreset, periodDate, PERIOD_PRESETS, resolvePeriod } from './periods';
import { plainWords, problemsOf, ValidationError } from './validation';
import { type Weekday, weekRange } from './week';

/**
 * Suggestions from Git history (docs/SUGGESTIONS.md): what a suggestion is, and the argument
 * objects of `impactLog.suggestFromGit`, `impactLog.acceptSuggestion` and
 * `impactLog.dismissSuggestion`, validated before anything is read or written.
 */

export const SUGGESTION_STATUSES = ['new', 'accepted', 'dismissed'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export interface Suggestion {
  readonly id: string;
  readonly fingerprint: string;
  readonly status: SuggestionStatus;
  /** The repository's folder (absolute path). */
  readonly repoRoot: string;
  /** host/owner/name from the remote, or the folder's name: what the entry's context records. */
  readonly repoName: string;
  /** The kind the rules suggest; null leaves it to the user. */
  readonly kind: KindId | null;
  readonly title: string;
  /** ISO-8601 UTC: the merge or last commit time. */
  readonly occurredAt: string;
  readonly createdAt: string;
  /** Every commit it stands for, newest first. */
  readonly shas: readonly string[];
  readonly headSha: string;
  readonly pullRequest: number | null;
  readonly branch: string | null;
  readonly links: readonly Link[];
  readonly subjects: readonly string[];
  readonly reverts: string | null;
  /** The entry it was accepted into. */
  readonly entryId: string | null;
}

const isoDate = periodDate;
const absPath = z.string().trim().min(1).max(4096).refine((p) => p.startsWith('/') || /^[a-z]:[\\/]/i.test(p) || p.startsWith('\\\\'), { error: () => msg('suggest.absolutePath') });

/** The period presets of summaries (but "since last export"), this week and last week. */
export const SUGGEST_PERIODS = ['thisWeek', 'lastWeek', ...PERIOD_PRESETS.filter((p) => p !== 'sinceLastExport')] as [string, ...string[]];

export const suggestFromGitArgument = z
  .strictObject({
    period: z.enum(SUGGEST_PERIODS).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    repo: absPath.optional(),
  })
  .refine((v) => v.period === undefined || (v.from === undefined && v.to === undefined), { error: () => msg('suggest.periodOrRange'), path: ['period'] })
  .refine((v) => (v.from === undefined) === (v.to === undefined), { error: () => msg('suggest.bothDates'), path: ['from'] })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, { error: () => msg('suggest.fromAfterTo'), path: ['from'] });
export type SuggestFromGitArgument = z.output<typeof suggestFromGitArgument>;

const suggestionId = z.uuid({ error: () => msg('suggest.id') });

/**
 * For a `Revert` suggestion whose reverted commit is a logged entry's with a follow-up still open:
 * `answer` records that follow-up as `reverted` (the suggestion is then dismissed), `log` logs the
 * revert as an entry (as any suggestion), `both` does both. Without it, accepting asks (or logs,
 * when a title is given).
 */
export const REVERT_ACTIONS = ['answer', 'log', 'both'] as const;
export type RevertAction = (typeof REVERT_ACTIONS)[number];

export const acceptSuggestionArgument = z.strictObject({
  id: suggestionId,
  kind: z.enum(KIND_IDS).optional(),
  title: z.string().trim().min(1).max(300).optional(),
  revert: z.enum(REVERT_ACTIONS).optional(),
});
export type AcceptSuggestionArgument = z.output<typeof acceptSuggestionArgument>;

export const dismissSuggestionArgument = z
  .strictObject({ id: suggestionId.optional(), ids: z.array(suggestionId).min(1).max(10_000).optional() })
  .refine((v) => (v.id === undefined) !== (v.ids === undefined), { error: () => msg('suggest.idOrIds'), path: ['id'] });

/**
 * The [from, to) range an argument asks for (default: this quarter), and its words. Weeks start on
 * `weekStartsOn` (`impactLog.timeline.weekStart`), like the timeline's week groups.
 */
export function suggestRange(arg: SuggestFromGitArgument, now: number, fiscalYearStartMonth: number, weekStartsOn: Weekday): { from: number; to: number; label: string } {
  if (arg.period === 'thisWeek') return { ...weekRange(now, weekStartsOn), label: msg('suggest.thisWeek') };
  if (arg.period === 'lastWeek') return { ...weekRange(now, weekStartsOn, -1), label: msg('suggest.lastWeek') };
  const input = arg.from !== undefined && arg.to !== undefined ? { from: arg.from, to: arg.to } : { preset: (arg.period ?? 'thisQuarter') as PeriodPreset };
  const { period } = resolvePeriod(input, { now, fiscalYearStartMonth });
  // A period "to date" ends today; commits made later today count too.
  return { from: period.from, to: period.to, label: period.label };
}

/** Parses a command argument with `schema`, or throws the ValidationError naming each field. */
export function parseArgument<S extends z.ZodType>(schema: S, given: unknown): z.output<S> {
  const r = schema.safeParse(given, { error: plainWords });
  if (!r.success) throw new ValidationError(msg('suggest.commandArgument'), problemsOf(r.error));
  return r.data;
}

/** The ids a dismissal names. */
export function dismissIds(given: unknown): string[] {
  const v = parseArgument(dismissSuggestionArgument, given);
  return v.ids ?? [v.id!];
}

/** The details of the entry an accepted suggestion becomes: the pull request or commits, their subjects. */
export function suggestionDetails(s: Pick<Suggestion, 'pullRequest' | 'shas' | 'subjects' | 'reverts' | 'branch'>): string {
  const lines: string[] = [];
  const what = s.pullRequest !== null ? msg('suggest.pullRequest', s.pullRequest) : s.shas.length === 1 ? msg('suggest.oneCommit') : msg('suggest.commits', s.shas.length);
  lines.push(s.branch ? msg('suggest.fromGitOn', what, s.branch) : msg('suggest.fromGit', what));
  if (s.reverts) lines.push(msg('suggest.reverts', s.reverts.slice(0, 12)));
  if (s.subjects.length > 1 || s.pullRequest !== null) lines.push(s.subjects.map((t) => `- ${t.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`)}`).join('\n'));
  return lines.join('\n\n');
}

/** The field values `impactLog.log` gets for an accepted suggestion (kind, title, links, occurredAt, details). */
export function suggestionLogFields(s: Suggestion, overrides: { title?: string } = {}): Record<string, unknown> {
  return {
    title: overrides.title ?? s.title,
    occurredAt: s.occurredAt,
    links: s.links.map((l) => ({ ...l })),
    details: suggestionDetails(s),
  };
}

/** The answer a `Revert` suggestion gives the reverted entry's follow-up: the revert's link as evidence, else its sha in the note. */
export function revertAnswerOf(s: Pick<Suggestion, 'headSha' | 'links' | 'title'>): { evidence?: string; note?: string } {
  const link = s.links[0]?.url;
  if (link) return { evidence: link };
  return { note: msg('suggest.revertedBy', s.headSha, s.title.slice(0, 200)) };
}

/** The context an accepted suggestion's entry records: repository, branch, the commit. */
export function suggestionContext(s: Suggestion): { repo: string; commit: string; branch?: string } {
  return { repo: s.repoName.slice(0, 300), commit: s.headSha, ...(s.branch ? { branch: s.branch.slice(0, 200) } : {}) };
}
