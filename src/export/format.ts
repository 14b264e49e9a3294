import { type Entry, type FieldDef, isoMs, KINDS, type Link } from '../domain';
import { msg } from '../domain/messages';
import { type DateStyle, displayDate, fieldLabel, fieldText, formatDate, formatDuration, formatIsoMoment, formatMinutes } from '../domain/format';

/** Plain-text formatting shared by the renderers (no Markdown here: callers escape). */

/** When an entry happened, in the document style: `2026-09-14 15:30`, or just the date at midnight. */
export const localDateTime = (iso: string): string => formatIsoMoment(iso);

export const entryDate = (e: Pick<Entry, 'occurredAt'>): string => formatDate(isoMs(e.occurredAt));

/** An entry's day in a summary a person reads: in the locale given (`14 Sept 2026`, `14.09.2026`), else the document style (`2026-09-14`). */
export type EntryDay = (e: Pick<Entry, 'occurredAt'>) => string;
export const entryDayIn = (style: DateStyle | undefined): EntryDay => (style ? (e) => displayDate(isoMs(e.occurredAt), style) : entryDate);

// Durations and labels are formatted in src/domain/format.ts, like every date and time.
export { fieldLabel, fieldText, formatDuration, formatMinutes };

/**
 * A short label for an evidence link when the user gave none: `PR #4412`, `issue #12`, `MR !7`,
 * `ABC-123`, else the host and the start of the path.
 */
export function linkLabel(link: Link, parsed?: URL | null): string {
  if (link.label) return link.label;
  let u: URL;
  try {
    // `parsed`: the caller's parse of `link.url` (null when it did not parse), so a link is parsed once.
    const p = parsed === undefined ? new URL(link.url) : parsed;
    if (p === null) return link.url;
    u = p;
  } catch {
    return link.url;
  }
  const path = u.pathname;
  let m = /\/pull\/(\d+)/.exec(path);
  if (m) return msg('link.pr', m[1]!);
  m = /\/-\/merge_requests\/(\d+)/.exec(path);
  if (m) return msg('link.mr', m[1]!);
  m = /\/(?:-\/)?issues\/(\d+)/.exec(path);
  if (m) return msg('link.issue', m[1]!);
  m = /\/browse\/([A-Z][A-Z0-9]+-\d+)/.exec(path);
  if (m) return m[1]!;
  m = /\/commit\/([0-9a-f]{7})[0-9a-f]*/i.exec(path);
  if (m) return msg('link.commit', m[1]!);
  const host = u.hostname.replace(/^www\./, '');
  const rest = decodeURIComponentSafe(path.replace(/\/+$/, ''));
  const short = rest.length > 40 ? `${rest.slice(0, 39)}…` : rest;
  return `${host}${short}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The kind's field definitions with the entry's values, in prompt order, only those set. */
export function kindFieldValues(e: Entry): { def: FieldDef; text: string; raw: unknown }[] {
  const fields = e.fields as Record<string, unknown>;
  const out: { def: FieldDef; text: string; raw: unknown }[] = [];
  for (const def of KINDS[e.kind].fields) {
    const text = fieldText(def, fields[def.key]);
    if (text !== undefined) out.push({ def, text, raw: fields[def.key] });
  }
  return out;
}

/** Context as readable parts: `repo acme/shop`, `branch main`, `commit 1a2b3c4`, `src/a.ts:10-20`. */
export function contextParts(e: Pick<Entry, 'context'>): string[] {
  const c = e.context;
  const parts: string[] = [];
  if (c.workspaceFolder) parts.push(msg('context.folder', c.workspaceFolder));
  if (c.repo) parts.push(msg('context.repo', c.repo));
  if (c.branch) parts.push(msg('context.branch', c.branch));
  if (c.commit) parts.push(msg('context.commit', c.commit.slice(0, 12)));
  if (c.file) {
    const lines = c.startLine ? (c.endLine && c.endLine !== c.startLine ? `:${c.startLine}-${c.endLine}` : `:${c.startLine}`) : '';
    parts.push(`${c.file}${lines}`);
  }
  return parts;
}
