import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EMPTY_FILTER, filterQuery, filterRange, type TimelineFilter } from '../../src/domain/filter';
import { MIN_TIME, periodGroups } from '../../src/domain/grouping';
import { type Entry, type KindId, parseNewEntry, parsePatch } from '../../src/domain';
import { EntryStore, type EntryQuery, openDb } from '../../src/storage';
import { countedGroups } from '../../src/ui/timeline/model';
import { rng } from '../bench/generate';
import { ENGINES, tempDir } from './support/tmp';

/**
 * Schema 5 answers tag and text filters from copies of each entry's time, kind and deletion state
 * (`entry_tags` and `entry_keys`, kept by triggers). Whatever was done to an entry — edited to
 * another day, kind or tags, deleted, restored, purged, replaced by an import, or the whole log
 * restored from a backup — the filtered timeline's counts, search counts and pages must be what
 * the entries themselves say. Each check compares with the answer worked out in JavaScript from
 * the entries as read back.
 */
for (const engine of ENGINES) {
  describe(`Filtered timelines and search pages after every kind of change (${engine})`, function () {
    this.timeout(60_000);
    let tmp: ReturnType<typeof tempDir>;
    let store: EntryStore;
    let clock = Date.parse('2026-11-23T10:00:00Z');
    const now = Date.parse('2026-11-30T12:00:00Z');
    const start = Date.parse('2024-01-01T00:00:00Z');
    const span = 2 * 365 * 86_400_000;
    const TAGS = ['auth', 'db', 'perf', 'ops'];
    const KINDS: KindId[] = ['note', 'problem'];

    beforeEach(async () => {
      tmp = tempDir();
      store = await EntryStore.open({ path: join(tmp.dir, 'log.sqlite'), engine, now: () => (clock += 1000) });
      const r = rng(5);
      const inputs = [];
      for (let i = 0; i < 1500; i++) {
        const tags = TAGS.filter(() => r() < 0.3);
        const occurredAt = new Date(start + Math.floor(r() * (span / 3_600_000)) * 3_600_000).toISOString();
        inputs.push(parseNewEntry(KINDS[i % 2]!, { title: `${r() < 0.7 ? 'timeout' : 'latency'} in ${r() < 0.05 ? 'pgbouncer' : 'cache'} #${i}`, occurredAt, tags }));
      }
      for (let i = 0; i < inputs.length; i += 500) store.addMany(inputs.slice(i, i + 500));
    });
    afterEach(() => {
      store.close();
      tmp.cleanup();
    });

    /** What the entries themselves say, for a query with text (one word), tags, kinds, a range and deletion. */
    function expectedOf(q: EntryQuery): Entry[] {
      const deleted = q.deleted ?? 'exclude';
      return store.list({ deleted: 'include' }).filter(
        (e) =>
          (deleted === 'include' || (deleted === 'only') === (e.deletedAt !== null)) &&
          (q.text === undefined || `${e.title} ${e.details} ${e.tags.join(' ')}`.toLowerCase().includes(q.text)) &&
          (!q.tags?.length || e.tags.some((t) => q.tags!.includes(t))) &&
          (!q.kinds?.length || q.kinds.includes(e.kind)) &&
          (q.from === undefined || Date.parse(e.occurredAt) >= q.from) &&
          (q.to === undefined || Date.parse(e.occurredAt) < q.to),
      );
    }
    const newestFirst = (a: Entry, b: Entry) => (a.occurredAt !== b.occurredAt ? (a.occurredAt < b.occurredAt ? 1 : -1) : a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : -1);

    const QUERIES: EntryQuery[] = [
      { tags: ['auth'] },
      { tags: ['auth', 'db'] },
      { tags: ['perf'], from: start + span / 4, to: start + span / 2 },
      { text: 'timeout' },
      { text: 'pgbouncer' },
      { text: 'timeout', kinds: ['problem'] },
      { text: 'latency', tags: ['ops'] },
      { text: 'timeout', from: start + span / 3, to: start + span / 2 },
      { text: 'timeout', deleted: 'only' },
    ];

    function assertAgrees(when: string): void {
      for (const q of QUERIES) {
        const want = expectedOf(q);
        const what = `${when}: ${JSON.stringify(q)}`;
        assert.deepEqual(store.occurredTimes(q).sort((a, b) => a - b), want.map((e) => Date.parse(e.occurredAt)).sort((a, b) => a - b), `times of ${what}`);
        assert.equal(store.count(q), want.length, `count of ${what}`);
        if (q.text !== undefined) {
          for (const offset of [0, 150]) {
            const got = store.list(q, { limit: 100, offset }).map((e) => e.id);
            assert.deepEqual(got, [...want].sort(newestFirst).slice(offset, offset + 100).map((e) => e.id), `page at ${offset} of ${what}`);
          }
        }
      }
      const filter: TimelineFilter = { ...EMPTY_FILTER, tags: ['auth'] };
      const groups = countedGroups(store, filter, now);
      assert.equal(groups.reduce((n, g) => n + g.count, 0), expectedOf({ tags: ['auth'] }).length, `${when}: the #auth timeline's groups add up`);
      // Each group's own count (one tag is counted per group on its index, several tags and text by their matches' times), with and without a date range.
      const range = { from: '2024-05-01', to: '2025-02-14' };
      for (const f of [filter, { ...filter, ...range }, { ...filter, tags: ['auth', 'db'] }, { ...filter, kinds: ['note' as const] }, { ...EMPTY_FILTER, text: 'timeout', ...range }]) {
        const bounds = filterRange(f);
        const want = expectedOf({ ...filterQuery(f), ...(bounds ?? {}) }).map((e) => Date.parse(e.occurredAt));
        const got = countedGroups(store, f, now);
        const expected = periodGroups(now, { weekStartsOn: 1, earliest: MIN_TIME, locale: 'en' })
          .map((g) => ({ id: g.id, count: want.filter((t) => t >= g.from && t < g.to).length }))
          .filter((g) => g.count > 0);
        assert.deepEqual(got.map((g) => ({ id: g.id, count: g.count })), expected, `${when}: the groups of ${JSON.stringify(f)}`);
      }
      const tags = new Map<string, number>();
      for (const e of expectedOf({})) for (const t of e.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
      assert.deepEqual(new Map(store.tagCounts().map((t) => [t.tag, t.count])), tags, `${when}: tag counts`);
    }

    it('counts a tag’s entries per period on the covering index of tag rows, without reading a table row (schema 6)', () => {
      const { db } = openDb(join(tmp.dir, 'log.sqlite'), { prefer: engine });
      try {
        const plan = (sql: string) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('auth', start, start + span).map((r) => String(r.detail)).join(' | ');
        const count = plan('SELECT count(*) AS n FROM entry_tags INDEXED BY entry_tags_live_by_tag_time_deleted WHERE tag = ? AND deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?');
        assert.match(count, /USING COVERING INDEX entry_tags_live_by_tag_time_deleted/, count);
      } finally {
        db.close();
      }
      assert.equal(store.count({ tags: ['auth'], from: start, to: start + span }), expectedOf({ tags: ['auth'], from: start, to: start + span }).length);
    });

    it('agree with the entries after adding, editing, deleting, restoring, purging, importing and restoring a backup', async () => {
      assertAgrees('as added');
      const entries = store.list({}, { limit: 400 });
      // Edited: moved to another day, to another kind, tags changed (one edit each, and all three at once).
      for (const [i, e] of entries.slice(0, 60).entries()) {
        const occurredAt = new Date(start + ((i * 7919) % 700) * 86_400_000).toISOString();
        const patch = i % 3 === 0 ? { occurredAt } : i % 3 === 1 ? { tags: ['auth', 'new-tag'] } : { occurredAt, tags: [] };
        store.update(e.id, parsePatch(e.kind, patch));
      }
      assertAgrees('after edits');
      const gone = entries.slice(60, 200).map((e) => e.id);
      store.softDelete(gone);
      assertAgrees('after a deletion');
      store.undoDelete(gone.slice(0, 40));
      assertAgrees('after undoing part of it');
      const backup = join(tmp.dir, 'backup.sqlite');
      await store.backupTo(backup);
      store.purgeDeleted(clock + 1);
      assertAgrees('after purging the deleted entries');
      // An import that replaces entries with newer copies (other time, tags and kind-specific text) and adds new ones.
      const later = new Date(clock + 60_000).toISOString();
      const replaced = store.list({}, { limit: 30, offset: 300 }).map((e) => ({ ...e, occurredAt: new Date(start + 86_400_000).toISOString(), tags: ['db'], title: `pgbouncer timeout ${e.title}`, updatedAt: later }));
      const added = store.list({}, { limit: 10 }).map((e, i) => ({ ...e, id: `00000000-0000-4000-8000-00000000000${i}`, deletedAt: i % 2 ? later : null, updatedAt: later }));
      store.importEntries([...replaced, ...added]);
      assertAgrees('after an import');
      store.replaceContentsFrom(backup);
      assertAgrees('after restoring the backup');
    });
  });
}
