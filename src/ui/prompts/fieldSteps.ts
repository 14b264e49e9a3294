import * as vscode from 'vscode';
import { type KindId, normaliseTag } from '../../domain';
import { formatIsoMoment } from '../../domain/format';
import { dateStyle } from '../locale';
import { answerProblem, type AnswerStep, causedByItems, inSentence, readTypedAnswer } from '../../domain/flow';
import { acceptSuggestion, offerTyped, type SuggestionValue, suggestionList, tagsPlaceholder } from '../../domain/suggestionStep';
import type { MultiStepInput, PickItem, StepFrame } from './multiStepInput';
import { entryCount } from '../l10n';

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
  /** Values used before (most recent first) and the common ones (the setting, the usual reasons). */
  aiTools(): Promise<{ earlier: string[]; common: string[] }>;
  discardReasons(): Promise<{ earlier: string[]; common: string[] }>;
  tags(): Promise<{ tag: string; count: number }[]>;
  /** The changes shipped of the last 30 days (any order). */
  shippedChanges(): Promise<{ id: string; title: string; occurredAt: string }[]>;
}

const SKIP = Symbol('skip');
type Choice = unknown;

function noneItem(ctx: FieldStepContext): PickItem<Choice> {
  return ctx.editing
    ? { label: vscode.l10n.t('$(circle-slash) Not set'), description: vscode.l10n.t('clear this field'), value: SKIP }
    : { label: vscode.l10n.t('$(circle-slash) Skip'), description: vscode.l10n.t('leave it empty (Enter)'), value: SKIP };
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
      const items: PickItem<Choice>[] = [none, { label: vscode.l10n.t('Yes'), description: field.yes, value: true }, { label: 'No', description: field.no, value: false }];
      const active = items.find((i) => i.value === current) ?? none;
      const v = await ctx.ui.pick({ ...ctx.frame, placeholder: field.label, items, active });
      return v === SKIP ? undefined : v;
    }
    case 'text':
      if (field.pick === 'shippedChange') {
        const { items, active } = causedByItems(await ctx.suggestions.shippedChanges(), current);
        const picks: PickItem<Choice>[] = items.map((i) => ({ label: i.label, ...(i.description ? { description: i.description } : {}), value: i.value ?? SKIP }));
        const v = await ctx.ui.pick({ ...ctx.frame, placeholder: vscode.l10n.t('{0} Enter links the highlighted change', field.label), items: picks, active: picks[active], matchOnDescription: true });
        return v === SKIP ? undefined : v;
      }
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
      return askText(ctx, field, typeof current === 'string' ? formatIsoMoment(current) : '');
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

/**
 * An input box for a free-text, number, date or links field. Empty + Enter skips (or keeps
 * `keepWhenEmpty`); unchanged text keeps the exact current value (no rounding of dates).
 */
async function askText(ctx: FieldStepContext, field: AnswerStep, initialText: string, keepWhenEmpty?: unknown): Promise<unknown> {
  const current = ctx.answers[field.key];
  const validate = (text: string): string | undefined => {
    if (text === initialText && initialText !== '') return undefined;
    const read = readTypedAnswer(field, text, { locale: dateStyle().locale });
    if ('problem' in read) return read.problem;
    return read.skip ? undefined : answerProblem(ctx.kind, ctx.answers, field.key, read.value);
  };
  const skipWord = keepWhenEmpty !== undefined ? vscode.l10n.t('Enter keeps the current text (it has several lines); typing replaces it') : ctx.editing ? vscode.l10n.t('empty clears it') : vscode.l10n.t('Enter to skip');
  const text = await ctx.ui.text({
    ...ctx.frame,
    prompt: `${field.label} — ${skipWord}`,
    placeholder: 'placeholder' in field && field.placeholder ? field.placeholder : undefined,
    value: initialText,
    validate,
    note: (text) => {
      if (text === initialText && initialText !== '') return undefined;
      const read = readTypedAnswer(field, text, { locale: dateStyle().locale });
      return 'note' in read ? read.note : undefined;
    },
  });
  if (text === initialText && initialText !== '') return current;
  const read = readTypedAnswer(field, text, { locale: dateStyle().locale });
  if ('problem' in read) return current;
  return read.skip ? keepWhenEmpty : read.value;
}

const TYPED = Symbol('typed');

/**
 * Free text with suggestions (AI tools, reasons; see domain/suggestionStep.ts for the order and what
 * Enter does). Enter takes the highlighted suggestion (VS Code's filter highlights the best match as
 * you type), or what you typed when nothing matches. On an empty input it skips, except for a step
 * whose skipping is explicit (the reason), where it asks for a reason and "Skip" is an item of its
 * own. The items never change while typing, so Enter always picks what the list shows.
 */
