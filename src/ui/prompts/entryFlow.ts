import * as vscode from 'vscode';
import { type Entry, KIND_LIST, KINDS, type KindId, suggestedReasons } from '../../domain';
import { confirmLine } from '../../domain/format';
import { answerProblem, causedByRange, entryAnswers, flowHeading, planSteps, relevantAnswers, type Step, titleStepPrompt } from '../../domain/flow';
import { discardQuestion } from '../../domain/discard';
import { stepCount } from '../../domain/stepCounter';
import type { Services } from '../services';
import { askField, type Suggestions } from './fieldSteps';
import { BACK, CANCEL, MultiStepInput, type PickItem, type StepFrame } from './multiStepInput';

export interface FlowRequest {
  readonly kind: KindId | undefined;
  /** Answers already given (from an argument object): their steps are skipped. */
  readonly prefill: Readonly<Record<string, unknown>>;
  /** Starting values that are still asked (e.g. a title taken from the selection). */
  readonly initial?: Readonly<Record<string, unknown>>;
}

export interface FlowResult {
  readonly kind: KindId;
  readonly fields: Record<string, unknown>;
}

/**
 * Asks for a new entry: [kind] → title → the kind's quick fields → "Log it" / "Add more details…".
 * Every step but the title (and the reason of a discard) can be skipped with Enter; Back returns to
 * the previous step; Escape returns undefined (nothing is written), after asking "Discard this
 * entry?" when more than the title was answered.
 */
export async function promptForEntry(s: Services, req: FlowRequest): Promise<FlowResult | undefined> {
  const given = new Set(Object.keys(req.prefill));
  const result = await runFlow(s, {
    kind: req.kind,
    kindFixed: req.kind !== undefined,
    answers: { ...(req.initial ?? {}), ...req.prefill },
    given,
    editing: false,
  });
  if (!result) return undefined;
  return { kind: result.kind, fields: { ...relevantAnswers(result.kind, result.answers, given) } };
}

/** The same flow, pre-filled with an entry's values; resolves with the answers after the edit. */
export async function promptForEdit(s: Services, entry: Entry): Promise<Record<string, unknown> | undefined> {
  const result = await runFlow(s, { kind: entry.kind, kindFixed: true, answers: entryAnswers(entry), given: new Set(), editing: true, editTitle: entry.title });
  return result ? relevantAnswers(entry.kind, result.answers, new Set()) : undefined;
}

interface FlowState {
  kind: KindId | undefined;
  readonly kindFixed: boolean;
  answers: Record<string, unknown>;
  readonly given: ReadonlySet<string>;
  readonly editing: boolean;
  readonly editTitle?: string;
  more?: boolean;
}

async function runFlow(s: Services, state: FlowState): Promise<{ kind: KindId; answers: Record<string, unknown> } | undefined> {
  const ui = new MultiStepInput();
  const suggestions = suggestionsFrom(s);
  const start = { ...state.answers };
  let index = 0;
  try {
    for (;;) {
      const planInput = { kind: state.kind, kindFixed: state.kindFixed, answers: state.answers, given: state.given, more: state.more };
      const plan = planSteps(planInput);
      const step = plan[index];
      if (!step) break;
      const count = stepCount(planInput, index);
      const frame: StepFrame = { title: flowTitle(state, count.part), step: count.step, totalSteps: count.totalSteps, canGoBack: index > 0 };
      try {
        await runStep(ui, step, frame, state, suggestions);
        index++;
      } catch (err) {
        if (err === BACK) index = Math.max(0, index - 1);
        else if (err !== CANCEL) throw err;
        // Escape after more than the title was answered asks first; "Keep editing" shows the same step again.
        else if (!(await confirmDiscard(ui, discardQuestion(start, state.answers, state.editing)))) return undefined;
      }
    }
  } finally {
    ui.dispose();
  }
  return state.kind ? { kind: state.kind, answers: state.answers } : undefined;
}

