import { z } from 'zod';
import { tags } from './fields';
import { KIND_IDS, KINDS, type KindId } from './kinds';
import { parseOrThrow } from './validation';

/** What the timeline shows: entries of any of `kinds`, carrying any of `tags`, matching all words of `text`. Empty parts match everything. */
export interface TimelineFilter {
  readonly kinds: readonly KindId[];
  readonly tags: readonly string[];
  readonly text: string;
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
      .refine((s) => s === '' || /[\p{L}\p{N}]/u.test(s), { error: 'must contain a letter or a digit to search for' }),
  );

/** A filter as a command argument, e.g. `{ "kinds": ["ai-assist"], "tags": ["auth"], "text": "sql injection" }`. */
export const timelineFilterSchema = z.strictObject({
  kinds: z
    .array(z.enum(KIND_IDS))
    .transform((list) => [...new Set(list)])
    .default([]),
  tags: tags.default([]),
  text: filterText.default(''),
});

/** Validates a filter argument; throws ValidationError naming the field. */
export function parseFilter(input: unknown): TimelineFilter {
  return parseOrThrow(timelineFilterSchema, input, 'Timeline filter');
}

export function isFilterActive(f: TimelineFilter): boolean {
  return f.kinds.length > 0 || f.tags.length > 0 || f.text !== '';
}

/** The filter in a few words for the view's description: `AI assist, Note · #auth · “sql”`. */
export function describeFilter(f: TimelineFilter): string {
  const parts: string[] = [];
  if (f.kinds.length > 0) parts.push(f.kinds.map((k) => KINDS[k].label).join(', '));
  if (f.tags.length > 0) parts.push(f.tags.map((t) => `#${t}`).join(', '));
  if (f.text !== '') parts.push(`“${f.text}”`);
  return parts.join(' · ');
}

/** The filter as the store's query parts (empty parts left out). */
export function filterQuery(f: TimelineFilter): { kinds?: readonly KindId[]; tags?: readonly string[]; text?: string } {
  return {
    ...(f.kinds.length > 0 ? { kinds: f.kinds } : {}),
    ...(f.tags.length > 0 ? { tags: f.tags } : {}),
    ...(f.text !== '' ? { text: f.text } : {}),
  };
}
