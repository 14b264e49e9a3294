import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseNewEntry, parsePatch } from '../../../src/domain';
import { EntryStore, openDb, StoreError } from '../../../src/storage';
import {
  backupNow,
  dailyBackupIfDue,
  dailyBackupName,
  inspectBackup,
  listBackups,
  pruneBackups,
  resolveBackupFolder,
  restoreBackup,
} from '../../../src/storage/backups';
import { ENGINES, tempDir } from '../support/tmp';
import { isPosix, modeOf, seed, sha256, snapshot } from './support/seed';

const DAY = 24 * 60 * 60 * 1000;
const noon = (d: string) => new Date(`${d}T12:00:00`).getTime();

describe('backup folder setting', () => {
  it('defaults to a backups folder beside the database, expands ~ and keeps absolute paths', () => {
    assert.equal(resolveBackupFolder('', '/data/log/impact-log.sqlite'), '/data/log/backups');
    assert.equal(resolveBackupFolder('  ', '/data/log/impact-log.sqlite'), '/data/log/backups');
    assert.equal(resolveBackupFolder('~/log-backups', '/data/x.sqlite'), join(homedir(), 'log-backups'));
    assert.equal(resolveBackupFolder('/mnt/usb/impact', '/data/x.sqlite'), '/mnt/usb/impact');
  });

  it('names daily backups by the local date', () => {
    assert.equal(dailyBackupName(noon('2026-05-01')), 'impact-log-daily-2026-05-01.sqlite');
  });
});

