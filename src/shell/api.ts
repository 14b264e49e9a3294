import type { CoreApi, ImpactLogApi } from '../ui/api';

/** The core's API as far as the shell knows it: loaded on demand (see LazyCore). */
interface CoreSource {
  ready(): Promise<CoreApi>;
  loadNow(): CoreApi;
}

/**
 * What the shell's `activate` returns before the core has loaded: every member goes to the core's
 * API, waiting for the core (`ready`, `store`) or loading it on the spot (the getters).
 */
export function lazyApi(core: CoreSource): ImpactLogApi {
  return {
    ready: async () => {
      await core.ready();
    },
    store: async () => (await core.ready()).store(),
    get databasePath() {
      return core.loadNow().databasePath;
    },
    get timeline() {
      return core.loadNow().timeline;
    },
    get chatTools() {
      return core.loadNow().chatTools;
    },
    get entryView() {
      return core.loadNow().entryView;
    },
    get revertProposals() {
      return core.loadNow().revertProposals;
    },
  };
}
