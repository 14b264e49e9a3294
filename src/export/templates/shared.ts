import { type Entry, isoMs, KINDS, localDate } from '../../domain';
import type { Summary } from '../../domain/summary';
import { escapeInline, escapeLineStart, markdownLink } from '../escape';
import { formatDuration, formatMinutes, linkLabel } from '../format';
import { followUpRows, notHeldSection } from '../followUpsMarkdown';
import { blankOmitted, omitSet, type OmitSet } from '../omit';

/**
 * Pieces the built-in templates share. They write Markdown (every piece of user text through
 * `escapeInline`); the plain-text format is the same document read back by a Markdown parser
 * (plainText.ts), so both formats say the same thing.
 */

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The parts joined with ` · `, empty ones left out. */
export const list = (parts: readonly string[]) => parts.filter((p) => p !== '').join(' · ');

export const entryDate = (e: Pick<Entry, 'occurredAt'>): string => localDate(isoMs(e.occurredAt));

/**
 * The facts worth showing after a title, per kind, in reading order, as plain (unescaped) text:
 * the same facts the impact summary shows beside its bullets.
 */
export function factsOf(e: Entry): string[] {
  switch (e.kind) {
    case 'problem': {
      const f = e.fields;
      const ttf = f.identifiedAt && f.resolvedAt ? `fixed in ${formatDuration(isoMs(f.resolvedAt) - isoMs(f.identifiedAt))}` : '';
      const ai = f.aiInvolvement === 'assisted' ? 'AI-assisted' : f.aiInvolvement === 'ai-led' ? 'AI-led, verified by you' : '';
      return [f.customerVisible ? 'customer-visible' : '', ttf, ai].filter((x) => x !== '');
    }
    case 'shipped':
      return [e.fields.customerVisible ? 'customer-visible' : '', e.fields.release ? `release ${e.fields.release}` : ''].filter((x) => x !== '');
    case 'review-catch': {
      const f = e.fields;
      const author = f.author === 'teammate' ? "teammate's code" : f.author === 'own' ? 'own code' : f.author === 'ai-generated' ? 'AI-generated code' : '';
      return [f.severity ?? '', f.category ?? '', author, f.wouldReachProduction ? 'would have reached production' : ''].filter((x) => x !== '');
    }
    case 'incident': {
      const f = e.fields;
      return [f.role === 'caused' ? 'caused and fixed by you' : (f.role ?? ''), f.severity ?? '', f.minutesToMitigate !== undefined ? `mitigated in ${formatMinutes(f.minutesToMitigate)}` : ''].filter(
        (x) => x !== '',
      );
    }
    case 'ai-assist': {
      const f = e.fields;
      return [f.verdict ?? 'no verdict', f.reason ?? '', f.tool ?? '', f.rework ? 'needed rework later' : ''].filter((x) => x !== '');
    }
    case 'note':
      return e.fields.category ? [e.fields.category] : [];
  }
}

export const impactText = (e: Entry) => (e.impact ? `${e.impact} impact` : '');

/** What one rendering needs: the omit settings, and the entry as shown (omitted parts blanked). */
export interface Ctx {
  readonly summary: Summary;
  readonly omit: OmitSet;
  show(e: Entry): Entry;
}

export function context(summary: Summary, omit: readonly string[]): Ctx {
  const o = omitSet(omit);
  return { summary, omit: o, show: o.list.length === 0 ? (e) => e : (e) => blankOmitted(e, o) };
}

export const mdLinks = (e: Entry) => e.links.map((l) => markdownLink(linkLabel(l), l.url)).join(', ');