async function askWithSuggestions(ctx: FieldStepContext, field: AnswerStep, suggestions: { readonly earlier: readonly string[]; readonly common: readonly string[] }): Promise<unknown> {
  const current = ctx.answers[field.key];
  const explicitSkip = 'explicitSkip' in field && field.explicitSkip === true;
  const opts = { ...suggestions, explicitSkip, editing: ctx.editing, ...(field.key === 'reason' ? { noun: vscode.l10n.t('a reason'), skipNoun: vscode.l10n.t({ message: 'reason', comment: ['As in "Skip: no reason"'] }) } : { noun: vscode.l10n.t({ message: 'a {0}', args: [inSentence(field.label)], comment: ['{0} is a field name, as in "Type a tool"'] }) }) };
  const list = suggestionList(opts);
  const items: PickItem<SuggestionValue>[] = list.items.map((i) => ({ ...i }));
  const active = items[list.items.indexOf(list.active)];
  const v = await ctx.ui.pick<Choice>({
    ...ctx.frame,
    placeholder: `${field.label} — ${explicitSkip ? vscode.l10n.t('type a reason or pick one') : vscode.l10n.t('pick a suggestion or type your own')}`,
    items,
    // With a current value the filter highlights it; otherwise the first item (a reason to type, or Skip).
    ...(typeof current === 'string' && current !== '' ? { value: current } : { active }),
    onAccept: (item, input) => {
      const outcome = acceptSuggestion(item?.value as SuggestionValue | undefined, input.value, opts);
      if ('skip' in outcome) return { answer: SKIP };
      if ('ask' in outcome) {
        input.items = items.map((i) => (i.value.type === 'typed' ? { ...i, label: `$(info) ${outcome.ask}`, description: undefined } : i));
        return 'keep';
      }
      const problem = answerProblem(ctx.kind, ctx.answers, field.key, outcome.answer);
      if (problem === undefined) return { answer: outcome.answer };
      input.items = items.map((i) => (i.value.type === 'typed' ? { ...i, label: `$(error) ${problem}`, description: undefined } : i));
      return 'keep';
    },
  });
  return v === SKIP ? undefined : v;
}

const DONE = Symbol('done');

/**
 * Tags, one at a time: Enter on a highlighted tag adds it, Enter on new text adds it (commas make
 * several), Enter on "Done" (first, and highlighted while the input is empty) finishes. Tags already
 * chosen are listed to remove. Each round is a fresh list, so fast typing never races the updates.
 */
async function askTags(ctx: FieldStepContext, field: AnswerStep): Promise<unknown> {
  const known = await ctx.suggestions.tags();
  let chosen: string[] = Array.isArray(ctx.answers.tags) ? [...(ctx.answers.tags as string[])] : [];
  for (;;) {
    const has = new Set(chosen.map((t) => normaliseTag(t)));
    const done: PickItem<Choice> = chosen.length
      ? { label: vscode.l10n.t('$(check) Done'), description: chosen.join(', '), alwaysShow: true, value: DONE }
      : { label: vscode.l10n.t('$(check) Done — no tags'), description: ctx.editing ? undefined : vscode.l10n.t('Enter to skip'), alwaysShow: true, value: DONE };
    const typed: PickItem<Choice> = { label: vscode.l10n.t('$(add) Add what you typed'), description: vscode.l10n.t('as a new tag'), alwaysShow: true, value: TYPED };
    const items: PickItem<Choice>[] = [
      done,
      ...known.filter((k) => !has.has(k.tag)).map((k): PickItem<Choice> => ({ label: k.tag, description: entryCount(k.count), value: k.tag })),
      ...chosen.map((t): PickItem<Choice> => ({ label: vscode.l10n.t('$(close) Remove {0}', t), value: { remove: t } })),
      typed,
    ];
    const untyped = items.filter((i) => i !== typed);
    let problem: string | undefined;
    const v = await ctx.ui.pick<Choice>({
      ...ctx.frame,
      placeholder: tagsPlaceholder(field.label),
      // “Add what you typed” only while something is typed.
      onValueChange: (value, input) => {
        const want = offerTyped(value) ? items : untyped;
        if (input.items.length !== want.length) input.items = want;
      },
      items: untyped,
      onAccept: (item, input) => {
        const text = input.value.trim();
        if (text === '') return { answer: item && item.value !== TYPED ? item.value : DONE };
        if (item && item.value !== DONE && item.value !== TYPED) return { answer: item.value };
        const added = [...chosen, ...text.split(',').map((t) => t.trim()).filter((t) => t !== '')];
        problem = answerProblem(ctx.kind, ctx.answers, 'tags', added);
        if (problem === undefined) return { answer: { add: added } };
        input.items = [{ ...done, label: `$(error) ${problem}`, description: undefined, value: DONE }, ...items.slice(1)];
        return 'keep';
      },
    });
    if (v === DONE) return chosen.length ? chosen : undefined;
    if (typeof v === 'string') chosen = [...chosen, v];
    else if (v && typeof v === 'object' && 'add' in v) chosen = (v as { add: string[] }).add;
    else if (v && typeof v === 'object' && 'remove' in v) chosen = chosen.filter((t) => t !== (v as { remove: string }).remove);
  }
}
