import { z } from 'zod';
import { type Entry, storedEntrySchema } from '../domain/entry';
import { type FollowUp, followUpSchema, type FollowUpState, followUpStateSchema } from '../domain/followUps';
import { IMPORT_FORMAT, IMPORT_VERSION, keepOmitted, OMITTABLE_FIELDS, type OmittableField } from '../domain/importFormat';
import { instant } from '../domain/fields';
import { type FieldProblem, plainWords, problemsOf, ValidationError } from '../domain/validation';
import { msg, msgN } from '../domain/messages';
import { JsonShapeError, NotAnObjectError, readMembers } from './jsonMembers';

/**
 * Import of a large JSON export without holding it in memory: the file is read twice as a stream
 * of top-level members (./jsonMembers.ts), one entry at a time. The first pass validates everything (the same
 * schemas and file-level checks as `parseImportFile`) and writes nothing; the second merges the
 * entries in chunks, each chunk one transaction, yielding to the event loop between chunks, then
 * the follow-ups in one transaction. The merge is by id and `updatedAt`, so it is idempotent: an
 * import that was interrupted (a crash, a closed window) left whole chunks behind, and importing
 * the same file again completes it without changing what is already there.
 */

const what = (): string => msg('what.importFile');
/** How many problems an error message lists before "and N more" (as parseImportFile). */
const MAX_PROBLEMS = 8;
/** The top-level arrays read one element at a time; everything else at the top level is small. */
const ARRAYS = new Set(['entries', 'followUps', 'followUpStates']);

const headerSchema = z.strictObject({
  format: z.literal(IMPORT_FORMAT, { error: () => msg('import.notAnExport', IMPORT_FORMAT) }),
  version: z
    .number({ error: () => msg('validation.mustBe', msg('validation.number')) })
    .int()
    .min(1)
    .refine((v) => v <= IMPORT_VERSION, { error: () => msg('import.tooNew', IMPORT_VERSION) }),
  exportedAt: instant,
  period: z.strictObject({ name: z.string().max(200), from: z.string().max(10), to: z.string().max(10), timeZone: z.string().max(100) }).optional(),
  omitted: z.array(z.enum(OMITTABLE_FIELDS)).optional(),
});

type Visit = (where: string, index: number, value: unknown) => void | Promise<void>;

/**
 * Streams the file's JSON (src/export/jsonMembers.ts): calls `visit('header.<key>', -1, value)`
 * once per small top-level member, `visit('array.<key>', -1)` when one of the three arrays starts,
 * and `visit('entries', i, value)` etc. once per element of them. Awaits a visit that returns a
 * promise (backpressure).
 */
async function walk(path: string, visit: Visit, onBytes?: (bytes: number) => void): Promise<void> {
  try {
    await readMembers(
      path,
      ARRAYS,
      (e) => (e.kind === 'element' ? visit(e.key, e.index, e.value) : e.kind === 'array' ? visit(`array.${e.key}`, -1, undefined) : visit(`header.${e.key}`, -1, e.value)),
      onBytes,
    );
  } catch (err) {
    if (err instanceof NotAnObjectError) throw new ValidationError(what(), [{ field: '', problem: msg('import.notAnObject') }]);
    if (!(err instanceof JsonShapeError)) throw err;
    const where = err.detail ? msg('import.jsonDetailAt', err.detail, err.offset) : msg('import.jsonAt', err.offset);
    throw new ValidationError(what(), [{ field: '', problem: msg('import.notJson', where) }]);
  }
}

export interface ImportHeader {
  readonly exportedAt: string;
  readonly omitted: readonly OmittableField[];
  readonly entries: number;
  readonly followUps: number;
  readonly followUpStates: number;
}

