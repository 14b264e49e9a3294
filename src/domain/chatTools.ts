import { z } from 'zod';
import './zodConfig';
import { type NewEntry, newEntryInputSchema, parseNewEntry } from './entry';
import type { EntryContext } from './fields';
import { timelineFilterSchema } from './filter';
import { type FieldDef, isKindId, KIND_IDS, KINDS, type KindId } from './kinds';
import { PERIOD_PRESETS, periodDate, type PeriodInput } from './periods';
import { type FieldProblem, parseOrThrow, ValidationError } from './validation';

/**
 * The chat tools' contract, without `vscode`: their names, their input schemas and how their input
 * is validated. `impactLog_logEntry` takes the argument object of `impactLog.log` (a `kind` and the
 * flat fields of that kind's log command); its JSON schema is generated from the very zod schemas
 * that validate those arguments (`newEntryInputSchema`), and package.json carries a copy that a
 * unit test compares (scripts/chat-tool-schemas.mjs rewrites it).
 */

export const LOG_ENTRY_TOOL = 'impactLog_logEntry';
export const FIND_ENTRIES_TOOL = 'impactLog_findEntries';
export const CHAT_TOOL_NAMES = [LOG_ENTRY_TOOL, FIND_ENTRIES_TOOL] as const;
export type ChatToolName = (typeof CHAT_TOOL_NAMES)[number];

export type JsonSchema = Record<string, unknown>;

/** A zod schema as the JSON schema of what it accepts (its input side), without the `$schema` marker. */
function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const COMMON_DESCRIPTIONS: Readonly<Record<string, string>> = {
  title: "One line in the user's own words (at most 300 characters): what they asked for, fixed, caught or shipped.",
  occurredAt: 'When it happened: YYYY-MM-DD or an ISO-8601 date and time. Leave it out for now.',
  details: "Longer notes in Markdown, only what the user said. Leave it out when they said nothing more.",
  tags: 'Tags the user named, e.g. ["auth", "oncall"].',
  links: 'Evidence the user pointed to (pull request, issue, commit), http or https only: [{ "url": "https://…", "label": "PR #42" }].',
  impact: 'low, medium or high, only when the user said how much it mattered.',
};

/** What a kind field means, for the model: its prompt label, when it applies, its values. */
function fieldDescription(kind: KindId, def: FieldDef): string {
  let text = `${kind}: ${def.label}`;
  if (def.type === 'choice') text += ` (${def.options.map((o) => (o.description ? `${o.value} = ${o.description.toLowerCase()}` : o.value)).join(', ')})`;
  if (def.type === 'moment') text += ' (YYYY-MM-DD or an ISO 8601 date-time)';
  if (def.type === 'boolean') text += ` (true = ${def.yes.toLowerCase()}, false = ${def.no.toLowerCase()})`;
  if (def.askIf) text += `; only when ${def.askIf.key} is ${def.askIf.oneOf.join(' or ')}`;
  return text;
}

/**
 * The JSON schema of `impactLog_logEntry`'s input: `kind` plus the union of every kind's log
 * arguments (without `context`, which Impact Log captures itself). A field two kinds share with
 * different values (`category`) lists both forms.
 */