for (const engine of ENGINES) {
  describe(`backups on ${engine}`, function () {
    this.timeout(60_000);
    let tmp: ReturnType<typeof tempDir>;
    let store: EntryStore;
    let folder: string;
    beforeEach(async () => {
      tmp = tempDir();
      folder = join(tmp.dir, 'backups');
      store = await EntryStore.open({ path: join(tmp.dir, 'log.sqlite'), engine });
    });
    afterEach(() => {
      store.close();
      tmp.cleanup();
    });

    it('takes one daily backup on the first write of the day, owner-only, holding every entry', async () => {
      const entries = seed(store, 30, 'day1');
      const made = await dailyBackupIfDue(store, folder, 14, noon('2026-05-01'));
      assert.ok(made);
      assert.equal(made.name, 'impact-log-daily-2026-05-01.sqlite');
      assert.equal(made.kind, 'daily');
      if (isPosix) {
        assert.equal(modeOf(statSync(made.path).mode), 0o600, 'backup file is owner-only');
        assert.equal(modeOf(statSync(folder).mode), 0o700, 'backup folder is owner-only');
      }
      seed(store, 3, 'later');
      assert.equal(await dailyBackupIfDue(store, folder, 14, noon('2026-05-01') + 3600_000), undefined, 'second write of the day: no new backup');
      const copy = await EntryStore.open({ path: made.path, engine });
      try {
        assert.equal(copy.integrityCheck(), 'ok');
        assert.deepEqual(snapshot(copy), [...entries].sort((a, b) => a.id.localeCompare(b.id)));
      } finally {
        copy.close();
      }
    });

    it('keeps a bounded number of daily and manual backups, newest kept, migration backups untouched', async () => {
      seed(store, 5, 'x');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'impact-log-before-v2-2026-01-01T00-00-00-000Z.sqlite'), 'migration backup stand-in', { flag: 'w' });
      for (let d = 0; d < 20; d++) await dailyBackupIfDue(store, folder, 5, noon('2026-05-01') + d * DAY);
      for (let m = 0; m < 7; m++) await backupNow(store, folder, 5, noon('2026-06-01') + m * 60_000);
      const names = readdirSync(folder).sort();
      const daily = names.filter((n) => n.startsWith('impact-log-daily-'));
      assert.deepEqual(daily, ['2026-05-16', '2026-05-17', '2026-05-18', '2026-05-19', '2026-05-20'].map((d) => `impact-log-daily-${d}.sqlite`));
      assert.equal(names.filter((n) => n.startsWith('impact-log-manual-')).length, 5);
      assert.ok(names.includes('impact-log-before-v2-2026-01-01T00-00-00-000Z.sqlite'), 'migration backups are never pruned');
      assert.deepEqual(pruneBackups(folder, 5), [], 'pruning again removes nothing');
    });

    it('lists backups newest first and ignores unfinished ones', async () => {
      seed(store, 2, 'x');
      const a = await dailyBackupIfDue(store, folder, 14, noon('2026-05-01'));
      const b = await dailyBackupIfDue(store, folder, 14, noon('2026-05-02'));
      const c = await backupNow(store, folder, 14, noon('2026-05-03'));
      utimesSync(a!.path, new Date(noon('2026-05-01')), new Date(noon('2026-05-01')));
      utimesSync(b!.path, new Date(noon('2026-05-02')), new Date(noon('2026-05-02')));
      utimesSync(c.path, new Date(noon('2026-05-03')), new Date(noon('2026-05-03')));
      writeFileSync(join(folder, 'impact-log-daily-2026-05-04.sqlite.partial-0badf00d'), 'half a backup');
      assert.deepEqual(listBackups(folder).map((x) => x.path), [c.path, b!.path, a!.path]);
      assert.deepEqual(listBackups(join(tmp.dir, 'no-such-folder')), []);
      const summary = inspectBackup(listBackups(folder)[0]!);
      assert.equal(summary.entries, 2);
    });

    it('removes partial files a crash left behind once they are stale, never a finished backup', async () => {
      seed(store, 2, 'x');
      const partial = join(folder, 'impact-log-daily-2026-05-04.sqlite.partial-0badf00d');
      await dailyBackupIfDue(store, folder, 14, noon('2026-05-01'));
      writeFileSync(partial, 'half a backup');
      writeFileSync(`${partial}-journal`, 'its journal');
      const old = new Date(Date.now() - 2 * 3600_000);
      utimesSync(partial, old, old);
      utimesSync(`${partial}-journal`, old, old);
      await dailyBackupIfDue(store, folder, 14, noon('2026-05-02'));
      assert.equal(existsSync(partial), false);
      assert.equal(existsSync(`${partial}-journal`), false);
      assert.equal(listBackups(folder).length, 2);
    });

    it('restores the undo history with the entries: Undo Delete after a restore undoes the backup’s last deletion', async () => {
      const [a, b, c] = seed(store, 3, 'undo');
      store.softDelete([a!.id]);
      store.softDelete([b!.id]);
      const backup = await backupNow(store, folder, 14, noon('2026-05-01'));
      store.undoLastDelete();
      store.softDelete([c!.id]);
      await restoreBackup(store, { backupPath: backup.path, folder, now: noon('2026-05-02') });
      assert.deepEqual(store.undoLastDelete(), [b!.id]);
      assert.deepEqual(store.undoLastDelete(), [a!.id]);
      assert.deepEqual(store.undoLastDelete(), []);
      store.softDelete([c!.id]);
      assert.deepEqual(store.undoLastDelete(), [c!.id], 'a deletion after the restore is the last one');
    });

    it('restores a chosen backup: exact contents back, the current log kept as a backup, other windows see it', async () => {
      const before = seed(store, 40, 'kept');
      const backup = await backupNow(store, folder, 14, noon('2026-05-01'));
      const backupHash = sha256(backup.path);
      const atBackup = snapshot(store);
      seed(store, 10, 'after');
      store.update(before[0]!.id, parsePatch('problem', { title: 'edited after the backup' }));
      store.softDelete([before[1]!.id]);
      const current = snapshot(store);

      const otherWindow = await EntryStore.open({ path: store.path, engine });
      try {
        const version = otherWindow.dataVersion();
        const result = await restoreBackup(store, { backupPath: backup.path, folder, now: noon('2026-05-02') });
        assert.equal(result.entries, 40);
        assert.deepEqual(snapshot(store), atBackup, 'the log is exactly the backup');
        assert.equal(store.integrityCheck(), 'ok');
        assert.equal(store.count({ text: 'kept' }), 40, 'full-text index follows the restored entries');
        assert.notEqual(otherWindow.dataVersion(), version, 'another window sees a new commit');
        assert.deepEqual(snapshot(otherWindow), atBackup);
        assert.equal(sha256(backup.path), backupHash, 'the backup itself is not modified');

        assert.equal(result.previousLog.kind, 'before-restore');
        const previous = await EntryStore.open({ path: result.previousLog.path, engine });
        try {
          assert.deepEqual(snapshot(previous), current, 'the log before the restore is kept whole');
        } finally {
          previous.close();
        }
        if (isPosix) assert.equal(modeOf(statSync(result.previousLog.path).mode), 0o600);
        assert.deepEqual(readdirSync(folder).filter((n) => n.includes('.partial-')), [], 'no staging files left');
      } finally {
        otherWindow.close();
      }
    });

    it('refuses a damaged backup and leaves the log untouched', async () => {
      seed(store, 12, 'live');
      const good = await backupNow(store, folder, 14, noon('2026-05-01'));
      const bad = join(folder, 'impact-log-manual-2026-05-02T00-00-00-000Z.sqlite');
      const bytes = readFileSync(good.path);
      writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const current = snapshot(store);
      const backupsBefore = readdirSync(folder).sort();
      await assert.rejects(
        restoreBackup(store, { backupPath: bad, folder }),
        (err: unknown) => err instanceof StoreError && err.code === 'CORRUPT' && err.message.includes(bad),
      );
      await assert.rejects(
        restoreBackup(store, { backupPath: join(folder, 'missing.sqlite'), folder }),
        (err: unknown) => err instanceof StoreError && err.code === 'NOT_FOUND',
      );
      assert.deepEqual(snapshot(store), current);
      assert.deepEqual(readdirSync(folder).sort(), backupsBefore, 'no before-restore copy and no staging files');
    });

    it('refuses a backup holding an entry edited by hand into something invalid, naming it, and leaves the log untouched', async () => {
      seed(store, 5, 'live');
      const good = await backupNow(store, folder, 14, noon('2026-05-01'));
      const { db } = openDb(good.path, { prefer: engine });
      const victim = String(db.prepare('SELECT id FROM entries LIMIT 1').get()?.id);
      db.prepare(`UPDATE entries SET kind = 'ai-assist', fields = '{"verdict":"maybe"}' WHERE id = ?`).run(victim);
      db.close();
      const current = snapshot(store);
      await assert.rejects(
        restoreBackup(store, { backupPath: good.path, folder }),
        (err: unknown) => err instanceof StoreError && err.code === 'CORRUPT' && err.message.includes(victim) && /verdict/.test(err.message),
      );
      assert.deepEqual(snapshot(store), current);
    });

    it('restores a log that had no entries at all, and one into an empty log', async () => {
      const empty = await backupNow(store, folder, 14, noon('2026-05-01'));
      store.add(parseNewEntry('note', { title: 'only entry' }));
      await restoreBackup(store, { backupPath: empty.path, folder });
      assert.equal(store.count({ deleted: 'include' }), 0);
      const result = await restoreBackup(store, { backupPath: listBackups(folder).find((b) => b.kind === 'before-restore')!.path, folder });
      assert.equal(result.entries, 1);
      assert.equal(store.list()[0]!.title, 'only entry');
    });
  });
}