/** The first pass: validates the whole file (every entry, follow-up and state, and the file-level rules) and writes nothing. */
export async function validateImportStream(path: string, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<ImportHeader> {
  const problems: FieldProblem[] = [];
  let more = 0;
  const problem = (p: FieldProblem) => (problems.length < MAX_PROBLEMS ? problems.push(p) : more++);
  const at = (prefix: string, field: string) => (field === '' ? prefix : field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`);
  const header: Record<string, unknown> = {};
  const ids = new Map<string, number>();
  const followUpIds = new Map<string, number>();
  const slots = new Map<string, number>();
  const states = new Map<string, number>();
  const pendingEntryRefs: { where: string; entryId: string }[] = [];
  let entries = 0;
  let followUps = 0;
  let followUpStates = 0;
  let sawFollowUps = false;
  let sawEntries = false;
  await walk(
    path,
    (where, i, value) => {
      if (signal?.aborted) throw new ImportCancelled(0);
      if (where.startsWith('array.')) {
        if (where === 'array.entries') sawEntries = true;
        else sawFollowUps = true;
        return;
      }
      if (where.startsWith('header.')) {
        const key = where.slice('header.'.length);
        if (ARRAYS.has(key)) problem({ field: key, problem: msg('validation.mustBe', msg('validation.array')) });
        else header[key] = value;
        return;
      }
      const prefix = `${where}[${i}]`;
      if (where === 'entries') {
        entries++;
        const r = storedEntrySchema.safeParse(value, { error: plainWords });
        if (!r.success) {
          for (const p of problemsOf(r.error)) problem({ field: at(prefix, p.field), problem: p.problem });
          return;
        }
        const first = ids.get(r.data.id);
        if (first !== undefined) problem({ field: `${prefix}.id`, problem: msg('import.repeatsEntryId', first) });
        else ids.set(r.data.id, i);
      } else if (where === 'followUps') {
        followUps++;
        const r = followUpSchema.safeParse(value, { error: plainWords });
        if (!r.success) {
          for (const p of problemsOf(r.error)) problem({ field: at(prefix, p.field), problem: p.problem });
          return;
        }
        const f = r.data;
        pendingEntryRefs.push({ where: `${prefix}.entryId`, entryId: f.entryId });
        const sameId = followUpIds.get(f.id);
        if (sameId !== undefined) problem({ field: `${prefix}.id`, problem: msg('import.repeatsFollowUpId', sameId) });
        else followUpIds.set(f.id, i);
        const slot = `${f.entryId}@${f.checkpoint}`;
        const sameSlot = slots.get(slot);
        if (sameSlot !== undefined) problem({ field: `${prefix}.checkpoint`, problem: msg('import.repeatsCheckpoint', sameSlot) });
        else slots.set(slot, i);
      } else {
        followUpStates++;
        const r = followUpStateSchema.safeParse(value, { error: plainWords });
        if (!r.success) {
          for (const p of problemsOf(r.error)) problem({ field: at(prefix, p.field), problem: p.problem });
          return;
        }
        pendingEntryRefs.push({ where: `${prefix}.entryId`, entryId: r.data.entryId });
        const same = states.get(r.data.entryId);
        if (same !== undefined) problem({ field: `${prefix}.entryId`, problem: msg('import.repeatsStateEntry', same) });
        else states.set(r.data.entryId, i);
      }
    },
    onProgress,
  );
  for (const ref of pendingEntryRefs) if (!ids.has(ref.entryId)) problem({ field: ref.where, problem: msg('import.notAnEntryOfFile') });
  const h = headerSchema.safeParse(header, { error: plainWords });
  const headerProblems = h.success ? [] : problemsOf(h.error);
  // Not an Impact Log export (or one from a newer version): name only that, as parseImportFile does.
  const headerOnly = headerProblems.filter((p) => p.field === 'format' || p.field === 'version');
  if (headerOnly.length > 0) throw new ValidationError(what(), headerOnly);
  if (!sawEntries) headerProblems.push({ field: 'entries', problem: msg('import.entriesRequired') });
  if (h.success && h.data.version === 1 && sawFollowUps) headerProblems.push({ field: 'version', problem: msg('import.version2') });
  const all = [...headerProblems, ...problems];
  if (all.length > 0) throw new ValidationError(what(), more > 0 || all.length > MAX_PROBLEMS ? [...all.slice(0, MAX_PROBLEMS), { field: '', problem: msgN(all.length - MAX_PROBLEMS + more, 'import.moreProblem', 'import.moreProblems') }] : all);
  return { exportedAt: h.data!.exportedAt, omitted: h.data!.omitted ?? [], entries, followUps, followUpStates };
}

/** What the merge writes to: the store's own merges (src/storage), one transaction per call. */
export interface ImportTarget {
  importEntries(entries: readonly Entry[]): { added: number; updated: number; skipped: number };
  get(id: string): Entry | undefined;
  importFollowUps(answers: readonly FollowUp[], states: readonly FollowUpState[]): { added: number; updated: number; skipped: number };
  getFollowUp(id: string): FollowUp | undefined;
}

/**
 * The import was cancelled (`signal`): `done` entries were merged, in whole chunks, before it
 * stopped. Importing the same file again completes it.
 */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
  constructor(readonly done: number) {
    super('cancelled');
  }
}

export interface StreamImportOptions {
  /**
   * Entries per transaction (default 250: ~40 ms of writing at 1M entries, so the event loop is
   * never held much longer; the import worker uses bigger ones, see ./importInWorker.ts).
   */
  readonly chunk?: number;
  /** Stops the merge before its next chunk (ImportCancelled). */
  readonly signal?: AbortSignal;
  /** Called after each chunk with the entries merged so far, and the total in the file. */
  readonly onProgress?: (done: number, total: number) => void;
  /** How to let the event loop run between chunks (default: setImmediate). */
  readonly yieldNow?: () => Promise<void>;
}

export interface StreamImportResult {
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
  readonly followUps?: { added: number; updated: number; skipped: number };
}

/** The second pass, after `validateImportStream` accepted the file: merges it chunk by chunk. */
export async function mergeImportStream(path: string, header: ImportHeader, target: ImportTarget, opts: StreamImportOptions = {}): Promise<StreamImportResult> {
  const chunk = opts.chunk ?? 250;
  const yieldNow = opts.yieldNow ?? (() => new Promise<void>((r) => setImmediate(r)));
  let batch: Entry[] = [];
  const answers: FollowUp[] = [];
  const states: FollowUpState[] = [];
  let added = 0;
  let updated = 0;
  let skipped = 0;
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    if (opts.signal?.aborted) throw new ImportCancelled(done);
    const entries = header.omitted.length === 0 ? batch : batch.map((e) => keepOmitted(e, target.get(e.id), header.omitted));
    const r = target.importEntries(entries);
    added += r.added;
    updated += r.updated;
    skipped += r.skipped;
    done += batch.length;
    batch = [];
    opts.onProgress?.(done, header.entries);
    await yieldNow();
  };
  await walk(path, async (where, _i, value) => {
    // Validated by the first pass: parsed again only to get the schema's output (defaults, normalised forms).
    if (where === 'entries') {
      batch.push(storedEntrySchema.parse(value));
      if (batch.length >= chunk) await flush();
    } else if (where === 'followUps') answers.push(followUpSchema.parse(value));
    else if (where === 'followUpStates') states.push(followUpStateSchema.parse(value));
  });
  await flush();
  if (opts.signal?.aborted) throw new ImportCancelled(done);
  if (answers.length === 0 && states.length === 0) return { added, updated, skipped };
  const links = header.omitted.includes('links');
  const details = header.omitted.includes('details');
  const kept =
    links || details
      ? answers.map((f) => {
          const mine = target.getFollowUp(f.id);
          if (!mine) return f;
          return { ...f, ...(details && mine.note !== undefined ? { note: mine.note } : {}), ...(links && mine.evidence !== undefined ? { evidence: mine.evidence } : {}) };
        })
      : answers;
  return { added, updated, skipped, followUps: target.importFollowUps(kept, states) };
}
