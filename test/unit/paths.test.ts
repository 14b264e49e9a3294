import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntryStore } from '../../src/storage';
import { MAX_NEW_FOLDERS } from '../../src/storage/paths';
import { runBounded } from './support/bounded';
import { tempDir } from './support/tmp';

/**
 * Paths a user names (export path, backup folder, database path) never reach a recursive mkdir,
 * which spins forever under /proc on Linux. Every case runs in a child process with a deadline, so
 * a regression fails here instead of hanging the run.
 */
const PROBE = join(__dirname, 'support', 'pathProbe.js');
/** Far above what any of these takes (~0.2 s), far below mocha's timeout. */
const DEADLINE_MS = 8000;

interface Answer {
  ok: boolean;
  result?: unknown;
  name?: string;
  code?: string;
  message?: string;
}

async function probe(op: string, path: string, extra?: string, env?: NodeJS.ProcessEnv): Promise<Answer> {
  const run = await runBounded(PROBE, extra === undefined ? [op, path] : [op, path, extra], DEADLINE_MS, env);
  assert.equal(run.timedOut, false, `${op} ${path} was still running after ${DEADLINE_MS} ms (a spinning mkdir?)`);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  return JSON.parse(run.stdout) as Answer;
}

/** Refused with a PathError whose message names the path, why, and what to do. */
function assertRefused(a: Answer, path: string, why: RegExp): void {
  assert.equal(a.ok, false, `expected a refusal, got ${JSON.stringify(a)}`);
  assert.equal(a.name, 'PathError', a.message);
  assert.equal(a.code, 'PATH');
  assert.ok(a.message?.includes(path), `the message names ${path}: ${a.message}`);
  assert.match(a.message!, why);
  assert.match(a.message!, /Nothing was written/);
  assert.match(a.message!, /Choose|Fix|Give/);
}

const linux = process.platform === 'linux';

