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

/**
 * The counter of a short, fixed sequence of prompts outside the log flow (follow up: which entry,
 * what happened, a note; filter: how, then which): the steps that will really be asked, counted
 * from 1, so a step an argument already answered is not counted. Undefined for a step not asked.
 */
export function sequenceCounter<K extends string>(asked: readonly K[]): (step: K) => { readonly step: number; readonly totalSteps: number } | undefined {
  return (step) => {
    const i = asked.indexOf(step);
    return i < 0 ? undefined : { step: i + 1, totalSteps: asked.length };
  };
}

/**
 * A prompt's title with its step, the way VS Code writes a quick input's own counter:
 * `Follow Up (2/3)`. For `showQuickPick` / `showInputBox`, which have no step of their own; the
 * title is what a screen reader announces first. A single step gets no counter.
 */
export function stepTitle(title: string, count: { readonly step: number; readonly totalSteps: number } | undefined): string {
  return count && count.totalSteps > 1 ? `${title} (${count.step}/${count.totalSteps})` : title;
}
