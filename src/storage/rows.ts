import { type Entry, type NewEntry, parseOrThrow, storedEntrySchema, toIso } from '../domain';
import type { Row, SqlValue } from './engine';

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

/** Row → entry, validated with the domain schema (a row edited by hand or by a bug is caught here). */
export function rowToEntry(r: Row): Entry {
  const candidate = {
    id: r.id,
    kind: r.kind,
    title: r.title,
    occurredAt: toIso(Number(r.occurred_at)),
    createdAt: toIso(Number(r.created_at)),
    updatedAt: toIso(Number(r.updated_at)),
    deletedAt: r.deleted_at === null ? null : toIso(Number(r.deleted_at)),
    impact: r.impact,
    details: r.details,
    tags: JSON.parse(String(r.tags)) as unknown,
    links: JSON.parse(String(r.links)) as unknown,
    context: JSON.parse(String(r.context)) as unknown,
    fields: JSON.parse(String(r.fields)) as unknown,
  };
  return parseOrThrow(storedEntrySchema, candidate, `Stored entry ${String(r.id)}`);
}
