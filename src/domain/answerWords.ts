import { inSentence } from './flow';
import type { KindId } from './kinds';

/**
 * The answers of the log flow in words, for the row that confirms them ("customer-visible · no AI"):
 * what a person would say, never the field keys. Long texts and dates are left out (the row is one
 * line); a value without words of its own is shown as it is.
 */

type Words = (value: unknown) => string | undefined;

const yesNo = (yes: string, no: string): Words => (v) => (v === true ? yes : v === false ? no : undefined);
const oneOf = (words: Readonly<Record<string, string>>): Words => (v) => (typeof v === 'string' ? (words[v] ?? v) : undefined);
const asIs: Words = (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const minutes = (n: number) => (n < 90 ? `${n} min` : `${Math.round((n / 60) * 10) / 10} hours`);
const quotedText: Words = (v) => (typeof v === 'string' && v.trim() !== '' ? `“${cut(v.trim(), 40)}”` : undefined);
const cut = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

const KIND_WORDS: { readonly [K in KindId]: Readonly<Record<string, Words>> } = {
  problem: {
    customerVisible: yesNo('customer-visible', 'internal'),
    aiInvolvement: oneOf({ none: 'no AI', assisted: 'AI-assisted', 'ai-led': 'AI-led' }),
  },
  'ai-assist': {
    verdict: asIs,
    reason: quotedText,
    tool: asIs,
    task: (v) => (typeof v === 'string' && v.trim() !== '' ? `task ${quotedText(v)}` : undefined),
    minutesSaved: (v) => (typeof v === 'number' ? (v >= 0 ? `saved ${minutes(v)}` : `lost ${minutes(-v)}`) : undefined),
    rework: yesNo('needed rework', 'no rework'),
  },
  'review-catch': {
    severity: (v) => (typeof v === 'string' ? `${v} severity` : undefined),
    category: asIs,
    author: oneOf({ teammate: "teammate's code", own: 'own code', 'ai-generated': 'AI-generated code' }),
    wouldReachProduction: yesNo('would have reached production', 'would not have reached production'),
  },
  shipped: {
    customerVisible: yesNo('customer-visible', 'internal'),
    release: (v) => (typeof v === 'string' && v.trim() !== '' ? `release ${v.trim()}` : undefined),
  },
  incident: {
    role: oneOf({ handled: 'handled', caused: 'caused and fixed' }),
    minutesToMitigate: (v) => (typeof v === 'number' ? `mitigated in ${minutes(v)}` : undefined),
    severity: (v) => (typeof v === 'string' ? `${v} severity` : undefined),
  },
  note: { category: asIs },
};

const COMMON_WORDS: Readonly<Record<string, Words>> = {
  tags: (v) => (Array.isArray(v) && v.length > 0 ? v.map((t) => `#${String(t)}`).join(' ') : undefined),
  links: (v) => (Array.isArray(v) && v.length > 0 ? (v.length === 1 ? '1 link' : `${v.length} links`) : undefined),
  impact: (v) => (typeof v === 'string' ? `${v} impact` : undefined),
};

/** The answers in words, in the kind's field order, then tags, links and impact. */
export function answerWords(kind: KindId, answers: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [key, words] of [...Object.entries(KIND_WORDS[kind]), ...Object.entries(COMMON_WORDS)]) {
    const w = words(answers[key]);
    if (w !== undefined) out.push(w);
  }
  return out;
}

/** The confirm row's description: the title in quotes, then the answers in words. */
export function confirmLine(kind: KindId, answers: Readonly<Record<string, unknown>>): string {
  const title = typeof answers.title === 'string' ? `“${cut(answers.title.trim(), 60)}”` : '';
  return [title, ...answerWords(kind, answers)].filter((p) => p !== '').join(' · ');
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
  const base = h.editing ? `Edit: ${cut(title, 60)}` : label ? `Log ${label}` : 'Log to Impact Log';
  if (h.part === 'quick') return base;
  return h.editing ? `${base} — more fields` : `${base} — more details`;
}

/** The title step's prompt: how to finish, in the flow's own word (log or save). */
export function titleStepPrompt(editing: boolean): string {
  return editing ? 'Enter keeps each value as it is; the last step saves your changes.' : 'Only the title is required: Enter through the other steps to log it.';
}
