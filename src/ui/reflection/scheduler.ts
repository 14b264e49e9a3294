import * as vscode from 'vscode';
import { parseTestNow, reflectionDue, type ReflectionSettings, slotInWeek, snoozeUntilMonday, TEST_NOW_VARIABLE, weekKey } from '../../domain/reflection';
import type { Services } from '../services';
import { readState, updateState } from './state';

/** Look again at least this often (a laptop asleep over the slot, a clock change). */
const RECHECK_MS = 60 * 60 * 1000;

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { dispose(): void };
}

const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return { dispose: () => clearTimeout(t) };
  },
};

/**
 * The reflection's clock: the real one, unless the test hook IMPACT_LOG_TEST_NOW names a start
 * time (docs/TESTING.md); then the clock starts there and runs on in real time. A bad value is
 * named in the output channel and the real clock is used.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv, output: Pick<Services['output'], 'info' | 'warn'>): SchedulerClock {
  const start = parseTestNow(env[TEST_NOW_VARIABLE]);
  if (start === undefined) return realClock;
  if ('problem' in start) {
    output.warn(`${start.problem}: ignored, the weekly reflection uses the real clock.`);
    return realClock;
  }
  const offset = start.now - Date.now();
  output.info(`The weekly reflection's clock starts at ${new Date(start.now).toString()} (${TEST_NOW_VARIABLE}, a test hook).`);
  return { now: () => Date.now() + offset, setTimeout: (fn, ms) => realClock.setTimeout(fn, ms) };
}

/**
 * Shows "Anything worth logging this week?" at the configured day and time, at most once a week,
 * in one window: the window that claims the week in the log's meta table (a write transaction)
 * shows it, the others see the claim and stay quiet. Until the slot comes the log is not even
 * opened (activation stays cheap).
 */
export class ReflectionScheduler implements vscode.Disposable {
  private timer: { dispose(): void } | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private disposed = false;
  /** The week this window last said (in the output channel) that nothing more is shown. */
  private quietWeek: string | undefined;

  constructor(
    private readonly s: Services,
    private readonly review: () => Promise<unknown>,
    private readonly clock: SchedulerClock = realClock,
  ) {
    this.subs.push(s.config.onDidChange(() => void this.check()));
  }

  private get settings(): ReflectionSettings {
    const c = this.s.config.value;
    return { enabled: c['reflection.enabled'], day: c['reflection.day'], time: c['reflection.time'] };
  }

  /** Looks now, then schedules the next look. Resolves true when this window showed the notification. */
  async check(): Promise<boolean> {
    this.timer?.dispose();
    this.timer = undefined;
    if (this.disposed) return false;
    const settings = this.settings;
    const now = this.clock.now();
    let shown = false;
    let next: number | undefined;
    try {
      if (!settings.enabled) return false;
      // Before this week's slot nothing is due but a snooze, which only the log knows; the log is
      // opened only once the store is open anyway or the slot has come.
      const slot = slotInWeek(now, settings);
      if (now < slot && !this.s.store.isOpen) next = slot;
      else {
        const store = await this.s.store.get();
        const decision = reflectionDue(now, settings, readState(store));
        if (decision.due) {
          const claimed = updateState(store, (st) => (reflectionDue(now, settings, st).due ? { ...st, shownWeek: decision.week, snoozedUntil: undefined } : undefined));
          if (claimed) {
            shown = true;
            void this.notify();
          }
          next = reflectionDue(now, settings, readState(store)).due ? undefined : slotInWeek(now + 7 * 86_400_000, settings);
        } else {
          next = decision.next;
          // Once a week per window: why nothing is shown this week (it was, or the user reviewed).
          const week = weekKey(now);
          const st = readState(store);
          if ((st.shownWeek === week || st.reviewedWeek === week) && this.quietWeek !== week) {
            this.quietWeek = week;
            this.s.output.info(`The weekly reflection was already shown or reviewed this week (week of ${week}); nothing more is shown until next week.`);
          }
        }
      }
    } catch (err) {
      this.s.output.warn(`The weekly reflection could not check the log: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (this.settings.enabled && !this.disposed) {
        const wait = Math.max(1000, Math.min((next ?? now + RECHECK_MS) - now, RECHECK_MS));
        this.timer = this.clock.setTimeout(() => void this.check(), wait);
      }
    }
    return shown;
  }

  private async notify(): Promise<void> {
    const pick = await vscode.window.showInformationMessage(vscode.l10n.t('Anything worth logging this week?'), vscode.l10n.t('Review now'), vscode.l10n.t('Snooze until Monday'), vscode.l10n.t('Turn off'));
    if (pick === 'Review now') await this.review();
    else if (pick === 'Snooze until Monday') {
      const until = snoozeUntilMonday(this.clock.now(), this.settings);
      const store = await this.s.store.get();
      updateState(store, (st) => ({ ...st, snoozedUntil: until }));
      void this.check();
    } else if (pick === 'Turn off') {
      await vscode.workspace.getConfiguration('impactLog').update('reflection.enabled', false, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: the weekly reflection is off. Turn it on again with the setting impactLog.reflection.enabled; “Weekly Reflection: Review Now” still works any time.'));
    }
  }

  /** Records that the user reviewed this week: nothing more is shown this week. */
  static async markReviewed(s: Services, now: number): Promise<void> {
    const store = await s.store.get();
    updateState(store, (st) => ({ ...st, reviewedWeek: weekKey(now) }));
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    for (const d of this.subs) d.dispose();
  }
}
