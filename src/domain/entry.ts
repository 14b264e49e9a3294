import { z } from 'zod';
import { context, type EntryContext, impact, type ImpactLevel, instant, type Link, links, moment, multiLine, tags, title } from './fields';
import { type FieldsByKind, KIND_IDS, KINDS, type KindId } from './kinds';
import { parseOrThrow } from './validation';
import { msg } from './messages';

/** Markdown details: bounded so that one entry cannot make the log unusable. */
export const DETAILS_MAX = 100_000;
const details = multiLine(DETAILS_MAX);

interface EntryCommon {
  readonly title: string;
  /** ISO-8601 UTC */
  readonly occurredAt: string;
  readonly details: string;
  readonly tags: readonly string[];
  readonly links: readonly Link[];
  readonly impact: ImpactLevel | null;
  readonly context: EntryContext;
}

/** What a caller hands the store to create an entry (already validated). */
export type NewEntry = { [K in KindId]: EntryCommon & { readonly kind: K; readonly fields: FieldsByKind[K] } }[KindId];

/** An entry as stored. */
export type Entry = { [K in KindId]: EntryCommon & {
  readonly kind: K;
  readonly fields: FieldsByKind[K];
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Soft-delete time; null while the entry is live. */
  readonly deletedAt: string | null;
} }[KindId];

export type EntryOf<K extends KindId> = Extract<Entry, { kind: K }>;

const commonShape = {
  title,
  occurredAt: moment,
  details: details.default(''),
  tags: tags.default([]),
  links: links.default([]),
  impact: impact.nullable().default(null),
  context: context.default({}),
};

/** A stored entry, as read back from the database or an import file. */
const storedEntryVariants = KIND_IDS.map((kind) =>
  z.strictObject({
    id: z.uuid({ error: () => msg('check.uuid') }),
    kind: z.literal(kind),
    ...commonShape,
    occurredAt: instant,
    fields: KINDS[kind].schema as z.ZodType<FieldsByKind[typeof kind]>,
    createdAt: instant,
    updatedAt: instant,
    deletedAt: instant.nullable().default(null),
  }),
);
export const storedEntrySchema = z
  .discriminatedUnion('kind', storedEntryVariants as unknown as [z.ZodObject, ...z.ZodObject[]], {
    error: (iss) => (iss.input === undefined ? msg('validation.required') : msg('validation.oneOf', KIND_IDS.join(', '))),
  })
  .superRefine((v, ctx) => checkCrossFields(v as unknown as { kind: KindId; fields: Record<string, unknown> }, ctx)) as unknown as z.ZodType<Entry>;

const commonInputKeys = ['title', 'occurredAt', 'details', 'tags', 'links', 'impact', 'context'] as const;

/**
 * The flat argument object a log command accepts, e.g. for `impactLog.logAiAssist`:
 * `{ "title": "...", "verdict": "discarded", "reason": "insecure", "tags": ["auth"] }`.
 * Unknown fields are rejected so that a typo does not silently drop data.
 */
export function newEntryInputSchema(kind: KindId) {
  const fieldsShape = (KINDS[kind].schema as unknown as z.ZodObject).shape;
  return z
    .strictObject({ ...commonShape, occurredAt: moment.optional(), ...fieldsShape })
    .superRefine((v, ctx) => checkCrossFields({ kind, fields: v }, ctx));
}

export type NewEntryInput = Record<string, unknown> & { title: string };

/** Parses a flat input object into a NewEntry; throws ValidationError naming the field. */
export function parseNewEntry(kind: KindId, input: unknown, now: number = Date.now(), extraContext: EntryContext = {}): NewEntry {
  const parsed = parseOrThrow(newEntryInputSchema(kind), input, `${KINDS[kind].label}`) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(commonInputKeys as readonly string[]).includes(k) && v !== undefined) fields[k] = v;
  }
  return {
    kind,
    title: parsed.title as string,
    occurredAt: (parsed.occurredAt as string | undefined) ?? new Date(now).toISOString(),
    details: parsed.details as string,
    tags: parsed.tags as string[],
    links: parsed.links as Link[],
    impact: parsed.impact as ImpactLevel | null,
    context: { ...extraContext, ...(parsed.context as EntryContext) },
    fields,
  };
}

/**
 * An edit: any common field and any of the kind's fields; a field set to null is cleared
 * (title cannot be cleared). Flat like the log arguments, plus the entry `id`.
 */
export function entryPatchSchema(kind: KindId) {
  const fieldsShape = (KINDS[kind].schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  const clearable = Object.fromEntries(Object.entries(fieldsShape).map(([k, s]) => [k, ((s as z.ZodOptional).unwrap() as z.ZodType).nullable().optional()]));
  return z.strictObject({
    title: title.optional(),
    occurredAt: moment.optional(),
    details: details.optional(),
    tags: tags.optional(),
    links: links.optional(),
    impact: impact.nullable().optional(),
    ...clearable,
  });
}

export interface EntryPatch {
  readonly title?: string;
  readonly occurredAt?: string;
  readonly details?: string;
  readonly tags?: readonly string[];
  readonly links?: readonly Link[];
  readonly impact?: ImpactLevel | null;
  /** Kind fields to set (value) or clear (null). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** Parses a flat edit object for an entry of `kind`; throws ValidationError naming the field. */
export function parsePatch(kind: KindId, input: unknown): EntryPatch {
  const parsed = parseOrThrow(entryPatchSchema(kind), input, msg('what.edit')) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v === undefined) continue;
    if ((commonInputKeys as readonly string[]).includes(k)) patch[k] = v;
    else fields[k] = v;
  }
  if (Object.keys(fields).length > 0) patch.fields = fields;
  return patch;
}

/** Applies a patch to an entry, returning the new entry (validated again as a whole). */
export function applyPatch(entry: Entry, patch: EntryPatch, now: number): Entry {
  const fields: Record<string, unknown> = { ...entry.fields };
  for (const [k, v] of Object.entries(patch.fields ?? {})) {
    if (v === null) delete fields[k];
    else fields[k] = v;
  }
  const { fields: _f, ...common } = patch;
  const next = { ...entry, ...common, fields, updatedAt: new Date(Math.max(now, Date.parse(entry.updatedAt) + 1)).toISOString() };
  return parseOrThrow(storedEntrySchema, next, msg('what.edit'));
}

/** Rules that span fields of one kind (e.g. a fix cannot come before the problem was found). */
function checkCrossFields(v: { kind: KindId; fields: Record<string, unknown> }, ctx: z.RefinementCtx<unknown>): void {
  if (v.kind === 'problem') {
    const f = v.fields;
    const a = typeof f.identifiedAt === 'string' ? Date.parse(f.identifiedAt) : NaN;
    const b = typeof f.resolvedAt === 'string' ? Date.parse(f.resolvedAt) : NaN;
    if (a > b) ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: msg('check.resolvedBeforeIdentified') });
  }
}

/** True if the entry has at least one evidence link. */
export const hasEvidence = (e: Pick<Entry, 'links'>): boolean => e.links.length > 0;