/** A dated bullet: `- 2026-09-14 — Title · facts · impact · links`, with the value or follow-up on a second line. */
export function mdBullet(raw: Entry, c: Ctx, opts: { kind?: boolean } = {}): string {
  const e = c.show(raw);
  const line = `- ${entryDate(e)} — ${list([escapeInline(e.title), opts.kind ? KINDS[e.kind].label : '', ...factsOf(e).map(escapeInline), impactText(e), mdLinks(e)])}`;
  const second =
    e.kind === 'problem' && e.fields.value ? `Value: ${escapeInline(e.fields.value)}` : e.kind === 'incident' && e.fields.followUp ? `Follow-up: ${escapeInline(e.fields.followUp)}` : '';
  return second ? `${line}\\\n  ${second}` : line;
}

/** `# Heading — period`, the intro, and the note on omitted fields. */
export function mdHeader(title: string, c: Ctx, about: string): string[] {
  const s = c.summary;
  const generated = localDate(Date.parse(s.generatedAt));
  const intro =
    s.entries.length === 0
      ? `Generated ${generated}. There are no entries in this period in your Impact Log.`
      : `Generated ${generated} from ${plural(s.entries.length, 'entry', 'entries')} in your private Impact Log. ${about} Everything below comes from your own entries; nothing is generated. It counts outcomes, not activity: no tokens, lines of code or hours appear as achievements.`;
  const omitted = c.omit.list.length > 0 ? ['', `Left out of this export by your settings: ${c.omit.list.join(', ')}.`] : [];
  return [`# ${title} — ${escapeInline(s.period.label)}`, '', intro, ...omitted];
}

/**
 * "Needs evidence before you share this": the outcomes and highlights without an evidence link
 * (the summary's list), after any template-specific lines (`extra`, already Markdown).
 */
export function mdNeedsEvidence(c: Ctx, extra: readonly string[] = []): string[] {
  const s = c.summary;
  const out = ['## Needs evidence before you share this', ''];
  if (extra.length > 0) out.push(...extra, '');
  if (c.omit.links) {
    out.push('Links are left out of this export (setting impactLog.export.omitFields), so evidence is not checked here.');
  } else if (s.needsEvidence.length === 0) {
    out.push('Every outcome in this period has at least one evidence link.');
  } else {
    out.push(
      `${plural(s.needsEvidence.length, 'entry has', 'entries have')} no evidence link. Add a pull request, issue, dashboard or document with Impact Log: Edit Entry before you share this:`,
      '',
    );
    for (const e of s.needsEvidence) out.push(`- ${escapeLineStart(escapeInline(e.title))} (${entryDate(e)}, ${KINDS[e.kind].label.toLowerCase()})`);
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
    return rest > 0 ? `${shown.join(', ')} and ${plural(rest, 'other reason')}` : shown.join(', ');
  };
  const out = [
    `Of ${plural(a.total, 'AI assist')}, ${a.accepted} ${a.accepted === 1 ? 'was' : 'were'} kept as proposed, ${a.adapted} kept after changes and ${a.discarded} discarded${a.notRecorded > 0 ? `; ${a.notRecorded} ${a.notRecorded === 1 ? 'has' : 'have'} no verdict recorded` : ''}.`,
  ];
  if (a.discarded > 0) {
    const reasons = a.discardReasons.length > 0 ? counted(a.discardReasons, 5) : '';
    const without = a.discardsWithoutReason > 0 ? `${a.discardsWithoutReason} without a reason` : '';
    out.push(`Reasons for discarding (${plural(a.discarded, 'discard')}): ${[reasons, without].filter((x) => x !== '').join('; ')}.`);
  }
  if (a.adaptReasons.length > 0) out.push(`Reasons for adapting: ${counted(a.adaptReasons, 5)}.`);
  if (a.keptReworkRecorded > 0) out.push(`Of ${plural(a.keptReworkRecorded, 'kept assist')} with rework recorded, ${a.keptNeedingRework} needed rework later.`);
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
    '## Did it hold? (your follow-ups)',
    '',
    ...rows.map((r) => `- ${r.label}: ${r.current}${compare ? ` (previous period: ${r.before})` : ''}`),
  ];
  return [figures, notHeldSection(s.followUps, c.omit)];
}
