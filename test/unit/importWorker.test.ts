import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Entry, ValidationError } from '../../src/domain';
import type { FollowUp, FollowUpState } from '../../src/domain/followUps';
import { parseImportFile, prepareImport } from '../../src/domain/importFormat';
import { importInWorker } from '../../src/export/importInWorker';
import { ImportCancelled } from '../../src/export/importStream';
import { JsonShapeError, type MemberEvent, MemberSplitter, NotAnObjectError } from '../../src/export/jsonMembers';
import { entriesToJson } from '../../src/export/json';
import { EntryStore } from '../../src/storage';
import { BULK_TRIGGER_SQL, bulkTrigger } from '../../src/storage/importMerge';
import { currentEntries, NOW } from './support/summaryFixture';
import { ENGINES, tempDir } from './support/tmp';

/**
 * The import of a large file in a worker thread (src/export/importInWorker.ts → src/importWorker.ts)
 * must give exactly what the in-memory import gives, write nothing for a bad file, and stop
 * between whole chunks when cancelled, so that importing the same file again completes it. Its
 * parts: the JSON splitter (src/export/jsonMembers.ts) and the bulk merge of new entries
 * (src/storage/importMerge.ts), which must write what the insert trigger writes.
 */

/** Many entries, from the summary fixture's, with fresh ids and times: enough for several chunks and the bulk path. */
function manyEntries(n: number): Entry[] {
  const base = currentEntries();
  return Array.from({ length: n }, (_, i) => {
    const e = base[i % base.length]!;
    const hex = (i + 1).toString(16).padStart(12, '0');
    return { ...e, id: `20000000-0000-4000-8000-${hex}`, occurredAt: new Date(Date.parse(e.occurredAt) - i * 60_000).toISOString(), tags: i % 3 === 0 ? [...e.tags, `t${i % 7}`] : e.tags };
  });
}

/** Everything an import writes: the rows, the tag rows, the keys, and what the full-text index finds. */
function snapshot(s: EntryStore): unknown {
  const db = (s as unknown as { db: { prepare(sql: string): { all(...p: unknown[]): unknown[] } } }).db;
  const q = (sql: string) => db.prepare(sql).all();
  return {
    entries: s.list({ deleted: 'include' }, { order: 'asc' }),
    tags: q('SELECT t.tag, t.entry_id, t.occurred_at, t.deleted_at FROM entry_tags t ORDER BY 1, 2'),
    keys: q('SELECT e.id, k.occurred_at, k.created_at, k.kind, k.deleted_at FROM entry_keys k JOIN entries e ON e.rowid = k.entry_rowid ORDER BY 1'),
    text: ['deploy', 'release', 'the', 't3', 'incident'].map((w) => q(`SELECT e.id FROM entries_fts f JOIN entries e ON e.rowid = f.rowid WHERE entries_fts MATCH '"${w}"' ORDER BY 1`)),
    integrity: s.integrityCheck(),
    followUps: s.followUps.list(undefined, true),
  };
}

