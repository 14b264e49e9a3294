import { url as urlSchema } from './fields';
import { plainWords } from './validation';
import { msg } from './messages';

/**
 * Evidence links as typed into a prompt: several on one line separated by spaces (or commas), a
 * web address without its scheme (`github.com/acme/x/pull/1`) completed with `https://`. A problem
 * quotes the item as typed, so with three links on a line the user sees which one is wrong.
 */

export type LinksReading =
  | {
      readonly ok: true;
      /** The links to save, in order, duplicates dropped. */
      readonly urls: readonly string[];
      /** The items completed with `https://`, as they will be saved. */
      readonly completed: readonly string[];
    }
  | { readonly ok: false; readonly problem: string };

/** A host name with a dot (`github.com`, `www.example.org:8080`) at the start of a scheme-less address. */
const BARE_HOST = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?::\d{1,5})?(?:[/?#]|$)/u;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Quotes user text for a message, cut to a readable length. */
export function quoted(text: string, max = 60): string {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `“${t}”`;
}

/** One item: the URL to save (completed with https:// when it had no scheme), or the problem with it. */
export function readLink(item: string): { url: string; completed: boolean } | { problem: string } {
  const t = item.trim();
  // `www.example.com:8080/x` looks like a scheme to a URL parser; a bare host takes precedence.
  const bare = BARE_HOST.test(t) && !t.startsWith('//');
  const candidate = !bare && HAS_SCHEME.test(t) ? t : bare ? `https://${t}` : t;
  const result = urlSchema.safeParse(candidate, { error: plainWords });
  if (result.success) return { url: result.data, completed: candidate !== t };
  if (HAS_SCHEME.test(t) && !bare) return { problem: msg('link.notWeb', quoted(t)) };
  return { problem: msg('link.notAddress', quoted(t)) };
}

/** Splits a line of links on spaces and commas (a comma inside an address stays). */
export function splitLinks(text: string): string[] {
  return text
    .split(/\s+/)
    .flatMap((part) => part.split(/,(?=[a-z][a-z0-9+.-]*:|www\.|$)/i))
    .map((p) => p.replace(/[,;]+$/, ''))
    .filter((p) => p !== '');
}

/** Reads a typed line of links; the first bad item makes the problem. Empty text reads as no links. */
export function readLinks(text: string): LinksReading {
  const urls: string[] = [];
  const completed: string[] = [];
  for (const item of splitLinks(text)) {
    const read = readLink(item);
    if ('problem' in read) return { ok: false, problem: read.problem };
    if (!urls.includes(read.url)) urls.push(read.url);
    if (read.completed) completed.push(read.url);
  }
  return { ok: true, urls, completed };
}
