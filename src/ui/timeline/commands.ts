import * as vscode from 'vscode';
import { type Entry, ValidationError } from '../../domain';
import { decideEntry, decideFilter, unlessRefused } from '../../domain/commandArgs';
import { EMPTY_FILTER } from '../../domain/filter';
import { entryToMarkdown } from '../../export/entryMarkdown';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import type { EntryStore } from '../../storage';
import { commandTargets, nodeTargets, oneTarget } from '../commands/targets';
import type { SelectedEntryIds, Services } from '../services';
import { followUpArgument, isWebLink } from './describe';
import { pickFilter } from './filterPick';
import { LoadMoreNode } from './nodes';
import type { TimelineProvider } from './provider';
import { showDirectionControls as visible } from '../../export/escape';
import { entryCount } from '../l10n';

/**
 * The entries a tree command is about, by the one rule (src/ui/commands/targets.ts): run on a node,
 * the clicked row, or the whole selection when the row is part of it; with `{ id }`, that entry;
 * with no argument (palette, keybinding), the selection.
 */
function targetIds(selectedIds: SelectedEntryIds, arg: unknown, all: unknown): string[] {
  const fromNodes = nodeTargets(arg, all, selectedIds);
  if (fromNodes) return fromNodes;
  const given = argumentObject(arg);
  if (given) return [unlessRefused(decideEntry(given)).value.id];
  if (arg === undefined) return commandTargets(undefined, selectedIds());
  throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an entry of the timeline or { "id": "…" }') }]);
}

function liveEntry(store: EntryStore, id: string): Entry | undefined {
  const entry = store.get(id);
  return entry && entry.deletedAt === null ? entry : undefined;
}

/** The one entry a one-entry command (open links, follow-up) is about. */
async function targetEntry(s: Services, selectedIds: SelectedEntryIds, what: string, arg: unknown, all: unknown): Promise<Entry> {
  const one = oneTarget(targetIds(selectedIds, arg, all), what);
  if ('problem' in one) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: one.problem }]);
  const entry = liveEntry(await s.store.get(), one.id);
  if (!entry) throw new ValidationError(vscode.l10n.t('Entry'), [{ field: '', problem: vscode.l10n.t('no longer exists (it may have been deleted in another window)') }]);
  return entry;
}

/** Opens an entry's web link, asking which one when it has several. Returns the URL opened. */
async function openEntryLinks(entry: Entry): Promise<string | undefined> {
  const links = entry.links.filter((l) => isWebLink(l.url));
  if (links.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” has no links. Edit the entry to add one.', visible(entry.title)));
    return undefined;
  }
  let url = links[0]!.url;
  if (links.length > 1) {
    const pick = await vscode.window.showQuickPick(
      links.map((l) => ({ label: l.label ? visible(l.label) : l.url, description: l.label ? l.url : undefined, url: l.url })),
      { title: vscode.l10n.t('Open a link of “{0}”', visible(entry.title)), placeHolder: vscode.l10n.t('Which link?') },
    );
    if (!pick) return undefined;
    url = pick.url;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}

/** The entries a copy is about (the live ones; at least one). */
async function targetEntries(s: Services, selectedIds: SelectedEntryIds, arg: unknown, all: unknown): Promise<Entry[]> {
  const ids = targetIds(selectedIds, arg, all);
  if (ids.length === 0) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('select an entry in the timeline first') }]);
  const store = await s.store.get();
  const entries = ids.map((id) => liveEntry(store, id)).filter((e): e is Entry => e !== undefined);
  if (entries.length === 0) throw new ValidationError(vscode.l10n.t('Entry'), [{ field: '', problem: vscode.l10n.t('no longer exists (it may have been deleted in another window)') }]);
  return entries;
}

export function registerTimelineCommands(s: Services, provider: TimelineProvider, selectedIds: SelectedEntryIds): vscode.Disposable[] {
  const cmd = (id: string, name: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, guarded(s.output, name, fn));
  return [
    cmd('impactLog.filterTimeline', vscode.l10n.t('Filter timeline'), async (arg?: unknown) => {
      // With an argument object (keybinding, test) the filter is set directly; otherwise ask.
      const given = argumentObject(arg);
      const next = given ? unlessRefused(decideFilter(given)).value : await pickFilter(await s.store.get(), provider.filter);
      if (next) provider.setFilter(next);
      return next;
    }),
    cmd('impactLog.clearFilter', vscode.l10n.t('Clear filter'), () => provider.setFilter(EMPTY_FILTER)),
    cmd('impactLog.refreshTimeline', vscode.l10n.t('Refresh timeline'), () => provider.refresh()),
    cmd('impactLog.loadMore', vscode.l10n.t('Load more'), (node?: unknown) => {
      if (!(node instanceof LoadMoreNode)) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be a “Load more…” item of the timeline') }]);
      return provider.loadMore(node);
    }),
    cmd('impactLog.openEntryLinks', vscode.l10n.t('Open entry links'), async (arg?: unknown, all?: unknown) => openEntryLinks(await targetEntry(s, selectedIds, vscode.l10n.t('“Open Entry Link(s)”'), arg, all))),
    cmd('impactLog.copyEntryAsMarkdown', vscode.l10n.t('Copy entry as Markdown'), async (arg?: unknown, all?: unknown) => {
      const entries = await targetEntries(s, selectedIds, arg, all);
      const text = entries.map((e) => entryToMarkdown(e, s.config.value['export.omitFields'])).join('\n');
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Copied {0} as Markdown', entries.length === 1 ? `“${visible(entries[0]!.title)}”` : entryCount(entries.length)), 3000);
      return text;
    }),
    cmd('impactLog.logFollowUp', vscode.l10n.t('Log follow-up'), async (arg?: unknown, all?: unknown) => {
      const entry = await targetEntry(s, selectedIds, vscode.l10n.t('“Log Related Follow-up”'), arg, all);
      return vscode.commands.executeCommand<string | undefined>('impactLog.log', followUpArgument(entry));
    }),
  ];
}
