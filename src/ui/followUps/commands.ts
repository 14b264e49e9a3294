import * as vscode from 'vscode';
import { type Entry, KINDS, parseOrThrow, ValidationError } from '../../domain';
import { decideExclude, decideFollowUp, decideOutcomeCommand, decideSnooze, unlessRefused } from '../../domain/commandArgs';
import {
  eligible,
  followUpArgument,
  type FollowUpArgument,
  type FollowUpConfig,
  type Outcome,
  OUTCOME_WORDS,
  OUTCOMES,
  SNOOZE_DEFAULT_DAYS,
} from '../../domain/followUps';
import { followUpConfigOf } from '../../domain/settings';
import { displayShortDate } from '../../domain/format';
import { dayNumberIn, systemTimeZone } from '../../domain/zoned';
import { sequenceCounter, stepTitle } from '../../domain/stepCounter';
import { showDirectionControls as visible } from '../../export/escape';
import type { RevertProposal } from '../../git';
import type { DueEntry } from '../../storage';
import { argumentObject } from '../args';
import { guarded } from '../errors';
import type { FollowUpsDue, ReviewItem } from '../reflection';
import type { Services } from '../services';
import { dueFor } from '../l10n';
import { confirmedAnswer, proposalLabel, type RevertProposals } from './revertProposals';
import { dateStyle } from '../locale';

/**
 * `impactLog.followUp` answers "did it hold?" for an entry: with its argument object
 * (`{ "id", "outcome", "note"?, "evidence"?, "incidentId"?, "checkpoint"? }`) it writes at once and
 * returns the entry id; without an id it asks: the entry (due ones first), the outcome, an
 * optional note, so a due follow-up takes three Enter presses. `impactLog.snoozeFollowUp
 * { id, days? }` and `impactLog.excludeFollowUp { id, excluded? }` do what they say. A timeline
 * row (any object with an `entryId`) counts as `{ id }`. A bad argument is refused, naming the
 * field, and nothing is written. When Git has a proposal for the entry (a later commit that reverts
 * its commit, src/ui/followUps/revertProposals.ts), the entry shows it and the outcome pick lists it
 * first: "Reverted? proposed from Git: …"; choosing it records `reverted` with that commit as
 * evidence. Proposals are looked for while the pick is open; one that arrives late is added without
 * moving the highlighted item, so Enter always picks what was highlighted.
 */

const EXAMPLE = vscode.l10n.t('must be an object such as { "id": "<entry id>", "outcome": "held" }');

/** The answer's fields given so far: an argument object, a timeline row, or nothing. */
function givenOf(arg: unknown, example: string): Record<string, unknown> {
  if (arg === undefined) return {};
  const obj = argumentObject(arg);
  if (obj) return obj;
  const entryId: unknown = typeof arg === 'object' && arg !== null && 'entryId' in arg ? arg.entryId : undefined;
  if (typeof entryId === 'string') return { id: entryId };
  throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: example }]);
}

/** The follow-up settings and the time zone answers are recorded in. */
export const followUpContext = (s: Services): { cfg: FollowUpConfig; timeZone: string } => ({ cfg: followUpConfigOf(s.config.value), timeZone: systemTimeZone() });
const context = (s: Services) => ({ cfg: followUpConfigOf(s.config.value), timeZone: systemTimeZone() });

function dueWords(d: DueEntry, now: number, timeZone: string): string {
  const days = dayNumberIn(now, timeZone) - dayNumberIn(d.dueAt, timeZone);
  const since = dueFor(days);
  return vscode.l10n.t('{0}-day follow-up · {1}', d.checkpoint, since);
}

interface EntryItem extends vscode.QuickPickItem {
  readonly entry?: Entry;
  readonly checkpoint?: number;
}

/**
 * A quick pick whose items are rebuilt when `changes` fires (a proposal from Git arrived), keeping
 * the highlighted item (by `key`) where it was. Resolves with the accepted item, undefined when
 * dismissed.
 */
