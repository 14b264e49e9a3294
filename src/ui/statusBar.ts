import * as vscode from 'vscode';
import { KIND_IDS, KINDS } from '../domain';
import { displayWeekday } from '../domain/format';
import { weekRange } from '../domain/week';
import { inSentence } from '../domain/flow';
import { statusLabel, statusText } from '../domain/format';
import { dateStyle, weekStart } from './locale';
import { CountItem } from './countItem';
import type { Services } from './services';

/** Kinds that count as outcomes in the weekly count (problems solved, catches, shipped, incidents). */
export const OUTCOME_KINDS = KIND_IDS.filter((k) => KINDS[k].outcome);

/**
 * This week's count of outcome entries in the status bar; a click logs an entry. Hidden while
 * `impactLog.statusBar.enabled` is false (and then the log is not opened for it). Recounts when
 * entries change (here or in another window), when the setting changes, and hourly so that a new
 * week starts at zero.
 */
export class ImpactStatusBar extends CountItem {
  constructor(s: Services) {
    super(s, { id: 'impactLog.status', priority: 100, name: vscode.l10n.t('Impact Log'), command: { command: 'impactLog.log', title: vscode.l10n.t('Log an entry') } });
  }

  /** The text shown, for tests: e.g. "$(checklist) 3 this week". */
  get text(): string {
    return this.item.text;
  }

  /** What a screen reader says, for tests. */
  get accessibleLabel(): string | undefined {
    return this.item.accessibilityInformation?.label;
  }

  protected async update(): Promise<void> {
    if (!this.s.config.value['statusBar.enabled']) {
      this.item.hide();
      return;
    }
    try {
      const store = await this.s.store.get();
      const start = weekStart(this.s.config.value);
      const n = store.count({ ...weekRange(Date.now(), start), kinds: OUTCOME_KINDS });
      const kinds = OUTCOME_KINDS.map((k) => inSentence(KINDS[k].plural)).join(', ');
      this.item.text = statusText(n);
      this.item.tooltip = new vscode.MarkdownString(
        n === 1
          ? vscode.l10n.t('**Impact Log**: 1 outcome entry this week ({0}; the week starts on {1}).\n\nClick to log an entry.', kinds, displayWeekday(start, dateStyle().locale))
          : vscode.l10n.t('**Impact Log**: {0} outcome entries this week ({1}; the week starts on {2}).\n\nClick to log an entry.', n, kinds, displayWeekday(start, dateStyle().locale)),
      );
      this.item.accessibilityInformation = { label: vscode.l10n.t('{0}. Activate to log an entry.', statusLabel(n)) };
    } catch (err) {
      this.s.output.warn(`Status bar: could not count this week's entries: ${err instanceof Error ? err.message : String(err)}`);
      this.item.text = '$(checklist) –';
      this.item.accessibilityInformation = { label: vscode.l10n.t('Impact Log: could not count this week\'s outcomes. Activate to log an entry.') };
      this.item.tooltip = vscode.l10n.t('Impact Log: could not count this week\'s entries ({0}). Click to log an entry.', err instanceof Error ? err.message : String(err));
    }
    this.item.show();
  }
}
