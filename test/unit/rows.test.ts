import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseNewEntry, parseOrThrow, parsePatch, storedEntrySchema, ValidationError } from '../../src/domain';
import { EntryStore, openDb } from '../../src/storage';
import { ENTRY_COLUMNS, rowToEntry, rowToValidatedEntry } from '../../src/storage/rows';
import { generator } from '../bench/generate';
import { ENGINES, tempDir } from './support/tmp';

/**
 * Reads map stored rows with a cheap shape check instead of the full schema (it was 35–145 µs a
 * row; docs/BENCHMARKS.md). These tests hold the two paths to the same answers: every entry the
 * store writes reads back exactly as the full schema would return it, and a row edited by hand
 * into something the full schema rejects is still rejected, with the field named.
 */
for (const engine of ENGINES) {
  describe(`Reading rows on ${engine}`, () => {
    let tmp: ReturnType<typeof tempDir>;
    let store: EntryStore;
    const now = Date.parse('2026-11-23T10:00:00Z');

    beforeEach(async () => {
      tmp = tempDir();
      store = await EntryStore.open({ path: join(tmp.dir, 'log.sqlite'), engine, now: () => now });
    });
    afterEach(() => {
      store.close();
      tmp.cleanup();
    });

    /** Runs SQL on the file through a second connection, as a person with a SQLite browser would. */
    const handEdit = (sql: string, ...params: (string | number | null)[]) => {
      const { db } = openDb(store.path, { prefer: engine });
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    };
    const rows = () => {
      const { db } = openDb(store.path, { prefer: engine });
      try {
        return db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries ORDER BY rowid`).all();
      } finally {
        db.close();
      }
    };

    it('returns, for 2,000 generated entries of every kind (some edited, some deleted), exactly what the full schema returns, key order included', () => {
      const added = store.addMany(generator(7, now).next(2000));
      for (const e of added.filter((_, i) => i % 10 === 0)) store.update(e.id, parsePatch(e.kind, { title: `${e.title} (edited)`, tags: ['edited', ...e.tags] }));
      store.softDelete(added.filter((_, i) => i % 13 === 0).map((e) => e.id));
      const all = rows();
      assert.equal(all.length, 2000);
      for (const row of all) {
        const fast = rowToEntry(row);
        const full = rowToValidatedEntry(row);
        assert.deepEqual(fast, full);
        assert.equal(JSON.stringify(fast), JSON.stringify(parseOrThrow(storedEntrySchema, JSON.parse(JSON.stringify(fast)), 'entry')));
      }
      assert.ok(all.some((r) => r.deleted_at !== null) && all.some((r) => String(r.title).endsWith('(edited)')));
    });

    const broken: [string, string, RegExp][] = [
      ['an unknown kind', `UPDATE entries SET kind = 'meeting'`, /kind must be one of/],
      ['a choice that does not exist', `UPDATE entries SET fields = '{"verdict":"maybe"}'`, /verdict/],
      ['a field the kind does not have', `UPDATE entries SET fields = '{"severity":"high"}'`, /severity/],
      ['tags that are not words', `UPDATE entries SET tags = '[{"name":"auth"}]'`, /tags/],
      ['a link without a web address', `UPDATE entries SET links = '[{"label":"PR"}]'`, /links\[0\]\.url/],
      ['an empty title', `UPDATE entries SET title = ''`, /title/],
      ['a time written as text', `UPDATE entries SET occurred_at = 'yesterday'`, /occurredAt/],
      ['an impact level that does not exist', `UPDATE entries SET impact = 'huge'`, /impact/],
    ];
    for (const [what, sql, field] of broken) {
      it(`rejects a row edited by hand to have ${what}, naming the field`, () => {
        const e = store.add(parseNewEntry('ai-assist', { title: 'Used the suggested retry helper', verdict: 'adapted', reason: 'insecure', tags: ['auth'], links: ['https://example.com/pr/1'] }, now));
        handEdit(sql);
        assert.throws(() => store.get(e.id), (err: unknown) => err instanceof ValidationError && field.test(err.message) && err.message.includes(e.id));
        assert.throws(() => store.list(), ValidationError);
      });
    }

    it('reads a row edited by hand into another valid entry', () => {
      const e = store.add(parseNewEntry('note', { title: 'Paired with Sam on the release checklist', category: 'mentoring' }, now));
      handEdit(`UPDATE entries SET title = ?, fields = '{"category":"docs"}' WHERE id = ?`, 'Wrote the release checklist', e.id);
      const read = store.get(e.id);
      assert.equal(read?.title, 'Wrote the release checklist');
      assert.deepEqual(read?.fields, { category: 'docs' });
    });
  });
}
