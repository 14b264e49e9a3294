import { z } from 'zod';
import './zodConfig';
import { parseMoment, toIso } from './time';
import { msg } from './messages';

/** Reusable zod building blocks shared by the entry schemas, the prompts and the import format. */

/**
 * Replaces lone UTF-16 surrogates (text cut in the middle of an emoji, or crafted input) by U+FFFD,
 * as SQLite's UTF-8 storage would: what is accepted is exactly what is stored and read back.
 */
export const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Free text on one line (newlines become spaces), trimmed, bounded. */
export const oneLine = (max: number) =>
  z
    .string()
    .transform((s) => wellFormed(s).replace(/[\r\n\u2028\u2029]+/g, ' ').trim())
    .pipe(z.string().max(max));

/** Free text that may span lines (Markdown), trimmed at the ends, bounded. */
export const multiLine = (max: number) =>
  z
    .string()
    .transform((s) => wellFormed(s).replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max));

export const TITLE_MAX = 300;
export const title = oneLine(TITLE_MAX).pipe(z.string().min(1, { error: () => msg('validation.notEmpty') }));

/** A moment: ISO-8601 date-time or YYYY-MM-DD (local). Normalised to an ISO UTC string. */
export const moment = z.string().transform((s, ctx) => {
  const ms = parseMoment(s);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: msg('check.moment') });
    return z.NEVER;
  }
  return toIso(ms);
});

/** Stored instants must already be normalised ISO UTC strings. */
export const instant = z.iso.datetime({ offset: false, error: () => msg('check.instant') });

export const TAG_MAX = 40;
export const normaliseTag = (t: string) => wellFormed(t).normalize('NFC').trim().replace(/^#+/, '').replace(/\s+/g, '-').toLowerCase();
const tag = z
  .string()
  .transform(normaliseTag)
  .pipe(z.string().min(1, { error: () => msg('validation.notEmpty') }).max(TAG_MAX).regex(/^[^,]+$/, { error: () => msg('check.noComma') }));

/** Tags: a list or a comma-separated string; trimmed, case-folded, '#' dropped, unique, in order. */
export const tags = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter((t) => t.trim() !== '') : v),
  z.array(tag).max(30).transform((list) => [...new Set(list)]),
);

/** An evidence link; only http and https. */
export const url = z.string().trim().transform(wellFormed).refine(
  (s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  },
  { error: () => msg('check.url') },
);

export type Link = { url: string; label?: string | undefined };
export const link = z.preprocess((v) => (typeof v === 'string' ? { url: v } : v), z.strictObject({ url, label: oneLine(200).optional() }));

/** Links: one URL, one { url, label }, or a list of either; duplicates dropped. */
export const links = z.preprocess(
  (v) => (typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)) ? [v] : v),
  z
    .array(link)
    .max(20)
    .transform((list) => {
      const seen = new Set<string>();
      return list.filter((l) => (seen.has(l.url) ? false : (seen.add(l.url), true)));
    }),
);

export const IMPACT_LEVELS = ['low', 'medium', 'high'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];
export const impact = z.enum(IMPACT_LEVELS);

/** Where an entry came from when not from the log commands: `chat` = the chat tool (src/ui/chat). */
export const ENTRY_SOURCES = ['chat'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/** Automatically captured context; every part optional. */
export const context = z.strictObject({
  workspaceFolder: oneLine(200).optional(),
  repo: oneLine(300).optional(),
  branch: oneLine(200).optional(),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/i, { error: () => msg('check.commit') }).optional(),
  file: oneLine(1000).optional(),
  startLine: z.number().int().min(1).optional(),
  endLine: z.number().int().min(1).optional(),
  source: z.enum(ENTRY_SOURCES).optional(),
});
export type EntryContext = z.output<typeof context>;

/** Minutes saved (positive) or lost (negative); -0 is read as 0, so what is stored reads back the same. */
export const minutes = z.number().int().min(-100_000).max(100_000).transform((n) => (n === 0 ? 0 : n));
