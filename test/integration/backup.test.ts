// Backups in the real extension host: the daily backup after the day's first write, Back Up Now,
// Restore from Backup with an argument object (and Undo), bad arguments, and the picker's Escape.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { localDate } from '../../src/domain';
import { backupInfoOf, inspectBackup, type RestoreResult } from '../../src/storage/backups';
import { api, waitFor } from './helpers';
import { escape, start } from './quickInput';
import { ui } from './ui';

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const posix = process.platform !== 'win32';

/** Resolves on the timeline's next refresh (the store's change event reaching the view). */
async function nextTimelineRefresh(ms = 4000): Promise<void> {
  const tl = (await api()).timeline;
  assert.ok(tl, 'the timeline is registered');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => (sub.dispose(), reject(new Error(`no timeline refresh within ${ms} ms`))), ms);
    const sub = tl.provider.onDidChangeTreeData(() => (clearTimeout(timer), sub.dispose(), resolve()));
  });
}

describe('Backups', () => {
  let backups: string;

  before(async () => {
    backups = join(dirname((await api()).databasePath), 'backups');
  });

  // Which write of this session was the day's first depends on the order the suites run in; the rule
  // itself (first write of the day) is unit-tested with dailyBackupIfDue. Here: after a write, today's
  // backup is there and complete.
  it('after a write, today’s daily backup is beside the log; log and backup are owner-only', async () => {
    const id = await vscode.commands.executeCommand<string>('impactLog.logNote', { title: `daily backup trigger ${stamp()}` });
    assert.ok(id);
    const daily = join(backups, `impact-log-daily-${localDate(Date.now())}.sqlite`);
    await waitFor(`${daily} to exist`, () => existsSync(daily));
    const summary = inspectBackup(backupInfoOf(daily)!);
    assert.equal(summary.problem, undefined);
    assert.ok((summary.entries ?? 0) >= 1, 'the daily backup holds the log');
    if (posix) {
      assert.equal(statSync(daily).mode & 0o777, 0o600);
      assert.equal(statSync((await api()).databasePath).mode & 0o777, 0o600);
    }
  });

  it('Back Up Now writes a complete backup and returns its path', async () => {
    const count = (await (await api()).store()).count();
    const path = await vscode.commands.executeCommand<string>('impactLog.backupNow');
    assert.ok(path && existsSync(path), `backup at ${path}`);
    assert.match(path, /impact-log-manual-.*\.sqlite$/);
    assert.equal(inspectBackup(backupInfoOf(path)!).entries, count);
    if (posix) assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('Restore from Backup { path, confirm: false }: exactly the backup comes back, the current log is kept, the timeline refreshes, and it can be undone', async () => {
    const store = await (await api()).store();
    const backup = await vscode.commands.executeCommand<string>('impactLog.backupNow');
    const before = store.count();
    const later = await vscode.commands.executeCommand<string>('impactLog.logNote', { title: `logged after the backup ${stamp()}` });
    assert.ok(later && store.get(later));

    const refreshed = nextTimelineRefresh();
    const result = await vscode.commands.executeCommand<RestoreResult>('impactLog.restoreBackup', { path: backup, confirm: false });
    assert.ok(result, 'the restore returned its result');
    await refreshed;
    const now = await (await api()).store();
    assert.equal(now.get(later), undefined, 'the entry logged after the backup is gone from the log');
    assert.equal(now.count(), before);
    assert.equal(result.entries, before);
    assert.ok(existsSync(result.previousLog.path), 'the replaced log was kept');
    assert.equal(inspectBackup(result.previousLog).entries, before + 1, 'and it holds the entry logged after the backup');

    // Undo: restore the log as it was before the restore.
    await vscode.commands.executeCommand('impactLog.restoreBackup', { path: result.previousLog.path, confirm: false });
    assert.ok((await (await api()).store()).get(later), 'undoing the restore brings the entry back');
  });

  it('refuses bad arguments and damaged backups, writing nothing', async () => {
    const store = await (await api()).store();
    const count = store.count();
    const filesBefore = readdirSync(backups).length;
    const junk = join(mkdtempSync(join(tmpdir(), 'impact-log-junk-')), 'not-a-backup.sqlite');
    writeFileSync(junk, 'this is not a database');
    const cases: [unknown, RegExp][] = [
      [{ path: 'relative/backup.sqlite' }, /“path”/],
      [{ path: '/no/such/backup.sqlite', confirm: false }, /\/no\/such\/backup\.sqlite/],
      [{ path: junk, confirm: false }, /not-a-backup\.sqlite/],
      [{ path: junk, confirm: 'no' }, /“confirm”/],
      ['backup.sqlite', /object/],
      [{ file: junk }, /“file”/],
    ];
    for (const [arg, says] of cases) {
      const mark = ui().mark();
      const r = await vscode.commands.executeCommand('impactLog.restoreBackup', arg);
      assert.equal(r, undefined, `${JSON.stringify(arg)} was refused`);
      const [shown, ...more] = ui().errorsSince(mark);
      assert.match(shown ?? '(no error message)', says);
      assert.deepEqual(more, [], 'one message per refusal');
    }
    const mark = ui().mark();
    assert.equal(await vscode.commands.executeCommand('impactLog.backupNow', { path: '/tmp/x' }), undefined, 'Back Up Now takes no argument');
    assert.match(ui().errorsSince(mark)[0] ?? '(no error message)', /argument/);
    assert.equal((await (await api()).store()).count(), count);
    assert.equal(readdirSync(backups).length, filesBefore, 'no backup, no before-restore copy');
  });

  it('the restore picker: Escape changes nothing', async () => {
    const count = (await (await api()).store()).count();
    const running = start<unknown>('impactLog.restoreBackup');
    await escape(running);
    assert.equal(await running, undefined);
    assert.equal((await (await api()).store()).count(), count);
  });
});
