import type { KindId } from '../domain';
import type { SqlValue } from './engine';

/** Which entries a list, count or search covers. All parts optional and combined with AND. */
export interface EntryQuery {
  /** Inclusive lower bound on occurredAt, epoch ms. */
  readonly from?: number;
  /** Exclusive upper bound on occurredAt, epoch ms. */
  readonly to?: number;
  readonly kinds?: readonly KindId[];
  /** Entries carrying any of these tags. */
  readonly tags?: readonly string[];
  /** Full-text search over title, details and tags: every word must match (prefix match). */
  readonly text?: string;
  /** Default: only live entries. */
  readonly deleted?: 'exclude' | 'include' | 'only';
}

export interface Page {
  readonly limit?: number;
  readonly offset?: number;
  /** Default newest first. */
  readonly order?: 'desc' | 'asc';
}

/** Turns what a person types into a safe FTS5 query: each word quoted, prefix-matched, all required. */
export function ftsQuery(text: string): string | undefined {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words.slice(0, 20).map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
}

/** Builds the WHERE clause (table alias `e`) and its parameters. */
export function whereOf(q: EntryQuery): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const deleted = q.deleted ?? 'exclude';
  if (deleted === 'exclude') parts.push('e.deleted_at IS NULL');
  else if (deleted === 'only') parts.push('e.deleted_at IS NOT NULL');
  if (q.from !== undefined) {
    parts.push('e.occurred_at >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    parts.push('e.occurred_at < ?');
    params.push(q.to);
  }
  if (q.kinds && q.kinds.length > 0) {
    parts.push(`e.kind IN (${q.kinds.map(() => '?').join(', ')})`);
    params.push(...q.kinds);
  }
  if (q.tags && q.tags.length > 0) {
    parts.push(`e.id IN (SELECT entry_id FROM entry_tags WHERE tag IN (${q.tags.map(() => '?').join(', ')}))`);
    params.push(...q.tags);
  }
  if (q.text !== undefined) {
    const fts = ftsQuery(q.text);
    if (fts === undefined) parts.push('0');
    else {
      parts.push('e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
      params.push(fts);
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * A search as conditions on the compact `entry_keys` table (alias `k`, schema 5), so that no entry
 * row is read to filter, count or sort the hits: the full-text query, and the other conditions
 * with their parameters. Undefined without searchable text (whereOf then matches nothing).
 */
export function keysOf(q: EntryQuery): { fts: string; where: string[]; params: SqlValue[] } | undefined {
  const fts = q.text === undefined ? undefined : ftsQuery(q.text);
  if (fts === undefined) return undefined;
  const where: string[] = [];
  const params: SqlValue[] = [];
  const deleted = q.deleted ?? 'exclude';
  if (deleted === 'exclude') where.push('k.deleted_at IS NULL');
  else if (deleted === 'only') where.push('k.deleted_at IS NOT NULL');
  if (q.from !== undefined) {
    where.push('k.occurred_at >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('k.occurred_at < ?');
    params.push(q.to);
  }
  if (q.kinds && q.kinds.length > 0) {
    where.push(`k.kind IN (${q.kinds.map(() => '?').join(', ')})`);
    params.push(...q.kinds);
  }
  if (q.tags && q.tags.length > 0) {
    where.push(`k.id IN (SELECT entry_id FROM entry_tags WHERE tag IN (${q.tags.map(() => '?').join(', ')}))`);
    params.push(...q.tags);
  }
  return { fts, where, params };
}

/** The hits of a search joined to their keys: FROM, WHERE (MATCH first) and parameters. */
export function keysJoin(k: { fts: string; where: string[]; params: SqlValue[] }): { sql: string; params: SqlValue[] } {
  return { sql: `FROM entries_fts f JOIN entry_keys k ON k.entry_rowid = f.rowid WHERE ${['entries_fts MATCH ?', ...k.where].join(' AND ')}`, params: [k.fts, ...k.params] };
}

/** The same query without its prefix marks (`"word"` for `"word"*`): it matches a subset of the prefix query's hits. */
export function exactFtsQuery(fts: string): string {
  return fts.replace(/"\*/g, '"');
}
