import { type Entry, hasEntryShape, type NewEntry, parseOrThrow, storedEntrySchema, toIso } from '../domain';
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

/**
 * The row as an entry-shaped object, keys in the order the full schema outputs them (so exports
 * look the same whichever path ran). A time column that is not a usable time is kept as it is, and
 * `timesOk` says so, for the full schema to name it.
 */
function candidateOf(r: Row): { candidate: Record<string, unknown>; timesOk: boolean } {
  let timesOk = true;
  const iso = (v: unknown): unknown => {
    if (isTime(v)) return toIso(Number(v));
    timesOk = false;
    return v;
  };
  const candidate: Record<string, unknown> = {
    id: r.id,
    kind: r.kind,
    title: r.title,
    occurredAt: iso(r.occurred_at),
    details: r.details,
    tags: jsonOf(r.tags),
    links: jsonOf(r.links),
    impact: r.impact,
    context: jsonOf(r.context),
    fields: jsonOf(r.fields),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    deletedAt: r.deleted_at === null ? null : iso(r.deleted_at),
  };
  return { candidate, timesOk };
}

function validatedRow(candidate: Record<string, unknown>): Entry {
  return parseOrThrow(storedEntrySchema, candidate, msg('what.storedEntry', String(candidate.id)));
}

/**
 * Row → entry. Rows were validated in full when they were written, so reading maps them and makes
 * a cheap shape check (`hasEntryShape`); a row that fails it (edited by hand, or by a bug) goes
 * through the full schema, which names what is wrong.
 */
export function rowToEntry(r: Row): Entry {
  const { candidate, timesOk } = candidateOf(r);
  return timesOk && hasEntryShape(candidate) ? candidate : validatedRow(candidate);
}

/** Row → entry through the full schema: for rows from outside (a backup being restored). */
export function rowToValidatedEntry(r: Row): Entry {
  return validatedRow(candidateOf(r).candidate);
}