function livePick<T extends vscode.QuickPickItem>(opts: { title: string; placeholder: string; items: () => T[]; key: (t: T) => string | undefined; changes?: vscode.Event<void>; matchOnDescription?: boolean }): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = opts.title;
  qp.placeholder = opts.placeholder;
  qp.matchOnDescription = opts.matchOnDescription ?? false;
  qp.matchOnDetail = opts.matchOnDescription ?? false;
  qp.items = opts.items();
  return new Promise<T | undefined>((resolve) => {
    let done = false;
    const finish = (v: T | undefined) => {
      if (done) return;
      done = true;
      for (const d of subs) d.dispose();
      qp.dispose();
      resolve(v);
    };
    const subs: vscode.Disposable[] = [
      qp.onDidAccept(() => finish(qp.selectedItems[0] ?? qp.activeItems[0])),
      qp.onDidHide(() => finish(undefined)),
    ];
    if (opts.changes) {
      subs.push(
        opts.changes(() => {
          const active = qp.activeItems[0];
          const key = active ? opts.key(active) : undefined;
          const items = opts.items();
          qp.items = items;
          const same = key === undefined ? undefined : items.find((i) => opts.key(i) === key);
          if (same) qp.activeItems = [same];
        }),
      );
    }
    qp.show();
  });
}

/** Asks which entry: the due ones first (longest due first), then recent entries that can be followed up. */
async function pickEntry(s: Services, title: string, proposals?: RevertProposals): Promise<{ entry: Entry; checkpoint?: number } | undefined> {
  const store = await s.store.get();
  const { cfg, timeZone } = context(s);
  const now = Date.now();
  const due = cfg.enabled ? store.followUps.due({ cfg, now, timeZone }) : [];
  const dueIds = new Set(due.map((d) => d.entry.id));
  const recent = store.list({ from: now - 200 * 86_400_000, to: now + 1 }, { limit: 300 }).filter((e) => eligible(e) && !dueIds.has(e.id));
  const item = (e: Entry, detail: string, checkpoint?: number): EntryItem => {
    const p = checkpoint === undefined ? undefined : proposals?.peek(e);
    return {
      label: `$(${KINDS[e.kind].codicon}) ${visible(e.title)}`,
      description: `${KINDS[e.kind].label} · ${displayShortDate(Date.parse(e.occurredAt), now, dateStyle())} · ${detail}`,
      ...(p ? { detail: `$(discard) ${visible(proposalLabel(p))}` } : {}),
      entry: e,
      ...(checkpoint === undefined ? {} : { checkpoint }),
    };
  };
  const items = (): EntryItem[] => {
    const out: EntryItem[] = [];
    if (due.length > 0) out.push({ label: vscode.l10n.t('Follow-ups due ({0})', due.length), kind: vscode.QuickPickItemKind.Separator }, ...due.map((d) => item(d.entry, dueWords(d, now, timeZone), d.checkpoint)));
    if (recent.length > 0) out.push({ label: vscode.l10n.t('Other recent entries'), kind: vscode.QuickPickItemKind.Separator }, ...recent.map((e) => item(e, KINDS[e.kind].label)));
    return out;
  };
  if (due.length === 0 && recent.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: there is nothing to follow up: no change shipped, problem solved or kept AI assist in the last 200 days.'));
    return undefined;
  }
  void proposals?.request(due.map((d) => d.entry));
  const pick = await livePick({ title, placeholder: vscode.l10n.t('Which entry? (due ones first)'), items, key: (i) => i.entry?.id, matchOnDescription: true, ...(proposals ? { changes: proposals.onDidChange } : {}) });
  return pick?.entry ? { entry: pick.entry, ...(pick.checkpoint === undefined ? {} : { checkpoint: pick.checkpoint }) } : undefined;
}

interface OutcomeItem extends vscode.QuickPickItem {
  readonly outcome: Outcome;
  /** The proposal from Git this item confirms. */
  readonly proposal?: RevertProposal;
}