for (const engine of ENGINES) {
  describe(`import of a large file in a worker thread (${engine})`, function () {
    this.timeout(60_000);
    let tmp: ReturnType<typeof tempDir>;
    let store: EntryStore;
    const entries = manyEntries(700);
    const shipped = entries.find((e) => e.kind === 'shipped')!;
    const answers: FollowUp[] = [{ id: '10000000-0000-4000-8000-000000000001', entryId: shipped.id, checkpoint: 30, outcome: 'held', answeredAt: '2026-11-20T09:00:00.000Z', note: 'held' }];
    const states: FollowUpState[] = [{ entryId: shipped.id, excluded: false, snoozedUntil: '2026-12-20T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z' }];
    const file = (text: string) => {
      const path = join(tmp.dir, `import-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(path, text);
      return path;
    };
    const open = (name: string) => EntryStore.open({ path: join(tmp.dir, name), engine });

    beforeEach(async () => {
      tmp = tempDir();
      store = await open('log.sqlite');
    });
    afterEach(() => {
      store.close();
      tmp.cleanup();
    });

    it('gives the same log as the in-memory import, merging into entries already there, and a second run changes nothing', async () => {
      // The log already holds an older copy of one entry and a newer copy of another.
      const older = { ...entries[5]!, title: 'older here', updatedAt: '2020-01-01T00:00:00.000Z' };
      const newer = { ...entries[6]!, title: 'newer here', updatedAt: '2030-01-01T00:00:00.000Z' };
      store.importEntries([older, newer]);
      const text = entriesToJson(entries, { exportedAt: NOW, followUps: { answers, states } });
      const path = file(text);
      const progress: number[] = [];
      const r = await importInWorker(path, { dbPath: store.path, engine, chunk: 200, onMerging: (done) => progress.push(done) });
      assert.deepEqual(r, { added: entries.length - 2, updated: 1, skipped: 1, followUps: { added: 2, updated: 0, skipped: 0 } });
      assert.deepEqual(progress, [200, 400, 600, 700]);
      // The old path: the whole file parsed in memory, one transaction, the trigger for every row.
      const other = await open('other.sqlite');
      try {
        other.importEntries([older, newer], { bulk: false });
        other.followUps.importWithEntries(prepareImport(parseImportFile(text), (id) => other.get(id)), answers, states);
        assert.deepEqual(snapshot(store), snapshot(other));
      } finally {
        other.close();
      }
      assert.equal(store.list({ text: 'newer here' }).length, 1, 'the newer copy in the log stayed');
      assert.deepEqual(await importInWorker(path, { dbPath: store.path, engine, chunk: 200 }), { added: 0, updated: 0, skipped: entries.length, followUps: { added: 0, updated: 0, skipped: 2 } });
    });

    it('refuses a bad file with the same message as the in-memory import and writes nothing', async () => {
      const docs = entries.map((e) => ({ ...e })) as Record<string, unknown>[];
      docs[650]!.kind = 'meeting';
      const bad = JSON.stringify({ format: 'impact-log', version: 2, exportedAt: '2026-11-23T10:00:00.000Z', entries: docs });
      await assert.rejects(importInWorker(file(bad), { dbPath: store.path, engine, chunk: 200 }), (err: unknown) => {
        assert.ok(err instanceof ValidationError, String(err));
        assert.match(err.message, /entries\[650\]\.kind/);
        return true;
      });
      await assert.rejects(importInWorker(file(`${bad.slice(0, bad.length / 2)}`), { dbPath: store.path, engine }), /is not valid JSON/);
      assert.equal(store.count({ deleted: 'include' }), 0, 'nothing was written');
    });

    it('cancelled, it stops between whole chunks; importing the same file again completes it', async () => {
      // 60 chunks: the worker is still merging when the cancel it is sent after its first chunk arrives.
      const all = manyEntries(6000);
      const path = file(entriesToJson(all, { exportedAt: NOW }));
      const abort = new AbortController();
      await assert.rejects(
        importInWorker(path, { dbPath: store.path, engine, chunk: 100, signal: abort.signal, onMerging: () => abort.abort() }),
        (err: unknown) => {
          assert.ok(err instanceof ImportCancelled, String(err));
          assert.ok(err.done >= 100 && err.done < all.length && err.done % 100 === 0, `done ${err.done}`);
          return true;
        },
      );
      const partial = store.count({ deleted: 'include' });
      assert.ok(partial >= 100 && partial < all.length && partial % 100 === 0, `${partial} entries: whole chunks only`);
      assert.equal(store.integrityCheck(), 'ok');
      const r = await importInWorker(path, { dbPath: store.path, engine, chunk: 100 });
      assert.deepEqual(r, { added: all.length - partial, updated: 0, skipped: partial });
      const other = await open('other.sqlite');
      try {
        other.importEntries(all, { bulk: false });
        assert.deepEqual(snapshot(store), snapshot(other));
      } finally {
        other.close();
      }
    });

    it('a write from another connection while the worker imports is kept (each chunk waits for the lock)', async () => {
      const path = file(entriesToJson(entries, { exportedAt: NOW }));
      const mine = manyEntries(1).map((e) => ({ ...e, id: '30000000-0000-4000-8000-000000000001', title: 'written meanwhile' }));
      let wrote = false;
      await importInWorker(path, {
        dbPath: store.path,
        engine,
        chunk: 100,
        onMerging: () => {
          if (!wrote) store.importEntries(mine);
          wrote = true;
        },
      });
      assert.equal(store.count({ deleted: 'include' }), entries.length + 1);
      assert.equal(store.list({ text: 'written meanwhile' }).length, 1);
    });

    it('the bulk merge of new entries writes what the insert trigger writes, and applies to this schema', async () => {
      assert.ok(bulkTrigger((store as unknown as { db: never }).db), `entries_ai is no longer ${BULK_TRIGGER_SQL}: update src/storage/importMerge.ts's bulk statements to what the trigger now does`);
      store.importEntries(entries);
      const other = await open('other.sqlite');
      try {
        other.importEntries(entries, { bulk: false });
        assert.deepEqual(snapshot(store), snapshot(other));
      } finally {
        other.close();
      }
    });
  });
}

describe('the JSON splitter of the large import (src/export/jsonMembers.ts)', () => {
  const split = (text: string, step: number): MemberEvent[] => {
    const s = new MemberSplitter(new Set(['entries', 'followUps']));
    const bytes = Buffer.from(text, 'utf8');
    const out: MemberEvent[] = [];
    for (let i = 0; i < bytes.length; i += step) out.push(...s.push(bytes.subarray(i, i + step)));
    out.push(...s.end());
    return out;
  };
  const doc = {
    format: 'impact-log',
    version: 2,
    period: { name: 'x', nested: [1, { a: '}' }] },
    entries: [{ id: 'a', title: 'quote " backslash \\ brace } bracket ] ✨ ünï', n: -1.5e3, t: true, z: null, list: [] }, 'plain', 42, [], {}],
    followUps: [],
    exportedAt: '2026-11-23T10:00:00.000Z',
  };
  const expected = (): MemberEvent[] => [
    { kind: 'member', key: 'format', value: 'impact-log' },
    { kind: 'member', key: 'version', value: 2 },
    { kind: 'member', key: 'period', value: doc.period },
    { kind: 'array', key: 'entries' },
    ...doc.entries.map((value, index) => ({ kind: 'element' as const, key: 'entries', index, value })),
    { kind: 'array', key: 'followUps' },
    { kind: 'member', key: 'exportedAt', value: doc.exportedAt },
  ];

  it('gives every member and element as JSON.parse reads them, compact or pretty, however the file is cut into reads', () => {
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc, null, '\t').replace(/\n/g, '\r\n')]) {
      for (const step of [1, 2, 3, 7, 64, 1 << 20]) assert.deepEqual(split(text, step), expected(), `step ${step}`);
    }
  });

  it('refuses what is not JSON, with where', () => {
    assert.throws(() => split('[1, 2]', 4), NotAnObjectError);
    for (const bad of ['{"entries": [1, 2,]}', '{"entries": [1 2]}', '{"a": 1,}', '{"a" 1}', '{"a": tru}', '{"a": "x"} junk', '{"entries": [{"id": "a"', '{"a": "unterminated', '{"entries": [{"a": 1}}']) {
      for (const step of [1, 5, 100]) assert.throws(() => split(bad, step), JsonShapeError, `${bad} (step ${step})`);
    }
  });
});
