import { type Entry, isoMs, KINDS, localDate } from '../../domain';
import type { Summary } from '../../domain/summary';
import { escapeInline, escapeLineStart, markdownLink } from '../escape';
import { type DateStyle } from '../../domain/format';
import { factsOf, impactText } from '../facts';
import { type EntryDay, entryDayIn, linkLabel } from '../format';
import { followUpRows, notHeldSection } from '../followUpsMarkdown';
import { blankOmitted, omitSet, type OmitSet } from '../omit';
import { type MessageKey, msg, msgN } from '../../domain/messages';
import { inSentence } from '../../domain/flow';

/**
 * Pieces the built-in templates share. They write Markdown (every piece of user text through
 * `escapeInline`); the plain-text format is the same document read back by a Markdown parser
 * (plainText.ts), so both formats say the same thing.
 */

/** The sentence for a count from the table: `one` when `n` is 1, else `many` (`{0}` is `n`). */
export const plural = (n: number, one: MessageKey, many: MessageKey, ...args: readonly (string | number)[]) => msgN(n, one, many, ...args);

/** The parts joined with ` · `, empty ones left out. */
export const list = (parts: readonly string[]) => parts.filter((p) => p !== '').join(' · ');

export const entryDate = (e: Pick<Entry, 'occurredAt'>): string => localDate(isoMs(e.occurredAt));

/** The facts after a title and the impact in words, shared with the impact summary (../facts.ts). */
export { factsOf, impactText };

/** What one rendering needs: the omit settings, and the entry as shown (omitted parts blanked). */
export interface Ctx {
  readonly summary: Summary;
  readonly omit: OmitSet;
  show(e: Entry): Entry;
  /** An entry's day as the document shows it: in the user's locale when given, else `2026-09-14`. */
  readonly day: EntryDay;
}

export function context(summary: Summary, omit: readonly string[], dateStyle?: DateStyle): Ctx {
  const o = omitSet(omit);
  return { summary, omit: o, show: o.list.length === 0 ? (e) => e : (e) => blankOmitted(e, o), day: entryDayIn(dateStyle) };
}

export const mdLinks = (e: Entry) => e.links.map((l) => markdownLink(linkLabel(l), l.url)).join(', ');

/** A dated bullet: `- 2026-09-14 — Title · facts · impact · links`, with the value or follow-up on a second line. */
export function mdBullet(raw: Entry, c: Ctx, opts: { kind?: boolean } = {}): string {
  const e = c.show(raw);
  const line = `- ${c.day(e)} — ${list([escapeInline(e.title), opts.kind ? KINDS[e.kind].label : '', ...factsOf(e).map(escapeInline), impactText(e), mdLinks(e)])}`;
  const second =
    e.kind === 'problem' && e.fields.value ? msg('template.value', escapeInline(e.fields.value)) : e.kind === 'incident' && e.fields.followUp ? msg('template.followUp', escapeInline(e.fields.followUp)) : '';
  return second ? `${line}\\\n  ${second}` : line;
}

/** `# Heading — period`, the intro, and the note on omitted fields. */
export function mdHeader(title: string, c: Ctx, about: string): string[] {
  const s = c.summary;
  const generated = c.day({ occurredAt: s.generatedAt });
  const intro =
    s.entries.length === 0
      ? msg('summary.intro.empty', generated)
      : msg(s.entries.length === 1 ? 'template.intro.one' : 'template.intro.many', generated, s.entries.length, about);
  const omitted = c.omit.list.length > 0 ? ['', msg('summary.omitted', c.omit.list.join(', '))] : [];
  return [`# ${msg('template.title', title, escapeInline(s.period.label))}`, '', intro, ...omitted];
}

/**
 * "Needs evidence before you share this": the outcomes and highlights without an evidence link
 * (the summary's list), after any template-specific lines (`extra`, already Markdown).
 */
export function mdNeedsEvidence(c: Ctx, extra: readonly string[] = []): string[] {
  const s = c.summary;
  const out = [`## ${msg('summary.needsEvidence')}`, ''];
  if (extra.length > 0) out.push(...extra, '');
  if (c.omit.links) {
    out.push(msg('summary.evidence.omitted'));
  } else if (s.needsEvidence.length === 0) {
    out.push(msg('summary.evidence.all'));
  } else {
    out.push(plural(s.needsEvidence.length, 'summary.evidence.missingOne', 'summary.evidence.missingMany'), '');
    for (const e of s.needsEvidence) out.push(`- ${escapeLineStart(escapeInline(e.title))} (${c.day(e)}, ${inSentence(KINDS[e.kind].label)})`);
  }
  return out;
}

/** Sections joined by one blank line, each without trailing blank lines; one newline at the end. */
export function joinSections(sections: readonly (readonly string[])[]): string {
  return (
    sections
      .filter((sec) => sec.length > 0)
      .map((sec) => {
        let end = sec.length;
        while (end > 0 && sec[end - 1] === '') end--;
        return sec.slice(0, end).join('\n');
      })
      .join('\n\n') + '\n'
  );
}

/** The AI judgment sentences with their denominators, as the impact summary words them (plain text; reasons are user text). */
export function aiSentences(s: Summary, esc: (t: string) => string): string[] {
  const a = s.current.ai;
  if (a.total === 0) return [];
  const counted = (items: readonly { value: string; count: number }[], max: number) => {
    const shown = items.slice(0, max).map((x) => `${esc(x.value)} (${x.count})`);
    const rest = items.length - shown.length;
    return rest > 0 ? msg(rest === 1 ? 'summary.andOtherReason' : 'summary.andOtherReasons', shown.join(', '), rest) : shown.join(', ');
  };
  const noVerdict = a.notRecorded > 0 ? plural(a.notRecorded, 'summary.ai.noVerdictOne', 'summary.ai.noVerdictMany') : '';
  const out = [msg('summary.ai.verdicts', plural(a.total, 'summary.ai.assist', 'summary.ai.assists'), plural(a.accepted, 'summary.ai.acceptedOne', 'summary.ai.acceptedMany'), a.adapted, a.discarded, noVerdict)];
  if (a.discarded > 0) {
    const reasons = a.discardReasons.length > 0 ? counted(a.discardReasons, 5) : '';
    const without = a.discardsWithoutReason > 0 ? msg('summary.ai.withoutReason', a.discardsWithoutReason) : '';
    out.push(msg('summary.ai.discardReasons', plural(a.discarded, 'summary.ai.discard', 'summary.ai.discards'), [reasons, without].filter((x) => x !== '').join('; ')));
  }
  if (a.adaptReasons.length > 0) out.push(msg('summary.ai.adaptReasons', counted(a.adaptReasons, 5)));
  if (a.keptReworkRecorded > 0) out.push(msg('summary.ai.rework', plural(a.keptReworkRecorded, 'summary.ai.keptAssist', 'summary.ai.keptAssists'), a.keptNeedingRework));
  return out;
}

/**
 * The follow-up figures (the impact summary's "At a glance" rows, each with its denominator and the
 * previous period) and the changes that did not hold, for the templates that have no table: none
 * when follow-ups are off or no row applies.
 */
export function mdFollowUps(c: Ctx): string[][] {
  const s = c.summary;
  const rows = followUpRows(s.followUps);
  if (rows.length === 0) return [];
  const compare = s.before.entries > 0;
  const figures = [
    `## ${msg('template.didItHold')}`,
    '',
    ...rows.map((r) => `- ${r.label}: ${r.current}${compare ? ` ${msg('template.previousPeriod', r.before)}` : ''}`),
  ];
  return [figures, notHeldSection(s.followUps, c.omit)];
}