/** Asks the outcome; a proposal from Git, when there is one, comes first (and is highlighted if it is there when the pick opens). */
async function pickOutcome(e: Entry, checkpoint: number | undefined, count: { step: number; totalSteps: number } | undefined, proposals?: RevertProposals): Promise<{ outcome: Outcome; proposal?: RevertProposal } | undefined> {
  const plain: OutcomeItem[] = OUTCOMES.map((o) => ({ label: OUTCOME_WORDS[o].label, description: OUTCOME_WORDS[o].description, outcome: o }));
  const items = (): OutcomeItem[] => {
    const p = proposals?.peek(e);
    if (!p) return plain;
    const detail = p.url
      ? vscode.l10n.t('A proposal from your local Git history: Enter confirms “Reverted” with this commit as evidence.')
      : vscode.l10n.t('A proposal from your local Git history: Enter confirms “Reverted” with the commit sha in the note.');
    return [
      { label: `$(discard) ${visible(proposalLabel(p))}`, detail, outcome: 'reverted', proposal: p },
      { label: '', kind: vscode.QuickPickItemKind.Separator, outcome: 'unknown' },
      ...plain,
    ];
  };
  void proposals?.request([e]);
  const when = checkpoint === undefined ? '' : vscode.l10n.t(' ({0}-day follow-up)', checkpoint);
  const pick = await livePick({ title: stepTitle(vscode.l10n.t('Did it hold? {0}{1}', visible(e.title), when), count), placeholder: vscode.l10n.t('What happened to it?'), items, key: (i) => (i.proposal ? `proposal:${i.proposal.revert.sha}` : i.outcome), ...(proposals ? { changes: proposals.onDidChange } : {}) });
  return pick ? { outcome: pick.outcome, ...(pick.proposal ? { proposal: pick.proposal } : {}) } : undefined;
}

/** Answers a follow-up; returns the entry id, or undefined when cancelled. */
export async function answerFollowUp(s: Services, arg: unknown, proposals?: RevertProposals): Promise<string | undefined> {
  const given = givenOf(arg, EXAMPLE);
  // Everything but the entry and the outcome is checked before asking anything.
  const partial = unlessRefused(decideFollowUp(given)).value;
  let checkpoint = partial.checkpoint;
  let id = partial.id;
  let entry: Entry | undefined;
  // The steps still to ask, counted for the titles ("Follow up: did it hold? (1/3)").
  const asked = [...(id === undefined ? ['entry' as const] : []), ...(partial.outcome === undefined ? ['outcome' as const] : []), ...(partial.outcome === undefined && partial.note === undefined ? ['note' as const] : [])];
  const count = sequenceCounter(asked);
  if (id === undefined) {
    const picked = await pickEntry(s, stepTitle(vscode.l10n.t('Follow up: did it hold?'), count('entry')), proposals);
    if (!picked) return undefined;
    entry = picked.entry;
    id = entry.id;
    checkpoint ??= picked.checkpoint;
  }
  let outcome = partial.outcome;
  let note = partial.note;
  let proposal: RevertProposal | undefined;
  if (outcome === undefined) {
    entry ??= (await s.store.get()).get(id);
    if (!entry) throw new ValidationError(vscode.l10n.t('Follow-up'), [{ field: 'id', problem: vscode.l10n.t('is not an entry in your log') }]);
    const picked = await pickOutcome(entry, checkpoint, count('outcome'), proposals);
    if (!picked) return undefined;
    outcome = picked.outcome;
    proposal = picked.proposal;
    if (note === undefined) {
      const typed = await vscode.window.showInputBox({ title: stepTitle(`${OUTCOME_WORDS[outcome].label}: ${visible(entry.title)}`, count('note')), prompt: vscode.l10n.t('A note (optional): what happened, or what shows it. Enter to skip.'), ignoreFocusOut: true });
      if (typed === undefined) return undefined;
      if (typed.trim() !== '') note = typed;
    }
  }
  // A confirmed proposal brings its commit as evidence (an evidence given in the argument stays).
  const fromGit = proposal ? confirmedAnswer(proposal, note) : {};
  if (fromGit.note !== undefined) note = fromGit.note;
  const evidence = partial.evidence ?? fromGit.evidence;
  const full: FollowUpArgument = parseOrThrow(
    followUpArgument,
    { ...partial, id, outcome, ...(note === undefined ? {} : { note }), ...(evidence === undefined ? {} : { evidence }), ...(checkpoint === undefined ? {} : { checkpoint }) },
    vscode.l10n.t('Follow-up'),
  );
  const ctx = context(s);
  const answer = await s.store.write('edit', (store) => store.followUps.answer(full, ctx), () => [full.id]);
  s.output.info(`Follow-up for ${full.id}: ${answer.outcome} at ${answer.checkpoint} days${proposal ? `, confirming the proposal from Git (${proposal.revert.sha.slice(0, 12)})` : ''}.`);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Impact Log: recorded “{0}” ({1}-day follow-up).', OUTCOME_WORDS[answer.outcome].label, answer.checkpoint), 5000);
  return full.id;
}

