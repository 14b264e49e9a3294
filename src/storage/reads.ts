import type { Entry } from '../domain';
import type { SqlDb, SqlValue } from './engine';
import { type EntryQuery, exactFtsQuery, ftsQuery, keysJoin, keysOf, type Page, whereOf } from './query';
import { ENTRY_COLUMNS, valuesToEntry } from './rows';

/**
 * The store's read path (EntryStore.list, count, occurredTimes; moved out of store.ts): the plain
 * query from `whereOf`, and the faster routes a search or a tag filter can take on the compact
 * keys table (schema 5) and the covering tag index (schema 6). Each route must answer what the
 * entries themselves say (test/unit/searchKeys.test.ts and search.test.ts check them against the
 * entries as read back).
 */

/** Searches with at least this many hits page through the live entries' keys in order instead of sorting the hits. */
const WALK_FROM_HITS = 1000;
/** The largest time `Date` can hold, in ms: bounds that let SQLite walk the whole keys index. */
const MAX_TIME = 8_640_000_000_000_000;

/** The covering index of live tag rows by time (schema 6). */
const TAG_TIME_INDEX = 'entry_tags_live_by_tag_time_deleted';

/** The time bounds of a query on `entry_tags`' own copy of its entries' times. */
function tagRange(q: EntryQuery): { sql: string; params: number[] } {
  const sql = `${q.from !== undefined ? ' AND occurred_at >= ?' : ''}${q.to !== undefined ? ' AND occurred_at < ?' : ''}`;
  return { sql, params: [q.from, q.to].filter((b) => b !== undefined) };
}

export function listEntries(db: SqlDb, q: EntryQuery, page: Page = {}): Entry[] {
  const { sql, params } = whereOf(q);
  const order = page.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = (t: string) => `ORDER BY ${t}.occurred_at ${order}, ${t}.created_at ${order}, ${t}.id ${order}`;
  const limit = page.limit ?? -1;
  const offset = page.offset ?? 0;
  const keys = limit < 0 ? undefined : keysOf(q);
  if (!keys) {
    return db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries e ${sql} ${orderBy('e')} LIMIT ? OFFSET ?`).values(...params, limit, offset).map(valuesToEntry);
  }
  // A page of search results, found and sorted on the compact entry_keys table (schema 5); only
  // the page's rows are read. The plain query reads every hit's whole row to sort them (~2 µs a
  // hit). With many hits, walk the live entries' keys in order and stop after the page (a word in
  // a quarter of all entries is found within ~400 keys); with few, sort only the hits' keys.
  return db.read(() => {
    const many = (q.deleted ?? 'exclude') === 'exclude' && textHitsAtLeast(db, keys.fts, WALK_FROM_HITS);
    let hits: string;
    let hitParams: SqlValue[];
    if (many) {
      const range = q.from === undefined && q.to === undefined ? [`k.occurred_at BETWEEN ${-MAX_TIME} AND ${MAX_TIME}`] : [];
      hits = `SELECT k.entry_rowid FROM entry_keys k INDEXED BY entry_keys_live_by_time WHERE ${[...keys.where, ...range, 'k.entry_rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)'].join(' AND ')} ${orderBy('k')} LIMIT ? OFFSET ?`;
      hitParams = [...keys.params, keys.fts];
    } else {
      const j = keysJoin(keys);
      hits = `SELECT k.entry_rowid ${j.sql} ${orderBy('k')} LIMIT ? OFFSET ?`;
      hitParams = j.params;
    }
    return db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries e WHERE e.rowid IN (${hits}) ${orderBy('e')}`).values(...hitParams, limit, offset).map(valuesToEntry);
  });
}

/**
 * True when at least `n` entries (live or not) match `fts`; stops reading the full-text index at
 * `n`. The words without their prefix marks are tried first: a prefix query merges the postings
 * of every word it prefixes before returning its first hit, the exact words' are read lazily.
 */
function textHitsAtLeast(db: SqlDb, fts: string, n: number): boolean {
  const atLeast = (query: string) => Number(db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? LIMIT ?)').get(query, n)?.n ?? 0) >= n;
  return atLeast(exactFtsQuery(fts)) || atLeast(fts);
}

