import type * as Storage from '../../src/storage';
import type * as Filter from '../../src/domain/filter';
import type * as Model from '../../src/ui/timeline/model';
import { cpuMs, nowMs } from './stats';

/**
 * One cold open, in a fresh process: load the storage code, open an existing database (native
 * addon load, pragmas, migrations check) and draw the timeline root once with SQLite's page cache
 * still empty. The OS file cache is warm (we cannot drop it without root-wide side effects), which
 * is also the common case: VS Code reopening a log it used minutes ago.
 * Usage: node coldOpen.js <db path> <now ms>; prints {requireMs, openMs, firstRootMs}.
 */
async function main(path: string, now: number): Promise<void> {
  const c0 = cpuMs();
  const t0 = nowMs();
  // Loaded here, not imported at the top, so that loading them is timed.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { EntryStore } = require('../../src/storage') as typeof Storage;
  const { countedGroups } = require('../../src/ui/timeline/model') as typeof Model;
  const { EMPTY_FILTER } = require('../../src/domain/filter') as typeof Filter;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const [t1, c1] = [nowMs(), cpuMs()];
  const store = await EntryStore.open({ path });
  const [t2, c2] = [nowMs(), cpuMs()];
  countedGroups(store, EMPTY_FILTER, now);
  const [t3, c3] = [nowMs(), cpuMs()];
  if (store.migrated.length > 0) throw new Error(`the benchmark file was migrated (${store.migrated.join(', ')}); expected a current file`);
  store.close();
  console.log(JSON.stringify({ requireMs: t1 - t0, openMs: t2 - t1, firstRootMs: t3 - t2, cpu: { requireMs: c1 - c0, openMs: c2 - c1, firstRootMs: c3 - c2 } }));
}

const [path, now] = process.argv.slice(2);
if (!path || !now) {
  console.error('usage: coldOpen.js <db path> <now ms>');
  process.exitCode = 2;
} else {
  main(path, Number(now)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
