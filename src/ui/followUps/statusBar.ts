import * as vscode from 'vscode';
import { followUpConfigOf } from '../../domain/settings';
import { systemTimeZone } from '../../domain/zoned';
import { CountItem } from '../countItem';
import type { Services } from '../services';
import { followUpsDue } from '../l10n';

/**
 * "$(history) 3 due" in the status bar (words beside the icon, never a bare number) while follow-ups are due; a click answers the first. Hidden when
 * none are due, when follow-ups are off, or with `impactLog.followUps.statusBar` false. Recounts
 * when entries change (here or in another window), when settings change, and hourly, since a
 * follow-up falls due at the start of a day.
 */
export class FollowUpStatusBar extends CountItem {
  private count = 0;

  constructor(s: Services) {
    super(s, { id: 'impactLog.followUps', priority: 99, name: vscode.l10n.t('Impact Log follow-ups'), command: { command: 'impactLog.followUp', title: vscode.l10n.t('Answer a follow-up') } });
  }

  /** The number shown (0 when hidden), for tests. */
  get due(): number {
    return this.count;
  }

  protected async update(): Promise<void> {
    const cfg = followUpConfigOf(this.s.config.value);
    if (!cfg.enabled || !this.s.config.value['followUps.statusBar']) {
      this.count = 0;
      this.item.hide();
      return;
    }
    try {
      const store = await this.s.store.get();
      this.count = store.followUps.countDue({ cfg, now: Date.now(), timeZone: systemTimeZone() });
    } catch (err) {
      this.s.output.warn(`Status bar: could not count the follow-ups due: ${err instanceof Error ? err.message : String(err)}`);
      this.count = 0;
    }
    if (this.count === 0) {
      this.item.hide();
      return;
    }
    const words = followUpsDue(this.count);
    this.item.text = vscode.l10n.t('$(history) {0} due', this.count);
    this.item.tooltip = vscode.l10n.t('Impact Log: {0}: did they hold? Click to answer.', words);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Impact Log: {0}. Activate to answer.', words) };
    this.item.show();
  }
}
