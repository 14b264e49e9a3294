import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EntryStore } from '../../src/storage';
import { runLines } from './support/child';
import { ENGINES, tempDir } from './support/tmp';

const WRITER = join(__dirname, 'support', 'writer.js');

interface Run {
  ids: string[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Starts a writer process; resolves when it exits. `onId` sees each acknowledged id as it arrives. */
async function writer(args: string[], onId?: (n: number, kill: () => void) => void): Promise<Run> {
  const ids: string[] = [];
  const run = await runLines(WRITER, args, (line, kill) => {
    ids.push(line);
    onId?.(ids.length, kill);
  });
  return { ids, ...run };
}

const CRASH_TRIALS = Number(process.env.IMPACT_LOG_CRASH_TRIALS ?? 6);

for (const engine of ENGINES) {
  describe(`several processes on one log (${engine})`, function () {
    this.timeout(120_000);
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    it('two windows writing at the same time lose nothing and never surface SQLITE_BUSY', async () => {
      const path = join(tmp.dir, 'log.sqlite');
      (await EntryStore.open({ path, engine })).close();
      const [a, b] = await Promise.all([writer([path, engine, '300', 'alpha', 'edit']), writer([path, engine, '300', 'beta', 'edit'])]);
      assert.equal(a.stderr, '');
      assert.equal(b.stderr, '');
      assert.equal(a.code, 0);
      assert.equal(b.code, 0);
      const store = await EntryStore.open({ path, engine });
      try {
        assert.equal(store.count(), 600);
        const ids = new Set(store.list().map((e) => e.id));
        for (const id of [...a.ids, ...b.ids]) assert.ok(ids.has(id), `acknowledged entry ${id} is missing`);
        assert.equal(store.count({ tags: ['alpha'] }), 300);
        assert.equal(store.count({ text: 'edited' }), 200, 'every edit landed');
        assert.equal(store.integrityCheck(), 'ok');
      } finally {
        store.close();
      }
    });

    it(`a writer killed with SIGKILL mid-stream leaves a sound file with every acknowledged entry (${CRASH_TRIALS} trials)`, async () => {
      const path = join(tmp.dir, 'log.sqlite');
      let acknowledged: string[] = [];
      for (let trial = 0; trial < CRASH_TRIALS; trial++) {
        const killAfter = 5 + Math.floor(Math.random() * 60);
        const run = await writer([path, engine, '0', `t${trial}`, 'edit'], (n, kill) => {
          if (n === killAfter) kill();
        });
        assert.equal(run.signal, 'SIGKILL', run.stderr);
        acknowledged = acknowledged.concat(run.ids);
        const store = await EntryStore.open({ path, engine });
        try {
          assert.equal(store.integrityCheck(), 'ok', `trial ${trial}`);
          const have = new Set(store.list().map((e) => e.id));
          const lost = acknowledged.filter((id) => !have.has(id));
          assert.deepEqual(lost, [], `trial ${trial}: acknowledged entries lost`);
        } finally {
          store.close();
        }
      }
    });
  });
}
