import * as vscode from 'vscode';
import { KINDS } from '../../domain';
import { isFilterActive } from '../../domain/filter';
import { displayDateTime } from '../../domain/format';
import type { Suggestion } from '../../domain/suggestions';
import { showDirectionControls as visible } from '../../export/escape';
import type { Services } from '../services';
import type { SectionNode, TimelineSection } from '../timeline/nodes';
import { dateStyle } from '../locale';
import { suggestionCount } from '../l10n';
import { untrustedMarkdown } from '../markdown';

/** How many new suggestions the group shows (newest first); "Dismiss all shown" dismisses these. */
export const SHOWN_MAX = 100;

/** The "Suggestions (N)" group at the top of the timeline; hidden when there are none. */
export class SuggestionsGroupNode implements SectionNode {
  readonly id = 'suggestions';
  readonly parent = undefined;
  constructor(
    readonly count: number,
    private readonly shown: readonly Suggestion[],
    /** For a `Revert` suggestion: the title of the logged entry whose follow-up it can answer. */
    private readonly revertedTitles: ReadonlyMap<string, string> = new Map(),
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Suggestions ({0})', this.count), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('lightbulb');
    item.description = vscode.l10n.t('from Git history');
    item.tooltip = vscode.l10n.t('{0} from your Git history. Accept one to log it (you can edit it first), or dismiss it: it is not offered again.', suggestionCount(this.count));
    item.accessibilityInformation = { label: this.count === 1 ? vscode.l10n.t('Suggestions from Git history: 1 suggestion') : vscode.l10n.t('Suggestions from Git history: {0} suggestions', this.count) };
    item.contextValue = 'suggestions';
    return item;
  }

  children(): SuggestionNode[] {
    return this.shown.map((s) => new SuggestionNode(s, this, this.revertedTitles.get(s.id)));
  }

  get shownIds(): string[] {
    return this.shown.map((s) => s.id);
  }
}

export class SuggestionNode implements SectionNode {
  readonly id: string;
  constructor(
    readonly suggestion: Suggestion,
    readonly parent: SuggestionsGroupNode,
    /** The logged entry this revert reverts, whose follow-up is still open. */
    readonly revertedTitle: string | undefined = undefined,
  ) {
    this.id = `suggestion:${suggestion.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.suggestion;
    const item = new vscode.TreeItem(visible(s.title), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(s.pullRequest !== null ? 'git-pull-request' : 'git-commit');
    const parts = [
      s.pullRequest !== null ? `#${s.pullRequest}` : s.headSha.slice(0, 7),
      this.revertedTitle !== undefined ? vscode.l10n.t('reverts “{0}”: accept to answer its follow-up', visible(this.revertedTitle)) : undefined,
      s.kind ? KINDS[s.kind].label : undefined,
      displayDateTime(Date.parse(s.occurredAt), dateStyle()),
    ];
    item.description = parts.filter((p) => p !== undefined).join(' · ');
    item.contextValue = 'suggestion';
    item.accessibilityInformation = { label: vscode.l10n.t('Suggestion from Git: {0}, {1}. Enter to accept', visible(s.title), parts.filter((p) => p !== undefined).join(', ')) };
    // Enter (or a click) opens the log flow pre-filled; Enter through it saves.
    item.command = { command: 'impactLog.acceptSuggestion', title: vscode.l10n.t('Accept Suggestion'), arguments: [{ id: s.id }] };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const s = this.suggestion;
    const md = untrustedMarkdown(true);
    md.appendMarkdown(vscode.l10n.t('$(lightbulb) **Suggestion** · ')).appendText(displayDateTime(Date.parse(s.occurredAt), dateStyle())).appendMarkdown('\n\n### ').appendText(visible(s.title)).appendMarkdown('\n\n');
    for (const subject of s.subjects.slice(0, 10)) md.appendMarkdown('- ').appendText(visible(subject)).appendMarkdown('\n');
    md.appendMarkdown('\n$(repo) ').appendText([s.repoName, s.branch, s.headSha.slice(0, 12)].filter(Boolean).join(' · '));
    if (s.reverts) md.appendMarkdown('\n\n$(discard) ').appendText(vscode.l10n.t('Reverts {0}', s.reverts.slice(0, 12)));
    if (this.revertedTitle !== undefined) md.appendMarkdown('\n\n').appendText(vscode.l10n.t('That is the commit of “{0}” in your log: accepting offers to answer its follow-up as Reverted, instead of or besides logging this.', visible(this.revertedTitle)));
    return md;
  }
}

/**
 * The timeline section: reads the new suggestions at each refresh of the timeline. Hidden while a
 * filter is set, like "Follow-ups due": a filtered view is a search, and one matching nothing shows
 * the view's "no entries match" content.
 */
export function suggestionsSection(s: Services): TimelineSection & { readonly shown: () => readonly string[] } {
  let last: SuggestionsGroupNode | undefined;
  return {
    async roots({ filter }) {
      if (isFilterActive(filter)) {
        last = undefined;
        return [];
      }
      const store = await s.store.get();
      const count = store.suggestions.count('new');
      const shown = count === 0 ? [] : store.suggestions.list({ limit: SHOWN_MAX });
      const reverted = new Map<string, string>();
      for (const sug of shown) {
        const e = sug.reverts ? store.followUps.pendingForCommit(sug.reverts) : undefined;
        if (e) reverted.set(sug.id, e.title);
      }
      last = count === 0 ? undefined : new SuggestionsGroupNode(count, shown, reverted);
      return last ? [last] : [];
    },
    shown: () => last?.shownIds ?? [],
  };
}
