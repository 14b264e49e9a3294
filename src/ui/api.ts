import type { EntryStore } from '../storage';
import type { Services } from './services';

/** What `activate` returns: used by the integration tests (and available to other extensions). */
export interface ImpactLogApi {
  /** The database file in use. */
  readonly databasePath: string;
  /** The open store (opened on first call). */
  store(): Promise<EntryStore>;
}

export function createTestApi(s: Services): ImpactLogApi {
  return {
    get databasePath() {
      return s.store.path;
    },
    store: () => s.store.get(),
  };
}