/** True to keep editing. Enter keeps editing; Escape (again) discards. No question: discard. */
async function confirmDiscard(ui: MultiStepInput, question: string | undefined): Promise<boolean> {
  if (question === undefined) return false;
  const keep: PickItem<boolean> = { label: vscode.l10n.t('$(edit) Keep editing'), description: vscode.l10n.t('Enter'), value: true };
  const discard: PickItem<boolean> = { label: vscode.l10n.t('$(trash) Discard'), description: vscode.l10n.t('nothing is saved'), value: false };
  try {
    return await ui.pick({ title: question, step: undefined, totalSteps: undefined, canGoBack: false, ignoreFocusOut: true, placeholder: vscode.l10n.t('{0} Enter keeps editing, Escape discards.', question), items: [keep, discard], active: keep });
  } catch (err) {
    if (err === CANCEL) return false;
    throw err;
  }
}

/** The heading: what is being logged, or the entry being edited by its title as it is now (after a rename too). */
function flowTitle(state: FlowState, part: 'quick' | 'details'): string {
  return flowHeading({ editing: state.editing, kindLabel: state.kind ? KINDS[state.kind].label : undefined, title: state.answers.title, originalTitle: state.editTitle, part });
}

async function runStep(ui: MultiStepInput, step: Step, frame: StepFrame, state: FlowState, suggestions: Suggestions): Promise<void> {
  switch (step.id) {
    case 'kind': {
      const items: PickItem<KindId>[] = KIND_LIST.map((d) => ({ label: `$(${d.codicon}) ${d.label}`, description: d.description, value: d.id }));
      const kind = await ui.pick({ ...frame, placeholder: vscode.l10n.t('What kind of entry?'), items, active: items.find((i) => i.value === state.kind), matchOnDescription: true });
      if (kind !== state.kind) state.more = undefined;
      state.kind = kind;
      return;
    }
    case 'title': {
      const kind = state.kind!;
      const value = await ui.text({
        ...frame,
        prompt: titleStepPrompt(state.editing),
        placeholder: KINDS[kind].titlePrompt,
        value: typeof state.answers.title === 'string' ? state.answers.title : '',
        validate: (t) => answerProblem(kind, state.answers, 'title', t),
      });
      state.answers = { ...state.answers, title: value };
      return;
    }
    case 'finish': {
      const line = confirmLine(state.kind!, state.answers);
      const done: PickItem<boolean> = state.editing
        ? { label: vscode.l10n.t('$(check) Save changes'), description: vscode.l10n.t('Enter · {0}', line), value: false }
        : { label: vscode.l10n.t('$(check) Log it'), description: vscode.l10n.t('Enter · {0}', line), value: false };
      const more: PickItem<boolean> = state.editing
        ? { label: vscode.l10n.t('$(list-unordered) Edit more fields…'), description: vscode.l10n.t('details, tags, links, impact, date and the rest'), value: true }
        : { label: vscode.l10n.t('$(list-unordered) Add more details…'), description: vscode.l10n.t('tags, links, impact, date, details and the rest'), value: true };
      state.more = await ui.pick({ ...frame, placeholder: state.editing ? vscode.l10n.t('Save your changes now, or edit more fields?') : vscode.l10n.t('Log it now, or add more details?'), items: [done, more], active: state.more ? more : done });
      return;
    }
    case 'field': {
      const value = await askField({ ui, frame, kind: state.kind!, answers: state.answers, editing: state.editing, suggestions }, step.field);
      const next = { ...state.answers };
      if (value === undefined) delete next[step.field.key];
      else next[step.field.key] = value;
      state.answers = next;
      return;
    }
  }
}

/** Suggestions for text steps: tools and reasons used before, the AI tools setting and the usual reasons, tags in use. */
function suggestionsFrom(s: Services): Suggestions {
  // Suggestions are a convenience: if the log cannot be read, the step still works without them.
  const orNothing = async <T>(what: string, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (err) {
      s.output.warn(`Could not read ${what} for suggestions: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  };
  const recent = (key: string) => orNothing(`recent ${key}s`, async () => (await s.store.get()).recentFieldValues('ai-assist', key));
  return {
    aiTools: async () => ({ earlier: await recent('tool'), common: [...s.config.value.aiTools] }),
    discardReasons: async () => ({ earlier: await recent('reason'), common: suggestedReasons() }),
    tags: () => orNothing('tags', async () => (await s.store.get()).tagCounts(200)),
    shippedChanges: () => orNothing('recent changes shipped', async () => (await s.store.get()).list({ ...causedByRange(Date.now()), kinds: ['shipped'] }, { limit: 50 })),
  };
}
