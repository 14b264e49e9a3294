import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Entry } from '../../../src/domain';
import { EntryStore } from '../../../src/storage';
import { dailyBackupIfDue } from '../../../src/storage/backups';
import { formatDateTime } from '../../../src/domain/format';
import { openWithRecovery, type RecoveryReport } from '../../../src/storage/recovery';
import { ENGINES, tempDir } from '../support/tmp';
import { isPosix, modeOf, seed, snapshot } from './support/seed';

const run = promisify(execFile);
const OPENER = join(__dirname, 'support', 'opener.js');

/** Ways a log file gets damaged: overwritten, cut short by a copy or a full disk, header wiped, emptied. */
export const DAMAGE: Record<string, (path: string) => void> = {
  'garbage (random bytes over the whole file)': (p) => writeFileSync(p, randomBytes(statSync(p).size)),
  'truncated to half': (p) => truncateSync(p, Math.floor(statSync(p).size / 2)),
  'header zeroed (first 100 bytes)': (p) => {
    const fd = openSync(p, 'r+');
    writeSync(fd, Buffer.alloc(100), 0, 100, 0);
    closeSync(fd);
  },
  'zero length': (p) => truncateSync(p, 0),
};

const sortById = (list: Entry[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

for (const engine of ENGINES) {
  describe(`opening a damaged log (${engine})`, function () {
    this.timeout(60_000);
    let tmp: ReturnType<typeof tempDir>;
    let path: string;
    let folder: string;
    beforeEach(() => {
      tmp = tempDir();
      path = join(tmp.dir, 'impact-log.sqlite');
      folder = join(tmp.dir, 'backups');
    });
    afterEach(() => tmp.cleanup());

    /** A log with `n` entries backed up at `backupTime`, then `later` more entries that no backup has. */
    async function logWithBackup(n: number, later: number, backupTime = Date.parse('2026-05-01T09:30:00Z')): Promise<{ atBackup: Entry[]; backupPath: string }> {
      const store = await EntryStore.open({ path, engine });
      seed(store, n, 'backed-up');
      const atBackup = snapshot(store);
      const made = await dailyBackupIfDue(store, folder, 14, backupTime);
      utimesSync(made!.path, new Date(backupTime), new Date(backupTime));
      seed(store, later, 'after-backup');
      store.close();
      return { atBackup, backupPath: made!.path };
    }

    for (const [damage, apply] of Object.entries(DAMAGE)) {
      it(`${damage}: moves the file aside, restores the newest backup and says what may be missing`, async () => {
        const backupTime = Date.parse('2026-05-01T09:30:00Z');
        const { atBackup, backupPath } = await logWithBackup(200, 15, backupTime);
        apply(path);
        const damagedBytes = readFileSync(path);

        const { store, report } = await openWithRecovery({ path, backupFolder: folder, engine, now: () => Date.parse('2026-05-03T08:00:00Z') });
        try {
          assert.ok(report, 'a recovery report');
          assert.deepEqual(snapshot(store), sortById(atBackup), 'the log holds exactly the backup');
          assert.equal(store.integrityCheck(), 'ok');
          assert.equal(store.count({ text: 'backed-up' }), 200, 'full-text search works on the restored log');
          assert.equal(seed(store, 1, 'new').length, 1, 'the restored log takes new entries');
        } catch (err) {
          store.close();
          throw err;
        }
        store.close();

        assert.ok(report.damagedFile && existsSync(report.damagedFile), 'the damaged file still exists');
        assert.match(report.damagedFile, /impact-log\.damaged-2026-05-03T08-00-00-000Z\.sqlite$/);
        assert.deepEqual(readFileSync(report.damagedFile), damagedBytes, 'the damaged file is moved as it was, not altered');
        assert.equal(report.restoredFrom?.path, backupPath);
        assert.equal(report.restoredFrom?.entries, 200);
        assert.equal(report.missingSince, backupTime);
        assert.deepEqual(report.unusableBackups, []);
        // The words a person reads: what happened, where the file is, which backup, what may be missing.
        assert.match(report.message, /could not open your log because/);
        assert.ok(report.message.includes(`moved, not deleted, to ${report.damagedFile}`), report.message);
        assert.ok(report.message.includes(`restored from the backup of ${formatDateTime(backupTime)} (200 entries)`), report.message);
        assert.ok(report.message.includes(`added or changed after ${formatDateTime(backupTime)} may be missing`), report.message);
        if (isPosix) assert.equal(modeOf(statSync(path).mode), 0o600, 'the restored log is owner-only');
        assert.deepEqual(readdirSync(tmp.dir).filter((n) => /restoring|open-lock/.test(n)), [], 'no staging or lock files left');
      });
    }

    it('skips a damaged newest backup and restores the next one, saying so', async () => {
      const older = Date.parse('2026-05-01T09:30:00Z');
      const { atBackup } = await logWithBackup(50, 5, older);
      const newer = join(folder, 'impact-log-manual-2026-05-02T10-00-00-000Z.sqlite');
      writeFileSync(newer, randomBytes(8192));
      utimesSync(newer, new Date(older + 86_400_000), new Date(older + 86_400_000));
      DAMAGE['garbage (random bytes over the whole file)']!(path);

      const { store, report } = await openWithRecovery({ path, backupFolder: folder, engine });
      try {
        assert.deepEqual(snapshot(store), sortById(atBackup));
      } finally {
        store.close();
      }
      assert.equal(report?.unusableBackups.length, 1);
      assert.equal(report?.unusableBackups[0]?.path, newer);
      assert.match(report?.message ?? '', /1 newer backup was damaged too and was skipped/);
      assert.equal(report?.missingSince, older);
      assert.ok(existsSync(newer), 'a damaged backup is not deleted either');
    });

    it('with no backup at all, starts a new empty log and says so, keeping the damaged file', async () => {
      const store0 = await EntryStore.open({ path, engine });
      seed(store0, 30, 'x');
      store0.close();
      DAMAGE['header zeroed (first 100 bytes)']!(path);
      const { store, report } = await openWithRecovery({ path, backupFolder: folder, engine });
      try {
        assert.equal(store.count({ deleted: 'include' }), 0);
      } finally {
        store.close();
      }
      assert.equal(report?.restoredFrom, undefined);
      assert.equal(report?.missingSince, undefined);
      assert.match(report!.message, /No usable backup was found in .*backups, so Impact Log started a new, empty log\./);
      assert.ok(report?.damagedFile && statSync(report.damagedFile).size > 0);
    });

    it('opens a sound log without touching anything, and an empty new file without inventing a problem', async () => {
      await logWithBackup(20, 2);
      const before = readdirSync(tmp.dir).sort();
      const { store, report } = await openWithRecovery({ path, backupFolder: folder, engine });
      assert.equal(report, undefined);
      assert.equal(store.count(), 22);
      store.close();
      assert.deepEqual(readdirSync(tmp.dir).sort(), before);

      const fresh = join(tmp.dir, 'fresh', 'log.sqlite');
      const opened = await openWithRecovery({ path: fresh, backupFolder: join(tmp.dir, 'fresh', 'backups'), engine });
      assert.equal(opened.report, undefined);
      opened.store.close();
    });

    it('two windows opening the damaged log at once: one recovers, both end on the same restored log', async () => {
      const { atBackup } = await logWithBackup(80, 5);
      DAMAGE['truncated to half']!(path);
      const results = await Promise.all([0, 1].map(() => run(process.execPath, [OPENER, path, folder, engine])));
      const outs = results.map((r) => JSON.parse(r.stdout) as { count: number; integrity: string; report: RecoveryReport | null });
      assert.deepEqual(outs.map((o) => o.count), [80, 80]);
      assert.deepEqual(outs.map((o) => o.integrity), ['ok', 'ok']);
      assert.equal(outs.filter((o) => o.report !== null).length, 1, 'exactly one window recovered');
      assert.equal(readdirSync(tmp.dir).filter((n) => n.includes('.damaged-')).length, 1, 'one damaged file set aside');
      const store = await EntryStore.open({ path, engine });
      try {
        assert.deepEqual(snapshot(store), sortById(atBackup));
      } finally {
        store.close();
      }
    });
  });
}
