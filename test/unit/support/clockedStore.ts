import { join } from 'node:path';
import { type Entry, type KindId, parseNewEntry } from '../../../src/domain';
import { EntryStore, openDb } from '../../../src/storage';
import { type ENGINES, tempDir } from './tmp';

/** A store on a fresh temporary file whose clock the test sets (`h.clock = …`, `h.clock += DAY`). */
export interface ClockedStore {
  readonly store: EntryStore;
  /** The temporary folder the log lives in (removed after each test). */
  readonly dir: string;
  clock: number;
  /** Adds an entry of `kind` ("<kind> entry" unless the input names a title), logged at the clock. */
  add(kind: KindId, input: Record<string, unknown>): Entry;
  /** The number of rows in `table`, read through a second connection (what is on disk). */
  rows(table: string): number;
}

/**
 * Mocha wiring for the store tests of one engine: before each test a new log in a temporary folder
 * with the clock at `start`; after it, closed and removed. Use the fields inside tests only.
 */
export function useClockedStore(engine: (typeof ENGINES)[number], start = '2026-11-23T10:00:00Z'): ClockedStore {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let store: EntryStore | undefined;
  let clock = 0;
  const h: ClockedStore = {
    get store() {
      if (!store) throw new Error('the store is open only inside a test');
      return store;
    },
    get dir() {
      if (!tmp) throw new Error('the folder exists only inside a test');
      return tmp.dir;
    },
    get clock() {
      return clock;
    },
    set clock(v: number) {
      clock = v;
    },
    add: (kind, input) => h.store.add(parseNewEntry(kind, { title: `${kind} entry`, ...input }, clock)),
    rows: (table) => {
      const { db } = openDb(h.store.path, { prefer: engine });
      try {
        return Number(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()?.n);
      } finally {
        db.close();
      }
    },
  };
  beforeEach(async () => {
    tmp = tempDir();
    clock = Date.parse(start);
    store = await EntryStore.open({ path: join(tmp.dir, 'log.sqlite'), engine, now: () => clock });
  });
  afterEach(() => {
    store?.close();
    store = undefined;
    tmp?.cleanup();
    tmp = undefined;
  });
  return h;
}
