import { z } from 'zod';
import { type Entry, storedEntrySchema } from './entry';
import { instant } from './fields';
import { type FollowUp, followUpSchema, type FollowUpState, followUpStateSchema } from './followUps';
import { KINDS } from './kinds';
import { OMITTABLE_FIELDS } from './settings';
import { type FieldProblem, parseOrThrow, ValidationError } from './validation';
import { msg, msgN } from './messages';

/**
 * The import file: exactly what the JSON export writes (docs/EXPORT.md). The whole file is
 * validated before anything is written; problems name the entry by its index and the field
 * (`entries[3].fields.verdict must be one of: accepted, adapted, discarded`).
 */

export const IMPORT_FORMAT = 'impact-log';
/** The newest format version read; every older one is read too (1: no follow-ups). */
export const IMPORT_VERSION = 2;
/** Fields an export may leave out (setting impactLog.export.omitFields). */
export { OMITTABLE_FIELDS };
export type OmittableField = (typeof OMITTABLE_FIELDS)[number];
/** Which context keys each omittable context field covers. */
export const OMIT_CONTEXT_KEYS: Partial<Record<OmittableField, readonly string[]>> = {
  workspaceFolder: ['workspaceFolder'],
  repo: ['repo'],
  branch: ['branch'],
  commit: ['commit'],
  file: ['file', 'startLine', 'endLine'],
};
/** Larger files are refused before parsing (the log of a lifetime is a few MB). */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;
/** How many problems an error message lists before "and N more". */
const MAX_PROBLEMS = 8;

const header = z.object({
  format: z.literal(IMPORT_FORMAT, { error: () => msg('import.notAnExport', IMPORT_FORMAT) }),
  version: z
    .number({ error: () => msg('validation.mustBe', msg('validation.number')) })
    .int()
    .min(1)
    .refine((v) => v <= IMPORT_VERSION, { error: () => msg('import.tooNew', IMPORT_VERSION) }),
});

export const importFileSchema = z
  .strictObject({
    format: z.literal(IMPORT_FORMAT),
    version: z.union([z.literal(1), z.literal(2)]),
    exportedAt: instant,
    period: z.strictObject({ name: z.string().max(200), from: z.string().max(10), to: z.string().max(10), timeZone: z.string().max(100) }).optional(),
    omitted: z.array(z.enum(OMITTABLE_FIELDS)).optional(),
    entries: z.array(storedEntrySchema),
    followUps: z.array(followUpSchema).optional(),
    followUpStates: z.array(followUpStateSchema).optional(),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.entries.forEach((e, i) => {
      const first = seen.get(e.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: msg('import.repeatsEntryId', first) });
      else seen.set(e.id, i);
    });
    if (file.version === 1 && (file.followUps !== undefined || file.followUpStates !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: msg('import.version2') });
    }
    const ids = new Map<string, number>();
    const slots = new Map<string, number>();
    (file.followUps ?? []).forEach((f, i) => {
      if (!seen.has(f.entryId)) ctx.addIssue({ code: 'custom', path: ['followUps', i, 'entryId'], message: msg('import.notAnEntryOfFile') });
      const sameId = ids.get(f.id);
      if (sameId !== undefined) ctx.addIssue({ code: 'custom', path: ['followUps', i, 'id'], message: msg('import.repeatsFollowUpId', sameId) });
      else ids.set(f.id, i);
      const slot = `${f.entryId}@${f.checkpoint}`;
      const sameSlot = slots.get(slot);
      if (sameSlot !== undefined) ctx.addIssue({ code: 'custom', path: ['followUps', i, 'checkpoint'], message: msg('import.repeatsCheckpoint', sameSlot) });
      else slots.set(slot, i);
    });
    const states = new Map<string, number>();
    (file.followUpStates ?? []).forEach((s, i) => {
      if (!seen.has(s.entryId)) ctx.addIssue({ code: 'custom', path: ['followUpStates', i, 'entryId'], message: msg('import.notAnEntryOfFile') });
      const same = states.get(s.entryId);
      if (same !== undefined) ctx.addIssue({ code: 'custom', path: ['followUpStates', i, 'entryId'], message: msg('import.repeatsStateEntry', same) });
      else states.set(s.entryId, i);
    });
  });

