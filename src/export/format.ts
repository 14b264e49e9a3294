import { type Entry, type FieldDef, isoMs, KINDS, localDate, type Link } from '../domain';

/** Plain-text formatting shared by the renderers (no Markdown here: callers escape). */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-09-14 15:30` in the user's time zone; just the date when the time is midnight. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const date = localDate(d.getTime());
  return d.getHours() === 0 && d.getMinutes() === 0 ? date : `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const entryDate = (e: Pick<Entry, 'occurredAt'>): string => localDate(isoMs(e.occurredAt));

const trim1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** A duration for people: `45 min`, `5.5 hours`, `2.5 days`. */
export function formatDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 24) return `${trim1(hours)} hours`;
  const days = trim1(hours / 24);
  return `${days} ${days === '1' ? 'day' : 'days'}`;
}

export const formatMinutes = (m: number): string => formatDuration(m * 60_000);

/**
 * A short label for an evidence link when the user gave none: `PR #4412`, `issue #12`, `MR !7`,
 * `ABC-123`, else the host and the start of the path.
 */
export function linkLabel(link: Link): string {
  if (link.label) return link.label;
  let u: URL;
  try {
    u = new URL(link.url);
  } catch {
    return link.url;
  }
  const path = u.pathname;
  let m = /\/pull\/(\d+)/.exec(path);
  if (m) return `PR #${m[1]}`;
  m = /\/-\/merge_requests\/(\d+)/.exec(path);
  if (m) return `MR !${m[1]}`;
  m = /\/(?:-\/)?issues\/(\d+)/.exec(path);
  if (m) return `issue #${m[1]}`;
  m = /\/browse\/([A-Z][A-Z0-9]+-\d+)/.exec(path);
  if (m) return m[1]!;
  m = /\/commit\/([0-9a-f]{7})[0-9a-f]*/i.exec(path);
  if (m) return `commit ${m[1]}`;
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

/** A field's label for reading, from the prompt's label without its hints: "Identified at (YYYY-MM-DD…)" -> "Identified at". */
export function fieldLabel(def: FieldDef): string {
  return def.label.replace(/\s*\(.*\)\s*$/, '').replace(/\?$/, '');
}

/** A kind field's value for reading, or undefined when it is not set. */
export function fieldText(def: FieldDef, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (def.type) {
    case 'boolean':
      return value === true ? 'yes' : 'no';
    case 'moment':
      return typeof value === 'string' ? localDateTime(value) : undefined;
    case 'integer':
      return typeof value === 'number' ? String(value) : undefined;
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
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
  if (c.workspaceFolder) parts.push(`folder ${c.workspaceFolder}`);
  if (c.repo) parts.push(`repo ${c.repo}`);
  if (c.branch) parts.push(`branch ${c.branch}`);
  if (c.commit) parts.push(`commit ${c.commit.slice(0, 12)}`);
  if (c.file) {
    const lines = c.startLine ? (c.endLine && c.endLine !== c.startLine ? `:${c.startLine}-${c.endLine}` : `:${c.startLine}`) : '';
    parts.push(`${c.file}${lines}`);
  }
  return parts;
}
