import type Database from 'better-sqlite3';
import { EMPTY_FILTER, type TimelineFilter } from '../../src/domain/filter';
import type { EntryStore, EntryQuery, Page } from '../../src/storage';
import { whereOf } from '../../src/storage/query';
import { countedGroups, groupPage, PAGE_SIZE } from '../../src/ui/timeline/model';
import { SEARCH_WORDS } from './generate';
import { interactive, type Measurement } from './results';
import { measure } from './stats';

/**
 * Reads as the timeline makes them (src/ui/timeline/model.ts: the same store calls as the tree
 * provider) and full-text search. Each has a raw twin: the identical SQL on the raw connection,
 * rows left as SQLite returns them, so the table shows how much is SQLite and how much is ours
 * (mapping rows to entries, validating them).
 */

const COLUMNS = 'id, kind, title, occurred_at, created_at, updated_at, deleted_at, impact, details, tags, links, context, fields';

/** The store's list and count SQL (same WHERE, same ORDER BY), run raw. */
function rawQueries(raw: Database.Database) {
  return {
    list(q: EntryQuery, page: Page): unknown[] {
      const { sql, params } = whereOf(q);
      return raw
        .prepare(`SELECT ${COLUMNS} FROM entries e ${sql} ORDER BY e.occurred_at DESC, e.created_at DESC, e.id DESC LIMIT ? OFFSET ?`)
        .all(...params, page.limit ?? -1, page.offset ?? 0);
    },
    count(q: EntryQuery): number {
      const { sql, params } = whereOf(q);
      return (raw.prepare(`SELECT count(*) AS n FROM entries e ${sql}`).get(...params) as { n: number }).n;
    },
  };
}

export function readBench(store: EntryStore, raw: Database.Database, o: { readonly runs: number; readonly end: number; readonly size?: number }): Measurement[] {
  const out: Measurement[] = [];
  const r = rawQueries(raw);

  const groups = countedGroups(store, EMPTY_FILTER, o.end);
  const biggest = groups.reduce((a, b) => (b.count > a.count ? b : a), groups[0]!);
  out.push({ id: 'timeline.root', label: 'Timeline root: groups with counts', detail: `${groups.length} groups`, ms: measure(() => countedGroups(store, EMPTY_FILTER, o.end), o.runs), target: interactive(20, o.size ?? 0) });
  out.push({
    id: 'timeline.expand',
    label: `Expand the biggest group: first ${PAGE_SIZE} entries`,
    detail: `${biggest.label}: ${biggest.count} entries`,
    ms: measure(() => groupPage(store, EMPTY_FILTER, biggest, PAGE_SIZE), o.runs),
    target: interactive(10, o.size ?? 0),
  });
  out.push({ id: 'timeline.expand.raw', label: '… same page, raw SQL', ms: measure(() => r.list({ from: biggest.from, to: biggest.to }, { limit: PAGE_SIZE + 1 }), o.runs) });

  for (const [which, word] of Object.entries(SEARCH_WORDS)) {
    const hits = store.count({ text: word });
    out.push({
      id: `search.${which}`,
      label: `Search, ${which} word "${word}": count + first ${PAGE_SIZE}`,
      detail: `${hits} hits`,
      ms: measure(() => {
        store.count({ text: word });
        store.list({ text: word }, { limit: PAGE_SIZE });
      }, o.runs),
      target: interactive(10, o.size ?? 0),
    });
    out.push({
      id: `search.${which}.raw`,
      label: '… same queries, raw SQL',
      ms: measure(() => {
        r.count({ text: word });
        r.list({ text: word }, { limit: PAGE_SIZE });
      }, o.runs),
    });
  }

  // Filtered roots (schema 5: tag rows carry their entry's time; search hits are looked up in the
  // compact keys table). The raw twin is the straightforward SQL for the same question: every
  // match's time read from its entry row, as schema 4 had to.
  const filtered: [string, string, TimelineFilter, () => unknown][] = [
    ['tag', 'tag #auth', { ...EMPTY_FILTER, tags: ['auth'] }, () => raw.prepare('SELECT e.occurred_at FROM entries e WHERE e.deleted_at IS NULL AND e.id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)').all('auth')],
    ['text', 'text "kubernetes"', { ...EMPTY_FILTER, text: 'kubernetes' }, () => raw.prepare('SELECT e.occurred_at FROM entries e WHERE e.deleted_at IS NULL AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)').all('"kubernetes"*')],
  ];
  for (const [id, name, f, twin] of filtered) {
    const g = countedGroups(store, f, o.end);
    out.push({
      id: `timeline.filtered.${id}`,
      label: `Timeline root filtered by ${name}: groups with counts`,
      detail: `${g.reduce((n, x) => n + x.count, 0)} entries in ${g.length} groups`,
      ms: measure(() => countedGroups(store, f, o.end), o.runs),
      target: interactive(20, o.size ?? 0),
    });
    out.push({ id: `timeline.filtered.${id}.raw`, label: '… same question, raw SQL (each match read from its row)', ms: measure(twin, o.runs) });
  }

  const filter: TimelineFilter = { ...EMPTY_FILTER, text: SEARCH_WORDS.uncommon };
  out.push({
    id: 'search.timeline',
    label: `Timeline filtered by "${SEARCH_WORDS.uncommon}": groups + first group`,
    ms: measure(() => {
      const g = countedGroups(store, filter, o.end);
      if (g[0]) groupPage(store, filter, g[0], PAGE_SIZE);
    }, o.runs),
  });
  return out;
}
