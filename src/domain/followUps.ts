import { z } from 'zod';
import './zodConfig';
import type { Entry } from './entry';
import { instant, multiLine, url } from './fields';
import { parseOrThrow, ValidationError } from './validation';
import { msg } from './messages';
import { dayNumberIn, startOfDayIn } from './zoned';

/**
 * Follow-ups: "did it hold?" asked of an entry some days after it happened. A follow-up is the
 * user's own answer for one entry at one checkpoint (days after `occurredAt`, counted in local
 * calendar days). Which entries are asked, and when, comes from the settings
 * `impactLog.followUps.enabled` and `impactLog.followUps.checkpoints`. Pure: no storage, no clock
 * (every function takes `now` and the time zone).
 */

export const OUTCOMES = ['held', 'reverted', 'caused-incident', 'superseded', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Words for each outcome: a pick's label and description, and how a summary counts it. */
export const OUTCOME_WORDS: Readonly<Record<Outcome, { readonly label: string; readonly description: string; readonly counted: string }>> = Object.fromEntries(
  OUTCOMES.map((o) => [
    o,
    Object.defineProperties({} as { label: string; description: string; counted: string }, {
      label: { get: () => msg(`outcome.${o}.label`), enumerable: true },
      description: { get: () => msg(`outcome.${o}.description`), enumerable: true },
      counted: { get: () => msg(`outcome.${o}.counted`), enumerable: true },
    }),
  ]),
) as Record<Outcome, { label: string; description: string; counted: string }>;

/** An answer with one of these ends the entry's follow-ups: there is nothing left to hold. */
export const FINAL_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['reverted', 'caused-incident', 'superseded']);

