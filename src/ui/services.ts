import type * as vscode from 'vscode';
import type { ConfigWatcher } from './config';
import type { StoreHandle } from './storeHandle';
import type { TimelineAccess } from './timeline';

/** What command handlers and views get handed: no service locator, just this object. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly config: ConfigWatcher;
  readonly store: StoreHandle;
  readonly output: vscode.LogOutputChannel;
  /** Set by the timeline view once it exists: reveal and select an entry (after logging it). */
  revealEntry?: (id: string) => Promise<void>;
  /** Set by the timeline view once it exists (the integration tests read it through the API). */
  timeline?: TimelineAccess;
}
