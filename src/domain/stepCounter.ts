import { type AnswerStep, COMMON_STEPS, type PlanInput, planSteps, type Step } from './flow';
import { type FieldDef, KINDS } from './kinds';

/**
 * The step counter of the log flow ("2/4"). The flow has two parts: the quick part (kind, title, the
 * kind's quick fields, then "Log it" / "Add more details…") and the details part after "Add more
 * details…", each counted from 1. A counter is shown only when no answer still to be given in that
 * part can change its total (a kind to pick, a verdict that adds the "Why?" step): a counter that
 * would jump, or a bare "(2)" that reads like a count of something, is not shown at all.
 */

export interface StepCount {
  /** Undefined (no counter) when the part's length depends on an answer given in it. */
  readonly step: number | undefined;
  readonly totalSteps: number | undefined;
  readonly part: 'quick' | 'details';
}

/** True when a field shown in `part` is asked only for some answers of another field asked in the same part. */
function dependsWithin(fields: readonly AnswerStep[], p: PlanInput): boolean {
  const asked = new Set(fields.filter((f) => !p.given.has(f.key)).map((f) => f.key));
  return fields.some((f) => !p.given.has(f.key) && 'askIf' in f && f.askIf !== undefined && asked.has(f.askIf.key));
}

const counter = (step: number, total: number | undefined, part: StepCount['part']): StepCount =>
  total === undefined ? { step: undefined, totalSteps: undefined, part } : { step, totalSteps: total, part };

export function stepCount(p: PlanInput, index: number): StepCount {
  const plan: Step[] = planSteps(p);
  const finish = plan.findIndex((s) => s.id === 'finish');
  if (index <= finish || finish < 0) {
    if (p.kind === undefined || !p.kindFixed) return counter(index + 1, undefined, 'quick');
    const def = KINDS[p.kind];
    const quick = def.quick.map((k) => def.fields.find((f) => f.key === k)).filter((f): f is FieldDef => f !== undefined);
    return counter(index + 1, dependsWithin(quick, p) ? undefined : finish + 1, 'quick');
  }
  const def = KINDS[p.kind!];
  const details: AnswerStep[] = [...def.fields.filter((f) => !def.quick.includes(f.key)), ...COMMON_STEPS];
  return counter(index - finish, dependsWithin(details, p) ? undefined : plan.length - finish - 1, 'details');
}
