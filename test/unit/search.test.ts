import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type Entry, parseNewEntry } from '../../src/domain';
import { EntryStore, type EntryQuery, type Page } from '../../src/storage';
import { rng } from '../bench/generate';
import { ENGINES, tempDir } from './support/tmp';

/**
 * Search counts and pages take shortcuts (the full-text index's own count, walking the time index
 * for common words, sorting only keys for rare ones). These tests compare every shortcut with the
 * plain answer worked out in JavaScript, across both strategies, ties in time, deleted entries,
 * periods, both orders and deep pages.
 */
for (const engine of ENGINES) {
  describe(`Search on ${engine}`, function () {
    this.timeout(60_000);
    let tmp: ReturnType<typeof tempDir>;
    let store: EntryStore;
    let all: Entry[];
    const start = Date.parse('2024-01-01T00:00:00Z');
    const span = 2 * 365 * 86_400_000;

    before(async () => {
      tmp = tempDir();
      let clock = Date.parse('2026-11-23T10:00:00Z');
      store = await EntryStore.open({ path: join(tmp.dir, 'log.sqlite'), engine, now: () => clock });
      const r = rng(11);
      const inputs = [];
      for (let i = 0; i < 3000; i++) {
        const words = [r() < 0.45 ? 'timeout' : 'latency', r() < 0.02 ? 'pgbouncer' : 'cache'];
        // Times on whole hours so that many entries share one, and creation order must break the tie.
        const occurredAt = new Date(start + Math.floor(r() * (span / 3_600_000)) * 3_600_000).toISOString();
        inputs.push(parseNewEntry('note', { title: `Fixed the ${words[0]} in ${words[1]} #${i}`, occurredAt }));
      }
      for (let i = 0; i < inputs.length; i += 500) {
        clock += 1000;
        store.addMany(inputs.slice(i, i + 500));
      }
      const ids = store.list().map((e) => e.id);
      clock += 1000;
      store.softDelete(ids.filter((_, i) => i % 37 === 0));
      all = store.list({ deleted: 'include' });
    });
    after(() => {
      store.close();
      tmp.cleanup();
    });

    const expected = (word: string, q: Omit<EntryQuery, 'text'>, page: Page) => {
      const deleted = q.deleted ?? 'exclude';
      const hits = all.filter(
        (e) =>
          e.title.includes(word) &&
          (deleted === 'include' || (deleted === 'only') === (e.deletedAt !== null)) &&
          (q.from === undefined || Date.parse(e.occurredAt) >= q.from) &&
          (q.to === undefined || Date.parse(e.occurredAt) < q.to),
      );
      const cmp = (a: Entry, b: Entry) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      hits.sort((a, b) => (page.order === 'asc' ? cmp(a, b) : cmp(b, a)));
      return { count: hits.length, ids: hits.slice(page.offset ?? 0, (page.offset ?? 0) + (page.limit ?? hits.length)).map((e) => e.id) };
    };

    it('the test data has a common word (walked) and a rare one (keys sorted), ties in time, and deleted hits', () => {
      const times = new Set(all.map((e) => e.occurredAt));
      assert.ok(times.size < all.length - 100, 'many entries share a time');
      assert.ok(expected('timeout', {}, {}).count > 1000 && expected('pgbouncer', {}, {}).count < 100);
      assert.ok(expected('timeout', { deleted: 'only' }, {}).count > 10);
    });

    for (const word of ['timeout', 'pgbouncer']) {
      it(`counts "${word}" for live, deleted and all entries exactly`, () => {
        for (const deleted of ['exclude', 'only', 'include'] as const) {
          assert.equal(store.count({ text: word, deleted }), expected(word, { deleted }, {}).count, deleted);
        }
      });

      it(`pages "${word}" newest and oldest first, first and deep pages, over everything and within a period`, () => {
        const periods: Omit<EntryQuery, 'text'>[] = [{}, { from: start + span / 4, to: start + span / 2 }, { deleted: 'include' }];
        for (const q of periods) {
          for (const order of ['desc', 'asc'] as const) {
            for (const offset of [0, 100, 1200]) {
              const page: Page = { limit: 101, offset, order };
              const got = store.list({ ...q, text: word }, page).map((e) => e.id);
              assert.deepEqual(got, expected(word, q, page).ids, `${JSON.stringify(q)} ${order} offset ${offset}`);
            }
          }
        }
      });
    }

    it('finds nothing, without error, for text with no words or a word nobody used', () => {
      assert.equal(store.count({ text: '!!' }), 0);
      assert.deepEqual(store.list({ text: '!!' }, { limit: 10 }), []);
      assert.equal(store.count({ text: 'zeppelin' }), 0);
      assert.deepEqual(store.list({ text: 'zeppelin' }, { limit: 10 }), []);
    });
  });
}
