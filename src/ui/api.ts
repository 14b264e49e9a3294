import type * as vscode from 'vscode';
import type { EntryStore } from '../storage';
import type { StoreHandle } from './storeHandle';
import type { EntryViewAccess } from './entryView';
import type { RevertProposals } from './followUps/revertProposals';
import type { TimelineAccess } from './timeline';

/** What the core's `activate` (src/core.ts) returns. */
export interface CoreApi {
  /** The database file in use. */
  readonly databasePath: string;
  /** The open store (opened on first call). */
  store(): Promise<EntryStore>;
  /** The sidebar timeline's provider and view, once registered (for tests). */
  readonly timeline: TimelineAccess | undefined;
  /** The chat tools by name (src/ui/chat/tools.ts); the shell's stand-ins call these, tests call them directly. */
  readonly chatTools: Readonly<Record<string, vscode.LanguageModelTool<unknown>>>;
  /** The entry view (Enter on a timeline row), for tests. */
  readonly entryView?: EntryViewAccess | undefined;
  /** "Reverted? proposed from Git" for follow-ups (tests await its `request`). */
  readonly revertProposals?: RevertProposals | undefined;
}

/**
 * What `activate` returns: used by the integration tests (and available to other extensions).
 * Activation only starts a small shell (src/extension.ts); the rest of the extension, the core,
 * loads right after. `ready()` resolves once it has; `store()` waits for it; reading `databasePath`
 * or `timeline` before then loads the core on the spot. If the core fails to load, `ready()` and
 * `store()` reject and the getters throw, with the error the person was shown.
 */
export interface ImpactLogApi extends CoreApi {
  /** Resolves once the core is loaded: every command, the timeline view and the status bar are registered. */
  ready(): Promise<void>;
}

export function createTestApi(store: StoreHandle, timeline: TimelineAccess, chatTools: CoreApi['chatTools'], entryView?: EntryViewAccess, revertProposals?: RevertProposals): CoreApi {
  return {
    chatTools,
    entryView,
    revertProposals,
    get databasePath() {
      return store.path;
    },
    store: () => store.get(),
    timeline,
  };
}
