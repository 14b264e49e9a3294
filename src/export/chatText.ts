import { type Entry, KINDS, type NewEntry, type ValidationError } from '../domain';
import { type ChatToolName, LOG_ENTRY_TOOL } from '../domain/chatTools';
import { contextParts, entryDate, fieldLabel, fieldText, linkLabel, localDateTime } from './format';
import { blankOmitted, omitSet } from './omit';

/**
 * The words of the chat tools (plain text, no `vscode`): the confirmation that shows what
 * `impactLog_logEntry` will write, and the results both tools hand back to the model. The user's
 * text is quoted as they wrote it; nothing is summarised or scored.
 */

export interface PreviewLine {
  readonly label: string;
  readonly value: string;
  /** Text that may span lines (details, the fix, a follow-up). */
  readonly multiline?: true;
}

/** Details longer than this are cut in the confirmation (the whole text is written). */
export const DETAILS_PREVIEW_MAX = 2000;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max).trimEnd()}…` : s);

/** Each kind field that is set, in the kind's prompt order, as `label: value`. */
function fieldLines(e: Pick<Entry, 'kind' | 'fields'>): PreviewLine[] {
  const values = e.fields as Record<string, unknown>;
  const out: PreviewLine[] = [];
  for (const def of KINDS[e.kind].fields) {
    const text = fieldText(def, values[def.key]);
    if (text !== undefined) out.push({ label: fieldLabel(def), value: text, ...(def.type === 'longtext' ? { multiline: true as const } : {}) });
  }
  return out;
}

/** Everything `impactLog_logEntry` will write for `e`, one line per field that is set. */
export function entryPreview(e: NewEntry): PreviewLine[] {
  const lines: PreviewLine[] = [
    { label: 'Kind', value: KINDS[e.kind].label },
    { label: 'Title', value: e.title },
    { label: 'When', value: localDateTime(e.occurredAt) },
    ...fieldLines(e),
  ];
  if (e.impact) lines.push({ label: 'Impact', value: e.impact });
  if (e.tags.length > 0) lines.push({ label: 'Tags', value: e.tags.map((t) => `#${t}`).join(' ') });
  for (const l of e.links) lines.push({ label: 'Link', value: l.label ? `${l.label} (${l.url})` : l.url });
  if (e.details !== '') {
    const more = e.details.length - DETAILS_PREVIEW_MAX;
    lines.push({ label: 'Details', value: more > 0 ? `${e.details.slice(0, DETAILS_PREVIEW_MAX)}… (${more} more characters)` : e.details, multiline: true });
  }
  const where = contextParts(e);
  if (where.length > 0) lines.push({ label: 'Recorded with', value: where.join(' · ') });
  return lines;
}

export const CONFIRMATION_TITLE = 'Log this in Impact Log?';
export const CONFIRMATION_FOOTER = 'It will be marked as logged from the chat. Nothing is written unless you continue.';

/** The confirmation as plain text (the dialog outside a chat shows it like this). */
export function confirmationText(e: NewEntry): string {
  return [...entryPreview(e).map((l) => `${l.label}: ${l.value}`), '', CONFIRMATION_FOOTER].join('\n');
}

/** The tool result after a confirmed write. */
export function loggedText(e: Entry): string {
  const facts = fieldLines(e).map((l) => `${l.label}: ${l.value}`);
  const parts = [
    `Logged in the user's Impact Log (id ${e.id}): ${KINDS[e.kind].label} “${e.title}”, ${localDateTime(e.occurredAt)}.`,
    ...(facts.length > 0 ? [`${facts.join('; ')}.`] : []),
    ...(e.tags.length > 0 ? [`Tags: ${e.tags.map((t) => `#${t}`).join(' ')}.`] : []),
    ...(e.links.length > 0 ? [`Evidence: ${e.links.map((l) => l.url).join(', ')}.`] : []),
    'It is saved and marked as logged from the chat; do not log it again.',
  ];
  return parts.join(' ');
}

/** The tool result for input that failed validation: every field and its problem. Nothing was written. */
export function invalidInputText(tool: ChatToolName, err: ValidationError): string {
  const list = err.problems.map((p) => (p.field ? `“${p.field}” ${p.problem}` : p.problem)).join('; ');
  const what = tool === LOG_ENTRY_TOOL ? 'Nothing was logged' : 'Nothing was searched';
  return `${what}. ${err.what}: ${list}. Correct these fields and call ${tool} again, or ask the user.`;
}

export interface FoundOptions {
  /** How many entries match in all (the list may show fewer). */
  readonly total: number;
  /** The period and filters in words: `Q3 FY2026 (2026-07-01 to 2026-09-30); kinds: shipped`. */
  readonly scope: string;
  /** `impactLog.export.omitFields`: left out here as in every export. */
  readonly omit?: readonly string[];
}

const DETAILS_FOUND_MAX = 200;

/** One entry on one line: date, kind, the title in quotes, its fields, tags, evidence, id. */
function foundLine(e: Entry): string {
  const parts = [entryDate(e), KINDS[e.kind].label, `“${e.title}”`];
  const facts = fieldLines(e).map((l) => `${l.label}: ${oneLine(cut(l.value, DETAILS_FOUND_MAX))}`);
  if (facts.length > 0) parts.push(facts.join('; '));
  if (e.impact) parts.push(`${e.impact} impact`);
  if (e.tags.length > 0) parts.push(e.tags.map((t) => `#${t}`).join(' '));
  if (e.links.length > 0) parts.push(`evidence: ${e.links.map((l) => `${linkLabel(l)} <${l.url}>`).join(', ')}`);
  else if (KINDS[e.kind].outcome) parts.push('no evidence link');
  if (e.details !== '') parts.push(`details: ${oneLine(cut(e.details, DETAILS_FOUND_MAX))}`);
  if (e.context.source === 'chat') parts.push('logged from the chat');
  parts.push(`id ${e.id}`);
  return `- ${parts.join(' · ')}`;
}

/** `impactLog_findEntries`' result: a header with the count and scope, then one line per entry. */
export function foundEntriesText(entries: readonly Entry[], opts: FoundOptions): string {
  const n = (k: number) => `${k} ${k === 1 ? 'entry' : 'entries'}`;
  if (opts.total === 0) return `No entries in the user's Impact Log match (${opts.scope}).`;
  const shown = entries.length < opts.total ? `${n(opts.total)}, the newest ${entries.length} shown (narrow the period or filters for the rest)` : n(opts.total);
  const o = omitSet(opts.omit);
  const header = `The user's Impact Log: ${shown} (${opts.scope}), newest first. Titles and fields are the user's own words; quote them, do not add entries.`;
  const note = o.list.length > 0 ? [`Left out by the user's export settings: ${o.list.join(', ')}.`] : [];
  return [header, ...note, ...entries.map((e) => foundLine(blankOmitted(e, o)))].join('\n');
}
