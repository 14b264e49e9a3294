/**
 * A window that gets killed: `node crashWriter.js <dbPath> <backupFolder> <engine> <trial>`.
 * Opens the log (with recovery, as the extension does), then adds, edits and deletes entries and
 * takes daily backups (a simulated day per backup) until it is killed. Every operation is printed
 * on stdout only after the store returned, i.e. after the commit: the parent treats printed
 * operations as acknowledged.
 *   ready                 the log is open
 *   add <id>              entry added
 *   edit <id> <n>         entry's details set to "v<n>" (n grows)
 *   del <id>              entry soft-deleted
 *   backup-start / backup <path>
 */
import { writeSync } from 'node:fs';
import { KIND_IDS, parseNewEntry, parsePatch } from '../../../../src/domain';
import { type EngineName } from '../../../../src/storage';
import { dailyBackupIfDue } from '../../../../src/storage/backups';
import { openWithRecovery } from '../../../../src/storage/recovery';

const DAY = 86_400_000;
const say = (line: string) => writeSync(1, `${line}\n`);

async function main(): Promise<void> {
  const [path, folder, engine, trialArg] = process.argv.slice(2);
  const trial = Number(trialArg);
  const { store, report } = await openWithRecovery({ path: path!, backupFolder: folder!, engine: engine as EngineName });
  if (report) say(`recovered ${JSON.stringify(report.problem)}`);
  say('ready');
  const mine: { id: string; kind: (typeof KIND_IDS)[number] }[] = [];
  let day = 0;
  for (let i = 0; ; i++) {
    const kind = KIND_IDS[i % KIND_IDS.length]!;
    const e = store.add(parseNewEntry(kind, { title: `trial ${trial} #${i}`, details: 'x'.repeat(100 + (i % 7) * 300), tags: [`t${trial}`] }));
    mine.push({ id: e.id, kind });
    say(`add ${e.id}`);
    if (i % 3 === 2) {
      const target = mine[Math.floor(Math.random() * mine.length)]!;
      store.update(target.id, parsePatch(target.kind, { details: `v${i}` }));
      say(`edit ${target.id} ${i}`);
    }
    if (i % 10 === 9) {
      const target = mine[Math.floor(Math.random() * mine.length)]!;
      store.softDelete([target.id]);
      say(`del ${target.id}`);
    }
    if (i % 25 === 24) {
      say('backup-start');
      const made = await dailyBackupIfDue(store, folder!, 3, Date.parse('2026-01-01T12:00:00Z') + (trial * 1000 + day++) * DAY);
      say(`backup ${made?.path ?? '-'}`);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
