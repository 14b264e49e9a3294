import * as vscode from 'vscode';
import { describeFilter, isFilterActive } from '../../domain/filter';
import type { Services } from '../services';
import { registerTimelineCommands } from './commands';
import type { TimelineNode } from './nodes';
import { TimelineProvider } from './provider';

/** What the integration tests (through the extension's API) see of the timeline. */
export interface TimelineAccess {
  readonly provider: TimelineProvider;
  readonly view: vscode.TreeView<TimelineNode>;
}

/**
 * Creates the sidebar timeline `impactLog.timeline`, its commands, and `services.revealEntry`
 * (a newly logged entry is selected in the view; when the view is hidden, once it is shown).
 */
export function registerTimeline(s: Services): vscode.Disposable[] {
  const provider = new TimelineProvider(s);
  const view = vscode.window.createTreeView('impactLog.timeline', { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  provider.onError = (message) => (view.message = message);
  provider.onFilter = (f) => (view.description = isFilterActive(f) ? `Filter: ${describeFilter(f)}` : undefined);
  void vscode.commands.executeCommand('setContext', 'impactLog.filterActive', false);

  let pending: string | undefined;
  const reveal = async (id: string): Promise<void> => {
    if (!view.visible) {
      pending = id;
      return;
    }
    pending = undefined;
    provider.refresh();
    const node = await provider.findEntry(id);
    if (node) await view.reveal(node, { select: true, focus: false, expand: false });
  };
  s.revealEntry = reveal;
  s.timeline = { provider, view };

  return [
    provider,
    view,
    view.onDidChangeVisibility((e) => {
      if (e.visible && pending !== undefined) void reveal(pending).catch((err: unknown) => s.output.warn(`Could not reveal the new entry: ${String(err)}`));
    }),
    ...registerTimelineCommands(s, provider, view),
    { dispose: () => (s.revealEntry === reveal ? (s.revealEntry = undefined) : undefined) },
  ];
}
