import { stringify } from 'csv-stringify/sync';
import { type Entry, KIND_IDS, KINDS, localDate } from '../domain';
import { answersByEntry, type FollowUp, latestAnswer } from '../domain/followUps';
import { restoreDirectionControls, showDirectionControls } from './escape';
import { longTextKeys, omitSet } from './omit';

/**
 * The CSV export: one row per entry, RFC 4180 (comma, CRLF between records, fields with commas,
 * quotes or line breaks quoted, quotes doubled), UTF-8 with a byte-order mark so spreadsheets read
 * emoji and accents correctly. A text cell that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return, possibly after spaces or quotes) gets a leading `'`,
 * and a character that changes the text's direction shows as `<U+202E>`; `unguardCell` undoes both. Columns are documented in docs/EXPORT.md.
 */

const COMMON = ['id', 'kind', 'title', 'date', 'occurredAt', 'impact', 'tags', 'links', 'details'] as const;
const CONTEXT = ['workspaceFolder', 'repo', 'branch', 'commit', 'file', 'startLine', 'endLine', 'source'] as const;
const TIMES = ['createdAt', 'updatedAt', 'deletedAt'] as const;
/** The entry's latest follow-up answer (latest checkpoint, then latest answer); empty when none. */
const FOLLOW_UP = ['followUpOutcome', 'followUpCheckpoint', 'followUpAnsweredAt'] as const;

/** Kind-specific columns: the union of every kind's fields, in registry order (a field shared by kinds is one column). */
export function kindFieldColumns(): string[] {
  const out: string[] = [];
  for (const k of KIND_IDS) for (const f of KINDS[k].fields) if (!out.includes(f.key)) out.push(f.key);
  return out;
}

/** All columns, minus those the `omit` list leaves out. */
export function csvColumns(omit: readonly string[] = []): string[] {
  const o = omitSet(omit);
  const longText = new Set(o.details ? KIND_IDS.flatMap((k) => longTextKeys(k)) : []);
  return [
    ...COMMON.filter((c) => !(c === 'tags' && o.tags) && !(c === 'links' && o.links) && !(c === 'details' && o.details)),
    ...kindFieldColumns().filter((c) => !longText.has(c)),
    ...CONTEXT.filter((c) => !o.context.has(c)),
    ...FOLLOW_UP,
    ...TIMES,
  ];
}

const TRIGGER = /^['\s]*[=+\-@\t\r]/;

/** Neutralises a text cell a spreadsheet would evaluate (`=cmd()` becomes `'=cmd()`). */
export function guardCell(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/** The inverse of a text cell's guards (`guardCell`, and direction controls shown as `<U+202E>`): the text as the user typed it. */
export function unguardCell(cell: string): string {
  return restoreDirectionControls(cell.startsWith("'") && TRIGGER.test(cell.slice(1)) ? cell.slice(1) : cell);
}

function cellOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return guardCell(showDirectionControls(typeof value === 'string' ? value : JSON.stringify(value)));
}

function rowOf(e: Entry, columns: readonly string[], latest: FollowUp | undefined): string[] {
  const fields = e.fields as Record<string, unknown>;
  const ctx = e.context as Record<string, unknown>;
  const common: Record<string, unknown> = {
    id: e.id,
    kind: e.kind,
    title: e.title,
    date: localDate(Date.parse(e.occurredAt)),
    occurredAt: e.occurredAt,
    impact: e.impact,
    // Tags cannot contain commas; URLs go one per line (labels are in the JSON export).
    tags: e.tags.join(', '),
    links: e.links.map((l) => l.url).join('\n'),
    details: e.details,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    deletedAt: e.deletedAt,
    followUpOutcome: latest?.outcome,
    followUpCheckpoint: latest?.checkpoint,
    followUpAnsweredAt: latest?.answeredAt,
  };
  return columns.map((c) => cellOf(c in common ? common[c] : (CONTEXT as readonly string[]).includes(c) ? ctx[c] : fields[c]));
}

export interface CsvOptions {
  readonly omit?: readonly string[] | undefined;
  /** Byte-order mark for spreadsheets (default true). */
  readonly bom?: boolean;
  /** Follow-up answers; each row gets its entry's latest. */
  readonly followUps?: readonly FollowUp[] | undefined;
}

export function entriesToCsv(entries: readonly Entry[], opts: CsvOptions = {}): string {
  const columns = csvColumns(opts.omit);
  const latest = new Map([...answersByEntry(opts.followUps ?? [])].map(([id, list]) => [id, latestAnswer(list)]));
  return stringify([columns, ...entries.map((e) => rowOf(e, columns, latest.get(e.id)))], {
    record_delimiter: 'windows',
    bom: opts.bom ?? true,
    // Quote a field only when RFC 4180 requires it (comma, quote, CR or LF).
    quoted_match: /[\r\n]/,
  });
}
