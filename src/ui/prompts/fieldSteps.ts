import { type KindId, localDate } from '../../domain';
import { answerProblem, type AnswerStep, readTypedAnswer } from '../../domain/flow';
import type { MultiStepInput, PickItem, StepFrame } from './multiStepInput';

/** Renders one answer step (a field of the kind, or tags, links, impact, date, details) as a quick input. */

export interface FieldStepContext {
  readonly ui: MultiStepInput;
  readonly frame: StepFrame;
  readonly kind: KindId;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly editing: boolean;
  readonly suggestions: Suggestions;
}

/** Where suggestions come from; read lazily so a step that does not need them costs nothing. */
export interface Suggestions {
  aiTools(): Promise<string[]>;
  discardReasons(): Promise<string[]>;
  tags(): Promise<{ tag: string; count: number }[]>;
}

const SKIP = Symbol('skip');
type Choice = unknown;

function noneItem(ctx: FieldStepContext): PickItem<Choice> {
  return ctx.editing
    ? { label: '$(circle-slash) Not set', description: 'clear this field', value: SKIP }
    : { label: '$(circle-slash) Skip', description: 'leave it empty (Enter)', value: SKIP };
}

/** Asks for one field; resolves with its new value, or undefined when skipped or cleared. */
export async function askField(ctx: FieldStepContext, field: AnswerStep): Promise<unknown> {
  const current = ctx.answers[field.key];
  switch (field.type) {
    case 'choice': {
      const none = noneItem(ctx);
      const items: PickItem<Choice>[] = [none, ...field.options.map((o) => ({ label: o.label, description: o.description, value: o.value }))];
      const active = items.find((i) => i.value === current) ?? none;
      const v = await ctx.ui.pick({ ...ctx.frame, placeholder: field.label, items, active });
      return v === SKIP ? undefined : v;
    }
    case 'boolean': {
      const none = noneItem(ctx);
      const items: PickItem<Choice>[] = [none, { label: 'Yes', description: field.yes, value: true }, { label: 'No', description: field.no, value: false }];
      const active = items.find((i) => i.value === current) ?? none;
      const v = await ctx.ui.pick({ ...ctx.frame, placeholder: field.label, items, active });
      return v === SKIP ? undefined : v;
    }
    case 'text':
      if (field.suggest) {
        const list = field.suggest === 'aiTools' ? await ctx.suggestions.aiTools() : await ctx.suggestions.discardReasons();
        return askWithSuggestions(ctx, field, list);
      }
      return askText(ctx, field, typeof current === 'string' ? current : '');
    case 'tags':
      return askTags(ctx, field);
    case 'links': {
      const links = Array.isArray(current) ? (current as { url: string }[]).map((l) => (typeof l === 'string' ? l : l.url)) : [];
      return askText(ctx, field, links.join(' '));
    }
    case 'moment':
      return askText(ctx, field, typeof current === 'string' ? momentText(current) : '');
    case 'integer':
      return askText(ctx, field, typeof current === 'number' ? String(current) : '');
    case 'longtext': {
      const text = typeof current === 'string' ? current : '';
      // A multi-line text cannot be shown in one line: Enter keeps it, typing replaces it.
      if (text.includes('\n')) return askText(ctx, field, '', text);
      return askText(ctx, field, text);
    }
  }
}

/** An instant as the user would type it: `YYYY-MM-DD HH:mm` local, or just the date at midnight. */
function momentText(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return hm === '00:00' && d.getSeconds() === 0 && d.getMilliseconds() === 0 ? localDate(ms) : `${localDate(ms)} ${hm}`;
}

/**
 * An input box for a free-text, number, date or links field. Empty + Enter skips (or keeps
 * `keepWhenEmpty`); unchanged text keeps the exact current value (no rounding of dates).
 */
async function askText(ctx: FieldStepContext, field: AnswerStep, initialText: string, keepWhenEmpty?: unknown): Promise<unknown> {
  const current = ctx.answers[field.key];
  const validate = (text: string): string | undefined => {
    if (text === initialText && initialText !== '') return undefined;
    const read = readTypedAnswer(field, text);
    if ('problem' in read) return read.problem;
    return read.skip ? undefined : answerProblem(ctx.kind, ctx.answers, field.key, read.value);
  };
  const skipWord = keepWhenEmpty !== undefined ? 'Enter keeps the current text (it has several lines); typing replaces it' : ctx.editing ? 'empty clears it' : 'Enter to skip';
  const text = await ctx.ui.text({
    ...ctx.frame,
    prompt: `${field.label} — ${skipWord}`,
    placeholder: 'placeholder' in field && field.placeholder ? field.placeholder : undefined,
    value: initialText,
    validate,
  });
  if (text === initialText && initialText !== '') return current;
  const read = readTypedAnswer(field, text);
  if ('problem' in read) return current;
  return read.skip ? keepWhenEmpty : read.value;
}

