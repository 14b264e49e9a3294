import * as vscode from 'vscode';
import { KINDS } from '../../domain';
import { isFilterActive } from '../../domain/filter';
import { displayDateTime } from '../../domain/format';
import type { Suggestion } from '../../domain/suggestions';
import { showDirectionControls as visible } from '../../export/escape';
import type { Services } from '../services';
import type { SectionNode, TimelineSection } from '../timeline/nodes';
import { suggestionCount } from '../l10n';

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
    const item = new vscode.TreeItem(vscode.l10n.t('Suggestions ({0})', this.count), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('lightbulb');
    item.description = vscode.l10n.t('from Git history');
    item.tooltip = vscode.l10n.t('{0} from your Git history. Accept one to log it (you can edit it first), or dismiss it: it is not offered again.', suggestionCount(this.count));
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
    const parts = [s.pullRequest !== null ? `#${s.pullRequest}` : s.headSha.slice(0, 7), s.kind ? KINDS[s.kind].label : undefined, displayDateTime(Date.parse(s.occurredAt))];
    item.description = parts.filter((p) => p !== undefined).join(' · ');
    item.contextValue = 'suggestion';
    item.accessibilityInformation = { label: vscode.l10n.t('Suggestion: {0}, {1}', visible(s.title), item.description) };
    // Enter (or a click) opens the log flow pre-filled; Enter through it saves.
    item.command = { command: 'impactLog.acceptSuggestion', title: vscode.l10n.t('Accept Suggestion'), arguments: [{ id: s.id }] };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const s = this.suggestion;
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendMarkdown(vscode.l10n.t('$(lightbulb) **Suggestion** · ')).appendText(displayDateTime(Date.parse(s.occurredAt))).appendMarkdown('\n\n### ').appendText(visible(s.title)).appendMarkdown('\n\n');
    for (const subject of s.subjects.slice(0, 10)) md.appendMarkdown('- ').appendText(visible(subject)).appendMarkdown('\n');
    md.appendMarkdown('\n$(repo) ').appendText([s.repoName, s.branch, s.headSha.slice(0, 12)].filter(Boolean).join(' · '));
    if (s.reverts) md.appendMarkdown('\n\n$(discard) ').appendText(vscode.l10n.t('Reverts {0}', s.reverts.slice(0, 12)));
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
