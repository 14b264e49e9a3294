import * as vscode from 'vscode';
import { type Entry, KINDS } from '../../domain';
import { isFilterActive } from '../../domain/filter';
import { followUpConfigOf } from '../../domain/settings';
import { dayNumberIn, systemTimeZone } from '../../domain/zoned';
import { showDirectionControls as visible } from '../../export/escape';
import type { RevertProposal } from '../../git';
import type { DueEntry } from '../../storage';
import type { Services } from '../services';
import { dateStyle } from '../locale';
import { entryAccessibleLabel, entryLabel } from '../timeline/describe';
import { entryTooltip, type SectionNode, type TimelineSection } from '../timeline/nodes';
import { dueFor, entryCount } from '../l10n';
import { proposalLabel, type RevertProposals } from './revertProposals';
import { untrustedMarkdown } from '../markdown';

/**
 * The timeline's "Follow-ups due (N)" group, shown first while any are due, and its rows. A row
 * has inline actions for the outcomes and snooze (package.json, `viewItem == followUpDue`) and
 * carries `entryId`, so impactLog.followUp on it asks only for the outcome and the note. A row
 * whose entry's commit was reverted in a repository open in the workspace shows the proposal under
 * it ("Reverted? proposed from Git: …"); Enter on that opens the outcome pick with the proposal
 * first, so confirming it is the user's own answer.
 */

export class FollowUpGroupNode implements SectionNode {
  readonly parent = undefined;
  readonly id = 'group:followUpsDue';
  constructor(
    readonly count: number,
    readonly due: readonly DueEntry[],
    private readonly proposalOf: (e: Entry) => RevertProposal | undefined = () => undefined,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Follow-ups due ({0})', this.count), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('history');
    item.tooltip = vscode.l10n.t('{0} to follow up: did it hold? Answer with the buttons on a row, or Impact Log: Follow Up.', entryCount(this.count));
    item.accessibilityInformation = { label: this.count === 1 ? vscode.l10n.t('Follow-ups due: 1 entry to follow up') : vscode.l10n.t('Follow-ups due: {0} entries to follow up', this.count) };
    item.contextValue = 'followUpGroup';
    return item;
  }

  children(): FollowUpDueNode[] {
    const now = Date.now();
    return this.due.map((d) => new FollowUpDueNode(d, this, now, this.proposalOf(d.entry)));
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
    readonly proposal: RevertProposal | undefined = undefined,
  ) {
    this.entry = due.entry;
    this.entryId = due.entry.id;
    this.id = `followUp:${due.entry.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const item = new vscode.TreeItem(entryLabel(e), this.proposal ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(KINDS[e.kind].codicon);
    const tz = systemTimeZone();
    const days = dayNumberIn(this.now, tz) - dayNumberIn(this.due.dueAt, tz);
    const due = vscode.l10n.t('{0}-day follow-up · {1}', this.due.checkpoint, dueFor(days));
    item.description = `${KINDS[e.kind].label} · ${due}`;
    item.contextValue = 'followUpDue';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}; {1}. Did it hold?', entryAccessibleLabel(e, dateStyle()), due.replace(' · ', ', ')) };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return entryTooltip(this.entry);
  }

  children(): FollowUpProposalNode[] {
    return this.proposal ? [new FollowUpProposalNode(this.proposal, this)] : [];
  }
}

/** "Reverted? proposed from Git: 1a2b3c4 Revert "…"" under a due row: a proposal until the user confirms it. */
export class FollowUpProposalNode implements SectionNode {
  readonly id: string;
  constructor(
    readonly proposal: RevertProposal,
    readonly parent: FollowUpDueNode,
  ) {
    this.id = `followUpProposal:${parent.entryId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(visible(proposalLabel(this.proposal)), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('discard');
    item.description = vscode.l10n.t('a proposal: Enter to confirm');
    item.contextValue = 'followUpProposal';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}. A proposal, not an answer: press Enter to confirm or choose another outcome.', visible(proposalLabel(this.proposal))) };
    item.command = { command: 'impactLog.followUp', title: vscode.l10n.t('Confirm or Answer'), arguments: [{ id: this.parent.entryId, checkpoint: this.parent.due.checkpoint }] };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const p = this.proposal;
    const md = untrustedMarkdown(true);
    md.appendMarkdown(`$(discard) **${vscode.l10n.t('Proposed from Git')}** ${vscode.l10n.t('(not answered yet)')}\n\n`).appendText(vscode.l10n.t('Commit {0} “{1}” reverts {2} “{3}”, this entry\'s commit.', p.revert.sha.slice(0, 12), visible(p.revert.subject), p.reverted.sha.slice(0, 12), visible(p.reverted.subject)));
    md.appendMarkdown('\n\n').appendText(p.url ? vscode.l10n.t('Confirming records “Reverted” with {0} as evidence.', p.url) : vscode.l10n.t('Confirming records “Reverted” with the commit sha in the note.'));
    return md;
  }
}

/** The timeline section: "Follow-ups due (N)" while any are due and no filter is set (a filtered view is a search). */
export function followUpsSection(s: Services, proposals?: RevertProposals): TimelineSection {
  return {
    async roots({ filter }) {
      const cfg = followUpConfigOf(s.config.value);
      if (!cfg.enabled || isFilterActive(filter)) return [];
      const store = await s.store.get();
      const ctx = { cfg, now: Date.now(), timeZone: systemTimeZone() };
      const count = store.followUps.countDue(ctx);
      if (count === 0) return [];
      const due = store.followUps.due(ctx);
      // Looked for in the background; the timeline repaints when a proposal appears (core.ts).
      void proposals?.request(due.map((d) => d.entry));
      return [new FollowUpGroupNode(count, due, (e) => proposals?.peek(e))];
    },
  };
}
