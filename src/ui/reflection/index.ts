import * as vscode from 'vscode';
import { guarded } from '../errors';
import type { Services } from '../services';
import { type FollowUpsDue, reviewNow } from './review';
import { clockFromEnvironment, ReflectionScheduler, type SchedulerClock } from './scheduler';

export type { FollowUpsDue, ReviewItem } from './review';

/** The weekly reflection: its scheduler and `impactLog.reviewNow`. `followUps` is the follow-ups feature's hook, when it exists. */
export function registerReflection(s: Services, opts: { followUps?: FollowUpsDue; clock?: SchedulerClock } = {}): vscode.Disposable[] {
  const clock = opts.clock ?? clockFromEnvironment(process.env, s.output);
  const review = () => reviewNow(s, opts.followUps, clock.now());
  const scheduler = new ReflectionScheduler(s, review, clock);
  void scheduler.check();
  return [scheduler, vscode.commands.registerCommand('impactLog.reviewNow', guarded(s.output, vscode.l10n.t('Review now'), review))];
}
