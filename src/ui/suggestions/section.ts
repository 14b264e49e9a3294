import * as vscode from 'vscode';
import { KINDS } from '../../domain';
import { isFilterActive } from '../../domain/filter';
import { displayDateTime } from '../../domain/format';
import type { Suggestion } from '../../domain/suggestions';
import { showDirectionControls as visible } from '../../export/escape';
import type { Services } from '../services';
import type { SectionNode, TimelineSection } from '../timeline/nodes';
import { dateStyle } from '../locale';

/** How many new suggestions the group shows (newest first); "Dismiss all shown" dismisses these. */
export const SHOWN_MAX = 100;

/** The "Suggestions (N)" group at the top of the timeline; hidden when there are none. */
export class SuggestionsGroupNode implements SectionNode {
  readonly id = 'suggestions';
  readonly parent = undefined;
  constructor(
    readonly count: number,
    private readonly shown: readonly Suggestion[],
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`Suggestions (${this.count})`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('lightbulb');
    item.description = 'from Git history';
    item.accessibilityInformation = { label: this.count === 1 ? vscode.l10n.t('Suggestions from Git history: 1 suggestion') : vscode.l10n.t('Suggestions from Git history: {0} suggestions', this.count) };
    item.tooltip = `${this.count} ${this.count === 1 ? 'suggestion' : 'suggestions'} from your Git history. Accept one to log it (you can edit it first), or dismiss it: it is not offered again.`;
    item.contextValue = 'suggestions';
    return item;
  }

  children(): SuggestionNode[] {
    return this.shown.map((s) => new SuggestionNode(s, this));
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
  ) {
    this.id = `suggestion:${suggestion.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.suggestion;
    const item = new vscode.TreeItem(visible(s.title), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(s.pullRequest !== null ? 'git-pull-request' : 'git-commit');
    const parts = [s.pullRequest !== null ? `#${s.pullRequest}` : s.headSha.slice(0, 7), s.kind ? KINDS[s.kind].label : undefined, displayDateTime(Date.parse(s.occurredAt), dateStyle())];
    item.description = parts.filter((p) => p !== undefined).join(' · ');
    item.contextValue = 'suggestion';
    item.accessibilityInformation = { label: vscode.l10n.t('Suggestion from Git: {0}, {1}. Enter to accept', visible(s.title), parts.filter((p) => p !== undefined).join(', ')) };
    // Enter (or a click) opens the log flow pre-filled; Enter through it saves.
    item.command = { command: 'impactLog.acceptSuggestion', title: 'Accept Suggestion', arguments: [{ id: s.id }] };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const s = this.suggestion;
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendMarkdown('$(lightbulb) **Suggestion** · ').appendText(displayDateTime(Date.parse(s.occurredAt), dateStyle())).appendMarkdown('\n\n### ').appendText(visible(s.title)).appendMarkdown('\n\n');
    for (const subject of s.subjects.slice(0, 10)) md.appendMarkdown('- ').appendText(visible(subject)).appendMarkdown('\n');
    md.appendMarkdown('\n$(repo) ').appendText([s.repoName, s.branch, s.headSha.slice(0, 12)].filter(Boolean).join(' · '));
    if (s.reverts) md.appendMarkdown('\n\n$(discard) ').appendText(`Reverts ${s.reverts.slice(0, 12)}`);
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
      last = count === 0 ? undefined : new SuggestionsGroupNode(count, store.suggestions.list({ limit: SHOWN_MAX }));
      return last ? [last] : [];
    },
    shown: () => last?.shownIds ?? [],
  };
}
