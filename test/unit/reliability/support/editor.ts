/**
 * One of several windows working on the same log: `node editor.js <dbPath> <backupFolder> <engine> <p> <n> <processes>`.
 * Adds `n` AI-assist entries of its own (editing each one's details right after), and edits every
 * entry the other processes add by setting the one field that belongs to process `p`, until it
 * has edited all of them. Prints `add <id>` / `edit <id>` after each commit; exits 0 when done.
 */
import { writeSync } from 'node:fs';
import { parseNewEntry, parsePatch } from '../../../../src/domain';
import { type EngineName } from '../../../../src/storage';
import { openWithRecovery } from '../../../../src/storage/recovery';

/** The field each process sets on the others' entries, and its value. */
export const FIELD_OF = (p: number): [string, string | number] => [
  ['tool', `tool of p${p}`],
  ['task', `task of p${p}`],
  ['reason', `reason of p${p}`],
  ['minutesSaved', 10 + p],
][p % 4] as [string, string | number];

async function main(): Promise<void> {
  const [path, folder, engine, pArg, nArg, procArg] = process.argv.slice(2);
  const p = Number(pArg);
  const n = Number(nArg);
  const processes = Number(procArg);
  const { store } = await openWithRecovery({ path: path!, backupFolder: folder!, engine: engine as EngineName });
  const [field, value] = FIELD_OF(p);
  const edited = new Set<string>();
  const others = Array.from({ length: processes }, (_, q) => q).filter((q) => q !== p);
  const editOthers = () => {
    for (const q of others) {
      for (const e of store.list({ tags: [`p${q}`] })) {
        if (edited.has(e.id)) continue;
        store.update(e.id, parsePatch('ai-assist', { [field]: value }));
        edited.add(e.id);
        writeSync(1, `edit ${e.id}\n`);
      }
    }
  };
  for (let i = 0; i < n; i++) {
    const e = store.add(parseNewEntry('ai-assist', { title: `p${p} #${i}`, tags: [`p${p}`], verdict: 'adapted' }));
    writeSync(1, `add ${e.id}\n`);
    store.update(e.id, parsePatch('ai-assist', { details: `own entry of p${p}` }));
    writeSync(1, `edit ${e.id}\n`);
    editOthers();
  }
  const deadline = Date.now() + 120_000;
  while (edited.size < others.length * n) {
    if (Date.now() > deadline) throw new Error(`p${p} saw only ${edited.size} of ${others.length * n} entries of the others`);
    await new Promise((r) => setTimeout(r, 20));
    editOthers();
  }
  store.close();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
