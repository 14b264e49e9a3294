import { KINDS } from '../domain';
import type { FollowUpStats, FollowUpSummary, OutcomeCounts } from '../domain/followUpSummary';
import { OUTCOME_WORDS, type Outcome } from '../domain/followUps';
import { escapeInline, markdownLink } from './escape';
import { entryDate, type EntryDay, linkLabel } from './format';
import type { OmitSet } from './omit';
import { msg } from '../domain/messages';
import { inSentence } from '../domain/flow';

/**
 * The summary's follow-up figures and its list of changes that did not hold. Wording: outcomes
 * with their counts and denominators ("3 of 4 followed up (1 reverted, 0 unknown); 1 not followed
 * up yet"), `unknown` and "not followed up yet" always shown; never a rate or a score.
 */

const parts = (c: OutcomeCounts, shown: readonly Outcome[]): string => {
  const list = shown.filter((o) => c.byOutcome[o] > 0).map((o) => `${c.byOutcome[o]} ${OUTCOME_WORDS[o].counted}`);
  list.push(msg('followUp.nUnknown', c.byOutcome.unknown));
  return list.join(', ');
};
const notYet = (n: number) => msg('followUp.notYet', n);

/** "3 of 4 followed up (1 reverted, 0 unknown); 1 not followed up yet": `counted` of those followed up. */
function ofFollowedUp(c: OutcomeCounts | undefined, counted: readonly Outcome[], others: readonly Outcome[]): string {
  if (!c) return '';
  if (c.total === 0) return '—';
  const n = counted.reduce((sum, o) => sum + c.byOutcome[o], 0);
  return msg('followUp.ofFollowedUp', n, c.followedUp, parts(c, others), notYet(c.notYet));
}

interface FollowUpRow {
  /** Read when shown: the table is the user's language only once the core has started. */
  readonly label: (f: FollowUpSummary) => string;
  readonly value: (s: FollowUpStats) => string;
  readonly shown: (s: FollowUpStats) => boolean;
}

const NOT_HELD: readonly Outcome[] = ['reverted', 'caused-incident', 'superseded'];

const ROWS: readonly FollowUpRow[] = [
  { label: () => msg('followUp.row.held', KINDS.shipped.plural), shown: (s) => s.shipped !== undefined, value: (s) => ofFollowedUp(s.shipped, ['held'], NOT_HELD) },
  {
    label: () => msg('followUp.row.causedIncident'),
    shown: (s) => s.causedIncident !== undefined,
    value: (s) => {
      const c = s.causedIncident!;
      return c.total === 0 ? '—' : msg('followUp.row.causedOf', c.count, c.total, notYet(c.notYet));
    },
  },
  {
    label: (f) => msg('followUp.row.fixesHeldAt', f.current.fixes!.checkpoint),
    shown: (s) => s.fixes !== undefined,
    value: (s) => ofFollowedUp(s.fixes?.counts, ['held'], NOT_HELD),
  },
  { label: () => msg('followUp.row.keptAiRework'), shown: (s) => s.keptAi !== undefined, value: (s) => ofFollowedUp(s.keptAi, ['reverted', 'caused-incident'], ['held', 'superseded']) },
];

/** The follow-up rows of "At a glance": label, this period, previous period. */
export function followUpRows(f: FollowUpSummary | undefined): { label: string; current: string; before: string }[] {
  if (!f) return [];
  return ROWS.filter((r) => r.shown(f.current)).map((r) => ({
    label: r.label(f),
    current: r.value(f.current),
    before: r.value(f.before),
  }));
}

/** "## Changes that did not hold": each reverted change or change that caused an incident, with its evidence. */
export function notHeldSection(f: FollowUpSummary | undefined, o: OmitSet, day: EntryDay = entryDate): string[] {
  if (!f) return [];
  const answered = [f.current.shipped, f.current.fixes?.counts, f.current.keptAi].some((c) => c !== undefined && c.followedUp > 0);
  if (!answered) return [];
  const out = [`## ${msg('summary.notHeld')}`, ''];
  if (f.notHeld.length === 0) {
    out.push(msg('followUp.notHeld.none'));
    return out;
  }
  out.push(msg('followUp.notHeld.from'), '');
  for (const n of f.notHeld) {
    const what = msg(n.answer.outcome === 'reverted' ? 'followUp.notHeld.reverted' : 'followUp.notHeld.causedIncident', n.answer.checkpoint);
    const kind = n.entry.kind === 'ai-assist' ? msg('followUp.notHeld.keptAi') : inSentence(KINDS[n.entry.kind].label);
    const bits = [escapeInline(n.entry.title), kind, what];
    if (n.incident) bits.push(msg('followUp.notHeld.incident', escapeInline(n.incident.title), day(n.incident)));
    if (!o.links && n.answer.evidence) bits.push(markdownLink(msg('followUp.notHeld.evidence'), n.answer.evidence));
    if (!o.links && n.incident) for (const l of n.incident.links) bits.push(markdownLink(linkLabel(l), l.url));
    const line = `- ${day(n.entry)} — ${bits.join(' · ')}`;
    out.push(!o.details && n.answer.note ? `${line}\\\n  ${msg('followUp.notHeld.note', escapeInline(n.answer.note))}` : line);
  }
  return out;
}
