import type * as vscode from 'vscode';
import type { ConfigWatcher } from './config';
import type { StoreHandle } from './storeHandle';

/**
 * What command handlers and views get handed: built once in core.ts, never changed afterwards. What
 * one part offers another (the timeline's reveal and selection) is passed to the commands that need
 * it as its own argument, not added here.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly config: ConfigWatcher;
  readonly store: StoreHandle;
  readonly output: vscode.LogOutputChannel;
}

/** Selects an entry in the timeline (after it was logged); when the view is hidden, once it is shown. */
export type RevealEntry = (id: string) => Promise<void>;

/** The ids of the entries selected in the timeline now (what the Delete key acts on). */
export type SelectedEntryIds = () => readonly string[];
