import { type Entry, type FieldDef, KINDS } from '../../domain';
import { answerWords, choiceWord, type DateStyle, displayDateTime, displayShortDate, fieldLabel, fieldText, formatDate, VALUE_WORDS } from '../../domain/format';
import { escapeInline, markdownLink, showDirectionControls as visible } from '../../export/escape';
import { linkLabel } from '../../export/format';
import { msg } from '../../domain/messages';

/**
 * The words the timeline shows for an entry, as plain data (no `vscode` here, so it is unit
 * tested in Node): the one-line description beside the title and the facts of the tooltip.
 */

const DESCRIPTION_TAGS = 3;

/** Short date for entries outside Today/Yesterday, e.g. "Mon 3 Nov" or "3 Nov 2024" for another year. */
export function shortDate(t: number, now: number, style: DateStyle): string {
  return displayShortDate(t, now, style);
}

/** The row's label: the title, with any direction control shown as `<U+202E>` (it could reorder the row). */
export function entryLabel(e: Pick<Entry, 'title'>): string {
  return visible(e.title);
}

/**
 * One line beside the title: the kind in words (the row's icon is not the only sign of it), the
 * verdict or severity, the impact and the first tags, e.g. `AI assist · discarded · high impact · #auth #sql`.
 */
export function entryDescription(e: Entry, opts: { date?: string } = {}): string {
  const parts: string[] = [];
  if (opts.date) parts.push(opts.date);
  parts.push(KINDS[e.kind].label);
  const f = e.fields as Record<string, unknown>;
  if (typeof f.verdict === 'string') parts.push(choiceWord(f.verdict));
  if (typeof f.severity === 'string') parts.push(choiceWord(f.severity));
  if (e.kind === 'incident' && f.role === 'caused') parts.push('caused');
  if (f.customerVisible === true) parts.push(VALUE_WORDS.customerVisible(true)!);
  if (e.impact) parts.push(VALUE_WORDS.impact(e.impact)!);
  if (e.tags.length > 0) {
    const shown = e.tags.slice(0, DESCRIPTION_TAGS).map((t) => `#${visible(t)}`);
    if (e.tags.length > DESCRIPTION_TAGS) shown.push(`+${e.tags.length - DESCRIPTION_TAGS}`);
    parts.push(shown.join(' '));
  }
  return parts.join(' · ');
}

/**
 * What a screen reader says for an entry's row: the kind, the title, the date and the outcome in
 * words (verdict, severity, role, customer-visible, impact, tags, links), e.g.
 * `Bug caught in review: SQL built by string concatenation, 30 Nov 2026, 14:30, critical severity, security, teammate's code`.
 */
export function entryAccessibleLabel(e: Entry, style: DateStyle): string {
  const f = e.fields as Record<string, unknown>;
  const words = answerWords(e.kind, { ...f, tags: e.tags.map(visible), links: e.links, impact: e.impact ?? undefined }).map(visible);
  if (e.kind === 'ai-assist' && typeof f.verdict !== 'string') words.unshift(msg('ui.noVerdict'));
  return [`${KINDS[e.kind].label}: ${entryLabel(e)}`, displayDateTime(Date.parse(e.occurredAt), style), ...words].join(', ');
}

/** What a screen reader says for a group row: `Today, 3 entries` (not a bare "Today, 3"). */
export const groupAccessibleLabel = (label: string, count: number): string => (count === 1 ? msg('ui.group.one', label) : msg('ui.group.many', label, count));

/** A kind field's value in words (dates in the display style), or undefined when it is not set. */
export function fieldValue(def: FieldDef, value: unknown, style: DateStyle): string | undefined {
  const text = fieldText(def, value, (t) => displayDateTime(t, style));
  return text === undefined ? undefined : visible(text);
}

export interface EntryFacts {
  readonly kindLabel: string;
  readonly codicon: string;
  readonly when: string;
  readonly title: string;
  /** Kind fields that are set, in the kind's prompt order. */
  readonly fields: readonly { label: string; value: string }[];
  readonly impact: string | undefined;
  readonly details: string;
  readonly links: readonly { url: string; label: string | undefined }[];
  readonly tags: readonly string[];
  /** "repo · branch · file:12–20", when captured. */
  readonly where: string | undefined;
  /** "Logged from the chat" for an entry the chat tool wrote. */
  readonly origin: string | undefined;
}

/** Looks an entry up by id (the store's `get`), to name an entry another one links to. */
export type EntryLookup = (id: string) => Entry | undefined;

/** An incident's "Which change caused it?" in words: the change's title and date, not its id. */
export function linkedEntryText(id: string, lookup: EntryLookup, style: DateStyle): string {
  const linked = lookup(id);
  if (!linked) return msg('ui.linkedGone');
  const when = displayDateTime(Date.parse(linked.occurredAt), style);
  return linked.deletedAt === null ? msg('ui.linked', visible(linked.title), when) : msg('ui.linkedDeleted', visible(linked.title), when);
}

/**
 * Everything the tooltip shows, in plain text; the tooltip escapes it. Long details are cut. User
 * text shows direction controls as `<U+202E>`. With `lookup`, a field that links to another entry
 * (an incident's causedBy) shows that entry's title and date instead of its id.
 */
export function entryFacts(e: Entry, style: DateStyle, detailsMax = 1500, lookup?: EntryLookup): EntryFacts {
  const kind = KINDS[e.kind];
  const values = e.fields as Record<string, unknown>;
  const fields: { label: string; value: string }[] = [];
  for (const def of kind.fields) {
    const raw = values[def.key];
    const v = 'pick' in def && def.pick === 'shippedChange' && typeof raw === 'string' && lookup ? linkedEntryText(raw, lookup, style) : fieldValue(def, raw, style);
    if (v !== undefined) fields.push({ label: fieldLabel(def), value: v });
  }
  const c = e.context;
  const file = c.file ? `${c.file}${c.startLine ? `:${c.startLine}${c.endLine && c.endLine !== c.startLine ? `–${c.endLine}` : ''}` : ''}` : undefined;
  const where = [c.workspaceFolder, c.repo, c.branch, file].filter((p): p is string => typeof p === 'string' && p !== '').map(visible);
  const details = e.details.length > detailsMax ? `${e.details.slice(0, detailsMax).trimEnd()}…` : e.details;
  return {
    kindLabel: kind.label,
    codicon: kind.codicon,
    when: displayDateTime(Date.parse(e.occurredAt), style),
    title: visible(e.title),
    fields,
    impact: e.impact ?? undefined,
    details: visible(details),
    links: e.links.map((l) => ({ url: l.url, label: l.label === undefined ? undefined : visible(l.label) })),
    tags: e.tags.map(visible),
    where: where.length > 0 ? where.join(' · ') : undefined,
    origin: c.source === 'chat' ? msg('ui.loggedFromChat') : undefined,
  };
}

/** Only web links may be opened from the timeline. */
export function isWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The argument for `impactLog.log` that starts a follow-up: the original's tags and a reference to it, no title (so the user is asked). */
export function followUpArgument(entry: Entry): { tags: string[]; details: string } {
  const when = formatDate(Date.parse(entry.occurredAt));
  const lines = [msg('ui.followUpTo', escapeInline(entry.title), when, entry.id)];
  const evidence = entry.links.filter((l) => isWebLink(l.url)).map((l) => markdownLink(linkLabel(l), l.url));
  if (evidence.length > 0) lines.push(msg('ui.itsEvidence', evidence.join(', ')));
  return { tags: [...entry.tags], details: lines.join('\n\n') };
}
