import * as vscode from 'vscode';
import { registerBackupCommands } from './ui/commands/backup';
import { registerDataCommands } from './ui/commands/data';
import { registerInsights } from './ui/insights/panel';
import { ConfigWatcher } from './ui/config';
import { followUpsDueForReview, followUpsSection, registerFollowUps, RevertProposals } from './ui/followUps';
import { registerQuickLog } from './ui/quickLog';
import type { Services } from './ui/services';
import { StoreHandle } from './ui/storeHandle';
import { registerTimeline } from './ui/timeline';
import { createTestApi, type CoreApi } from './ui/api';
import { createChatTools } from './ui/chat/tools';
import { registerEntryView } from './ui/entryView';
import { registerReflection } from './ui/reflection';
import { registerSuggestionCommands } from './ui/suggestions/commands';
import { suggestionsSection } from './ui/suggestions/section';
import { useMessages } from './domain/messages';
import { localMessages } from './ui/messages';

/**
 * Wires the extension together; everything it creates is disposed with the extension. This is the
 * core (dist/core.js): the shell in extension.ts loads it right after activation, or on the first
 * command, and hands over the output channel it owns. Built once, in one direction: `Services` is
 * never changed afterwards, and what the timeline offers (reveal, selection) is handed to the
 * commands that use it.
 */
export function activate(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): CoreApi {
  // The pure layers' words (kinds, prompts, periods, validation, summary headings) in the user's language.
  useMessages(localMessages());
  const config = new ConfigWatcher((m) => {
    output.warn(m);
    void vscode.window.showWarningMessage(vscode.l10n.t('Impact Log: {0}', m));
  });
  const store = new StoreHandle(context, config, output);
  const services: Services = { context, config, store, output };
  context.subscriptions.push(config, store);
  const suggestions = suggestionsSection(services);
  // "Reverted? proposed from Git" for due follow-ups, looked for when they are shown.
  const proposals = new RevertProposals(services);
  context.subscriptions.push(proposals);
  // Above the timeline: "Follow-ups due (N)" first, then "Suggestions (N)".
  const timeline = registerTimeline(services, { sections: [followUpsSection(services, proposals), suggestions] });
  context.subscriptions.push(proposals.onDidChange(() => timeline.access.provider.scheduleRefresh()));
  context.subscriptions.push(...registerQuickLog(services, { reveal: timeline.reveal, selectedIds: timeline.selectedIds }));
  context.subscriptions.push(...timeline.disposables);
  context.subscriptions.push(...registerBackupCommands(services));
  context.subscriptions.push(...registerDataCommands(services));
  context.subscriptions.push(...registerInsights(services));
  context.subscriptions.push(...registerFollowUps(services, proposals));
  context.subscriptions.push(...registerSuggestionCommands(services, timeline.reveal, suggestions.shown));
  context.subscriptions.push(...registerReflection(services, { followUps: followUpsDueForReview(services) }));
  const entryView = registerEntryView(services, timeline.selectedIds);
  context.subscriptions.push(...entryView.disposables);
  return createTestApi(store, timeline.access, createChatTools(services), entryView.access, proposals);
}