describe('safe user paths (each case in a child process with a deadline)', function () {
  this.timeout(4 * DEADLINE_MS);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  describe('system folders are refused, at every call site', () => {
    before(function () {
      if (!linux) this.skip(); // /proc, /sys and /dev are Linux's; elsewhere they do not exist
    });

    it('an export to /proc/x/y.json', async () => {
      assertRefused(await probe('write', '/proc/x/y.json'), '/proc/x/y.json', /inside \/proc, a system folder/);
    });

    it('a folder under /proc/self', async () => {
      assertRefused(await probe('folder', '/proc/self/x/y'), '/proc/self/x/y', /inside \/proc/);
    });

    it('a folder under /sys', async () => {
      assertRefused(await probe('folder', '/sys/impact-log-test/x'), '/sys/impact-log-test/x', /inside \/sys/);
    });

    it('a folder under /dev, and nothing is created there', async () => {
      const path = `/dev/impact-log-test-${process.pid}/x`;
      assertRefused(await probe('folder', path), path, /inside \/dev/);
      assert.equal(existsSync(`/dev/impact-log-test-${process.pid}`), false);
    });

    it('the database path (opening the store and opening with recovery)', async () => {
      assertRefused(await probe('store', '/proc/x/impact-log.sqlite'), '/proc/x/impact-log.sqlite', /inside \/proc/);
      assertRefused(await probe('recovery', '/proc/self/x/impact-log.sqlite'), '/proc/self/x/impact-log.sqlite', /inside \/proc/);
    });

    it('the backup folder', async () => {
      const db = join(tmp.dir, 'log.sqlite');
      (await EntryStore.open({ path: db })).close();
      assertRefused(await probe('backup', '/proc/x/backups', db), '/proc/x/backups', /backup folder \(setting impactLog\.backup\.folder\).*inside \/proc/);
    });

    it('a backup to restore', async () => {
      const db = join(tmp.dir, 'log.sqlite');
      (await EntryStore.open({ path: db })).close();
      assertRefused(await probe('restore', '/proc/self/environ', db), '/proc/self/environ', /inside \/proc/);
    });

    it('a path that reaches /proc through a link', async () => {
      const link = join(tmp.dir, 'to-proc');
      symlinkSync('/proc/self', link);
      const path = join(link, 'x', 'y.json');
      assertRefused(await probe('write', path), path, /through the link .*to-proc, which leads to \/proc\//);
    });

    it('a path written with .. that ends in /proc', async () => {
      const path = `${tmp.dir}/../../../../../../../../proc/x/y`;
      assertRefused(await probe('folder', path), path, /inside \/proc/);
    });
  });

  it('refuses a dangling link in the way, naming it', async () => {
    const link = join(tmp.dir, 'dangling');
    symlinkSync(join(tmp.dir, 'nowhere', 'deeper'), link);
    const path = join(link, 'sub', 'y.json');
    const a = await probe('write', path);
    assertRefused(a, path, /is a link to .*nowhere.* that leads nowhere/);
    assert.equal(existsSync(join(tmp.dir, 'nowhere')), false, 'nothing was created at the link’s target');
  });

  it('refuses a file in the way, naming it', async () => {
    const file = join(tmp.dir, 'notes.txt');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'exports', 'y.json');
    const a = await probe('write', path);
    assertRefused(a, path, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a file, not a folder`));
    assert.equal(readFileSync(file, 'utf8'), 'not a folder');
  });

  it('refuses a relative path', async () => {
    assertRefused(await probe('write', 'exports/y.json'), 'exports/y.json', /not an absolute path/);
  });

  it(`refuses a path that needs more than ${MAX_NEW_FOLDERS} new folders, creating none`, async () => {
    const path = join(tmp.dir, ...Array.from({ length: MAX_NEW_FOLDERS + 1 }, (_, i) => `d${i}`));
    assertRefused(await probe('folder', path), path, new RegExp(`more than ${MAX_NEW_FOLDERS} new folders`));
    assert.equal(existsSync(join(tmp.dir, 'd0')), false);
  });

  it('creates missing folders one level at a time, owner-only, and writes the file', async () => {
    const path = join(tmp.dir, 'a', 'b', 'c', 'export.json');
    const a = await probe('write', path, '{"hello":1}');
    assert.deepEqual(a, { ok: true, result: path });
    assert.equal(readFileSync(path, 'utf8'), '{"hello":1}');
    if (process.platform !== 'win32') {
      for (const dir of ['a', 'a/b', 'a/b/c']) assert.equal(statSync(join(tmp.dir, dir)).mode & 0o777, 0o700, dir);
      assert.equal(statSync(path).mode & 0o777, 0o600);
    }
  });

  it('expands ~ to the home folder, and follows a link to a real folder', async () => {
    const home = join(tmp.dir, 'home');
    mkdirSync(home);
    const a = await probe('write', '~/exports/y.json', 'x', { ...process.env, HOME: home, USERPROFILE: home });
    assert.deepEqual(a, { ok: true, result: join(home, 'exports', 'y.json') });
    assert.equal(readFileSync(join(home, 'exports', 'y.json'), 'utf8'), 'x');

    const real = join(tmp.dir, 'real');
    mkdirSync(real);
    symlinkSync(real, join(tmp.dir, 'link'));
    assert.equal((await probe('folder', join(tmp.dir, 'link', 'new'))).ok, true);
    assert.ok(statSync(join(real, 'new')).isDirectory());
  });

  it('opens a store whose folders do not exist yet, and backs it up to a new folder', async () => {
    const db = join(tmp.dir, 'data', 'log', 'impact-log.sqlite');
    assert.deepEqual(await probe('store', db), { ok: true, result: db });
    const backups = join(tmp.dir, 'elsewhere', 'backups');
    const a = await probe('backup', backups, db);
    assert.equal(a.ok, true, a.message);
    assert.ok(String(a.result).startsWith(backups));
  });
});
