import { z } from 'zod';
import { type DateInputOptions, readDateInput, userTimeZone } from './dateInput';
import { cutText } from './format';
import { IMPACT_LEVELS } from './fields';
import { type Entry, newEntryInputSchema } from './entry';
import { type FieldDef, KINDS, type KindId } from './kinds';
import { quoted, readLinks } from './linkInput';
import { toIso } from './time';
import { formatIsoMoment } from './format';
import { plainWords } from './validation';
import { msg } from './messages';

/**
 * The plan behind the multi-step "log an entry" prompt, as pure functions: which steps to ask, in
 * which order, how a typed answer becomes a value, which problem to show inline, and which answers
 * make up an edit. The quick input in src/ui/prompts only renders these steps.
 *
 * Order: [kind] → title → the kind's quick fields → finish ("Log it" / "Add more details…") →
 * the kind's other fields → tags, links, impact, when, details.
 */

/** Fields every entry has, asked after "Add more details…". */
export type CommonStep =
  | { readonly key: 'tags'; readonly label: string; readonly type: 'tags' }
  | { readonly key: 'links'; readonly label: string; readonly type: 'links' };

export type AnswerStep = FieldDef | CommonStep;

export type Step =
  | { readonly id: 'kind' }
  | { readonly id: 'title' }
  | { readonly id: 'finish' }
  | { readonly id: 'field'; readonly field: AnswerStep };

/** Their words come from the message table in use (read when shown, so in the user's language). */
export const COMMON_STEPS: readonly AnswerStep[] = [
  {
    key: 'tags',
    get label() {
      return msg('step.tags');
    },
    type: 'tags',
  },
  {
    key: 'links',
    get label() {
      return msg('step.links');
    },
    type: 'links',
  },
  {
    key: 'impact',
    get label() {
      return msg('step.impact');
    },
    type: 'choice',
    options: IMPACT_LEVELS.map((v) => ({
      value: v,
      label: v,
      get description() {
        return msg(`step.impact.${v}`);
      },
    })),
  },
  {
    key: 'occurredAt',
    get label() {
      return msg('step.occurredAt');
    },
    type: 'moment',
    get placeholder() {
      return msg('step.occurredAt.placeholder');
    },
  },
  {
    key: 'details',
    get label() {
      return msg('step.details');
    },
    type: 'longtext',
  },
];

export interface PlanInput {
  /** The kind, once known. */
  readonly kind: KindId | undefined;
  /** True when the command fixed the kind (no kind step). */
  readonly kindFixed: boolean;
  /** Answers so far (prompted or pre-filled). */
  readonly answers: Readonly<Record<string, unknown>>;
  /** Keys given by an argument object: their steps are skipped. */
  readonly given: ReadonlySet<string>;
  /** The answer to the finish step: undefined until asked. */
  readonly more: boolean | undefined;
}

/** True when a field's `askIf` condition holds for the answers (or it has none). */
export function shouldAsk(field: AnswerStep, answers: Readonly<Record<string, unknown>>): boolean {
  if (!('askIf' in field) || !field.askIf) return true;
  const v = answers[field.askIf.key];
  return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && field.askIf.oneOf.includes(String(v));
}

/** The steps to show for the current answers. Earlier steps never depend on later answers, so Back is stable. */
export function planSteps(p: PlanInput): Step[] {
  const steps: Step[] = [];
  if (!p.kindFixed) steps.push({ id: 'kind' });
  if (!p.given.has('title')) steps.push({ id: 'title' });
  if (p.kind === undefined) {
    steps.push({ id: 'finish' });
    return steps;
  }
  const def = KINDS[p.kind];
  const ask = (f: AnswerStep) => !p.given.has(f.key) && shouldAsk(f, p.answers);
  const quick = def.quick.map((key) => def.fields.find((f) => f.key === key)).filter((f): f is FieldDef => f !== undefined);
  for (const f of quick) if (ask(f)) steps.push({ id: 'field', field: f });
  steps.push({ id: 'finish' });
  if (p.more === true) {
    for (const f of def.fields) if (!def.quick.includes(f.key) && ask(f)) steps.push({ id: 'field', field: f });
    for (const f of COMMON_STEPS) if (ask(f)) steps.push({ id: 'field', field: f });
  }
  return steps;
}

/** Every answer key a kind can have (common and kind-specific). */
export function answerKeys(kind: KindId): Set<string> {
  return new Set(['title', ...COMMON_STEPS.map((f) => f.key), ...KINDS[kind].fields.map((f) => f.key)]);
}

