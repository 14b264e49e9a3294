import * as vscode from 'vscode';
import { type Entry, KINDS } from '../../domain';
import { linkDestination } from '../../export/escape';
import { dateStyle } from '../locale';
import { entryAccessibleLabel, entryDescription, entryFacts, entryLabel, type EntryLookup, groupAccessibleLabel, isWebLink, shortDate } from './describe';
import type { TimelineFilter } from '../../domain/filter';
import type { CountedGroup } from './model';
import { entryCount } from '../l10n';
import { untrustedMarkdown } from '../markdown';

/**
 * Timeline nodes. Each owns its TreeItem; ids are stable (group ids from the domain, entry UUIDs)
 * so expansion state survives refreshes and `reveal` can find an entry.
 */

export class GroupNode {
  readonly parent = undefined;
  readonly id: string;
  constructor(
    readonly group: CountedGroup,
    private readonly expanded: boolean,
  ) {
    this.id = `group:${group.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.group.label, this.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = String(this.group.count);
    item.tooltip = vscode.l10n.t('{0}: {1}', this.group.label, entryCount(this.group.count));
    // A bare number beside the name would be read as "Today, 3": say what it counts.
    item.accessibilityInformation = { label: groupAccessibleLabel(this.group.label, this.group.count) };
    item.contextValue = 'group';
    return item;
  }
}

/** Groups whose entries carry a weekday-and-date in their description (Today and Yesterday need none). */
const DATED = (groupId: string) => !['today', 'yesterday'].includes(groupId);

export class EntryNode {
  /** Read by the edit and delete commands (they accept any node with an `entryId`). */
  readonly entryId: string;
  readonly id: string;
  constructor(
    readonly entry: Entry,
    readonly parent: GroupNode,
    private readonly now: number,
  ) {
    this.entryId = entry.id;
    this.id = entry.id;
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const item = new vscode.TreeItem(entryLabel(e), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(KINDS[e.kind].codicon);
    const date = DATED(this.parent.group.id) ? shortDate(Date.parse(e.occurredAt), this.now, dateStyle()) : undefined;
    item.description = entryDescription(e, date ? { date } : {});
    item.contextValue = `entry${e.links.some((l) => isWebLink(l.url)) ? ':linked' : ''}${e.context.file ? ':located' : ''}`;
    // Enter or a click opens the entry (src/ui/entryView).
    item.command = { command: 'impactLog.openEntry', title: vscode.l10n.t('Open Entry'), arguments: [this] };
    item.accessibilityInformation = { label: entryAccessibleLabel(e, dateStyle()) };
    // The tooltip is built on hover (resolveTreeItem), not for every row.
    return item;
  }
}

export class LoadMoreNode {
  readonly id: string;
  constructor(
    readonly parent: GroupNode,
    readonly shown: number,
  ) {
    this.id = `more:${parent.group.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.description = vscode.l10n.t('{0} of {1} shown', this.shown, this.parent.group.count);
    item.accessibilityInformation = { label: vscode.l10n.t('Load more entries of {0}: {1} of {2} shown', this.parent.group.label, this.shown, this.parent.group.count) };
    item.contextValue = 'loadMore';
    item.command = { command: 'impactLog.loadMore', title: vscode.l10n.t('Load More Entries'), arguments: [this] };
    return item;
  }
}

/**
 * A node of a section shown above the period groups (suggestions from Git, follow-ups due): it owns
 * its item, its children and its tooltip, so the timeline needs to know nothing about it.
 */
export interface SectionNode {
  readonly id: string;
  readonly parent: SectionNode | undefined;
  getTreeItem(): vscode.TreeItem;
  children?(): Promise<SectionNode[]> | SectionNode[];
  /** Built on hover. */
  tooltip?(): vscode.MarkdownString | string;
}

/** A section of the timeline: its root nodes (none hides it), read at every refresh with the filter shown. */
export interface TimelineSection {
  roots(ctx: { readonly filter: TimelineFilter }): Promise<SectionNode[]>;
}

export type TimelineNode = GroupNode | EntryNode | LoadMoreNode | SectionNode;

/** The Markdown tooltip of an entry. Every piece of user text goes through appendText (escaped). `lookup` names a linked entry (an incident's cause). */
export function entryTooltip(e: Entry, lookup?: EntryLookup): vscode.MarkdownString {
  const f = entryFacts(e, dateStyle(), undefined, lookup);
  const md = untrustedMarkdown(true);
  md.appendMarkdown(`$(${f.codicon}) **`).appendText(f.kindLabel).appendMarkdown('** · ').appendText(f.when).appendMarkdown('\n\n');
  md.appendMarkdown('### ').appendText(f.title).appendMarkdown('\n\n');
  const facts = [...f.fields, ...(f.impact ? [{ label: vscode.l10n.t('Impact'), value: f.impact }] : [])];
  for (const { label, value } of facts) md.appendMarkdown('- **').appendText(label).appendMarkdown(':** ').appendText(value).appendMarkdown('\n');
  if (facts.length > 0) md.appendMarkdown('\n');
  if (f.details !== '') md.appendText(f.details).appendMarkdown('\n\n');
  const links = f.links.flatMap((l) => {
    const dest = linkDestination(l.url);
    return dest === undefined ? [] : [{ text: l.label ?? l.url, dest }];
  });
  if (links.length > 0) {
    md.appendMarkdown('**Links**\n\n');
    for (const l of links) md.appendMarkdown('- [').appendText(l.text).appendMarkdown(`](${l.dest})\n`);
    md.appendMarkdown('\n');
  }
  if (f.tags.length > 0) md.appendText(f.tags.map((t) => `#${t}`).join(' ')).appendMarkdown('\n\n');
  if (f.where) md.appendMarkdown('$(repo) ').appendText(f.where).appendMarkdown('\n\n');
  if (f.origin) md.appendMarkdown('$(comment-discussion) ').appendText(f.origin);
  return md;
}
