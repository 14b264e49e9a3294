import type { EntryStore } from '../storage';
import type { Services } from './services';
import type { TimelineAccess } from './timeline';

/** What `activate` returns: used by the integration tests (and available to other extensions). */
export interface ImpactLogApi {
  /** The database file in use. */
  readonly databasePath: string;
  /** The open store (opened on first call). */
  store(): Promise<EntryStore>;
  /** The sidebar timeline's provider and view, once registered (for tests). */
  readonly timeline: TimelineAccess | undefined;
}

export function createTestApi(s: Services): ImpactLogApi {
  return {
    get databasePath() {
      return s.store.path;
    },
    store: () => s.store.get(),
    get timeline() {
      return s.timeline;
    },
  };
}
