import assert from 'node:assert/strict';
import { type Entry, ValidationError } from '../../src/domain';
import { parseImportFile, prepareImport } from '../../src/domain/importFormat';
import { entriesToJson } from '../../src/export/json';
import type { EntryStore, ImportResult } from '../../src/storage';
import { currentEntries, entry, NOW } from './support/summaryFixture';
import { ENGINES } from './support/tmp';
import { useTempStore } from './support/tempStore';

/** What impactLog.importData does once it has the file's text: validate everything, then merge in one transaction. */
function importText(store: EntryStore, text: string): ImportResult {
  const file = parseImportFile(text);
  return store.importEntries(prepareImport(file, (id) => store.get(id)));
}

const all = (store: EntryStore) => store.list({ deleted: 'include' }, { order: 'asc' });
const json = (entries: readonly Entry[], omit?: string[]) => entriesToJson(entries, { exportedAt: NOW, omit });
const later = (e: Entry, ms = 60_000) => new Date(Date.parse(e.updatedAt) + ms).toISOString();

for (const engine of ENGINES) {
  describe(`import on ${engine}`, () => {
    const tmp = useTempStore({ engine });
    let store: EntryStore;
    const entries = currentEntries();

    beforeEach(() => {
      store = tmp.store;
    });

    it('adds every entry of an export, then importing the same file again changes nothing', () => {
      assert.deepEqual(importText(store, json(entries)), { added: entries.length, updated: 0, skipped: 0 });
      const first = all(store);
      assert.deepEqual(first, [...entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)));
      const version = store.dataVersion();
      assert.deepEqual(importText(store, json(entries)), { added: 0, updated: 0, skipped: entries.length });
      assert.deepEqual(all(store), first);
      assert.equal(store.dataVersion(), version);
    });

    it('a newer edit wins and an older one is skipped, in either direction', () => {
      importText(store, json(entries));
      const [a, b] = entries;
      const newer = { ...a!, title: 'Edited on the other machine', updatedAt: later(a!) } as Entry;
      const older = { ...b!, title: 'Stale copy', updatedAt: new Date(Date.parse(b!.updatedAt) - 60_000).toISOString() } as Entry;
      assert.deepEqual(importText(store, json([newer, older])), { added: 0, updated: 1, skipped: 1 });
      assert.equal(store.get(a!.id)!.title, 'Edited on the other machine');
      assert.equal(store.get(b!.id)!.title, b!.title);
    });

    it('a deletion made on another machine comes across when it is newer', () => {
      importText(store, json(entries));
      const e = entries[3]!;
      const deleted = { ...e, deletedAt: later(e), updatedAt: later(e) } as Entry;
      assert.deepEqual(importText(store, json([deleted])), { added: 0, updated: 1, skipped: 0 });
      assert.equal(store.count(), entries.filter((x) => x.deletedAt === null).length - 1);
    });

    it('rejects a file with one bad entry, names its index and field, and writes nothing', () => {
      importText(store, json(entries.slice(0, 3)));
      const before = all(store);
      const doc = JSON.parse(json(entries)) as { entries: Record<string, unknown>[] };
      doc.entries[15] = { ...doc.entries[15], fields: { verdict: 'maybe' } };
      assert.throws(
        () => importText(store, JSON.stringify(doc)),
        (e: unknown) => e instanceof ValidationError && /entries\[15\]\.fields\.verdict must be one of: accepted, adapted, discarded/.test(e.message),
      );
      assert.deepEqual(all(store), before, 'nothing added, nothing updated');
    });

    it('rejects duplicate ids, a foreign file, a newer format and broken JSON with the reason', () => {
      const doc = JSON.parse(json(entries.slice(0, 2))) as { entries: unknown[]; version: number; format: string };
      const cases: [string, RegExp][] = [
        [JSON.stringify({ ...doc, entries: [doc.entries[0], doc.entries[1], doc.entries[0]] }), /entries\[2\]\.id repeats the id of entries\[0\]/],
        [JSON.stringify({ ...doc, format: 'something-else' }), /format must be "impact-log"/],
        [JSON.stringify({ ...doc, version: 3 }), /version is newer than this version of Impact Log understands/],
        ['{"format": "impact-log", ', /is not valid JSON/],
        ['[]', /must be a JSON object/],
        [JSON.stringify({ ...doc, entries: [{ id: 'x' }] }), /entries\[0\]\.kind must be one of: problem/],
      ];
      for (const [text, message] of cases) {
        assert.throws(() => importText(store, text), (e: unknown) => e instanceof ValidationError && message.test(e.message), String(message));
      }
      assert.equal(store.count({ deleted: 'include' }), 0);
    });

    it('lists at most a few problems of a badly broken file', () => {
      const doc = JSON.parse(json(entries)) as { entries: Record<string, unknown>[] };
      doc.entries = doc.entries.map((e) => ({ ...e, title: '' }));
      assert.throws(() => importText(store, JSON.stringify(doc)), (e: unknown) => e instanceof ValidationError && e.problems.length === 9 && /and \d+ more problem/.test(e.message));
    });

    it('an export that left fields out does not wipe them from the log', () => {
      const e = entry('problem', { title: 'With evidence', links: ['https://x.example/pr/1'], details: 'keep me', value: 'keep value', context: { repo: 'acme/shop' } });
      importText(store, json([e]));
      const edited = { ...e, title: 'Renamed elsewhere', updatedAt: later(e) } as Entry;
      assert.deepEqual(importText(store, json([edited], ['links', 'details', 'repo'])), { added: 0, updated: 1, skipped: 0 });
      const now = store.get(e.id)!;
      assert.equal(now.title, 'Renamed elsewhere');
      assert.deepEqual(now.links, e.links);
      assert.equal(now.details, 'keep me');
      assert.deepEqual(now.fields, e.fields);
      assert.deepEqual(now.context, { repo: 'acme/shop' });
    });

    it('imports a large file in one go', () => {
      const one = entry('note', { title: 'Note', tags: ['bulk'] });
      const many = Array.from({ length: 5000 }, (_, i) => {
        const at = new Date(NOW - i * 3_600_000).toISOString();
        return { ...one, id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, title: `Note ${i}`, occurredAt: at, createdAt: at, updatedAt: at };
      });
      const t = Date.now();
      assert.deepEqual(importText(store, json(many)), { added: 5000, updated: 0, skipped: 0 });
      assert.ok(Date.now() - t < 15_000, `${Date.now() - t} ms`);
      assert.equal(store.count(), 5000);
    });
  });
}
