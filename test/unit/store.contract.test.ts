import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseNewEntry, parsePatch, type KindId } from '../../src/domain';
import { EntryStore, LATEST_VERSION, type Migration, MIGRATIONS, openDb, StoreError } from '../../src/storage';
import { ENGINES, tempDir } from './support/tmp';

const day = (d: string) => Date.parse(`${d}T12:00:00Z`);

for (const engine of ENGINES) {
  describe(`EntryStore contract on ${engine}`, () => {
    let tmp: ReturnType<typeof tempDir>;
    let store: EntryStore;
    let clock: number;
    const open = (path = join(tmp.dir, 'nested', 'dir', 'log.sqlite')) => EntryStore.open({ path, engine, now: () => clock });
    const add = (kind: KindId, input: Record<string, unknown>) => store.add(parseNewEntry(kind, input, clock));

    beforeEach(async () => {
      tmp = tempDir();
      clock = Date.parse('2026-11-23T10:00:00Z');
      store = await open();
    });
    afterEach(() => {
      store.close();
      tmp.cleanup();
    });

    it(`uses ${engine} and reports it`, () => {
      assert.equal(store.engine, engine);
    });

    it('creates its folders and a file only the owner can read, in WAL mode at the latest schema', () => {
      const st = statSync(store.path);
      if (process.platform !== 'win32') assert.equal(st.mode & 0o777, 0o600);
      const { db } = openDb(store.path, { prefer: engine });
      assert.equal(db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
      assert.equal(Number(db.prepare('PRAGMA user_version').get()?.user_version), LATEST_VERSION);
      db.close();
      assert.deepEqual(store.migrated, MIGRATIONS.map((m) => m.version));
      assert.equal(store.migrationBackup, undefined, 'a brand-new file needs no backup');
    });

    it('adds and gets an entry with every field round-tripped', () => {
      const e = add('problem', {
        title: 'Checkout p99 from 2.1 s to 300 ms', details: '# Root cause\n\nN+1 query', tags: ['perf', 'checkout'],
        links: [{ url: 'https://example.com/pr/4412', label: 'PR #4412' }], impact: 'high', occurredAt: '2026-09-14',
        customerVisible: true, identifiedAt: '2026-09-10', resolvedAt: '2026-09-14', aiInvolvement: 'assisted',
        context: { repo: 'shop', branch: 'main', commit: 'abc1234', file: 'src/a.ts', startLine: 3, endLine: 9 },
      });
      assert.match(e.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(store.get(e.id), e);
      assert.equal(store.get('00000000-0000-4000-8000-000000000000'), undefined);
    });

    it('lists newest first by date range, kind and tag, with paging', () => {
      const a = add('note', { title: 'a', occurredAt: '2026-01-05', tags: ['x'] });
      const b = add('shipped', { title: 'b', occurredAt: '2026-02-05', tags: ['x', 'y'] });
      const c = add('shipped', { title: 'c', occurredAt: '2026-03-05' });
      assert.deepEqual(store.list().map((e) => e.title), ['c', 'b', 'a']);
      assert.deepEqual(store.list({}, { order: 'asc' }).map((e) => e.title), ['a', 'b', 'c']);
      assert.deepEqual(store.list({ from: day('2026-02-01'), to: day('2026-03-01') }).map((e) => e.id), [b.id]);
      assert.deepEqual(store.list({ kinds: ['shipped'] }).map((e) => e.id), [c.id, b.id]);
      assert.deepEqual(store.list({ tags: ['x'] }).map((e) => e.id), [b.id, a.id]);
      assert.deepEqual(store.list({ tags: ['y', 'nope'] }).map((e) => e.id), [b.id]);
      assert.deepEqual(store.list({}, { limit: 1, offset: 1 }).map((e) => e.id), [b.id]);
      assert.equal(store.count({ kinds: ['shipped'] }), 2);
      assert.deepEqual(store.countRanges([{ from: day('2026-01-01'), to: day('2026-02-01') }, { from: day('2026-02-01'), to: day('2026-04-01') }]), [1, 2]);
      assert.deepEqual(store.bounds(), { first: Date.parse(a.occurredAt), last: Date.parse(c.occurredAt) });
    });

    it('finds entries by full-text search over title, details and tags, by word prefix', () => {
      const a = add('review-catch', { title: 'SQL injection in search endpoint', details: 'Parameterised the query', tags: ['security'] });
      add('note', { title: 'Mentored Sam on profiling' });
      assert.deepEqual(store.list({ text: 'inject' }).map((e) => e.id), [a.id]);
      assert.deepEqual(store.list({ text: 'parameterised QUERY' }).map((e) => e.id), [a.id]);
      assert.deepEqual(store.list({ text: 'security' }).map((e) => e.id), [a.id]);
      assert.equal(store.count({ text: 'injection mentored' }), 0, 'all words must match');
      assert.equal(store.count({ text: '"); DROP TABLE entries; --' }), 0, 'query syntax is neutralised');
      assert.equal(store.count({ text: '***' }), 0);
      store.update(a.id, parsePatch('review-catch', { title: 'XSS in profile page' }));
      assert.equal(store.count({ text: 'inject' }), 0, 'the index follows edits');
      assert.equal(store.count({ text: 'xss' }), 1);
    });

    it('updates an entry, validating the whole result, and refuses unknown ids', () => {
      const e = add('ai-assist', { title: 'Parser', verdict: 'discarded', reason: 'insecure', tags: ['a'] });
      clock += 60_000;
      const u = store.update(e.id, parsePatch('ai-assist', { verdict: 'adapted', reason: null, tags: ['b'] }));
      assert.deepEqual(u.fields, { verdict: 'adapted' });
      assert.deepEqual(store.get(e.id)?.tags, ['b']);
      assert.equal(store.get(e.id)?.updatedAt, '2026-11-23T10:01:00.000Z');
      assert.deepEqual(store.tagCounts(), [{ tag: 'b', count: 1 }]);
      assert.throws(() => store.update('00000000-0000-4000-8000-000000000000', { title: 'x' }), (err: unknown) => err instanceof StoreError && err.code === 'NOT_FOUND');
    });

    it('soft-deletes and undoes, restoring the last deletion as a whole', () => {
      const a = add('note', { title: 'a' });
      const b = add('note', { title: 'b' });
      const c = add('note', { title: 'c' });
      clock += 1000;
      assert.deepEqual(store.softDelete([a.id]), [a.id]);
      clock += 1000;
      assert.deepEqual(store.softDelete([b.id, c.id, b.id]).sort(), [b.id, c.id].sort());
      assert.equal(store.count(), 0);
      assert.equal(store.count({ deleted: 'only' }), 3);
      assert.notEqual(store.get(a.id)?.deletedAt, null);
      assert.deepEqual(store.undoLastDelete().sort(), [b.id, c.id].sort());
      assert.deepEqual(store.list().map((e) => e.title).sort(), ['b', 'c']);
      assert.deepEqual(store.undoLastDelete(), [a.id]);
      assert.deepEqual(store.undoLastDelete(), []);
      assert.deepEqual(store.softDelete(['nope']), []);
    });

    it('keeps two deletions in the same millisecond apart: Undo Delete restores only the second', () => {
      const a = add('note', { title: 'deleted in one window' });
      const b = add('note', { title: 'deleted by a keybinding' });
      const c = add('note', { title: 'deleted with it' });
      clock += 1000; // the clock stands still for both deletions
      store.softDelete([a.id]);
      store.softDelete([b.id, c.id]);
      assert.equal(store.get(a.id)?.deletedAt, store.get(b.id)?.deletedAt, 'both deletions carry the same time');
      assert.deepEqual(store.undoLastDelete().sort(), [b.id, c.id].sort());
      assert.deepEqual(store.list({ deleted: 'only' }).map((e) => e.id), [a.id], 'the earlier deletion stays deleted');
      assert.deepEqual(store.undoLastDelete(), [a.id]);
      assert.deepEqual(store.undoLastDelete(), []);
    });

    it('undoes deletions by their order even when the clock goes back, and across restores and purges', () => {
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((t) => add('note', { title: t }));
      clock += 10_000;
      store.softDelete([a!.id]);
      clock -= 5_000; // the system clock was set back
      store.softDelete([b!.id]);
      store.softDelete([c!.id]);
      assert.deepEqual(store.undoDelete([c!.id]), [c!.id], 'restored by hand: no longer the last deletion');
      assert.deepEqual(store.undoLastDelete(), [b!.id], 'the last deletion, although an earlier one has a later time');
      clock += 20_000;
      store.softDelete([d!.id]);
      assert.equal(store.purgeDeleted(clock), 1, 'purges what was deleted before the given time (a), not d');
      assert.deepEqual(store.undoLastDelete(), [d!.id]);
      assert.deepEqual(store.undoLastDelete(), []);
      assert.equal(store.count(), 3);
    });

    it('imports a deleted entry as deleted, without making it the last deletion here', () => {
      const mine = add('note', { title: 'deleted here' });
      const theirs = { ...parseNewEntry('note', { title: 'deleted on another machine' }, clock), id: '2b1f3a52-8c1e-4d3e-9a57-111111111111', createdAt: new Date(clock).toISOString(), updatedAt: new Date(clock + 5).toISOString(), deletedAt: new Date(clock + 5).toISOString() };
      clock += 1000;
      store.softDelete([mine.id]);
      assert.deepEqual(store.importEntries([theirs]), { added: 1, updated: 0, skipped: 0 });
      assert.notEqual(store.get(theirs.id)?.deletedAt, null, 'kept deleted, as in the file');
      // An import that brings back an entry deleted here takes it out of its deletion.
      const restoredThere = { ...store.get(mine.id)!, deletedAt: null, updatedAt: new Date(clock + 1000).toISOString() };
      assert.deepEqual(store.importEntries([restoredThere]), { added: 0, updated: 1, skipped: 0 });
      assert.deepEqual(store.undoLastDelete(), [], 'nothing deleted here is left to undo');
      assert.notEqual(store.get(theirs.id)?.deletedAt, null);
    });

    it('counts entries per local day', () => {
      add('note', { title: 'a', occurredAt: '2026-11-20T09:00:00' });
      add('note', { title: 'b', occurredAt: '2026-11-20T18:00:00' });
      add('note', { title: 'c', occurredAt: '2026-11-22T08:00:00' });
      assert.deepEqual(store.countsPerDay(), [{ day: '2026-11-20', count: 2 }, { day: '2026-11-22', count: 1 }]);
    });

    it('suggests recently used field values and tags', () => {
      add('ai-assist', { title: 'a', tool: 'Copilot', occurredAt: '2026-01-01' });
      add('ai-assist', { title: 'b', tool: 'Claude', occurredAt: '2026-02-01', tags: ['x', 'y'] });
      add('ai-assist', { title: 'c', tool: 'Copilot', occurredAt: '2026-03-01', tags: ['x'] });
      assert.deepEqual(store.recentFieldValues('ai-assist', 'tool'), ['Copilot', 'Claude']);
      assert.deepEqual(store.tagCounts(), [{ tag: 'x', count: 2 }, { tag: 'y', count: 1 }]);
    });

    it('imports by id: adds new, replaces only with a newer edit, skips the rest, idempotently', () => {
      const mine = add('note', { title: 'mine' });
      const other = { ...mine, id: 'b1a4c3e2-7d6f-4e5a-8b9c-0d1e2f3a4b5c', title: 'from laptop' };
      const newer = { ...mine, title: 'edited on laptop', updatedAt: '2026-12-01T00:00:00.000Z' };
      assert.deepEqual(store.importEntries([other, newer]), { added: 1, updated: 1, skipped: 0 });
      assert.deepEqual(store.importEntries([other, newer]), { added: 0, updated: 0, skipped: 2 });
      assert.equal(store.get(mine.id)?.title, 'edited on laptop');
      assert.equal(store.count(), 2);
    });

    it('rolls a failed import back completely', () => {
      add('note', { title: 'existing' });
      const good = { ...store.list()[0]!, id: 'c1a4c3e2-7d6f-4e5a-8b9c-0d1e2f3a4b5c' };
      const broken = { ...good, id: 'd1a4c3e2-7d6f-4e5a-8b9c-0d1e2f3a4b5c', occurredAt: 'not a date' };
      assert.throws(() => store.importEntries([good, broken]));
      assert.equal(store.count(), 1, 'nothing from the failed import was written');
    });

    it('keeps metadata', () => {
      assert.equal(store.getMeta('lastExportAt'), undefined);
      store.setMeta('lastExportAt', '2026-11-01');
      store.setMeta('lastExportAt', '2026-11-02');
      assert.equal(store.getMeta('lastExportAt'), '2026-11-02');
    });

    it('persists across close and reopen, without migrating again', async () => {
      const e = add('note', { title: 'durable' });
      store.close();
      store = await open();
      assert.deepEqual(store.migrated, []);
      assert.equal(store.get(e.id)?.title, 'durable');
      assert.equal(store.integrityCheck(), 'ok');
    });

    it('backs up with the online backup API to a readable copy', async () => {
      const e = add('note', { title: 'backed up' });
      const copy = join(tmp.dir, 'copies', 'b.sqlite');
      await store.backupTo(copy);
      if (process.platform !== 'win32') assert.equal(statSync(copy).mode & 0o777, 0o600);
      const other = await EntryStore.open({ path: copy, engine });
      assert.equal(other.get(e.id)?.title, 'backed up');
      other.close();
    });

    it('sees another connection’s commits through data_version', async () => {
      const other = await open(store.path);
      const before = store.dataVersion();
      other.add(parseNewEntry('note', { title: 'from another window' }));
      assert.notEqual(store.dataVersion(), before);
      assert.equal(store.count(), 1);
      other.close();
    });

    it('refuses a file from a newer schema, leaving it untouched', async () => {
      store.close();
      const { db } = openDb(store.path, { prefer: engine });
      db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`);
      db.close();
      await assert.rejects(open(), (err: unknown) => err instanceof StoreError && err.code === 'TOO_NEW' && /Update the extension/.test(err.message));
      store = await EntryStore.open({ path: join(tmp.dir, 'other.sqlite'), engine });
    });

    it('reports a file that is not a database as damaged', async () => {
      const garbage = join(tmp.dir, 'garbage.sqlite');
      writeFileSync(garbage, 'this is not a database, it is a grocery list '.repeat(200));
      await assert.rejects(EntryStore.open({ path: garbage, engine }), (err: unknown) => err instanceof StoreError && err.code === 'CORRUPT');
    });

    it('backs the file up before migrating an older schema, then keeps every entry', async () => {
      const e = add('note', { title: 'precious' });
      store.close();
      const v2: Migration = { version: LATEST_VERSION + 1, description: 'test: add a column', up: (db) => db.exec('ALTER TABLE entries ADD COLUMN test_extra TEXT') };
      clock = Date.parse('2026-11-24T08:00:00Z');
      store = await EntryStore.open({ path: store.path, engine, now: () => clock, migrations: [...MIGRATIONS, v2] });
      assert.deepEqual(store.migrated, [LATEST_VERSION + 1]);
      assert.equal(store.get(e.id)?.title, 'precious');
      const backup = store.migrationBackup!;
      assert.equal(dirname(backup), join(dirname(store.path), 'backups'));
      assert.ok(backup.endsWith(`impact-log-before-v${LATEST_VERSION + 1}-2026-11-24T08-00-00-000Z.sqlite`), backup);
      const { db } = openDb(backup, { prefer: engine });
      assert.equal(Number(db.prepare('PRAGMA user_version').get()?.user_version), LATEST_VERSION, 'the backup is the file as it was');
      assert.equal(String(db.prepare('SELECT title FROM entries').get()?.title), 'precious');
      db.close();
    });

    it('leaves the file at the old version when a migration fails', async () => {
      add('note', { title: 'kept' });
      store.close();
      const broken: Migration = { version: LATEST_VERSION + 1, description: 'test: fails half-way', up: (db) => { db.exec('CREATE TABLE half (x)'); db.exec('SELECT * FROM no_such_table'); } };
      await assert.rejects(EntryStore.open({ path: store.path, engine, migrations: [...MIGRATIONS, broken] }));
      store = await open(store.path);
      assert.deepEqual(store.migrated, []);
      assert.equal(store.count(), 1);
      const { db } = openDb(store.path, { prefer: engine });
      assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(), undefined, 'the half-done migration was rolled back');
      db.close();
    });
  });
}