export function countEntries(db: SqlDb, q: EntryQuery): number {
  const fts = q.text === undefined ? undefined : ftsQuery(q.text);
  if (fts !== undefined && q.from === undefined && q.to === undefined && !q.kinds?.length && !q.tags?.length) return countText(db, fts, q.deleted ?? 'exclude');
  const keys = keysOf(q);
  if (keys) {
    const j = keysJoin(keys);
    return Number(db.prepare(`SELECT count(*) AS n ${j.sql}`).get(...j.params)?.n ?? 0);
  }
  // Live entries with one tag: a range of the covering index of tag rows by time (schema 6), one row per entry.
  if (q.tags?.length === 1 && q.text === undefined && !q.kinds?.length && (q.deleted ?? 'exclude') === 'exclude') {
    const t = tagRange(q);
    return Number(db.prepare(`SELECT count(*) AS n FROM entry_tags INDEXED BY ${TAG_TIME_INDEX} WHERE tag = ? AND deleted_at IS NULL${t.sql}`).get(q.tags[0]!, ...t.params)?.n ?? 0);
  }
  const { sql, params } = whereOf(q);
  return Number(db.prepare(`SELECT count(*) AS n FROM entries e ${sql}`).get(...params)?.n ?? 0);
}

/**
 * Counts a search over the whole log from the full-text index alone, minus the hits among the
 * (few) deleted entries found through their own index: the plain query reads every hit's row to
 * check whether it is deleted (~2 µs a hit).
 */
function countText(db: SqlDb, fts: string, deleted: 'exclude' | 'include' | 'only'): number {
  return db.read(() => {
    const all = () => Number(db.prepare('SELECT count(*) AS n FROM entries_fts WHERE entries_fts MATCH ?').get(fts)?.n ?? 0);
    const deletedHits = () =>
      Number(
        db
          .prepare('SELECT count(*) AS n FROM entries e INDEXED BY entries_deleted WHERE e.deleted_at IS NOT NULL AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)')
          .get(fts)?.n ?? 0,
      );
    if (deleted === 'only') return deletedHits();
    return deleted === 'include' ? all() : all() - deletedHits();
  });
}

/**
 * occurredAt (epoch ms) of every entry matching `q`, in no particular order: one pass over the
 * matches, for counting many ranges of a tag- or text-filtered view at once (countRanges would
 * run the tag or full-text lookup once per range).
 */
export function occurredTimes(db: SqlDb, q: EntryQuery): number[] {
  // Rows as value arrays: no object per match.
  const time = (r: readonly SqlValue[]) => Number(r[0]);
  // A search: its hits' times from the compact keys table, not from the entries' rows.
  const keys = keysOf(q);
  if (keys) {
    const j = keysJoin(keys);
    return db.prepare(`SELECT k.occurred_at AS t ${j.sql}`).values(...j.params).map(time);
  }
  // Live entries with any of some tags: the tag rows carry their entry's time (a range of a covering index per tag).
  if (q.tags?.length && q.text === undefined && !q.kinds?.length && (q.deleted ?? 'exclude') === 'exclude') {
    const t = tagRange(q);
    const tags = q.tags.map(() => '?').join(', ');
    // An entry with two of the tags has two tag rows: one time per entry.
    const sql =
      q.tags.length === 1
        ? `SELECT occurred_at AS t FROM entry_tags INDEXED BY ${TAG_TIME_INDEX} WHERE tag = ? AND deleted_at IS NULL${t.sql}`
        : `SELECT min(occurred_at) AS t FROM entry_tags INDEXED BY ${TAG_TIME_INDEX} WHERE tag IN (${tags}) AND deleted_at IS NULL${t.sql} GROUP BY entry_id`;
    return db.prepare(sql).values(...q.tags, ...t.params).map(time);
  }
  const { sql, params } = whereOf(q);
  return db.prepare(`SELECT e.occurred_at AS t FROM entries e ${sql}`).values(...params).map(time);
}
