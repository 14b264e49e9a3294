import type { Link } from '../domain';
import { linkLabel } from './format';

/**
 * Markdown escaping of user text. Everything a person typed (titles, reasons, tags, link labels,
 * details) goes through one of these before it is put into a Markdown document, so that no text can
 * open a heading, a list, a table, a code span, emphasis, a link or raw HTML: what renders is what
 * was typed. The escapes are CommonMark backslash escapes (plus GFM's `\|` in tables), so the text
 * still reads naturally in the raw file and renders to exactly the characters typed. Characters that
 * change the direction of the text around them show as `<U+202E>` (see `showDirectionControls`).
 */

/**
 * Characters that reorder or re-direct the text around them: the bidirectional embeddings and
 * overrides U+202A–U+202E, the isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
 * In a title they can make an exported line display differently from what it says.
 */
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const DIRECTION_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const DIRECTION_NOTATION = /<U\+(061C|200E|200F|202[A-E]|206[6-9])>/g;

/**
 * User text for plain-text and CSV output: each direction control becomes its code point as
 * `<U+202E>`, visible and unable to reorder what follows. Everything else is kept. (JSON keeps the
 * text exactly; a Markdown export goes through `escapeInline`/`escapeBlock`, which do this too.)
 */
export function showDirectionControls(text: string): string {
  return DIRECTION_CONTROL.test(text) ? text.replace(DIRECTION_CONTROLS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`) : text;
}

/** The inverse of `showDirectionControls`, for a reader of the CSV export (a literal `<U+202E>` typed as such comes back as the character). */
export function restoreDirectionControls(text: string): string {
  return text.includes('<U+') ? text.replace(DIRECTION_NOTATION, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Characters that always get a backslash: escape itself, code spans, emphasis, links, HTML, tables, strikethrough, math. */
const ALWAYS = /[\\`*[\]<|~$]/g;
/** C0/C1 control characters other than tab and line breaks: they have no place in a document. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;
const WORD = /[\p{L}\p{N}]/u;
const ENTITY = /^&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/;

function escapeRun(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '_') {
      // An underscore between two letters or digits (snake_case) cannot open or close emphasis.
      const inWord = i > 0 && WORD.test(text[i - 1]!) && i + 1 < text.length && WORD.test(text[i + 1]!);
      out += inWord ? ch : '\\_';
    } else if (ch === '#') {
      // `#` matters at the start of a line (ATX heading) and as a heading's closing sequence (` ##` at the end).
      out += i === 0 || (/\s/.test(text[i - 1]!) && /^#+\s*$/.test(text.slice(i))) ? '\\#' : ch;
    } else if (ch === '>' && i === 0) {
      // a block quote at the start of a line; elsewhere `>` is plain (`<` is always escaped)
      out += '\\>';
    } else if (ch === ':' && text.startsWith('//', i + 1)) {
      // `scheme://` would become a GFM autolink; user text stays text (evidence links are separate).
      out += '\\:';
    } else if (ch === '.' && /(^|[^\p{L}\p{N}])www$/iu.test(text.slice(Math.max(0, i - 4), i))) {
      out += '\\.';
    } else if (ch === '@' && i > 0 && /[\p{L}\p{N}._+-]/u.test(text[i - 1]!) && /^@[\p{L}\p{N}-]+\./u.test(text.slice(i))) {
      // an e-mail address would become a mailto: link
      out += '\\@';
    } else if (ch === '&') {
      // Only an entity reference (`&amp;`, `&#60;`) would turn into another character.
      out += ENTITY.test(text.slice(i)) ? '\\&' : ch;
    } else out += ch;
  }
  return out;
}

/**
 * Characters and pairs that `escapeInline` might change anywhere in a text: a control character or
 * line break, a direction control, a tab, two spaces, a character of ALWAYS, `_ @ &`, `.` after `www`
 * and `:` before `//`.
 */
const MAY_CHANGE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\\`*[\]<|~$_@&]| {2}|[wW]{3}\.|:\/\//;
const SPACE = /\s/;

/**
 * Whether `escapeInline` might change the text: MAY_CHANGE, white space to trim, `#` or `>` at the
 * start, or `#` closing it. Most titles, tags and reasons are none of these and are returned as they
 * are, which saves five passes over the text (a summary escapes tens of thousands of strings).
 */
function mayChange(text: string): boolean {
  if (text === '') return false;
  const first = text[0]!;
  const last = text[text.length - 1]!;
  return MAY_CHANGE.test(text) || first === '#' || first === '>' || SPACE.test(first) || SPACE.test(last) || (last === '#' && /\s#+$/.test(text));
}

/**
 * User text for an inline context: a list item, a paragraph, a heading, emphasis, link text or a
 * table cell. Line breaks become spaces (an inline context has one line), runs of spaces collapse,
 * and every character with a Markdown meaning is escaped, including `|` so the text is safe in table
 * cells too. Direction controls show as `<U+202E>`.
 */
export function escapeInline(text: string): string {
  if (!mayChange(text)) return text;
  // Direction controls become `<U+202E>` first, so its `<` is escaped like any other.
  const flat = showDirectionControls(text.replace(CONTROL, '')).replace(LINE_BREAKS, ' ').replace(/[ \t]+/g, ' ').trim();
  return escapeRun(flat.replace(ALWAYS, (c) => `\\${c}`));
}

/** Starts of a line that would open a block: thematic break, list, heading, quote, setext underline, ordered list. Also for inline text that starts a list item (a title beginning "1. " would open a nested list). */
export function escapeLineStart(line: string): string {
  if (/^[-+=]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/**
 * Multi-line user text (details, the fix, follow-ups) as plain paragraphs: blank lines separate
 * paragraphs, single line breaks are kept as hard line breaks, indentation is dropped (it would make
 * a code block) and each line is escaped like inline text plus the markers that only matter at the
 * start of a line. The result is a sequence of paragraphs and nothing else.
 */
export function escapeBlock(text: string): string {
  const paragraphs = text
    .replace(CONTROL, '')
    .replace(LINE_BREAKS, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.replace(/[ \t]+/g, ' ').trim())
        .filter((l) => l !== '')
        .map((l) => escapeLineStart(escapeInline(l))),
    )
    .filter((lines) => lines.length > 0);
  // A trailing backslash is a hard line break.
  return paragraphs.map((lines) => lines.join('\\\n')).join('\n\n');
}

/** Indents every line of a block by `spaces` (to continue a list item). */
export function indent(block: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return block
    .split('\n')
    .map((l) => (l === '' ? '' : pad + l))
    .join('\n');
}

/** Characters kept as they are in a link destination; everything else is percent-encoded. */
const URL_SAFE = /[A-Za-z0-9\-._~:/?#@!$&+,;=%[\]*']/;
/** A destination made only of URL_SAFE characters (and no `&`, which may need a backslash) is kept as it is. */
const URL_ALL_SAFE = /^[A-Za-z0-9\-._~:/?#@!$+,;=%[\]*']*$/;

/**
 * A URL for a Markdown link destination `[text](here)`: normalised by the URL parser (spaces, `<`,
 * `>` and non-ASCII encoded), then every character that Markdown or a table could read (parentheses,
 * backslash, pipe, backtick, quotes) percent-encoded. Returns undefined for anything but http(s).
 */
export function linkDestination(raw: string, parsed?: URL | null): string | undefined {
  let href: string;
  try {
    // `parsed`: the caller's parse of `raw`, already trimmed (null when it did not parse), so a link is parsed once.
    const u = parsed === undefined ? new URL(raw.trim()) : parsed;
    if (u === null || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
    href = u.href;
  } catch {
    return undefined;
  }
  if (!href.includes('&') && URL_ALL_SAFE.test(href)) return href;
  let out = '';
  for (let i = 0; i < href.length; i++) {
    const ch = href[i]!;
    // An entity reference would be decoded inside a destination; a backslash keeps it literal.
    if (ch === '&' && ENTITY.test(href.slice(i))) out += '\\&';
    else if (URL_SAFE.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A Markdown link with escaped text; plain escaped text when the URL is not http(s). */
export function markdownLink(text: string, url: string, parsed?: URL | null): string {
  const dest = linkDestination(url, parsed);
  return dest === undefined ? escapeInline(text) : `[${escapeInline(text)}](${dest})`;
}

/**
 * An evidence link as a Markdown link: its label (`linkLabel`) and its destination
 * (`linkDestination`) from one parse of the address when it needs both.
 */
export function linkMarkdown(link: Link): string {
  if (link.label || link.url !== link.url.trim()) return markdownLink(linkLabel(link), link.url);
  let u: URL | null;
  try {
    u = new URL(link.url);
  } catch {
    u = null;
  }
  return markdownLink(linkLabel(link, u), link.url, u);
}