/** Snoozes an entry's follow-up (a week by default); returns the entry id. */
export async function snoozeFollowUp(s: Services, arg: unknown): Promise<string | undefined> {
  const given = givenOf(arg, vscode.l10n.t('must be an object such as { "id": "<entry id>", "days": 7 }'));
  const a = unlessRefused(decideSnooze(given)).value;
  const id = a.id ?? (await pickEntry(s, vscode.l10n.t('Snooze a follow-up')))?.entry.id;
  if (id === undefined) return undefined;
  const days = a.days ?? SNOOZE_DEFAULT_DAYS;
  const until = await s.store.write('edit', (store) => store.followUps.snooze(id, days, systemTimeZone()), () => [id]);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Impact Log: follow-up snoozed until {0}.', displayShortDate(until, Date.now(), dateStyle())), 5000);
  return id;
}

/** "Don't follow this up" (or, with `excluded: false`, follow it up again); returns the entry id. */
export async function excludeFollowUp(s: Services, arg: unknown): Promise<string | undefined> {
  const given = givenOf(arg, vscode.l10n.t('must be an object such as { "id": "<entry id>" }'));
  const a = unlessRefused(decideExclude(given)).value;
  const id = a.id ?? (await pickEntry(s, vscode.l10n.t('Don\'t follow this up')))?.entry.id;
  if (id === undefined) return undefined;
  await s.store.write('edit', (store) => store.followUps.exclude(id, a.excluded ?? true), () => [id]);
  return id;
}

/**
 * The weekly reflection's "Follow-ups due" group: every follow-up due now (whichever week the
 * entry is from; longest due first, one page), each answered with impactLog.followUp (outcome,
 * then an optional note). None while follow-ups are off.
 */
export function followUpsDueForReview(s: Services): FollowUpsDue {
  return async () => {
    const { cfg, timeZone } = context(s);
    if (!cfg.enabled) return [];
    const store = await s.store.get();
    const now = Date.now();
    return store.followUps.due({ cfg, now, timeZone }).map(
      (d): ReviewItem => ({
        label: `$(${KINDS[d.entry.kind].codicon}) ${visible(d.entry.title)}`,
        description: `${KINDS[d.entry.kind].label} · ${displayShortDate(Date.parse(d.entry.occurredAt), now, dateStyle())} · ${dueWords(d, now, timeZone)}`,
        command: 'impactLog.followUp',
        args: [{ id: d.entry.id, checkpoint: d.checkpoint }],
      }),
    );
  };
}

/** The one-click answers on a "Follow-ups due" row: command id → outcome (no prompt; add a note with impactLog.followUp). */
export const OUTCOME_COMMANDS: Readonly<Record<string, Outcome>> = {
  'impactLog.followUpHeld': 'held',
  'impactLog.followUpReverted': 'reverted',
  'impactLog.followUpCausedIncident': 'caused-incident',
  'impactLog.followUpSuperseded': 'superseded',
  'impactLog.followUpUnknown': 'unknown',
};

export function registerFollowUpCommands(s: Services, proposals?: RevertProposals): vscode.Disposable[] {
  return [
    ...Object.entries(OUTCOME_COMMANDS).map(([command, outcome]) =>
      vscode.commands.registerCommand(command, guarded(s.output, vscode.l10n.t('Follow up ({0})', outcome), (node?: unknown) => {
        const given = givenOf(node, vscode.l10n.t('must be a row of “Follow-ups due” in the timeline'));
        // The outcome is the command's own: an argument that names one is refused, not overridden.
        unlessRefused(decideOutcomeCommand(given));
        return answerFollowUp(s, { ...given, outcome }, proposals);
      })),
    ),
    vscode.commands.registerCommand('impactLog.followUp', guarded(s.output, vscode.l10n.t('Follow up'), (arg?: unknown) => answerFollowUp(s, arg, proposals))),
    vscode.commands.registerCommand('impactLog.snoozeFollowUp', guarded(s.output, vscode.l10n.t('Snooze follow-up'), (arg?: unknown) => snoozeFollowUp(s, arg))),
    vscode.commands.registerCommand('impactLog.excludeFollowUp', guarded(s.output, vscode.l10n.t('Don\'t follow up'), (arg?: unknown) => excludeFollowUp(s, arg))),
  ];
}
