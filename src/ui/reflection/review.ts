import * as vscode from 'vscode';
import { KINDS } from '../../domain';
import { displayDateTime } from '../../domain/format';
import { showDirectionControls as visible } from '../../export/escape';
import type { Services } from '../services';
import { ReflectionScheduler } from './scheduler';
import { weekRange } from '../../domain/week';
import { dateStyle, weekStart } from '../locale';

/** One item the reflection lists: what it is, and the command that handles it. */
export interface ReviewItem {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly command: string;
  readonly args: unknown[];
}

/**
 * A source of items for the reflection's "Follow-ups due" group: the follow-ups feature plugs one
 * in (core.ts passes it); without one the group is left out.
 */
export type FollowUpsDue = (range: { from: number; to: number }) => Promise<readonly ReviewItem[]>;

type Pick = vscode.QuickPickItem & { item?: ReviewItem };

/**
 * `impactLog.reviewNow`: one quick pick of this week's suggestions from Git, follow-ups due (when
 * a source is given) and this week's entries without evidence (no link). Picking an item runs its
 * command (accept the suggestion, edit the entry). Records the week as reviewed.
 */
export async function reviewNow(s: Services, followUps: FollowUpsDue | undefined, now = Date.now()): Promise<string | undefined> {
  const store = await s.store.get();
  const week = weekRange(now, weekStart(s.config.value));
  const suggestions = store.suggestions.list({ from: week.from, to: week.to, limit: 100 });
  const due = followUps ? await followUps(week).catch(() => [] as ReviewItem[]) : [];
  const bare = store.list({ from: week.from, to: week.to }, { limit: 500 }).filter((e) => e.links.length === 0);
  await ReflectionScheduler.markReviewed(s, now);
  const items: Pick[] = [];
  const group = (label: string, list: readonly ReviewItem[]) => {
    if (list.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const i of list) items.push({ label: i.label, ...(i.description ? { description: i.description } : {}), ...(i.detail ? { detail: i.detail } : {}), item: i });
  };
  group(
    vscode.l10n.t('This week’s suggestions from Git'),
    suggestions.map((x) => ({
      label: `$(lightbulb) ${visible(x.title)}`,
      description: [x.pullRequest !== null ? `#${x.pullRequest}` : x.headSha.slice(0, 7), x.kind ? KINDS[x.kind].label : undefined].filter(Boolean).join(' · '),
      command: 'impactLog.acceptSuggestion',
      args: [{ id: x.id }],
    })),
  );
  group(vscode.l10n.t('Follow-ups due'), due);
  group(
    vscode.l10n.t('Entries without evidence (add a link)'),
    bare.map((e) => ({ label: `$(${KINDS[e.kind].codicon}) ${visible(e.title)}`, description: `${KINDS[e.kind].label} · ${displayDateTime(Date.parse(e.occurredAt), dateStyle())}`, command: 'impactLog.editEntry', args: [{ id: e.id }] })),
  );
  items.push({ label: vscode.l10n.t('More'), kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: vscode.l10n.t('$(git-commit) Suggest from this week’s Git history…'), item: { label: '', command: 'impactLog.suggestFromGit', args: [{ period: 'thisWeek' }] } });
  items.push({ label: vscode.l10n.t('$(add) Log something else…'), item: { label: '', command: 'impactLog.log', args: [] } });
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Anything worth logging this week?'),
    placeHolder: suggestions.length + due.length + bare.length === 0 ? vscode.l10n.t('Nothing waiting this week. Suggest from Git, or log something.') : vscode.l10n.t('Pick one to log it, or to add its evidence'),
    matchOnDescription: true,
  });
  if (!pick?.item) return undefined;
  await vscode.commands.executeCommand(pick.item.command, ...pick.item.args);
  return pick.item.command;
}
