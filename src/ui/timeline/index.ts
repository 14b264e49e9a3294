import * as vscode from 'vscode';
import { describeFilter, isFilterActive } from '../../domain/filter';
import type { RevealEntry, SelectedEntryIds, Services } from '../services';
import { entryIdsOfNodes } from '../commands/targets';
import { registerTimelineCommands } from './commands';
import type { TimelineNode, TimelineSection } from './nodes';
import { TimelineProvider } from './provider';

/** What the integration tests (through the extension's API) see of the timeline. */
export interface TimelineAccess {
  readonly provider: TimelineProvider;
  readonly view: vscode.TreeView<TimelineNode>;
}

/** What the timeline offers the rest of the extension; core.ts hands each part to those that need it. */
export interface Timeline {
  /** Selects a newly logged entry in the view; when the view is hidden, once it is shown. */
  readonly reveal: RevealEntry;
  /** The ids of the entries selected in the view now. */
  readonly selectedIds: SelectedEntryIds;
  /** The provider and the view, for the test API. */
  readonly access: TimelineAccess;
  readonly disposables: readonly vscode.Disposable[];
}

/** Creates the sidebar timeline `impactLog.timeline` and its commands. */
export function registerTimeline(s: Services, opts: { sections?: readonly TimelineSection[] } = {}): Timeline {
  const provider = new TimelineProvider(s, opts.sections ? { sections: opts.sections } : {});
  const view = vscode.window.createTreeView('impactLog.timeline', { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  // The active filter shows in the view's description (beside the view name when the header is
  // shown) and, since a lone view in its container has no header, in its message too.
  let error: string | undefined;
  const showMessage = () => {
    const f = provider.filter;
    view.message = error ?? (isFilterActive(f) ? vscode.l10n.t('Filtered: {0}', describeFilter(f)) : undefined);
  };
  provider.onError = (message) => {
    error = message;
    showMessage();
  };
  provider.onFilter = (f) => {
    view.description = isFilterActive(f) ? vscode.l10n.t('Filter: {0}', describeFilter(f)) : undefined;
    showMessage();
  };
  void vscode.commands.executeCommand('setContext', 'impactLog.filterActive', false);

  // Reveals run one at a time and only the latest request counts: an entry logged while an older
  // reveal is still under way (or was waiting for the view to open) is the one left selected.
  let latest: string | undefined;
  let disposed = false;
  let queue: Promise<void> = Promise.resolve();
  const revealLatest = async (): Promise<void> => {
    const id = latest;
    if (id === undefined || disposed || !view.visible) return;
    provider.refresh();
    const node = await provider.findEntry(id);
    if (node && id === latest) await view.reveal(node, { select: true, focus: false, expand: false });
    if (id === latest) latest = undefined;
  };
  const schedule = (): Promise<void> =>
    (queue = queue.then(revealLatest).catch((err: unknown) => s.output.warn(`Could not reveal the entry in the timeline: ${String(err)}`)));
  const reveal = (id: string): Promise<void> => {
    latest = id;
    return schedule();
  };
  const selectedIds: SelectedEntryIds = () => entryIdsOfNodes(view.selection);

  const disposables = [
    provider,
    view,
    // An entry logged while the view was closed is selected when it opens.
    view.onDidChangeVisibility((e) => {
      if (e.visible && latest !== undefined) void schedule();
    }),
    ...registerTimelineCommands(s, provider, selectedIds),
    { dispose: () => (disposed = true) },
  ];
  return { reveal, selectedIds, access: { provider, view }, disposables };
}
