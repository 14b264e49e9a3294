import assert from 'node:assert/strict';
import { runLines } from '../support/child';
import { join } from 'node:path';
import { EntryStore } from '../../../src/storage';
import { ENGINES, tempDir } from '../support/tmp';
import { FIELD_OF } from './support/editor';
import { recordFigure } from './support/figures';

/**
 * Several windows: 4 processes create the log together (none of them finds it), then each adds
 * entries and edits its own and everybody else's at the same time. The final log must be exactly
 * the union of what they did, and no process may see an error.
 * IMPACT_LOG_WINDOW_ENTRIES sets the entries per process (CI default 25; the documented run used 250).
 */
const PROCESSES = 4;
const PER_PROCESS = Number(process.env.IMPACT_LOG_WINDOW_ENTRIES ?? 25);
const EDITOR = join(__dirname, 'support', 'editor.js');

interface Result {
  code: number | null;
  stderr: string;
  adds: string[];
  edits: number;
}

async function editor(args: string[]): Promise<Result> {
  const adds: string[] = [];
  let edits = 0;
  const run = await runLines(EDITOR, args, (l) => {
    if (l.startsWith('add ')) adds.push(l.slice(4));
    else if (l.startsWith('edit ')) edits++;
  });
  return { code: run.code, stderr: run.stderr, adds, edits };
}

for (const engine of ENGINES) {
  describe(`several windows on one log (${engine})`, function () {
    this.timeout(300_000);
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    it(`${PROCESSES} processes creating, adding and editing at once: the result is exactly the union, with no error`, async () => {
      const path = join(tmp.dir, 'impact-log.sqlite');
      const folder = join(tmp.dir, 'backups');
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: PROCESSES }, (_, p) => editor([path, folder, engine, String(p), String(PER_PROCESS), String(PROCESSES)])),
      );
      const seconds = (Date.now() - started) / 1000;
      results.forEach((r, p) => {
        assert.equal(r.stderr, '', `process ${p} reported an error`);
        assert.equal(r.code, 0, `process ${p} exit code`);
        assert.equal(r.adds.length, PER_PROCESS);
        assert.equal(r.edits, PER_PROCESS + (PROCESSES - 1) * PER_PROCESS, `process ${p} edits`);
      });

      const store = await EntryStore.open({ path, engine });
      try {
        assert.equal(store.integrityCheck(), 'ok');
        const all = store.list({ deleted: 'include' });
        const expectedIds = results.flatMap((r) => r.adds).sort();
        assert.deepEqual(all.map((e) => e.id).sort(), expectedIds, 'exactly the entries added, no more, no fewer');
        let mismatches = 0;
        for (const [p, r] of results.entries()) {
          for (const id of r.adds) {
            const e = store.get(id)!;
            assert.equal(e.kind, 'ai-assist');
            assert.deepEqual(e.tags, [`p${p}`]);
            assert.equal(e.details, `own entry of p${p}`, 'the owner’s edit survived');
            const expected: Record<string, unknown> = { verdict: 'adapted' };
            for (let q = 0; q < PROCESSES; q++) if (q !== p) expected[FIELD_OF(q)[0]] = FIELD_OF(q)[1];
            if (JSON.stringify(Object.entries(e.fields).sort()) !== JSON.stringify(Object.entries(expected).sort())) mismatches++;
            assert.deepEqual(e.fields, expected, `entry ${e.title}: every other process's edit survived`);
          }
        }
        recordFigure(`windows-${engine}`, {
          processes: PROCESSES,
          entries: expectedIds.length,
          edits: results.reduce((n, r) => n + r.edits, 0),
          seconds,
          lost: mismatches,
          errors: results.filter((r) => r.stderr !== '').length,
        });
      } finally {
        store.close();
      }
    });
  });
}
