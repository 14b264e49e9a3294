import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Entry, ValidationError } from '../../src/domain';
import type { FollowUp, FollowUpState } from '../../src/domain/followUps';
import { parseImportFile, prepareImport } from '../../src/domain/importFormat';
import { entriesToJson } from '../../src/export/json';
import { type ImportTarget, mergeImportStream, validateImportStream } from '../../src/export/importStream';
import { EntryStore } from '../../src/storage';
import { currentEntries, NOW } from './support/summaryFixture';
import { ENGINES } from './support/tmp';
import { useTempStore } from './support/tempStore';

const ISO = '2026-11-23T10:00:00.000Z';

/**
 * A large import file is validated as a stream, then merged in chunks (src/export/importStream.ts,
 * used by Import Data above 16 MiB). It must accept and refuse exactly what the in-memory import
 * does, write nothing for a bad file, and, because each chunk is its own transaction, an import cut
 * short must be completed by importing the same file again.
 */
for (const engine of ENGINES) {
  describe(`streamed import of a large file (${engine})`, () => {
    const tmp = useTempStore({ engine });
    let store: EntryStore;
    const entries = currentEntries();
    const shipped = entries.find((e) => e.kind === 'shipped')!;
    const answers: FollowUp[] = [{ id: '10000000-0000-4000-8000-000000000001', entryId: shipped.id, checkpoint: 30, outcome: 'held', answeredAt: '2026-11-20T09:00:00.000Z', note: 'held, “quoted” ✨' }];
    const states: FollowUpState[] = [{ entryId: shipped.id, excluded: false, snoozedUntil: '2026-12-20T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z' }];
    const all = (s: EntryStore) => s.list({ deleted: 'include' }, { order: 'asc' });
    const target = (s: EntryStore, failAtChunk?: number): ImportTarget & { chunks: number } => {
      const t = {
        chunks: 0,
        importEntries: (es: readonly Entry[]) => {
          if (++t.chunks === failAtChunk) throw new Error('the window was closed');
          return s.importEntries(es);
        },
        get: (id: string) => s.get(id),
        importFollowUps: (a: readonly FollowUp[], st: readonly FollowUpState[]) => s.followUps.importAll(a, st),
        getFollowUp: (id: string) => s.followUps.get(id),
      };
      return t;
    };
    const file = (text: string) => {
      const path = join(tmp.dir, `import-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(path, text);
      return path;
    };
    const importFile = async (path: string, t: ImportTarget = target(store), chunk = 3) => mergeImportStream(path, await validateImportStream(path), t, { chunk });

    beforeEach(() => {
      store = tmp.store;
    });

    it('merges the same entries and follow-ups as the in-memory import, in chunks, and a second run changes nothing', async () => {
      const text = entriesToJson(entries, { exportedAt: NOW, followUps: { answers, states } });
      const path = file(text);
      const progress: number[] = [];
      const header = await validateImportStream(path);
      assert.equal(header.entries, entries.length);
      const r = await mergeImportStream(path, header, target(store), { chunk: 3, onProgress: (done) => progress.push(done) });
      assert.deepEqual(r, { added: entries.length, updated: 0, skipped: 0, followUps: { added: 2, updated: 0, skipped: 0 } });
      assert.equal(progress.length, Math.ceil(entries.length / 3), 'one progress report per chunk');
      assert.equal(progress.at(-1), entries.length);
      // The in-memory path, on a second log, gives the very same entries.
      const other = await EntryStore.open({ path: join(tmp.dir, 'other.sqlite'), engine });
      try {
        other.importEntries(prepareImport(parseImportFile(text), (id) => other.get(id)));
        assert.deepEqual(all(store), all(other));
      } finally {
        other.close();
      }
      assert.deepEqual(store.followUps.list(undefined, true).map((f) => f.note), ['held, “quoted” ✨']);
      assert.deepEqual(await importFile(path), { added: 0, updated: 0, skipped: entries.length, followUps: { added: 0, updated: 0, skipped: 2 } });
    });

    it('refuses a bad file naming the entry and field, as the in-memory import does, and writes nothing', async () => {
      const docs = entries.map((e) => ({ ...e }));
      (docs[docs.length - 1] as Record<string, unknown>).kind = 'meeting';
      const bad = JSON.stringify({ format: 'impact-log', version: 2, exportedAt: ISO, entries: [...docs, docs[0]] });
      const path = file(bad);
      await assert.rejects(validateImportStream(path), (err: unknown) => {
        assert.ok(err instanceof ValidationError);
        assert.match(err.message, new RegExp(`entries\\[${docs.length - 1}\\]\\.kind`));
        assert.match(err.message, new RegExp(`entries\\[${docs.length}\\]\\.id repeats the id of entries\\[0\\]`));
        assert.throws(() => parseImportFile(bad), (e: unknown) => e instanceof ValidationError);
        return true;
      });
      await assert.rejects(validateImportStream(file(JSON.stringify({ format: 'something-else', version: 1, entries: [] }))), /format must be "impact-log"/);
      await assert.rejects(validateImportStream(file('{"format":"impact-log","version":2,"exportedAt":"2026-11-23T10:00:00.000Z","entries":[{"id":')), /is not valid JSON/);
      await assert.rejects(validateImportStream(file(JSON.stringify({ format: 'impact-log', version: 1, exportedAt: ISO, entries: [], followUps: [] }))), /version must be 2 for a file with follow-ups/);
      await assert.rejects(validateImportStream(file(JSON.stringify({ format: 'impact-log', version: 2, exportedAt: ISO }))), /entries is required/);
      assert.equal(store.count({ deleted: 'include' }), 0, 'nothing was written');
    });

    it('an import cut short after some chunks is completed by importing the same file again', async () => {
      const path = file(entriesToJson(entries, { exportedAt: NOW, followUps: { answers, states } }));
      await assert.rejects(importFile(path, target(store, 3)), /the window was closed/);
      const partial = store.count({ deleted: 'include' });
      assert.equal(partial, 6, 'the first two chunks of three were written, each whole');
      const r = await importFile(path);
      assert.deepEqual(r, { added: entries.length - partial, updated: 0, skipped: partial, followUps: { added: 2, updated: 0, skipped: 0 } });
      assert.equal(store.count({ deleted: 'include' }), entries.length);
    });
  });
}
