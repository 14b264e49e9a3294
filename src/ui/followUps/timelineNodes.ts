import * as vscode from 'vscode';
import { type Entry, KINDS } from '../../domain';
import { isFilterActive } from '../../domain/filter';
import { followUpConfigOf } from '../../domain/settings';
import { dayNumberIn, systemTimeZone } from '../../domain/zoned';
import type { DueEntry } from '../../storage';
import type { Services } from '../services';
import { entryLabel } from '../timeline/describe';
import { entryTooltip, type SectionNode, type TimelineSection } from '../timeline/nodes';
import { dueFor, entryCount } from '../l10n';

/**
 * The timeline's "Follow-ups due (N)" group, shown first while any are due, and its rows. A row
 * has inline actions for the outcomes and snooze (package.json, `viewItem == followUpDue`) and
 * carries `entryId`, so impactLog.followUp on it asks only for the outcome and the note.
 */

export class FollowUpGroupNode implements SectionNode {
  readonly parent = undefined;
  readonly id = 'group:followUpsDue';
  constructor(
    readonly count: number,
    readonly due: readonly DueEntry[],
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Follow-ups due ({0})', this.count), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('history');
    item.tooltip = vscode.l10n.t('{0} to follow up: did it hold? Answer with the buttons on a row, or Impact Log: Follow Up.', entryCount(this.count));
    item.contextValue = 'followUpGroup';
    return item;
  }

  children(): FollowUpDueNode[] {
    const now = Date.now();
    return this.due.map((d) => new FollowUpDueNode(d, this, now));
  }
}

export class FollowUpDueNode implements SectionNode {
  readonly entryId: string;
  readonly id: string;
  readonly entry: Entry;
  constructor(
    readonly due: DueEntry,
    readonly parent: FollowUpGroupNode,
    private readonly now: number,
  ) {
    this.entry = due.entry;
    this.entryId = due.entry.id;
    this.id = `followUp:${due.entry.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const item = new vscode.TreeItem(entryLabel(e), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(KINDS[e.kind].codicon);
    const tz = systemTimeZone();
    const days = dayNumberIn(this.now, tz) - dayNumberIn(this.due.dueAt, tz);
    item.description = vscode.l10n.t('{0}-day follow-up · {1}', this.due.checkpoint, dueFor(days));
    item.contextValue = 'followUpDue';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}, {2}. Did it hold?', KINDS[e.kind].label, entryLabel(e), item.description) };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return entryTooltip(this.entry);
  }
}

/** The timeline section: "Follow-ups due (N)" while any are due and no filter is set (a filtered view is a search). */
export function followUpsSection(s: Services): TimelineSection {
  return {
    async roots({ filter }) {
      const cfg = followUpConfigOf(s.config.value);
      if (!cfg.enabled || isFilterActive(filter)) return [];
      const store = await s.store.get();
      const ctx = { cfg, now: Date.now(), timeZone: systemTimeZone() };
      const count = store.followUps.countDue(ctx);
      return count === 0 ? [] : [new FollowUpGroupNode(count, store.followUps.due(ctx))];
    },
  };
}