export interface ImportFile {
  readonly exportedAt: string;
  readonly omitted: readonly OmittableField[];
  readonly entries: readonly Entry[];
  /** Empty for a version 1 file. */
  readonly followUps: readonly FollowUp[];
  readonly followUpStates: readonly FollowUpState[];
}

function limited(err: ValidationError): ValidationError {
  if (err.problems.length <= MAX_PROBLEMS) return err;
  const shown: FieldProblem[] = err.problems.slice(0, MAX_PROBLEMS);
  return new ValidationError(err.what, [...shown, { field: '', problem: msgN(err.problems.length - MAX_PROBLEMS, 'import.moreProblem', 'import.moreProblems') }]);
}

/** Parses and validates an import file's text. Throws a ValidationError naming what is wrong; returns only when every entry is valid. */
export function parseImportFile(text: string): ImportFile {
  const what = msg('what.importFile');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ValidationError(what, [{ field: '', problem: msg('import.notJson', err instanceof Error ? err.message : String(err)) }]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ValidationError(what, [{ field: '', problem: msg('import.notAnObject') }]);
  }
  parseOrThrow(header, data, what);
  try {
    const file = parseOrThrow(importFileSchema, data, what);
    return { exportedAt: file.exportedAt, omitted: file.omitted ?? [], entries: file.entries, followUps: file.followUps ?? [], followUpStates: file.followUpStates ?? [] };
  } catch (err) {
    throw err instanceof ValidationError ? limited(err) : err;
  }
}

/**
 * An export that left fields out carries none of them; when such an entry replaces one already in
 * the log, the log's own values of those fields are kept rather than wiped.
 */
export function keepOmitted(incoming: Entry, existing: Entry | undefined, omitted: readonly OmittableField[]): Entry {
  if (!existing || omitted.length === 0 || existing.kind !== incoming.kind) return incoming;
  const out: Record<string, unknown> = { ...incoming };
  if (omitted.includes('links')) out.links = existing.links;
  if (omitted.includes('tags')) out.tags = existing.tags;
  if (omitted.includes('details')) {
    out.details = existing.details;
    const fields: Record<string, unknown> = { ...incoming.fields };
    const old = existing.fields as Record<string, unknown>;
    for (const f of KINDS[incoming.kind].fields) if (f.type === 'longtext' && old[f.key] !== undefined) fields[f.key] = old[f.key];
    out.fields = fields;
  }
  const ctx: Record<string, unknown> = { ...incoming.context };
  const oldCtx = existing.context as Record<string, unknown>;
  for (const o of omitted) for (const k of OMIT_CONTEXT_KEYS[o] ?? []) if (oldCtx[k] !== undefined) ctx[k] = oldCtx[k];
  out.context = ctx;
  return out as unknown as Entry;
}

/** The entries to hand to the store's merge: fields the export left out are taken from the log's own copy of the entry. */
export function prepareImport(file: ImportFile, lookup: (id: string) => Entry | undefined): Entry[] {
  if (file.omitted.length === 0) return [...file.entries];
  return file.entries.map((e) => keepOmitted(e, lookup(e.id), file.omitted));
}

/**
 * The answers to hand to the store's merge: an export that left out links or details carries no
 * evidence or note; the log's own are kept when such an answer replaces one it has.
 */
export function prepareFollowUpImport(file: ImportFile, lookup: (id: string) => FollowUp | undefined): FollowUp[] {
  const links = file.omitted.includes('links');
  const details = file.omitted.includes('details');
  if (!links && !details) return [...file.followUps];
  return file.followUps.map((f) => {
    const mine = lookup(f.id);
    if (!mine) return f;
    return { ...f, ...(details && mine.note !== undefined ? { note: mine.note } : {}), ...(links && mine.evidence !== undefined ? { evidence: mine.evidence } : {}) };
  });
}
