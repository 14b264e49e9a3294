import * as vscode from 'vscode';
import { z } from 'zod';
import { type Entry, parseOrThrow, ValidationError } from '../../domain';
import { EMPTY_FILTER, parseFilter } from '../../domain/filter';
import { entryToMarkdown } from '../../export/entryMarkdown';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import type { Services } from '../services';
import { followUpArgument, isWebLink } from './describe';
import { pickFilter } from './filterPick';
import { EntryNode, LoadMoreNode, type TimelineNode } from './nodes';
import type { TimelineProvider } from './provider';

/** `{ "id": "<entry uuid>" }`: how a keybinding or a test names an entry instead of a tree node. */
const entryArgument = z.strictObject({ id: z.uuid({ error: 'must be an entry id (a UUID)' }) });

/** The entry a tree command is about: the node it was run on, an `{ id }` argument, or the selected entry. */
async function targetEntry(s: Services, view: vscode.TreeView<TimelineNode>, arg: unknown): Promise<Entry> {
  let id: string | undefined;
  if (arg instanceof EntryNode) id = arg.entryId;
  else if (argumentObject(arg)) id = parseOrThrow(entryArgument, arg, 'Command argument').id;
  else if (arg === undefined) id = view.selection.find((n): n is EntryNode => n instanceof EntryNode)?.entryId;
  else throw new ValidationError('Command argument', [{ field: '', problem: 'must be an entry of the timeline or { "id": "…" }' }]);
  if (id === undefined) throw new ValidationError('Command argument', [{ field: '', problem: 'select an entry in the timeline first' }]);
  const entry = (await s.store.get()).get(id);
  if (!entry || entry.deletedAt !== null) throw new ValidationError('Entry', [{ field: '', problem: 'no longer exists (it may have been deleted in another window)' }]);
  return entry;
}

/** Opens an entry's web link, asking which one when it has several. Returns the URL opened. */
async function openEntryLinks(entry: Entry): Promise<string | undefined> {
  const links = entry.links.filter((l) => isWebLink(l.url));
  if (links.length === 0) {
    void vscode.window.showInformationMessage(`“${entry.title}” has no links. Edit the entry to add one.`);
    return undefined;
  }
  let url = links[0]!.url;
  if (links.length > 1) {
    const pick = await vscode.window.showQuickPick(
      links.map((l) => ({ label: l.label ?? l.url, description: l.label ? l.url : undefined, url: l.url })),
      { title: `Open a link of “${entry.title}”`, placeHolder: 'Which link?' },
    );
    if (!pick) return undefined;
    url = pick.url;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}

/** The entries a copy is about: every selected entry when run on one of several selected, else the one. */
async function targetEntries(s: Services, view: vscode.TreeView<TimelineNode>, arg: unknown, all: unknown): Promise<Entry[]> {
  const nodes = Array.isArray(all) ? all.filter((n): n is EntryNode => n instanceof EntryNode) : [];
  if (arg instanceof EntryNode && nodes.some((n) => n.entryId === arg.entryId) && nodes.length > 1) {
    const store = await s.store.get();
    return nodes.map((n) => store.get(n.entryId)).filter((e): e is Entry => e !== undefined && e.deletedAt === null);
  }
  return [await targetEntry(s, view, arg)];
}

export function registerTimelineCommands(s: Services, provider: TimelineProvider, view: vscode.TreeView<TimelineNode>): vscode.Disposable[] {
  const cmd = (id: string, name: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, guarded(s.output, name, fn));
  return [
    cmd('impactLog.filterTimeline', 'Filter timeline', async (arg?: unknown) => {
      // With an argument object (keybinding, test) the filter is set directly; otherwise ask.
      const given = argumentObject(arg);
      const next = given ? parseFilter(given) : await pickFilter(await s.store.get(), provider.filter);
      if (next) provider.setFilter(next);
      return next;
    }),
    cmd('impactLog.clearFilter', 'Clear filter', () => provider.setFilter(EMPTY_FILTER)),
    cmd('impactLog.refreshTimeline', 'Refresh timeline', () => provider.refresh()),
    cmd('impactLog.loadMore', 'Load more', (node?: unknown) => {
      if (!(node instanceof LoadMoreNode)) throw new ValidationError('Command argument', [{ field: '', problem: 'must be a “Load more…” item of the timeline' }]);
      return provider.loadMore(node);
    }),
    cmd('impactLog.openEntryLinks', 'Open entry links', async (arg?: unknown) => openEntryLinks(await targetEntry(s, view, arg))),
    cmd('impactLog.copyEntryAsMarkdown', 'Copy entry as Markdown', async (arg?: unknown, all?: unknown) => {
      const entries = await targetEntries(s, view, arg, all);
      const text = entries.map((e) => entryToMarkdown(e, s.config.value['export.omitFields'])).join('\n');
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`$(copy) Copied ${entries.length === 1 ? `“${entries[0]!.title}”` : `${entries.length} entries`} as Markdown`, 3000);
      return text;
    }),
    cmd('impactLog.logFollowUp', 'Log follow-up', async (arg?: unknown) => {
      const entry = await targetEntry(s, view, arg);
      return vscode.commands.executeCommand<string | undefined>('impactLog.log', followUpArgument(entry));
    }),
  ];
}
