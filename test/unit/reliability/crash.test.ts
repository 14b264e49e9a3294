import assert from 'node:assert/strict';
import { runLines } from '../support/child';
import { join } from 'node:path';
import { EntryStore } from '../../../src/storage';
import { listBackups, validatedCopy } from '../../../src/storage/backups';
import { openWithRecovery } from '../../../src/storage/recovery';
import { ENGINES, tempDir } from '../support/tmp';
import { recordFigure } from './support/figures';

/**
 * Crash safety: a writer process (adding, editing, deleting, taking daily backups) is killed with
 * SIGKILL at a random moment, over and over, on the same log. After every kill the log must open
 * without needing recovery, pass `PRAGMA integrity_check`, and hold every acknowledged operation;
 * every backup file must be sound. IMPACT_LOG_CRASH_TRIALS sets the trials per engine (CI default 8;
 * the figures in docs/RELIABILITY.md come from a run with 60).
 */
const TRIALS = Number(process.env.IMPACT_LOG_CRASH_TRIALS ?? 8);
const WRITER = join(__dirname, 'support', 'crashWriter.js');

interface Acked {
  ready: boolean;
  adds: string[];
  /** Highest acknowledged edit number per entry. */
  edits: Map<string, number>;
  deletes: string[];
  /** True when the kill landed between backup-start and its acknowledgement. */
  inBackup: boolean;
  recovered: string | undefined;
  stderr: string;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the writer and kills it `delayMs` after it started (it may still be starting up or opening
 * the log) or, with `afterReady`, `delayMs` after it opened the log (mid-stream, maybe mid-backup).
 */
async function runAndKill(args: string[], delayMs: number, afterReady: boolean): Promise<Acked> {
  const acked: Acked = { ready: false, adds: [], edits: new Map(), deletes: [], inBackup: false, recovered: undefined, stderr: '', signal: null };
  let timer: NodeJS.Timeout | undefined;
  const run = await runLines(
    WRITER,
    args,
    (line, kill) => {
      const [op, a, b] = line.split(' ');
      if (op === 'ready') {
        acked.ready = true;
        if (afterReady) timer = setTimeout(kill, delayMs);
      } else if (op === 'recovered') acked.recovered = line;
      else if (op === 'add') acked.adds.push(a!);
      else if (op === 'edit') acked.edits.set(a!, Math.max(Number(b), acked.edits.get(a!) ?? -1));
      else if (op === 'del') acked.deletes.push(a!);
      else if (op === 'backup-start') acked.inBackup = true;
      else if (op === 'backup') acked.inBackup = false;
    },
    (kill) => {
      if (!afterReady) timer = setTimeout(kill, delayMs);
    },
  );
  clearTimeout(timer);
  return { ...acked, stderr: run.stderr, signal: run.signal };
}

for (const engine of ENGINES) {
  describe(`crash safety: writer killed with SIGKILL at random moments (${engine})`, function () {
    this.timeout(60_000 + TRIALS * 15_000);
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    it(`${TRIALS} kills: the log stays sound, needs no recovery, and keeps every acknowledged add, edit and delete; backups stay sound`, async () => {
      const path = join(tmp.dir, 'impact-log.sqlite');
      const folder = join(tmp.dir, 'backups');
      const adds: string[] = [];
      const edits = new Map<string, number>();
      const deletes: string[] = [];
      const stats = { trials: 0, killedBeforeReady: 0, killedMidBackup: 0, operations: 0, backupsChecked: 0, lost: 0 };
      for (let trial = 0; trial < TRIALS; trial++) {
        // Mostly mid-stream (up to 1.5 s after the log is open), one in five within 300 ms of starting:
        // while Node starts, loads the code, takes the open lock, creates or migrates the file.
        const early = trial % 5 === 1;
        const run = await runAndKill([path, folder, engine, String(trial)], Math.floor(Math.random() * (early ? 300 : 1500)), !early);
        assert.equal(run.signal, 'SIGKILL', `trial ${trial}: the writer must have been killed, not failed: ${run.stderr}`);
        assert.equal(run.recovered, undefined, `trial ${trial}: a previous kill must not have damaged the log (${run.recovered})`);
        stats.trials++;
        if (!run.ready) stats.killedBeforeReady++;
        if (run.inBackup) stats.killedMidBackup++;
        stats.operations += run.adds.length + run.edits.size + run.deletes.length;
        adds.push(...run.adds);
        for (const [id, n] of run.edits) edits.set(id, Math.max(n, edits.get(id) ?? -1));
        deletes.push(...run.deletes);

        const { store, report } = await openWithRecovery({ path, backupFolder: folder, engine });
        try {
          assert.equal(report, undefined, `trial ${trial}: opening after a kill must not need recovery`);
          assert.equal(store.integrityCheck(), 'ok', `trial ${trial}: integrity_check`);
          const lostAdds = adds.filter((id) => store.get(id) === undefined);
          const lostEdits = [...edits].filter(([id, n]) => Number(/^v(\d+)$/.exec(store.get(id)?.details ?? '')?.[1] ?? -1) < n);
          const lostDeletes = deletes.filter((id) => store.get(id)?.deletedAt === null);
          stats.lost = lostAdds.length + lostEdits.length + lostDeletes.length;
          assert.deepEqual(lostAdds, [], `trial ${trial}: acknowledged entries lost`);
          assert.deepEqual(lostEdits, [], `trial ${trial}: acknowledged edits lost`);
          assert.deepEqual(lostDeletes, [], `trial ${trial}: acknowledged deletes lost`);
        } finally {
          store.close();
        }
      }
      // Every backup left behind opens with the current code and passes integrity_check.
      for (const b of listBackups(folder)) {
        await validatedCopy(b.path, join(tmp.dir, 'check.sqlite'), { backupDir: join(tmp.dir, 'check-backups'), engine });
        stats.backupsChecked++;
      }
      const final = await EntryStore.open({ path, engine });
      try {
        assert.equal(final.count({ deleted: 'include' }) >= adds.length, true);
      } finally {
        final.close();
      }
      recordFigure(`crash-${engine}`, stats);
    });
  });
}