/** The kinds that can be followed up (an AI assist only when it was kept: accepted or adapted). */
export const FOLLOW_UP_KINDS = ['shipped', 'problem', 'ai-assist'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export type Checkpoints = { readonly [K in FollowUpKind]: readonly number[] };

export const DEFAULT_CHECKPOINTS: Checkpoints = Object.freeze({ shipped: [30, 90], problem: [30, 90], 'ai-assist': [30] });
export const CHECKPOINT_MAX_DAYS = 3650;
/** A checkpoint stays in the due queue this many days (or until the next checkpoint falls due); after that it is "not followed up". */
export const DUE_WINDOW_DAYS = 60;
export const SNOOZE_DEFAULT_DAYS = 7;
export const NOTE_MAX = 2000;

export const checkpointDays = z.number().int().min(1).max(CHECKPOINT_MAX_DAYS);
const checkpointList = z
  .array(checkpointDays)
  .max(10)
  .transform((list) => [...new Set(list)].sort((a, b) => a - b));

/** The `impactLog.followUps.checkpoints` setting: a kind left out keeps its default, `[]` turns it off. */
export const checkpointsSetting = z
  .strictObject({ shipped: checkpointList.optional(), problem: checkpointList.optional(), 'ai-assist': checkpointList.optional() })
  .transform((v): Checkpoints => ({
    shipped: v.shipped ?? DEFAULT_CHECKPOINTS.shipped,
    problem: v.problem ?? DEFAULT_CHECKPOINTS.problem,
    'ai-assist': v['ai-assist'] ?? DEFAULT_CHECKPOINTS['ai-assist'],
  }));

export interface FollowUpConfig {
  readonly enabled: boolean;
  readonly checkpoints: Checkpoints;
}

/** One answer, as stored and exported. */
export interface FollowUp {
  readonly id: string;
  readonly entryId: string;
  /** Days after the entry's `occurredAt`. */
  readonly checkpoint: number;
  readonly outcome: Outcome;
  /** ISO-8601 UTC; answering again replaces the answer and this time. */
  readonly answeredAt: string;
  readonly note?: string;
  /** An http(s) link: the revert commit, the incident, the dashboard. */
  readonly evidence?: string;
  /** The incident entry this change caused. */
  readonly incidentId?: string;
}

/** Per entry: "don't follow this up", and "ask again after". */
export interface FollowUpState {
  readonly entryId: string;
  readonly excluded: boolean;
  /** ISO-8601 UTC; not due before this. */
  readonly snoozedUntil: string | null;
  readonly updatedAt: string;
}

const uuid = z.uuid({ error: (iss) => (iss.input === undefined ? msg('validation.required') : msg('followUp.mustBeUuid')) });
const note = multiLine(NOTE_MAX);

export const followUpSchema = z.strictObject({
  id: uuid,
  entryId: uuid,
  checkpoint: checkpointDays,
  outcome: z.enum(OUTCOMES),
  answeredAt: instant,
  note: note.optional(),
  evidence: url.optional(),
  incidentId: uuid.optional(),
}) as unknown as z.ZodType<FollowUp>;

export const followUpStateSchema = z.strictObject({
  entryId: uuid,
  excluded: z.boolean(),
  snoozedUntil: instant.nullable(),
  updatedAt: instant,
}) as z.ZodType<FollowUpState>;

/** `impactLog.followUp`'s argument: `{ "id": "<entry uuid>", "outcome": "reverted", "note"?, "evidence"?, "incidentId"?, "checkpoint"? }`. */
export const followUpArgument = z.strictObject({
  id: uuid,
  outcome: z.enum(OUTCOMES),
  note: note.optional(),
  evidence: url.optional(),
  incidentId: uuid.optional(),
  checkpoint: checkpointDays.optional(),
});
export type FollowUpArgument = z.output<typeof followUpArgument>;

/** `impactLog.snoozeFollowUp`'s argument: `{ "id": "<entry uuid>", "days"?: 7 }`. */
export const snoozeArgument = z.strictObject({ id: uuid, days: z.number().int().min(1).max(365).optional() });
/** `impactLog.excludeFollowUp`'s argument: `{ "id": "<entry uuid>", "excluded"?: true }` (false follows it up again). */
export const excludeArgument = z.strictObject({ id: uuid, excluded: z.boolean().optional() });

/** The answer the store writes, before it has an id. */
export interface FollowUpAnswer {
  readonly entryId: string;
  readonly checkpoint: number;
  readonly outcome: Outcome;
  readonly note?: string;
  readonly evidence?: string;
  readonly incidentId?: string;
}

/** The checkpoints an entry is followed up at (empty: never), from the settings. */
export function checkpointsFor(e: Pick<Entry, 'kind' | 'fields'>, cfg: FollowUpConfig): readonly number[] {
  if (!cfg.enabled) return [];
  return eligible(e) ? cfg.checkpoints[e.kind as FollowUpKind] : [];
}

/** Whether an entry's kind (and, for an AI assist, its verdict) can be followed up at all. */
export function eligible(e: Pick<Entry, 'kind' | 'fields'>): boolean {
  if (e.kind === 'ai-assist') {
    const v = (e.fields as { verdict?: string }).verdict;
    return v === 'accepted' || v === 'adapted';
  }
  return (FOLLOW_UP_KINDS as readonly string[]).includes(e.kind);
}

/** The first instant of the local day `checkpoint` days after the entry's local date. */
export function dueAt(occurredAt: number, checkpoint: number, timeZone: string): number {
  return startOfDayIn(dayNumberIn(occurredAt, timeZone) + checkpoint, timeZone);
}

export interface DueItem {
  readonly entryId: string;
  readonly checkpoint: number;
  /** Epoch ms: the start of the local day it fell due. */
  readonly dueAt: number;
}

export interface DueContext {
  readonly cfg: FollowUpConfig;
  readonly now: number;
  readonly timeZone: string;
}

/**
 * The checkpoint an entry is due at now, if any: the latest checkpoint whose day has come, within
 * DUE_WINDOW_DAYS of it, not answered at it or later, not after a final answer (reverted, caused
 * an incident, superseded), and the entry neither excluded nor snoozed. The reference for the
 * store's due query.
 */
export function dueCheckpoint(
  e: Pick<Entry, 'id' | 'kind' | 'fields' | 'occurredAt' | 'deletedAt'>,
  answers: readonly Pick<FollowUp, 'checkpoint' | 'outcome'>[],
  state: Pick<FollowUpState, 'excluded' | 'snoozedUntil'> | undefined,
  ctx: DueContext,
): DueItem | undefined {
  if (e.deletedAt !== null || state?.excluded) return undefined;
  if (state?.snoozedUntil && Date.parse(state.snoozedUntil) > ctx.now) return undefined;
  const occurred = Date.parse(e.occurredAt);
  const today = dayNumberIn(ctx.now, ctx.timeZone);
  const day = dayNumberIn(occurred, ctx.timeZone);
  let current: number | undefined;
  for (const c of checkpointsFor(e, ctx.cfg)) if (day + c <= today) current = c;
  if (current === undefined || today >= day + current + DUE_WINDOW_DAYS) return undefined;
  if (answers.some((a) => a.checkpoint >= current || FINAL_OUTCOMES.has(a.outcome))) return undefined;
  return { entryId: e.id, checkpoint: current, dueAt: startOfDayIn(day + current, ctx.timeZone) };
}

/** Entries of `kind` whose occurredAt is in [from, to) have `checkpoint` as their current one (before answers and state). */
export interface DueRange {
  readonly kind: FollowUpKind;
  readonly checkpoint: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The occurredAt ranges the due query reads, one per kind and checkpoint: the same rule as
 * `dueCheckpoint`, turned into bounds on the time index, so the query reads only the entries of
 * a few weeks whatever the size of the log.
 */
export function dueRanges(ctx: DueContext): DueRange[] {
  if (!ctx.cfg.enabled) return [];
  const today = dayNumberIn(ctx.now, ctx.timeZone);
  const start = (day: number) => startOfDayIn(day, ctx.timeZone);
  const out: DueRange[] = [];
  for (const kind of FOLLOW_UP_KINDS) {
    const cs = ctx.cfg.checkpoints[kind];
    cs.forEach((c, i) => {
      // Local day d of the entry: d + c <= today, d + next > today, today < d + c + window.
      const latestDay = today - c;
      const next = cs[i + 1];
      const earliestDay = Math.max(today - c - DUE_WINDOW_DAYS + 1, next === undefined ? -Infinity : today - next + 1);
      if (earliestDay > latestDay) return;
      out.push({ kind, checkpoint: c, from: start(earliestDay), to: start(latestDay + 1) });
    });
  }
  return out;
}

/** The checkpoint an answer is recorded at when the caller gives none: the one due, else the latest passed, else the first to come. */
export function answerCheckpoint(e: Pick<Entry, 'kind' | 'fields' | 'occurredAt'>, cfg: FollowUpConfig, now: number, timeZone: string): number {
  const cs = eligible(e) ? (cfg.checkpoints[e.kind as FollowUpKind].length > 0 ? cfg.checkpoints[e.kind as FollowUpKind] : DEFAULT_CHECKPOINTS[e.kind as FollowUpKind]) : [];
  const day = dayNumberIn(Date.parse(e.occurredAt), timeZone);
  const today = dayNumberIn(now, timeZone);
  let current = cs[0] ?? 30;
  for (const c of cs) if (day + c <= today) current = c;
  return current;
}

/** Refuses an answer for an entry that cannot be followed up, or an incident link that is not an incident; names the field. */
export function checkAnswer(e: Pick<Entry, 'kind' | 'fields' | 'deletedAt'>, incident: Pick<Entry, 'kind' | 'deletedAt'> | undefined, arg: FollowUpArgument): void {
  if (e.deletedAt !== null) throw new ValidationError(msg('followUp.entity'), [{ field: 'id', problem: msg('followUp.deleted') }]);
  if (!eligible(e)) {
    const why = e.kind === 'ai-assist' ? msg('followUp.aiNotKept') : msg('followUp.notFollowedKind', e.kind);
    throw new ValidationError(msg('followUp.entity'), [{ field: 'id', problem: why }]);
  }
  if (arg.incidentId !== undefined) {
    if (!incident || incident.deletedAt !== null) throw new ValidationError(msg('followUp.entity'), [{ field: 'incidentId', problem: msg('followUp.notInLog') }]);
    if (incident.kind !== 'incident') throw new ValidationError(msg('followUp.entity'), [{ field: 'incidentId', problem: msg('followUp.notIncident', incident.kind) }]);
  }
}

/** Parses a command argument; throws ValidationError naming the field. */
export const parseFollowUpArgument = (input: unknown): FollowUpArgument => parseOrThrow(followUpArgument, input, msg('followUp.entity'));

/** What a kept AI assist's "needed rework later?" becomes with this answer (undefined: leave it). */
export function reworkOf(outcome: Outcome): boolean | undefined {
  if (outcome === 'held') return false;
  if (outcome === 'reverted' || outcome === 'caused-incident') return true;
  return undefined;
}

/** The answer that stands for an entry: the latest checkpoint, then the latest answer. */
export function latestAnswer<F extends Pick<FollowUp, 'checkpoint' | 'answeredAt'>>(answers: readonly F[]): F | undefined {
  let best: F | undefined;
  for (const a of answers) {
    if (!best || a.checkpoint > best.checkpoint || (a.checkpoint === best.checkpoint && a.answeredAt > best.answeredAt)) best = a;
  }
  return best;
}

/** Answers grouped by entry id. */
export function answersByEntry<F extends Pick<FollowUp, 'entryId'>>(answers: readonly F[]): Map<string, F[]> {
  const out = new Map<string, F[]>();
  for (const a of answers) {
    const list = out.get(a.entryId);
    if (list) list.push(a);
    else out.set(a.entryId, [a]);
  }
  return out;
}

/** Epoch ms until which a snooze of `days` local days from `now` lasts. */
export function snoozeUntil(now: number, days: number, timeZone: string): number {
  return startOfDayIn(dayNumberIn(now, timeZone) + days, timeZone);
}

/** Whole days between two instants' local dates (for "due 3 days ago"). */
export function daysBetween(a: number, b: number, timeZone: string): number {
  return dayNumberIn(b, timeZone) - dayNumberIn(a, timeZone);
}

