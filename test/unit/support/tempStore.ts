import { join } from 'node:path';
import { EntryStore } from '../../../src/storage';
import { type ENGINES, tempDir } from './tmp';

/** A store on a fresh temporary file per test; its folder for other files the test writes. */
export interface TempStore {
  readonly store: EntryStore;
  /** The temporary folder the log (`log.sqlite`) lives in (removed after each test). */
  readonly dir: string;
}

/**
 * Mocha wiring: before each test a new log `log.sqlite` in a temporary folder (on `engine`, with the
 * clock `now` if given); after it, closed and removed. Use the fields inside tests and hooks
 * registered after this call.
 */
export function useTempStore(opts: { engine?: (typeof ENGINES)[number]; now?: () => number } = {}): TempStore {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let store: EntryStore | undefined;
  beforeEach(async () => {
    tmp = tempDir();
    store = await EntryStore.open({ path: join(tmp.dir, 'log.sqlite'), ...opts });
  });
  afterEach(() => {
    store?.close();
    store = undefined;
    tmp?.cleanup();
    tmp = undefined;
  });
  return {
    get store() {
      if (!store) throw new Error('the store is open only inside a test');
      return store;
    },
    get dir() {
      if (!tmp) throw new Error('the folder exists only inside a test');
      return tmp.dir;
    },
  };
}
