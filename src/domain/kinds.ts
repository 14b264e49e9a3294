import { z } from 'zod';
import './zodConfig';
import { minutes, moment, multiLine, oneLine } from './fields';
import { EN, type MessageKey, msg } from './messages';

/**
 * The entry kinds, as data. Each kind has a zod schema for its own fields and a list of field
 * definitions that prompts, the timeline and the exports read, so adding a kind means adding one
 * record here (and its fields' words), not touching every layer.
 */

export const VERDICTS = ['accepted', 'adapted', 'discarded'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const CATCH_CATEGORIES = ['security', 'correctness', 'performance', 'reliability', 'maintainability', 'tests'] as const;
export const CODE_AUTHORS = ['teammate', 'own', 'ai-generated'] as const;
export const AI_INVOLVEMENT = ['none', 'assisted', 'ai-led'] as const;
export const INCIDENT_ROLES = ['handled', 'caused'] as const;
export const NOTE_CATEGORIES = ['mentoring', 'docs', 'design', 'glue', 'other'] as const;

/**
 * Suggested reasons for discarding or adapting an AI assist (free text is allowed too), as the
 * default table's English. A reason is stored as typed and counted by its text, so the log flow
 * offers them in the user's language (`suggestedReasons`) and the summary counts a suggested reason
 * stored in English or in the table's language as one reason, worded in the table's (`countedReason`).
 */
export const DISCARD_REASONS = ['invented an API', 'insecure', 'over-engineered', 'wrong behaviour', 'did not compile', 'outdated approach', 'hard to maintain'] as const;
const REASON_KEYS: Readonly<Record<(typeof DISCARD_REASONS)[number], MessageKey>> = {
  'invented an API': 'reason.inventedAnApi',
  insecure: 'reason.insecure',
  'over-engineered': 'reason.overEngineered',
  'wrong behaviour': 'reason.wrongBehaviour',
  'did not compile': 'reason.didNotCompile',
  'outdated approach': 'reason.outdatedApproach',
  'hard to maintain': 'reason.hardToMaintain',
};

/** The suggested reasons in the table's language, in the order above. */
export function suggestedReasons(): string[] {
  return DISCARD_REASONS.map((r) => msg(REASON_KEYS[r]));
}

const reasonKey = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
/**
 * How the summary counts reasons: a suggested one, stored in English (as 0.1 and an English VS Code
 * wrote it) or in the table's language, reads in the table's words; any other text is the user's
 * own and stays as typed, as does a reason already in the table's language (countValues groups
 * its spellings). Made once per count (it reads the table in use).
 */
export function reasonCounter(): (text: string) => string {
  const known = new Map<string, string>();
  for (const r of DISCARD_REASONS) {
    const local = msg(REASON_KEYS[r]);
    // In the table's language the text stays as typed (countValues groups its spellings).
    if (reasonKey(r) !== reasonKey(local)) known.set(reasonKey(r), local);
  }
  return (text) => known.get(reasonKey(text)) ?? text;
}

export const problemFields = z.strictObject({
  whatWasWrong: multiLine(4000).optional(),
  fix: multiLine(4000).optional(),
  value: multiLine(4000).optional(),
  customerVisible: z.boolean().optional(),
  identifiedAt: moment.optional(),
  resolvedAt: moment.optional(),
  aiInvolvement: z.enum(AI_INVOLVEMENT).optional(),
});
export const aiAssistFields = z.strictObject({
  task: oneLine(300).optional(),
  tool: oneLine(100).optional(),
  verdict: z.enum(VERDICTS).optional(),
  reason: oneLine(300).optional(),
  minutesSaved: minutes.optional(),
  rework: z.boolean().optional(),
});
export const reviewCatchFields = z.strictObject({
  severity: z.enum(SEVERITIES).optional(),
  category: z.enum(CATCH_CATEGORIES).optional(),
  author: z.enum(CODE_AUTHORS).optional(),
  wouldReachProduction: z.boolean().optional(),
});
export const shippedFields = z.strictObject({
  customerVisible: z.boolean().optional(),
  release: oneLine(100).optional(),
});
export const incidentFields = z.strictObject({
  role: z.enum(INCIDENT_ROLES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  minutesToMitigate: z.number().int().min(0).max(1_000_000).transform((n) => (n === 0 ? 0 : n)).optional(), // -0 reads as 0
  followUp: multiLine(4000).optional(),
  /** The change shipped (entry id) that caused it, when the role is "caused": logging it answers that change's follow-up. */
  causedBy: z.uuid({ error: () => msg('check.causedBy') }).optional(),
});
export const noteFields = z.strictObject({
  category: z.enum(NOTE_CATEGORIES).optional(),
});

export type ProblemFields = z.output<typeof problemFields>;
export type AiAssistFields = z.output<typeof aiAssistFields>;
export type ReviewCatchFields = z.output<typeof reviewCatchFields>;
export type ShippedFields = z.output<typeof shippedFields>;
export type IncidentFields = z.output<typeof incidentFields>;
export type NoteFields = z.output<typeof noteFields>;

export interface FieldsByKind {
  problem: ProblemFields;
  'ai-assist': AiAssistFields;
  'review-catch': ReviewCatchFields;
  shipped: ShippedFields;
  incident: IncidentFields;
  note: NoteFields;
}
export type KindId = keyof FieldsByKind;
export const KIND_IDS = ['problem', 'ai-assist', 'review-catch', 'shipped', 'incident', 'note'] as const satisfies readonly KindId[];

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

/** How a prompt asks for a field. Every field is optional; Enter skips it. */
export type FieldDef =
  | {
      readonly key: string;
      readonly label: string;
      readonly type: 'text' | 'longtext' | 'moment';
      readonly placeholder?: string;
      readonly suggest?: 'aiTools' | 'discardReasons';
      /** Asked as a pick of entries instead of typed: the recent changes shipped (the value is the entry id). */
      readonly pick?: 'shippedChange';
      /** Skipping is an item of its own, never what Enter does on an empty input (the reason for a discard). */
      readonly explicitSkip?: true;
      readonly askIf?: AskIf;
    }
  | { readonly key: string; readonly label: string; readonly type: 'choice'; readonly options: readonly ChoiceOption[]; readonly askIf?: AskIf }
  | { readonly key: string; readonly label: string; readonly type: 'boolean'; readonly yes: string; readonly no: string; readonly askIf?: AskIf }
  | { readonly key: string; readonly label: string; readonly type: 'integer'; readonly placeholder?: string; readonly askIf?: AskIf };

/** Ask a field only when another field has one of these values. */
export interface AskIf {
  readonly key: string;
  readonly oneOf: readonly string[];
}

export interface KindDef<K extends KindId = KindId> {
  readonly id: K;
  /** "Problem solved" */
  readonly label: string;
  /** Plural heading for summaries: "Problems solved" */
  readonly plural: string;
  readonly codicon: string;
  readonly command: string;
  readonly description: string;
  readonly titlePrompt: string;
  /** Counts as an outcome for the status bar's weekly count. */
  readonly outcome: boolean;
  readonly schema: z.ZodType<FieldsByKind[K], unknown>;
  /** Prompt order: the most useful fields first; the quick path asks only `quick` ones. */
  readonly fields: readonly FieldDef[];
  readonly quick: readonly string[];
}

const opts = <T extends string>(values: readonly T[], words?: Partial<Record<T, string>>): ChoiceOption[] =>
  values.map((v) => ({ value: v, label: v, ...(words?.[v] ? { description: words[v] } : {}) }));

export const KINDS: { readonly [K in KindId]: KindDef<K> } = {
  problem: {
    id: 'problem',
    label: 'Problem solved',
    plural: 'Problems solved',
    codicon: 'debug-alt',
    command: 'impactLog.logProblem',
    description: 'A real problem you fixed: what was wrong, the fix, the value',
    titlePrompt: 'What problem did you solve?',
    outcome: true,
    schema: problemFields,
    quick: ['customerVisible', 'aiInvolvement'],
    fields: [
      { key: 'customerVisible', label: 'Customer-visible?', type: 'boolean', yes: 'Yes, customers notice the difference', no: 'No, internal' },
      { key: 'aiInvolvement', label: 'AI involvement', type: 'choice', options: opts(AI_INVOLVEMENT, { none: 'Solved without AI', assisted: 'AI helped', 'ai-led': 'AI did most of it, you verified' }) },
      { key: 'whatWasWrong', label: 'What was wrong', type: 'longtext' },
      { key: 'fix', label: 'The fix', type: 'longtext' },
      { key: 'value', label: 'Business or customer value', type: 'longtext' },
      { key: 'identifiedAt', label: 'Identified at', type: 'moment', placeholder: 'e.g. last Monday or 2026-11-20' },
      { key: 'resolvedAt', label: 'Resolved at', type: 'moment', placeholder: 'optional; e.g. yesterday or 2026-11-23' },
    ],
  },
  'ai-assist': {
    id: 'ai-assist',
    label: 'AI assist',
    plural: 'AI assists',
    codicon: 'sparkle',
    command: 'impactLog.logAiAssist',
    description: 'An AI suggestion you accepted, adapted or discarded, and why',
    titlePrompt: 'What did you ask the AI for?',
    outcome: false,
    schema: aiAssistFields,
    quick: ['verdict', 'reason', 'tool'],
    fields: [
      { key: 'verdict', label: 'Verdict', type: 'choice', options: opts(VERDICTS, { accepted: 'Kept as proposed', adapted: 'Kept after changes', discarded: 'Thrown away' }) },
      { key: 'reason', label: 'Why?', type: 'text', suggest: 'discardReasons', explicitSkip: true, placeholder: 'e.g. invented an API', askIf: { key: 'verdict', oneOf: ['adapted', 'discarded'] } },
      { key: 'tool', label: 'Tool', type: 'text', suggest: 'aiTools' },
      { key: 'task', label: 'Task', type: 'text' },
      { key: 'minutesSaved', label: 'Minutes saved (negative if lost)', type: 'integer', placeholder: 'estimate, optional' },
      { key: 'rework', label: 'Needed rework later?', type: 'boolean', yes: 'Yes, it needed rework later', no: 'No rework' },
    ],
  },
  'review-catch': {
    id: 'review-catch',
    label: 'Bug caught in review',
    plural: 'Bugs caught in review',
    codicon: 'shield',
    command: 'impactLog.logReviewCatch',
    description: 'A bug you stopped in code review: severity, category, whose code',
    titlePrompt: 'What did you catch?',
    outcome: true,
    schema: reviewCatchFields,
    quick: ['severity', 'category', 'author'],
    fields: [
      { key: 'severity', label: 'Severity', type: 'choice', options: opts(SEVERITIES) },
      { key: 'category', label: 'Category', type: 'choice', options: opts(CATCH_CATEGORIES) },
      { key: 'author', label: 'Whose code', type: 'choice', options: opts(CODE_AUTHORS, { teammate: "A teammate's", own: 'Your own', 'ai-generated': 'AI-generated' }) },
      { key: 'wouldReachProduction', label: 'Would it have reached production?', type: 'boolean', yes: 'Yes, it would have shipped', no: 'No, something else would have caught it' },
    ],
  },
  shipped: {
    id: 'shipped',
    label: 'Change shipped',
    plural: 'Changes shipped',
    codicon: 'rocket',
    command: 'impactLog.logShipped',
    description: 'A customer-visible change that went out',
    titlePrompt: 'What shipped?',
    outcome: true,
    schema: shippedFields,
    quick: [],
    fields: [
      { key: 'customerVisible', label: 'Customer-visible?', type: 'boolean', yes: 'Yes, customers see it', no: 'No, internal' },
      { key: 'release', label: 'Release or version', type: 'text' },
    ],
  },
  incident: {
    id: 'incident',
    label: 'Incident',
    plural: 'Incidents',
    codicon: 'flame',
    command: 'impactLog.logIncident',
    description: 'A production incident you handled (or caused and fixed)',
    titlePrompt: 'What happened?',
    outcome: true,
    schema: incidentFields,
    quick: ['role', 'causedBy', 'minutesToMitigate'],
    fields: [
      { key: 'role', label: 'Your role', type: 'choice', options: opts(INCIDENT_ROLES, { handled: 'You handled it', caused: 'You caused it (and owned the fix)' }) },
      { key: 'causedBy', label: 'Which change caused it?', type: 'text', pick: 'shippedChange', askIf: { key: 'role', oneOf: ['caused'] } },
      { key: 'minutesToMitigate', label: 'Minutes to mitigate', type: 'integer' },
      { key: 'severity', label: 'Severity', type: 'choice', options: opts(SEVERITIES) },
      { key: 'followUp', label: 'Follow-up', type: 'longtext' },
    ],
  },
  note: {
    id: 'note',
    label: 'Note',
    plural: 'Notes',
    codicon: 'note',
    command: 'impactLog.logNote',
    description: "Anything else worth remembering: mentoring, docs, design, glue work",
    titlePrompt: 'What is worth remembering?',
    outcome: false,
    schema: noteFields,
    quick: ['category'],
    fields: [{ key: 'category', label: 'Category', type: 'choice', options: opts(NOTE_CATEGORIES, { glue: "Stuff that isn't my job" }) }],
  },
};

/**
 * The words of a kind and of its fields are read from the message table in use (messages.ts), so
 * a prompt, a tooltip and the summary all show them in the user's language; the English above is
 * the default table's, and a key missing from it fails here, at load.
 */
function wordsFromTable(target: object, prop: string, key: string): void {
  if (!(key in EN)) throw new Error(`kinds: no message ${key}`);
  Object.defineProperty(target, prop, { get: () => msg(key as MessageKey), enumerable: true, configurable: false });
}
for (const id of KIND_IDS) {
  const kind = KINDS[id];
  for (const prop of ['label', 'plural', 'description', 'titlePrompt'] as const) wordsFromTable(kind, prop, `kind.${id}.${prop}`);
  for (const f of kind.fields) {
    wordsFromTable(f, 'label', `field.${id}.${f.key}`);
    if (f.type === 'boolean') for (const answer of ['yes', 'no'] as const) wordsFromTable(f, answer, `field.${id}.${f.key}.${answer}`);
    if ('placeholder' in f && f.placeholder !== undefined) wordsFromTable(f, 'placeholder', `field.${id}.${f.key}.placeholder`);
    if (f.type === 'choice') for (const o of f.options) if (o.description !== undefined) wordsFromTable(o, 'description', `field.${id}.${f.key}.${o.value}`);
  }
}

export const KIND_LIST: readonly KindDef[] = KIND_IDS.map((id) => KINDS[id] as KindDef);

export function isKindId(value: unknown): value is KindId {
  return typeof value === 'string' && (KIND_IDS as readonly string[]).includes(value);
}