export function logEntryJsonSchema(): JsonSchema {
  const forms = new Map<string, Map<string, JsonSchema>>();
  const notes = new Map<string, string[]>();
  for (const kind of KIND_IDS) {
    const properties = inputJsonSchema(newEntryInputSchema(kind)).properties as Record<string, JsonSchema>;
    for (const [key, schema] of Object.entries(properties)) {
      if (key === 'context') continue;
      const seen = forms.get(key) ?? new Map<string, JsonSchema>();
      seen.set(JSON.stringify(schema), schema);
      forms.set(key, seen);
      const def = KINDS[kind].fields.find((f) => f.key === key);
      if (def) notes.set(key, [...(notes.get(key) ?? []), fieldDescription(kind, def)]);
    }
  }
  const properties: Record<string, JsonSchema> = {
    kind: {
      type: 'string',
      enum: [...KIND_IDS],
      description: `Which kind of entry. ${KIND_IDS.map((k) => `${k}: ${KINDS[k].description}`).join('. ')}.`,
    },
  };
  for (const [key, seen] of forms) {
    const variants = [...seen.values()];
    const schema = variants.length === 1 ? variants[0]! : { anyOf: variants };
    const description = COMMON_DESCRIPTIONS[key] ?? `Only for the kind named. ${(notes.get(key) ?? []).join('; ')}.`;
    properties[key] = { ...schema, description };
  }
  return { type: 'object', properties, required: ['kind', 'title'], additionalProperties: false };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates `impactLog_logEntry`'s input with the log commands' schema for its kind and returns the
 * entry to write, marked `context.source = "chat"`; throws a ValidationError naming every bad field.
 */
export function parseChatLogEntry(input: unknown, now: number, captured: EntryContext = {}): NewEntry {
  if (!isPlainObject(input)) throw new ValidationError('Log entry', [{ field: '', problem: 'must be an object such as { "kind": "ai-assist", "title": "…" }' }]);
  const { kind, context: _context, ...rest } = input;
  const problems: FieldProblem[] = [];
  if ('context' in input) problems.push({ field: 'context', problem: 'is captured by Impact Log; leave it out' });
  if (!isKindId(kind)) {
    problems.push({ field: 'kind', problem: kind === undefined ? 'is required' : `must be one of: ${KIND_IDS.join(', ')}` });
    throw new ValidationError('Log entry', problems);
  }
  try {
    const entry = parseNewEntry(kind, rest, now, { ...captured, source: 'chat' });
    if (problems.length === 0) return entry;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    problems.push(...err.problems);
  }
  throw new ValidationError(KINDS[kind].label, problems);
}

export const FIND_LIMIT_DEFAULT = 30;
export const FIND_LIMIT_MAX = 100;

/** `impactLog_findEntries`' input: a review period and the timeline filter's parts, all optional. */
export const findEntriesInputSchema = z.strictObject({
  period: z.union([z.enum(PERIOD_PRESETS), z.strictObject({ from: periodDate, to: periodDate })]).optional(),
  kinds: timelineFilterSchema.shape.kinds,
  tags: timelineFilterSchema.shape.tags,
  text: timelineFilterSchema.shape.text,
  limit: z.number().int().min(1).max(FIND_LIMIT_MAX).default(FIND_LIMIT_DEFAULT),
});

const FIND_DESCRIPTIONS: Readonly<Record<string, string>> = {
  period:
    'A review period: thisQuarter, lastQuarter, thisHalf, lastHalf, yearToDate, last12Months, sinceLastExport (quarters and halves follow the fiscal year the user set), or { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }. Leave it out for all time.',
  kinds: `Only these kinds: ${KIND_IDS.join(', ')}. Leave it out for every kind.`,
  tags: 'Only entries carrying any of these tags.',
  text: 'Words that must all appear in the title, details or tags.',
  limit: `How many entries to return, newest first (1 to ${FIND_LIMIT_MAX}, default ${FIND_LIMIT_DEFAULT}).`,
};

/** The JSON schema of `impactLog_findEntries`' input, generated from `findEntriesInputSchema`. */
export function findEntriesJsonSchema(): JsonSchema {
  const schema = inputJsonSchema(findEntriesInputSchema);
  const properties = schema.properties as Record<string, JsonSchema>;
  return { ...schema, properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, { ...v, description: FIND_DESCRIPTIONS[k] }])) };
}

export interface FindEntriesInput {
  readonly period: PeriodInput | undefined;
  readonly kinds: readonly KindId[];
  readonly tags: readonly string[];
  readonly text: string;
  readonly limit: number;
}

/** Validates `impactLog_findEntries`' input; throws a ValidationError naming the field. */
export function parseFindEntries(input: unknown): FindEntriesInput {
  const v = parseOrThrow(findEntriesInputSchema, input ?? {}, 'Find entries');
  const period: PeriodInput | undefined = v.period === undefined ? undefined : typeof v.period === 'string' ? { preset: v.period } : v.period;
  return { period, kinds: v.kinds, tags: v.tags, text: v.text, limit: v.limit };
}
