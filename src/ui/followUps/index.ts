import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerFollowUpCommands } from './commands';
import type { RevertProposals } from './revertProposals';
import { FollowUpStatusBar } from './statusBar';

export { followUpsDueForReview } from './commands';
export { RevertProposals } from './revertProposals';
export { followUpsSection } from './timelineNodes';

/** Follow-ups: the commands and the status bar count. */
export function registerFollowUps(s: Services, proposals?: RevertProposals): vscode.Disposable[] {
  return [...registerFollowUpCommands(s, proposals), new FollowUpStatusBar(s)];
}
