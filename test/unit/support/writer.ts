/**
 * A stand-in for a VS Code window writing to the log: adds (and optionally edits) entries in a
 * loop and prints each entry id on stdout once the store has acknowledged (committed) it.
 * Usage: node writer.js <dbPath> <engine> <count> <label> [edit]
 * count 0 = forever (until killed). Exit code 0 on success; any error goes to stderr, exit 1.
 */
import { writeSync } from 'node:fs';
import { parseNewEntry, parsePatch } from '../../../src/domain';
import { EntryStore, type EngineName } from '../../../src/storage';

async function main(): Promise<void> {
  const [path, engine, countArg, label, mode] = process.argv.slice(2);
  const store = await EntryStore.open({ path: path!, engine: engine as EngineName });
  const count = Number(countArg);
  for (let i = 0; count === 0 || i < count; i++) {
    const e = store.add(parseNewEntry('note', { title: `${label} #${i}`, tags: [label!], details: 'x'.repeat(200) }));
    if (mode === 'edit' && i % 3 === 0) store.update(e.id, parsePatch('note', { details: `edited by ${label}` }));
    // Synchronous write: the id reaches the parent only after the commit returned.
    writeSync(1, `${e.id}\n`);
  }
  store.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
