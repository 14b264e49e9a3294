import { type Entry, type KindId, parseNewEntry } from '../../../src/domain';
import { openDb } from '../../../src/storage';
import { type TempStore, useTempStore } from './tempStore';
import type { ENGINES } from './tmp';

/** A store on a fresh temporary file whose clock the test sets (`h.clock = …`, `h.clock += DAY`). */
export interface ClockedStore extends TempStore {
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
  let clock = 0;
  beforeEach(() => {
    clock = Date.parse(start);
  });
  const tmp = useTempStore({ engine, now: () => clock });
  const h: ClockedStore = {
    get store() {
      return tmp.store;
    },
    get dir() {
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
  return h;
}
