import { type Entry, hasEntryShape, IMPACT_LEVELS, KIND_IDS, type NewEntry, parseOrThrow, storedEntrySchema, toIso } from '../domain';
import type { Row, SqlValue } from './engine';
import { msg } from '../domain/messages';

/** Mapping between entries and rows of the `entries` table. */

export const ENTRY_COLUMNS = 'id, kind, title, occurred_at, created_at, updated_at, deleted_at, impact, details, tags, links, context, fields';

export function entryToParams(e: Entry): SqlValue[] {
  return [
    e.id, e.kind, e.title, Date.parse(e.occurredAt), Date.parse(e.createdAt), Date.parse(e.updatedAt),
    e.deletedAt === null ? null : Date.parse(e.deletedAt), e.impact, e.details,
    JSON.stringify(e.tags), JSON.stringify(e.links), JSON.stringify(e.context), JSON.stringify(e.fields),
  ];
}

export function newEntryToEntry(e: NewEntry, id: string, now: number): Entry {
  const iso = toIso(now);
  return { ...e, id, createdAt: iso, updatedAt: iso, deletedAt: null };
}

/** An integer number of ms that `Date` can represent (the only thing the store writes into time columns). */
function isTime(v: unknown): boolean {
  const ms = typeof v === 'bigint' ? Number(v) : v;
  return typeof ms === 'number' && Number.isSafeInteger(ms) && Math.abs(ms) <= 8.64e15;
}

function jsonOf(v: unknown): unknown {
  // Most entries have no links, context or tags: skip the parser for the empty forms.
  if (v === '[]') return [];
  if (v === '{}') return {};
  try {
    return JSON.parse(String(v)) as unknown;
  } catch {
    return v;
  }
}

/** The kinds and impact levels as constants: a row's own copies of these words are garbage at once instead of living as long as the entry. */
const WORDS = new Map<unknown, string>([...KIND_IDS, ...IMPACT_LEVELS].map((w) => [w, w]));
const word = (v: unknown): unknown => WORDS.get(v) ?? v;

/**
 * A row's values (ENTRY_COLUMNS, in order) as an entry-shaped object, keys in the order the full
 * schema outputs them (so exports look the same whichever path ran). A time column that is not a
 * usable time is kept as it is, and `timesOk` says so, for the full schema to name it.
 */
function candidateOf(v: readonly unknown[]): { candidate: Record<string, unknown>; timesOk: boolean } {
  let timesOk = true;
  const iso = (t: unknown): unknown => {
    if (isTime(t)) return toIso(Number(t));
    timesOk = false;
    return t;
  };
  const candidate: Record<string, unknown> = {
    id: v[0],
    kind: word(v[1]),
    title: v[2],
    occurredAt: iso(v[3]),
    details: v[8],
    tags: jsonOf(v[9]),
    links: jsonOf(v[10]),
    impact: word(v[7]),
    context: jsonOf(v[11]),
    fields: jsonOf(v[12]),
    createdAt: iso(v[4]),
    updatedAt: iso(v[5]),
    deletedAt: v[6] === null ? null : iso(v[6]),
  };
  return { candidate, timesOk };
}

/** A row object's values in ENTRY_COLUMNS order. */
const valuesOf = (r: Row): unknown[] => [r.id, r.kind, r.title, r.occurred_at, r.created_at, r.updated_at, r.deleted_at, r.impact, r.details, r.tags, r.links, r.context, r.fields];

function validatedRow(candidate: Record<string, unknown>): Entry {
  return parseOrThrow(storedEntrySchema, candidate, msg('what.storedEntry', String(candidate.id)));
}

/**
 * Row → entry. Rows were validated in full when they were written, so reading maps them and makes
 * a cheap shape check (`hasEntryShape`); a row that fails it (edited by hand, or by a bug) goes
 * through the full schema, which names what is wrong.
 */
export function rowToEntry(r: Row): Entry {
  return valuesToEntry(valuesOf(r));
}

/** `rowToEntry` of a row read as an array of ENTRY_COLUMNS' values (`Statement.values`): no row object is made. */
export function valuesToEntry(v: readonly unknown[]): Entry {
  const { candidate, timesOk } = candidateOf(v);
  return timesOk && hasEntryShape(candidate) ? candidate : validatedRow(candidate);
}

/** Row → entry through the full schema: for rows from outside (a backup being restored). */
export function rowToValidatedEntry(r: Row): Entry {
  return validatedRow(candidateOf(valuesOf(r)).candidate);
}
