import type { Entry } from '../domain';
import type { FollowUp, FollowUpState } from '../domain/followUps';
import type { Period } from '../domain/periods';
import { omitSet, stripOmitted } from './omit';

/**
 * The JSON export: every field of every entry (minus the ones the user chose to leave out), in a
 * versioned envelope that `impactLog.importData` reads back. Documented in docs/EXPORT.md and
 * described by docs/export.schema.json.
 */

export const EXPORT_FORMAT = 'impact-log';
/** 2: adds `followUps` and `followUpStates`; version 1 files are still imported. */
export const EXPORT_VERSION = 2;

export interface JsonExportOptions {
  readonly exportedAt: number;
  /** The period the entries were chosen from; absent for "everything". */
  readonly period?: Period | undefined;
  /** Names from `impactLog.export.omitFields`. */
  readonly omit?: readonly string[] | undefined;
  /** IANA time zone the period's dates are in; default: this process's. */
  readonly timeZone?: string | undefined;
  /** Follow-up answers and states of these entries (others are left out). */
  readonly followUps?: { readonly answers: readonly FollowUp[]; readonly states: readonly FollowUpState[] } | undefined;
}

export interface JsonExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly period?: { readonly name: string; readonly from: string; readonly to: string; readonly timeZone: string };
  readonly omitted?: readonly string[];
  readonly entries: readonly Record<string, unknown>[];
  readonly followUps: readonly FollowUp[];
  readonly followUpStates: readonly FollowUpState[];
}

/** An answer as exported: a note counts as details, evidence as a link (impactLog.export.omitFields). */
function exportedAnswer(f: FollowUp, o: { readonly links: boolean; readonly details: boolean }): FollowUp {
  const { note, evidence, ...rest } = f;
  return { ...rest, ...(note !== undefined && !o.details ? { note } : {}), ...(evidence !== undefined && !o.links ? { evidence } : {}) };
}

/** Keys in a fixed, readable order. */
const ORDER = ['id', 'kind', 'title', 'occurredAt', 'createdAt', 'updatedAt', 'deletedAt', 'impact', 'details', 'tags', 'links', 'context', 'fields'] as const;

export function toJsonExport(entries: readonly Entry[], opts: JsonExportOptions): JsonExport {
  const o = omitSet(opts.omit);
  const out: Record<string, unknown>[] = entries.map((e) => {
    const stripped = stripOmitted(e, o) as Record<string, unknown>;
    const ordered: Record<string, unknown> = {};
    for (const k of ORDER) if (k in stripped) ordered[k] = stripped[k];
    return ordered;
  });
  const ids = new Set(entries.map((e) => e.id));
  const timeZone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(opts.exportedAt).toISOString(),
    ...(opts.period ? { period: { name: opts.period.name, from: opts.period.fromDate, to: opts.period.toDate, timeZone } } : {}),
    ...(o.list.length > 0 ? { omitted: o.list } : {}),
    entries: out,
    followUps: (opts.followUps?.answers ?? []).filter((f) => ids.has(f.entryId)).map((f) => exportedAnswer(f, o)),
    followUpStates: (opts.followUps?.states ?? []).filter((f) => ids.has(f.entryId)),
  };
}

export function entriesToJson(entries: readonly Entry[], opts: JsonExportOptions): string {
  return `${JSON.stringify(toJsonExport(entries, opts), null, 2)}\n`;
}
