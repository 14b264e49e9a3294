/**
 * A stand-in for a VS Code window taking the open lock, for lock.test.ts.
 *   node lockRacer.js race <lock> <rounds> <sentinel>
 *     takes the lock <rounds> times; inside, creates <sentinel> exclusively (printing OVERLAP if
 *     another holder's is still there), holds it for a few ms, removes it, prints "held".
 *   node lockRacer.js open <dbPath> <waitMs>
 *     opens the log with recovery (which takes the lock); prints one JSON line: { ok, code, message }.
 * Prints "done" at the end; any unexpected error goes to stderr, exit 1.
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLock } from '../../../../src/storage/lock';
import { openWithRecovery } from '../../../../src/storage/recovery';

const out = (line: string) => writeSync(1, `${line}\n`);

async function race(lock: string, rounds: number, sentinel: string): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await withFileLock(lock, async () => {
      try {
        closeSync(openSync(sentinel, 'wx'));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        out('OVERLAP');
        return;
      }
      await new Promise((r) => setTimeout(r, Math.random() * 4));
      unlinkSync(sentinel);
      out('held');
    });
  }
}

async function open(path: string, waitMs: number): Promise<void> {
  try {
    const { store } = await openWithRecovery({ path, backupFolder: join(path, '..', 'backups'), lockWaitMs: waitMs });
    store.close();
    out(JSON.stringify({ ok: true }));
  } catch (err) {
    const e = err as { code?: string; message?: string };
    out(JSON.stringify({ ok: false, code: e.code, message: e.message }));
  }
}

const [mode, a, b, c] = process.argv.slice(2);
(mode === 'race' ? race(a!, Number(b), c!) : open(a!, Number(b))).then(
  () => out('done'),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
