import { z } from 'zod';
import { backupNowArgument, restoreBackupArgument } from './backupArgs';
import { entryPatchSchema, type EntryPatch, newEntryInputSchema, parsePatch } from './entry';
import { exportDataArgument, type ExportDataArgument, exportSummaryArgument, type ExportSummaryArgument, importDataArgument, periodOf } from './exportArgs';
import { parseFilter, type TimelineFilter, timelineFilterSchema } from './filter';
import { title } from './fields';
import { excludeArgument, followUpArgument, snoozeArgument } from './followUps';
import { showInsightsArgument } from './insights';
import { KIND_IDS, KIND_LIST, KINDS, type KindId, isKindId } from './kinds';
import { acceptSuggestionArgument, dismissSuggestionArgument, suggestFromGitArgument } from './suggestions';
import { plainWords, problemsOf, ValidationError } from './validation';
import { msg } from './messages';

/**
 * What a command does with an argument object (from a keybinding, a task, another extension or a
 * test), decided before anything is shown: refuse it (with the fields named), ask for what it does
 * not cover, or run with it. A value of the wrong type for a key the command knows is always
 * refused: it is never dropped and then asked for.
 */
export type ArgDecision<T> =
  | { readonly action: 'refuse'; readonly error: ValidationError }
  | { readonly action: 'ask'; readonly value: T }
  | { readonly action: 'run'; readonly value: T };


const refuse = (error: ValidationError) => ({ action: 'refuse', error }) as const;

/** Parses with `schema`, or returns the refusal naming every field that is wrong. */
function parsed<S extends z.ZodType>(schema: S, given: unknown, what = msg('what.commandArgument')): { ok: true; value: z.output<S> } | { ok: false; error: ValidationError } {
  const r = schema.safeParse(given, { error: plainWords });
  return r.success ? { ok: true, value: r.data } : { ok: false, error: new ValidationError(what, problemsOf(r.error)) };
}

/** The argument without keys whose value is `undefined` (JSON cannot even say it; a caller in code can). */
function defined(given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}

// ---- log ----------------------------------------------------------------------------------

