import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { withFileLock } from '../../../src/storage/lock';
import { runBounded } from '../support/bounded';
import { tempDir } from '../support/tmp';

/**
 * The lock beside the log that one window at a time holds while opening (and maybe recovering) it.
 * Several processes race for it; none may be inside at the same time as another, a waiter never
 * removes a lock whose owner is alive, and a stale one is taken over by exactly one waiter.
 */
const RACER = join(__dirname, 'support', 'lockRacer.js');
const DEADLINE_MS = 60_000;

interface Race {
  held: number;
  overlaps: number;
}

async function racer(lock: string, rounds: number, sentinel: string): Promise<Race> {
  const run = await runBounded(RACER, ['race', lock, String(rounds), sentinel], DEADLINE_MS);
  assert.equal(run.timedOut, false, 'a racer was still waiting at the deadline');
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.at(-1), 'done');
  return { held: lines.filter((l) => l === 'held').length, overlaps: lines.filter((l) => l === 'OVERLAP').length };
}

/** A pid that no process has any more: a child that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('the open lock between windows', function () {
  this.timeout(2 * DEADLINE_MS);
  let tmp: ReturnType<typeof tempDir>;
  let lock: string;
  let sentinel: string;
  beforeEach(() => {
    tmp = tempDir();
    lock = join(tmp.dir, 'impact-log.sqlite.open-lock');
    sentinel = join(tmp.dir, 'inside');
  });
  afterEach(() => tmp.cleanup());

  /** Nothing of the lock is left: no lock, no takeover marker, no scratch file. */
  const assertClean = () => assert.deepEqual(readdirSync(tmp.dir).filter((n) => n.startsWith(basename(lock))), []);

  it('four windows taking it at once, 25 times each, are never inside together', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(() => racer(lock, 25, sentinel)));
    assert.deepEqual(runs, [1, 2, 3, 4].map(() => ({ held: 25, overlaps: 0 })));
    assertClean();
  });

  for (const format of ['0.1.0 (just a pid)', 'current']) {
    it(`a lock left by a process that died (${format} format) is taken over by one waiter at a time`, async () => {
      for (let trial = 0; trial < 3; trial++) {
        const pid = await deadPid();
        writeFileSync(lock, format === 'current' ? JSON.stringify({ pid, host: hostname(), token: 'gone', at: Date.now() }) : String(pid));
        const runs = await Promise.all([1, 2, 3, 4].map(() => racer(lock, 2, sentinel)));
        assert.deepEqual(runs, [1, 2, 3, 4].map(() => ({ held: 2, overlaps: 0 })), `trial ${trial}`);
        assertClean();
      }
    });
  }

  it('a lock older than the maximum age is taken over even though its owner still runs', async () => {
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), token: 'hung', at: Date.now() - 11 * 60 * 1000 }));
    const runs = await Promise.all([1, 2, 3].map(() => racer(lock, 3, sentinel)));
    assert.deepEqual(runs, [1, 2, 3].map(() => ({ held: 3, overlaps: 0 })));
    assertClean();
  });

  it('a waiter whose deadline passes while the owner runs gives up with a message and leaves the lock alone', async () => {
    const db = join(tmp.dir, 'impact-log.sqlite');
    // This test's process is the owner: alive, and the lock is fresh.
    writeFileSync(lock, String(process.pid));
    const run = await runBounded(RACER, ['open', db, '300'], DEADLINE_MS);
    assert.equal(run.timedOut, false);
    assert.equal(run.stderr, '');
    const answer = JSON.parse(run.stdout.split('\n')[0]!) as { ok: boolean; code?: string; message?: string };
    assert.equal(answer.ok, false, 'the waiter must not open the log under another window’s lock');
    assert.equal(answer.code, 'BUSY');
    assert.match(answer.message!, new RegExp(`process ${process.pid}`));
    assert.ok(answer.message!.includes(lock), 'the message names the lock file');
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid), 'the owner’s lock is untouched');
  });

  it('an owner that was judged stale and taken over does not remove the new owner’s lock', async () => {
    const theirs = JSON.stringify({ pid: process.pid + 1, token: 'taken-over', at: Date.now() });
    await withFileLock(lock, () => {
      // Another window decided this lock was stale and replaced it with its own.
      writeFileSync(lock, theirs);
    });
    assert.equal(readFileSync(lock, 'utf8'), theirs);
  });

  it('is released after use, also when the work throws', async () => {
    await assert.rejects(
      withFileLock(lock, () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assertClean();
    assert.equal(await withFileLock(lock, () => 42), 42);
    assertClean();
  });
});
