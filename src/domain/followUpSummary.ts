import type { Entry } from './entry';
import { answersByEntry, type Checkpoints, eligible, type FollowUp, latestAnswer, type Outcome, OUTCOMES } from './followUps';

/**
 * What the follow-ups of a period's entries say, for the summary's "At a glance" and its section
 * of changes that did not hold. Counts only: every figure has its denominator, and entries not
 * followed up yet, and `unknown` answers, are counted rather than dropped.
 */

export interface OutcomeCounts {
  /** Entries this row is about (its denominator with `notYet`). */
  readonly total: number;
  readonly followedUp: number;
  readonly notYet: number;
  readonly byOutcome: Readonly<Record<Outcome, number>>;
}

export interface FollowUpStats {
  /** Changes shipped, by their latest answer; undefined when shipped changes are not followed up. */
  readonly shipped: OutcomeCounts | undefined;
  /** Changes shipped with an answer "caused an incident" at any checkpoint, of all changes shipped. */
  readonly causedIncident: { readonly count: number; readonly total: number; readonly notYet: number } | undefined;
  /** Problems solved, by their answer at the first problem checkpoint. */
  readonly fixes: { readonly checkpoint: number; readonly counts: OutcomeCounts } | undefined;
  /** Kept AI assists (accepted or adapted), by their latest answer. */
  readonly keptAi: OutcomeCounts | undefined;
}

/** A change whose follow-up says it did not hold, with what shows it. */
export interface NotHeld {
  readonly entry: Entry;
  readonly answer: FollowUp;
  /** The incident it caused, when the answer links one that is in the log. */
  readonly incident?: Entry;
}

export interface FollowUpSummary {
  readonly current: FollowUpStats;
  readonly before: FollowUpStats;
  /** Entries of the period whose latest answer is reverted or caused-incident, oldest first. */
  readonly notHeld: readonly NotHeld[];
}

export interface FollowUpSummaryInput {
  /** Answers for the entries of both periods (others are ignored). */
  readonly answers: readonly FollowUp[];
  readonly checkpoints: Checkpoints;
  /** Entries an answer links to (incidents) that may lie outside the period. */
  readonly linked?: readonly Entry[];
}

const zero = (): Record<Outcome, number> => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

function countBy(entries: readonly Entry[], answerOf: (e: Entry) => FollowUp | undefined): OutcomeCounts {
  const byOutcome = zero();
  let followedUp = 0;
  for (const e of entries) {
    const a = answerOf(e);
    if (!a) continue;
    followedUp++;
    byOutcome[a.outcome]++;
  }
  return { total: entries.length, followedUp, notYet: entries.length - followedUp, byOutcome };
}

export function followUpStats(entries: readonly Entry[], answers: ReadonlyMap<string, readonly FollowUp[]>, checkpoints: Checkpoints): FollowUpStats {
  const live = entries.filter((e) => e.deletedAt === null);
  const shipped = live.filter((e) => e.kind === 'shipped');
  const problems = live.filter((e) => e.kind === 'problem');
  const kept = live.filter((e) => e.kind === 'ai-assist' && eligible(e));
  const latest = (e: Entry) => latestAnswer(answers.get(e.id) ?? []);
  const fixCheckpoint = checkpoints.problem[0];
  let caused = 0;
  for (const e of shipped) if ((answers.get(e.id) ?? []).some((a) => a.outcome === 'caused-incident')) caused++;
  const shippedCounts = checkpoints.shipped.length > 0 ? countBy(shipped, latest) : undefined;
  return {
    shipped: shippedCounts,
    causedIncident: shippedCounts ? { count: caused, total: shipped.length, notYet: shippedCounts.notYet } : undefined,
    fixes: fixCheckpoint === undefined ? undefined : { checkpoint: fixCheckpoint, counts: countBy(problems, (e) => (answers.get(e.id) ?? []).find((a) => a.checkpoint === fixCheckpoint)) },
    keptAi: checkpoints['ai-assist'].length > 0 ? countBy(kept, latest) : undefined,
  };
}

/** Follow-up figures for a period and the one before it, and the period's changes that did not hold. */
export function summariseFollowUps(current: readonly Entry[], before: readonly Entry[], input: FollowUpSummaryInput): FollowUpSummary {
  const byEntry = answersByEntry(input.answers);
  const known = new Map<string, Entry>();
  for (const e of [...(input.linked ?? []), ...before, ...current]) known.set(e.id, e);
  const notHeld: NotHeld[] = [];
  for (const e of current) {
    if (e.deletedAt !== null) continue;
    const answer = latestAnswer(byEntry.get(e.id) ?? []);
    if (!answer || (answer.outcome !== 'reverted' && answer.outcome !== 'caused-incident')) continue;
    const incident = answer.incidentId ? known.get(answer.incidentId) : undefined;
    notHeld.push(incident && incident.deletedAt === null ? { entry: e, answer, incident } : { entry: e, answer });
  }
  return {
    current: followUpStats(current, byEntry, input.checkpoints),
    before: followUpStats(before, byEntry, input.checkpoints),
    notHeld,
  };
}