/** A pick list where the typed text is the first item, with suggestions below (AI tools, discard reasons). */
async function askWithSuggestions(ctx: FieldStepContext, field: AnswerStep, suggestions: readonly string[]): Promise<unknown> {
  const current = ctx.answers[field.key];
  const none = noneItem(ctx);
  const suggestionItems: PickItem<Choice>[] = suggestions.map((s) => ({ label: s, value: s }));
  const itemsFor = (typed: string): PickItem<Choice>[] => {
    const t = typed.trim();
    if (t === '') return [none, ...suggestionItems];
    const problem = answerProblem(ctx.kind, ctx.answers, field.key, t);
    const exact = suggestionItems.find((i) => i.label.toLowerCase() === t.toLowerCase());
    const typedItem: PickItem<Choice> = problem
      ? { label: `$(error) ${t.slice(0, 60)}`, description: problem, alwaysShow: true, value: SKIP }
      : { label: t, description: exact ? undefined : 'use what you typed', alwaysShow: true, value: t };
    return exact && !problem ? [exact, ...suggestionItems.filter((i) => i !== exact)] : [typedItem, ...suggestionItems];
  };
  const initial = typeof current === 'string' ? current : '';
  const v = await ctx.ui.pick<Choice>({
    ...ctx.frame,
    placeholder: `${field.label} — type your own or pick a suggestion`,
    items: itemsFor(''),
    value: initial,
    onType: itemsFor,
    onAccept: (item, input) => (item.value === SKIP && input.value.trim() !== '' ? 'keep' : { answer: item.value }),
  });
  return v === SKIP ? undefined : v;
}

const USE = Symbol('use');

/**
 * Tags: type a comma-separated list; existing tags are suggested for the word being typed, and
 * picking one completes it. The first item accepts the list (or skips when it is empty).
 */
async function askTags(ctx: FieldStepContext, field: AnswerStep): Promise<unknown> {
  const current = ctx.answers.tags;
  const known = await ctx.suggestions.tags();
  const parts = (text: string) => text.split(',').map((t) => t.trim());
  const itemsFor = (typed: string): PickItem<Choice>[] => {
    const list = parts(typed).filter((t) => t !== '');
    const last = typed.includes(',') ? (parts(typed).pop() ?? '') : typed.trim();
    const chosen = new Set(list.map((t) => t.toLowerCase()));
    const matches = known
      .filter((k) => !chosen.has(k.tag))
      .filter((k) => last === '' || k.tag.includes(last.toLowerCase()))
      .slice(0, 30)
      .map((k): PickItem<Choice> => ({ label: k.tag, description: `${k.count} ${k.count === 1 ? 'entry' : 'entries'}`, alwaysShow: true, value: k.tag }));
    let head: PickItem<Choice>;
    if (list.length === 0) head = { ...noneItem(ctx), alwaysShow: true };
    else {
      const problem = answerProblem(ctx.kind, ctx.answers, 'tags', list);
      head = problem
        ? { label: `$(error) ${problem}`, alwaysShow: true, value: SKIP }
        : // Labelled with the typed list itself so that VS Code's sorting keeps it first.
          { label: `$(check) ${list.join(', ')}`, description: 'Enter to use these tags', alwaysShow: true, value: USE };
    }
    return [head, ...matches];
  };
  const initial = Array.isArray(current) ? (current as string[]).join(', ') : '';
  const v = await ctx.ui.pick<Choice>({
    ...ctx.frame,
    placeholder: `${field.label} — pick a suggestion to complete the tag`,
    items: itemsFor(''),
    value: initial,
    onType: itemsFor,
    onAccept: (item, input) => {
      const list = parts(input.value).filter((t) => t !== '');
      if (item.value === USE) return { answer: list };
      if (item.value === SKIP) return list.length > 0 ? 'keep' : { answer: SKIP };
      // A suggestion: complete the word being typed and stay, ready for the next tag or Enter.
      const done = input.value.includes(',') ? parts(input.value).slice(0, -1).filter((t) => t !== '') : [];
      input.value = `${[...done, String(item.value)].join(', ')}, `;
      input.items = itemsFor(input.value);
      return 'keep';
    },
  });
  return v === SKIP ? undefined : v;
}