export interface LogPlan {
  /** The kind, when the command or the argument fixed it. */
  readonly kind: KindId | undefined;
  /** The entry's fields from the argument (without `kind`); `ask` prompts only for the others. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The problems of a partial argument for `kind`: only about keys it gives (the rest is still to be asked). */
function partialProblems(kind: KindId, fields: Readonly<Record<string, unknown>>): ValidationError | undefined {
  // The title is asked when it is missing; a title that is there is checked like every other key.
  const probe = 'title' in fields ? fields : { ...fields, title: 'title' };
  const r = newEntryInputSchema(kind).safeParse(probe, { error: plainWords });
  if (r.success) return undefined;
  const issues = r.error.issues.filter((i) => i.code === 'unrecognized_keys' || (typeof i.path[0] === 'string' && i.path[0] in fields));
  return issues.length === 0 ? undefined : new ValidationError(KINDS[kind].label, problemsOf(new z.ZodError(issues)));
}

const knownKeys = (kind: KindId): Set<string> => new Set(Object.keys(newEntryInputSchema(kind).shape));

/**
 * `impactLog.log`, `impactLog.log<Kind>` and `impactLog.logFromSelection`: with a kind and a title
 * the entry is logged straight away (the whole argument validated); otherwise what the argument
 * gives is validated first and only the rest is asked. `fixedKind` is the command's own kind.
 */
export function decideLog(fixedKind: KindId | undefined, given: Readonly<Record<string, unknown>>): ArgDecision<LogPlan> {
  const fields = defined(given);
  let kind = fixedKind;
  if ('kind' in fields) {
    if (fixedKind !== undefined && fields.kind !== fixedKind) return refuse(new ValidationError(msg('what.commandArgument'), [{ field: 'kind', problem: msg('arg.kindForCommand', fixedKind) }]));
    if (!isKindId(fields.kind)) return refuse(new ValidationError(msg('what.commandArgument'), [{ field: 'kind', problem: msg('validation.oneOf', KIND_IDS.join(', ')) }]));
    kind = fields.kind;
    delete fields.kind;
  }
  if (kind !== undefined) {
    if (typeof fields.title === 'string') {
      const r = parsed(newEntryInputSchema(kind), fields, KINDS[kind].label);
      return r.ok ? { action: 'run', value: { kind, fields } } : refuse(r.error);
    }
    const problem = partialProblems(kind, fields);
    return problem ? refuse(problem) : { action: 'ask', value: { kind, fields } };
  }
  // The kind is still to be picked: some kind must accept every key and value given. A refusal is
  // worded for the kind that knows the most of the keys given (so "verdict" is judged as an AI
  // assist's verdict, and a typo is an unknown field).
  const keys = Object.keys(fields);
  const ranked = [...KIND_LIST].map((d) => ({ id: d.id, known: keys.filter((k) => knownKeys(d.id).has(k)).length })).sort((a, b) => b.known - a.known);
  let first: ValidationError | undefined;
  for (const { id } of ranked) {
    const problem = partialProblems(id, fields);
    if (!problem) return { action: 'ask', value: { kind: undefined, fields } };
    first ??= problem;
  }
  return refuse(first!);
}

// ---- edit ---------------------------------------------------------------------------------

const entryId = z.uuid({ error: () => msg('arg.entryId') });
const editArgument = z.looseObject({ id: entryId });

export interface EditPlan {
  readonly id: string;
  /** The changes to save (run); absent when the entry is to be edited in the prompts (ask). */
  readonly patch?: EntryPatch;
}

/**
 * `impactLog.editEntry { id, ...changes }`: changes are saved with no prompt (null clears a
 * field); `{ id }` alone opens the prompts on that entry. `kindOf` names the kind of a live entry
 * (undefined when there is none with that id).
 */
export function decideEdit(given: Readonly<Record<string, unknown>>, kindOf: (id: string) => KindId | undefined): ArgDecision<EditPlan> {
  const r = parsed(editArgument, defined(given));
  if (!r.ok) return refuse(r.error);
  const { id, ...changes } = r.value;
  const kind = kindOf(id);
  if (kind === undefined) return refuse(new ValidationError(msg('what.commandArgument'), [{ field: 'id', problem: msg('arg.noSuchEntry', id) }]));
  if (Object.keys(changes).length === 0) return { action: 'ask', value: { id } };
  try {
    return { action: 'run', value: { id, patch: parsePatch(kind, changes) } };
  } catch (err) {
    if (err instanceof ValidationError) return refuse(err);
    throw err;
  }
}

// ---- delete, entry commands -----------------------------------------------------------------

export const deleteArgument = z
  .strictObject({
    id: entryId.optional(),
    ids: z.array(entryId).min(1).max(10_000).optional(),
    /** The Delete key in the timeline: act on the view's selection (keybindings pass no tree node). */
    timelineSelection: z.literal(true, { error: () => msg('arg.trueOrLeftOut') }).optional(),
  })
  .refine((v) => [v.id, v.ids, v.timelineSelection].filter((x) => x !== undefined).length === 1, { error: () => msg('arg.oneTarget'), path: ['id'] });

export type DeletePlan = { readonly ids: readonly string[] } | { readonly timelineSelection: true };

/** `impactLog.deleteEntry { id } | { ids } | { timelineSelection: true }`: never asks. */
export function decideDelete(given: Readonly<Record<string, unknown>>): ArgDecision<DeletePlan> {
  const r = parsed(deleteArgument, defined(given));
  if (!r.ok) return refuse(r.error);
  const v = r.value;
  return { action: 'run', value: v.timelineSelection ? { timelineSelection: true } : { ids: v.ids ?? [v.id!] } };
}

/** `{ "id": "<entry uuid>" }`: how a keybinding or a test names an entry instead of a tree node. */
export const entryArgument = z.strictObject({ id: entryId });

/** The timeline's one-entry commands (open links, copy, follow-up) given `{ id }`: never ask. */
export function decideEntry(given: Readonly<Record<string, unknown>>): ArgDecision<{ readonly id: string }> {
  const r = parsed(entryArgument, defined(given));
  return r.ok ? { action: 'run', value: r.value } : refuse(r.error);
}

/** `impactLog.renameEntry { id }` asks for the new title; `{ id, title }` renames without asking. */
export const renameArgument = z.strictObject({ id: entryId, title: title.optional() });

export function decideRename(given: Readonly<Record<string, unknown>>): ArgDecision<{ readonly id: string; readonly title?: string | undefined }> {
  const r = parsed(renameArgument, defined(given));
  if (!r.ok) return refuse(r.error);
  return { action: r.value.title === undefined ? 'ask' : 'run', value: r.value };
}

// ---- filter, export, import, backup ---------------------------------------------------------

/** `impactLog.filterTimeline { kinds, tags, text }`: sets the filter, never asks. */
export function decideFilter(given: Readonly<Record<string, unknown>>): ArgDecision<TimelineFilter> {
  try {
    return { action: 'run', value: parseFilter(defined(given)) };
  } catch (err) {
    if (err instanceof ValidationError) return refuse(err);
    throw err;
  }
}

/** `impactLog.exportSummary`: asks for the period only when the argument names neither a period nor a path. */
export function decideExportSummary(given: Readonly<Record<string, unknown>>): ArgDecision<ExportSummaryArgument> {
  const r = parsed(exportSummaryArgument, defined(given));
  if (!r.ok) return refuse(r.error);
  return { action: periodOf(r.value) || r.value.path ? 'run' : 'ask', value: r.value };
}

/** `impactLog.exportData`: asks (format, period, file) only when the argument gives no path. */
export function decideExportData(given: Readonly<Record<string, unknown>>): ArgDecision<ExportDataArgument> {
  const r = parsed(exportDataArgument, defined(given));
  if (!r.ok) return refuse(r.error);
  return { action: r.value.path === undefined ? 'ask' : 'run', value: r.value };
}

/** Commands whose argument object is parsed whole and never leads to a prompt for a field. */
function decideWhole<S extends z.ZodType>(schema: S): (given: Readonly<Record<string, unknown>>) => ArgDecision<z.output<S>> {
  return (given) => {
    const r = parsed(schema, defined(given));
    return r.ok ? { action: 'run', value: r.value } : refuse(r.error);
  };
}

export const decideImport = decideWhole(importDataArgument);
export const decideBackupNow = decideWhole(backupNowArgument);
/** `impactLog.showInsights`: a period or none (the default review period); never asks for a field. */
export const decideShowInsights = decideWhole(showInsightsArgument);
/** `impactLog.restoreBackup { path, confirm }`: the confirmation is a question about the restore, not about an argument. */
export const decideRestore = decideWhole(restoreBackupArgument);
/** Suggestions from Git (#16): parsed whole, never a prompt for a field. */
export const decideSuggestFromGit = decideWhole(suggestFromGitArgument);
export const decideAcceptSuggestion = decideWhole(acceptSuggestionArgument);
export const decideDismissSuggestion = decideWhole(dismissSuggestionArgument);

// ---- follow-ups ------------------------------------------------------------------------------

const followUpGiven = followUpArgument.partial({ id: true, outcome: true });
/** What a one-click outcome command (impactLog.followUpHeld, …) takes: the outcome is the command's own. */
const outcomeCommandArgument = followUpArgument.omit({ outcome: true }).partial({ id: true });

/**
 * `impactLog.followUp { id, outcome, note?, evidence?, incidentId?, checkpoint? }`: with an id and
 * an outcome it is written at once; otherwise what is given is checked first and the rest asked
 * (the entry, the outcome, a note).
 */
export function decideFollowUp(given: Readonly<Record<string, unknown>>): ArgDecision<z.output<typeof followUpGiven>> {
  const r = parsed(followUpGiven, defined(given), msg('followUp.entity'));
  if (!r.ok) return refuse(r.error);
  return { action: r.value.id !== undefined && r.value.outcome !== undefined ? 'run' : 'ask', value: r.value };
}

/** `impactLog.followUpHeld` and the other one-outcome commands `{ id, note?, … }`: asks for the entry only when there is no id. */
export function decideOutcomeCommand(given: Readonly<Record<string, unknown>>): ArgDecision<z.output<typeof outcomeCommandArgument>> {
  const r = parsed(outcomeCommandArgument, defined(given), msg('followUp.entity'));
  if (!r.ok) return refuse(r.error);
  return { action: r.value.id === undefined ? 'ask' : 'run', value: r.value };
}

/** `impactLog.snoozeFollowUp { id, days? }` and `impactLog.excludeFollowUp { id, excluded? }`: ask for the entry only when there is no id. */
function decideForEntry<S extends z.ZodObject>(schema: S, what: () => string): (given: Readonly<Record<string, unknown>>) => ArgDecision<Partial<z.output<S>>> {
  const partial = schema.partial({ id: true } as never);
  return (given) => {
    const r = parsed(partial, defined(given), what());
    if (!r.ok) return refuse(r.error);
    const value = r.value as Partial<z.output<S>> & { id?: string };
    return { action: value.id === undefined ? 'ask' : 'run', value };
  };
}
export const decideSnooze = decideForEntry(snoozeArgument, () => msg('what.snoozeFollowUp'));
export const decideExclude = decideForEntry(excludeArgument, () => msg('what.excludeFollowUp'));

/** The one-click outcome commands; each is impactLog.followUp with its outcome fixed. */
export const OUTCOME_COMMAND_IDS = ['impactLog.followUpHeld', 'impactLog.followUpReverted', 'impactLog.followUpCausedIncident', 'impactLog.followUpSuperseded', 'impactLog.followUpUnknown'] as const;

// ---- every command ----------------------------------------------------------------------------

/** One command's argument object: the schema of each key it covers, and its decision. */
export interface CommandArgumentSpec {
  readonly command: string;
  /** Each key the argument may have, and what it accepts. */
  readonly keys: Readonly<Record<string, z.ZodType>>;
  readonly decide: (given: Readonly<Record<string, unknown>>) => ArgDecision<unknown>;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  return { ...(schema as unknown as z.ZodObject).shape };
}

/** For a command that picks the kind later: a key accepts what any kind that has it accepts. */
function anyKindKeys(schemaOf: (kind: KindId) => z.ZodType): Record<string, z.ZodType> {
  const byKey = new Map<string, z.ZodType[]>();
  for (const kind of KIND_IDS) for (const [k, s] of Object.entries(shapeOf(schemaOf(kind)))) byKey.set(k, [...(byKey.get(k) ?? []), s]);
  return Object.fromEntries([...byKey].map(([k, list]) => [k, list.length === 1 ? list[0]! : z.union(list as [z.ZodType, z.ZodType, ...z.ZodType[]])]));
}

/**
 * Every command that takes an argument object, with its keys and its decision: the property test
 * (test/unit/commandArgs.test.ts) checks each key of each. `kindOf` is how an edit learns the kind
 * of the entry it names (the store, in the extension).
 */
export function commandArgumentSpecs(kindOf: (id: string) => KindId | undefined): CommandArgumentSpec[] {
  const kindless = { kind: z.enum(KIND_IDS), ...anyKindKeys(newEntryInputSchema) };
  return [
    { command: 'impactLog.log', keys: kindless, decide: (g) => decideLog(undefined, g) },
    { command: 'impactLog.logFromSelection', keys: kindless, decide: (g) => decideLog(undefined, g) },
    ...KIND_LIST.map((d) => ({ command: d.command, keys: { kind: z.literal(d.id), ...shapeOf(newEntryInputSchema(d.id)) }, decide: (g: Readonly<Record<string, unknown>>) => decideLog(d.id, g) })),
    { command: 'impactLog.editEntry', keys: { id: entryId, ...anyKindKeys(entryPatchSchema) }, decide: (g) => decideEdit(g, kindOf) },
    { command: 'impactLog.deleteEntry', keys: shapeOf(deleteArgument), decide: decideDelete },
    { command: 'impactLog.openEntry', keys: shapeOf(entryArgument), decide: decideEntry },
    { command: 'impactLog.openEntryLocation', keys: shapeOf(entryArgument), decide: decideEntry },
    { command: 'impactLog.renameEntry', keys: shapeOf(renameArgument), decide: decideRename },
    { command: 'impactLog.openEntryLinks', keys: shapeOf(entryArgument), decide: decideEntry },
    { command: 'impactLog.copyEntryAsMarkdown', keys: shapeOf(entryArgument), decide: decideEntry },
    { command: 'impactLog.logFollowUp', keys: shapeOf(entryArgument), decide: decideEntry },
    { command: 'impactLog.filterTimeline', keys: shapeOf(timelineFilterSchema), decide: decideFilter },
    { command: 'impactLog.exportSummary', keys: shapeOf(exportSummaryArgument), decide: decideExportSummary },
    { command: 'impactLog.exportData', keys: shapeOf(exportDataArgument), decide: decideExportData },
    { command: 'impactLog.importData', keys: shapeOf(importDataArgument), decide: decideImport },
    { command: 'impactLog.backupNow', keys: shapeOf(backupNowArgument), decide: decideBackupNow },
    { command: 'impactLog.showInsights', keys: shapeOf(showInsightsArgument), decide: decideShowInsights },
    { command: 'impactLog.restoreBackup', keys: shapeOf(restoreBackupArgument), decide: decideRestore },
    { command: 'impactLog.followUp', keys: shapeOf(followUpArgument), decide: decideFollowUp },
    ...OUTCOME_COMMAND_IDS.map((command) => ({ command, keys: shapeOf(outcomeCommandArgument), decide: decideOutcomeCommand })),
    { command: 'impactLog.snoozeFollowUp', keys: shapeOf(snoozeArgument), decide: decideSnooze },
    { command: 'impactLog.excludeFollowUp', keys: shapeOf(excludeArgument), decide: decideExclude },
    { command: 'impactLog.suggestFromGit', keys: shapeOf(suggestFromGitArgument), decide: decideSuggestFromGit },
    { command: 'impactLog.acceptSuggestion', keys: shapeOf(acceptSuggestionArgument), decide: decideAcceptSuggestion },
    { command: 'impactLog.dismissSuggestion', keys: shapeOf(dismissSuggestionArgument), decide: decideDismissSuggestion },
  ];
}

/** Throws the refusal; otherwise returns the decision (for command handlers). */
export function unlessRefused<T>(d: ArgDecision<T>): Exclude<ArgDecision<T>, { action: 'refuse' }> {
  if (d.action === 'refuse') throw d.error;
  return d;
}
