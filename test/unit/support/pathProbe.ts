/**
 * Runs one operation on a user path in its own process, for test/unit/paths.test.ts: a regression
 * to a recursive mkdir under /proc spins forever, and the test kills this process at its deadline.
 * Usage: node pathProbe.js <op> <path> [text]
 *   op: folder | parent | check | write | store | backup | recovery | restore
 * Prints one JSON line: { "ok": true, "result": … } or { "ok": false, "name", "code", "message" }.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { EntryStore } from '../../../src/storage';
import { backupNow, restoreBackup } from '../../../src/storage/backups';
import { checkUserPath, ensureFolder, ensureParentFolder, writeFileAtomic } from '../../../src/storage/paths';
import { openWithRecovery } from '../../../src/storage/recovery';

async function run(op: string, path: string, extra: string | undefined): Promise<unknown> {
  switch (op) {
    case 'folder':
      return ensureFolder(path, { what: 'the test folder' });
    case 'parent':
      return ensureParentFolder(path, { what: 'the test file' });
    case 'check':
      return checkUserPath(path, { what: 'the test path' });
    case 'write':
      return writeFileAtomic(path, extra ?? 'text', { what: 'the export file' });
    case 'store': {
      const store = await EntryStore.open({ path });
      store.close();
      return store.path;
    }
    case 'recovery': {
      const { store } = await openWithRecovery({ path, backupFolder: join(path, '..', 'backups') });
      store.close();
      return store.path;
    }
    case 'backup':
    case 'restore': {
      const store = await EntryStore.open({ path: extra! });
      try {
        if (op === 'backup') return (await backupNow(store, path, 3)).path;
        return (await restoreBackup(store, { backupPath: path, folder: join(extra!, '..', 'backups') })).entries;
      } finally {
        store.close();
      }
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
}

const [op, path, extra] = process.argv.slice(2);
run(op!, path!, extra).then(
  (result) => writeSync(1, `${JSON.stringify({ ok: true, result })}\n`),
  (err: unknown) => {
    const e = err as { name?: string; code?: string; message?: string };
    writeSync(1, `${JSON.stringify({ ok: false, name: e.name, code: e.code, message: e.message ?? String(err) })}\n`);
  },
);
