import { z } from 'zod';
import { tags } from './fields';
import { KIND_IDS, KINDS, type KindId } from './kinds';
import { periodDate } from './periods';
import { parseOrThrow } from './validation';
import { msg } from './messages';

/**
 * What the timeline shows: entries of any of `kinds`, carrying any of `tags`, matching all words of
 * `text`, and dated `from`–`to` (local days, both included) when a range is given. Empty parts match everything.
 */
export interface TimelineFilter {
  readonly kinds: readonly KindId[];
  readonly tags: readonly string[];
  readonly text: string;
  /** First day shown, `YYYY-MM-DD` (with `to`). */
  readonly from?: string;
  /** Last day shown, `YYYY-MM-DD`, included (with `from`). */
  readonly to?: string;
}

export const EMPTY_FILTER: TimelineFilter = { kinds: [], tags: [], text: '' };

export const FILTER_TEXT_MAX = 200;

/** Search text: one line, bounded, and (when not empty) with at least one letter or digit to search for. */
export const filterText = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .max(FILTER_TEXT_MAX)
      .refine((s) => s === '' || /[\p{L}\p{N}]/u.test(s), { error: () => msg('check.searchText') }),
  );

/** A filter as a command argument, e.g. `{ "kinds": ["ai-assist"], "tags": ["auth"], "text": "sql injection", "from": "2026-07-01", "to": "2026-07-31" }`. */
export const timelineFilterSchema = z
  .strictObject({
    kinds: z
      .array(z.enum(KIND_IDS))
      .transform((list) => [...new Set(list)])
      .default([]),
    tags: tags.default([]),
    text: filterText.default(''),
    from: periodDate.optional(),
    to: periodDate.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.from === undefined) !== (v.to === undefined)) ctx.addIssue({ code: 'custom', path: [v.from === undefined ? 'from' : 'to'], message: msg('arg.requiredWith', v.from === undefined ? 'to' : 'from') });
    else if (v.from !== undefined && v.to !== undefined && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: msg('arg.notBeforeFrom') });
  });

/** Validates a filter argument; throws ValidationError naming the field. */
export function parseFilter(input: unknown): TimelineFilter {
  return parseOrThrow(timelineFilterSchema, input, msg('what.timelineFilter'));
}

export function isFilterActive(f: TimelineFilter): boolean {
  return f.kinds.length > 0 || f.tags.length > 0 || f.text !== '' || filterRange(f) !== undefined;
}

/** The filter's days as epoch ms, local midnight to the midnight after `to`; undefined without a range. */
export function filterRange(f: TimelineFilter): { from: number; to: number } | undefined {
  if (f.from === undefined || f.to === undefined) return undefined;
  const day = (s: string, plus: number) => new Date(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)) + plus).getTime();
  return { from: day(f.from, 0), to: day(f.to, 1) };
}

/** `span` limited to the filter's range (an empty span, from = to, when they do not meet). */
export function clipToFilter<T extends { from: number; to: number }>(f: TimelineFilter, span: T): { from: number; to: number } {
  const r = filterRange(f);
  if (!r) return { from: span.from, to: span.to };
  const from = Math.max(span.from, r.from);
  return { from, to: Math.max(from, Math.min(span.to, r.to)) };
}

/** The filter in a few words for the view's description: `AI assist, Note · #auth · “sql”`. */
export function describeFilter(f: TimelineFilter): string {
  const parts: string[] = [];
  if (f.kinds.length > 0) parts.push(f.kinds.map((k) => KINDS[k].label).join(', '));
  if (f.tags.length > 0) parts.push(f.tags.map((t) => `#${t}`).join(', '));
  if (f.text !== '') parts.push(`“${f.text}”`);
  if (f.from !== undefined && f.to !== undefined) parts.push(f.from === f.to ? f.from : `${f.from} to ${f.to}`);
  return parts.join(' · ');
}

/** The filter as the store's query parts (empty parts left out; the date range is applied with `clipToFilter`). */
export function filterQuery(f: TimelineFilter): { kinds?: readonly KindId[]; tags?: readonly string[]; text?: string } {
  return {
    ...(f.kinds.length > 0 ? { kinds: f.kinds } : {}),
    ...(f.tags.length > 0 ? { tags: f.tags } : {}),
    ...(f.text !== '' ? { text: f.text } : {}),
  };
}
