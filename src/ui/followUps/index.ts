import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerFollowUpCommands } from './commands';
import { FollowUpStatusBar } from './statusBar';

export { followUpsDueForReview } from './commands';
export { followUpsSection } from './timelineNodes';

/** Follow-ups: the commands and the status bar count. */
export function registerFollowUps(s: Services): vscode.Disposable[] {
  return [...registerFollowUpCommands(s), new FollowUpStatusBar(s)];
}