/**
 * The answers that belong to the final entry: drops fields of another kind (after the kind was
 * changed with Back) and fields whose `askIf` no longer holds (a reason after the verdict became
 * "accepted"), unless an argument object gave them explicitly.
 */
export function relevantAnswers(kind: KindId, answers: Readonly<Record<string, unknown>>, given: ReadonlySet<string>): Record<string, unknown> {
  const keys = answerKeys(kind);
  const byKey = new Map<string, AnswerStep>([...KINDS[kind].fields, ...COMMON_STEPS].map((f) => [f.key, f]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(answers)) {
    if (v === undefined) continue;
    if (given.has(k)) {
      out[k] = v;
      continue;
    }
    const f = byKey.get(k);
    if (!keys.has(k) || (f && !shouldAsk(f, answers))) continue;
    out[k] = v;
  }
  return out;
}

/** A word shown under a typed answer before it is saved: what it will be read as, or a warning that still lets it through. */
export interface AnswerNote {
  readonly message: string;
  readonly warning: boolean;
}

/** What a typed answer means: `skip` (left empty), a value (with a note to show), or a problem to show inline. */
export type TextAnswer = { readonly skip: true } | { readonly skip: false; readonly value: unknown; readonly note?: AnswerNote } | { readonly problem: string };

/** "Now", the user's time zone and locale, for answers such as "yesterday"; the real clock and zone by default. */
export type AnswerClock = DateInputOptions;

/** Converts what was typed into an input box for `field` into a value (before schema validation). */
export function readTypedAnswer(field: AnswerStep, text: string, clock: Partial<AnswerClock> = {}): TextAnswer {
  const t = text.trim();
  if (t === '') return { skip: true };
  switch (field.type) {
    case 'integer':
      return /^[+-]?\d{1,9}$/.test(t) ? { skip: false, value: Number(t) } : { problem: msg('flow.wholeNumber') };
    case 'moment': {
      const read = readDateInput(t, { now: clock.now ?? Date.now(), timeZone: clock.timeZone ?? userTimeZone(), locale: clock.locale });
      if (!read) return { skip: true };
      if (!read.ok) return { problem: read.problem };
      const note = read.future ? { message: msg('flow.future', read.shown), warning: true } : { message: msg('flow.means', read.shown), warning: false };
      return { skip: false, value: toIso(read.ms), note };
    }
    case 'links': {
      const read = readLinks(t);
      if (!read.ok) return { problem: read.problem };
      const note = read.completed.length > 0 ? { message: msg('flow.savedAs', read.completed.join(', ')), warning: false } : undefined;
      return note ? { skip: false, value: [...read.urls], note } : { skip: false, value: [...read.urls] };
    }
    case 'tags':
      return { skip: false, value: t.split(',').map((x) => x.trim()).filter((x) => x !== '') };
    case 'longtext':
      return { skip: false, value: text };
    default:
      return { skip: false, value: t };
  }
}

/**
 * The problem, in plain words, with giving `value` for `key` on top of the other answers, judged by
 * the same schema the log command and the store use (so cross-field rules such as "resolved before
 * identified" show up inline too). Undefined when the value is fine.
 */
export function answerProblem(kind: KindId, answers: Readonly<Record<string, unknown>>, key: string, value: unknown): string | undefined {
  const candidate: Record<string, unknown> = { ...relevantAnswers(kind, answers, new Set()), title: answers.title ?? 'title', [key]: value };
  const result = newEntryInputSchema(kind).safeParse(candidate, { error: plainWords });
  if (result.success) return undefined;
  const issue = result.error.issues.find((i) => i.path[0] === key);
  if (!issue) return undefined;
  // An item of a list is named by its text as typed ("“ftp://x” must be…"), not by its position.
  if (issue.path.length > 1 && typeof issue.path[1] === 'number' && Array.isArray(value)) {
    const item: unknown = value[issue.path[1]];
    const text = typeof item === 'string' ? item : typeof item === 'object' && item !== null && 'url' in item && typeof item.url === 'string' ? item.url : undefined;
    return `${text !== undefined ? quoted(text) : msg('check.item', issue.path[1] + 1)} ${issue.message}`;
  }
  return issue.message;
}

/** The values an entry has, flat like the log command's argument object: the starting answers of an edit. */
export function entryAnswers(e: Entry): Record<string, unknown> {
  const out: Record<string, unknown> = {
    title: e.title,
    occurredAt: e.occurredAt,
    details: e.details === '' ? undefined : e.details,
    tags: e.tags.length ? [...e.tags] : undefined,
    links: e.links.length ? e.links.map((l) => ({ ...l })) : undefined,
    impact: e.impact ?? undefined,
    ...e.fields,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** Keys that cannot be null in an edit, and what "cleared" means for them (undefined: cannot be cleared). */
const CLEARED: Readonly<Record<string, unknown>> = { details: '', tags: [], links: [] };
const REQUIRED = new Set(['title', 'occurredAt']);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The flat edit (for `parsePatch`) that turns `before` into `after`: changed values, and null (or
 * the empty value) for fields that were cleared. Empty when nothing changed.
 */
export function editPatchInput(kind: KindId, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const keys = answerKeys(kind);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const a = before[k];
    const b = after[k];
    if (same(a, b)) continue;
    if (b === undefined) {
      if (REQUIRED.has(k) || a === undefined) continue;
      out[k] = k in CLEARED ? CLEARED[k] : null;
    } else out[k] = b;
  }
  return out;
}

/**
 * A label as it reads inside a sentence: "Problem solved" → "problem solved", but "AI assist" stays;
 * in a language whose table says otherwise (German nouns keep their capital), as it is.
 */
export function inSentence(label: string): string {
  if (msg('style.labelInSentence') !== 'lowercase') return label;
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** Shape of an argument object that names entries: `{ id }` or `{ ids: [...] }`. */
export const entryIdsArgument = z
  .strictObject({
    id: z.uuid({ error: () => msg('arg.entryId') }).optional(),
    ids: z.array(z.uuid({ error: () => msg('arg.entryId') })).min(1).max(10_000).optional(),
  })
  .refine((v) => (v.id === undefined) !== (v.ids === undefined), { error: () => msg('arg.idOrIds'), path: ['id'] });

/** "Which change caused it?" lists the changes shipped of this many days before now. */
export const CAUSED_BY_DAYS = 30;

/** The changes shipped the "Which change caused it?" step lists: [from, to) in epoch ms. */
export function causedByRange(now: number): { from: number; to: number } {
  return { from: now - CAUSED_BY_DAYS * 86_400_000, to: now + 1 };
}

export interface CausedByItem {
  readonly label: string;
  readonly description?: string;
  /** The change's entry id; undefined for "None of these". */
  readonly value: string | undefined;
}

/**
 * The items of "Which change caused it?": the changes shipped, newest first, each with its date,
 * then "None of these" as an item of its own. The active one (what Enter takes) is the current
 * answer if it is listed, else the first change; "None of these" when there are none.
 */
export function causedByItems(changes: readonly Pick<Entry, 'id' | 'title' | 'occurredAt'>[], current: unknown): { items: CausedByItem[]; active: number } {
  const sorted = [...changes].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  const items: CausedByItem[] = sorted.map((c) => ({ label: `$(rocket) ${c.title}`, description: formatIsoMoment(c.occurredAt), value: c.id }));
  items.push({ label: msg('flow.noneOfThese'), description: sorted.length ? msg('flow.noneOfThese.linkNone') : msg('flow.noneOfThese.noChanges', CAUSED_BY_DAYS), value: undefined });
  const at = items.findIndex((i) => i.value !== undefined && i.value === current);
  return { items, active: at >= 0 ? at : 0 };
}

export interface HeadingInput {
  readonly editing: boolean;
  /** The kind's label, once known ("Problem solved"). */
  readonly kindLabel: string | undefined;
  /** The title as answered so far (an edit's heading follows a rename). */
  readonly title: unknown;
  /** The entry's title before the edit, while none is answered. */
  readonly originalTitle?: string | undefined;
  readonly part: 'quick' | 'details';
}

/** The flow's heading: "Log problem solved", "Edit: <title as it is now>", with "— more details" after "Add more details…". */
export function flowHeading(h: HeadingInput): string {
  const title = typeof h.title === 'string' && h.title.trim() !== '' ? h.title.trim() : (h.originalTitle ?? '');
  const label = h.kindLabel === undefined ? undefined : inSentence(h.kindLabel);
  const base = h.editing ? msg('flow.heading.edit', cutText(title, 60)) : label ? msg('flow.heading.log', label) : msg('flow.heading.logAny');
  if (h.part === 'quick') return base;
  return h.editing ? msg('flow.heading.moreFields', base) : msg('flow.heading.moreDetails', base);
}

/** The title step's prompt: how to finish, in the flow's own word (log or save). */
export function titleStepPrompt(editing: boolean): string {
  return editing ? msg('flow.hint.edit') : msg('flow.hint.log');
}
