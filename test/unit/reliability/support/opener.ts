/**
 * A window opening the log: `node opener.js <dbPath> <backupFolder> <engine>`. Opens with recovery
 * and prints one JSON line: live entry count and the recovery report, if any.
 */
import { type EngineName } from '../../../../src/storage';
import { openWithRecovery } from '../../../../src/storage/recovery';

async function main(): Promise<void> {
  const [path, folder, engine] = process.argv.slice(2);
  const { store, report } = await openWithRecovery({ path: path!, backupFolder: folder!, engine: engine as EngineName });
  const out = { count: store.count(), integrity: store.integrityCheck(), report: report ?? null };
  store.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
