import type { PlainBlock, PlainOptions } from './plainTypes';

/**
 * A fast reading of the Markdown the summary renderers write (headings, paragraphs, `- ` bullets
 * with hard-break continuation lines, pipe tables; inline: backslash escapes, `[text](url)` links,
 * `**strong**`, user text escaped by `escapeInline`), ten times quicker than a full parser on a
 * year of entries. It gives exactly what plainText.ts gets from marked, and gives up (returns
 * undefined) on anything outside that shape, so the caller falls back to marked. A unit test
 * compares the two on every template, on hostile text and on generated titles.
 */

const PUNCT = /[!-/:-@[-`{-~]/;

/** Inline Markdown as plain text, or undefined when it holds something this reader does not know. */
function inline(s: string, o: PlainOptions): string | undefined {
  let out = '';
  let i = 0;
  const n = s.length;
  let strong = false;
  while (i < n) {
    const ch = s[i]!;
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === undefined || !PUNCT.test(next)) return undefined;
      out += next;
      i += 2;
    } else if (ch === '[') {
      // [text](destination): text without unescaped brackets, destination without spaces or parentheses
      let j = i + 1;
      let text = '';
      for (; j < n && s[j] !== ']'; j++) {
        if (s[j] === '[' || s[j] === '*' || s[j] === '`' || s[j] === '<' || s[j] === '_' || s[j] === '~') return undefined;
        if (s[j] === '\\') {
          const next = s[j + 1];
          if (next === undefined || !PUNCT.test(next)) return undefined;
          text += next;
          j++;
        } else text += s[j];
      }
      if (s[j] !== ']' || s[j + 1] !== '(') return undefined;
      const close = s.indexOf(')', j + 2);
      if (close < 0) return undefined;
      const rawDest = s.slice(j + 2, close);
      if (/[\s()<>]/.test(rawDest) || !/^https?:\/\//.test(rawDest)) return undefined;
      const href = rawDest.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      if (text === '') return undefined;
      out += o.links === 'label' ? text : text === href || href.replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '') === text ? href : `${text} (${href})`;
      i = close + 1;
    } else if (ch === '*') {
      if (s[i + 1] !== '*') return undefined;
      // `**` opens before a non-space and closes after one (the only emphasis the renderers write)
      if (!strong && (i + 2 >= n || /\s/.test(s[i + 2]!))) return undefined;
      if (strong && (i === 0 || /\s/.test(s[i - 1]!))) return undefined;
      strong = !strong;
      i += 2;
    } else if (ch === '`' || ch === '<' || ch === '~' || ch === '|' || ch === ']' || (ch === '!' && s[i + 1] === '[')) {
      return undefined;
    } else if (ch === '_') {
      const before = s[i - 1];
      const after = s[i + 1];
      if (!(before && after && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after))) return undefined;
      out += ch;
      i++;
    } else if (ch === '&') {
      if (/^&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/.test(s.slice(i, i + 40))) return undefined;
      out += ch;
      i++;
    } else if ((ch === 'h' || ch === 'w' || ch === 'H' || ch === 'W') && /^(https?:\/\/|www\.)/i.test(s.slice(i, i + 8))) {
      return undefined; // a GFM autolink
    } else if (ch === '@') {
      // an e-mail address would be a GFM autolink
      if (i > 0 && /[\p{L}\p{N}._+-]/u.test(s[i - 1]!) && /^@[\p{L}\p{N}_-]+\./u.test(s.slice(i, i + 80))) return undefined;
      out += ch;
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return strong ? undefined : out;
}

/** Table cells: the row split at unescaped pipes, without its outer ones. */
function cells(row: string): string[] | undefined {
  if (!row.startsWith('| ') || !row.endsWith(' |')) return undefined;
  const out: string[] = [];
  let cur = '';
  for (let i = 1; i < row.length - 1; i++) {
    const ch = row[i]!;
    if (ch === '\\' && row[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (ch === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Lines that would open a block this reader does not handle (lists other than `- `, quotes, code, setext underlines, HTML). */
const FOREIGN_START = /^(\s|[+>=~`<]|\*(?!\*[^\s*])|\d{1,9}[.)]|-(?! )|-{3,}|_{3,})/;
/** The start of a list item's text that would open a block inside it (a nested list, a heading, a quote, code). */
const ITEM_BLOCK = /^(\d{1,9}[.)](\s|$)|[-+*](\s|$)|>|#{1,6}(\s|$)|```|~~~|<|\s)/;

export function fastBlocks(markdown: string, o: PlainOptions): PlainBlock[] | undefined {
  const lines = markdown.split('\n');
  const out: PlainBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === '') {
      i++;
      continue;
    }
    const h = /^(#{1,6}) (.*)$/.exec(line);
    if (h) {
      const text = inline(h[2]!, o);
      if (text === undefined || /^\s|\s$/.test(text) || /#\s*$/.test(h[2]!.replace(/\\#/g, ''))) return undefined;
      out.push({ depth: h[1]!.length, text });
      i++;
      continue;
    }
    if (line.startsWith('| ')) {
      const head = cells(line);
      const sep = lines[i + 1];
      if (!head || sep === undefined || !/^\|( --- \|)+$/.test(sep)) return undefined;
      const headText = head.map((c) => inline(c, o));
      if (headText.some((c) => c === undefined)) return undefined;
      const rows: string[] = [];
      i += 2;
      for (; i < lines.length && lines[i]!.startsWith('| '); i++) {
        const raw = cells(lines[i]!);
        if (!raw || raw.length !== head.length) return undefined;
        const cs = raw.map((c) => inline(c, o));
        if (cs.some((c) => c === undefined || /^\s|\s$/.test(c))) return undefined;
        rows.push(cs.length === 2 ? `${cs[0]}: ${cs[1]}` : `${cs[0]} — ${cs.slice(1).map((c, j) => `${headText[j + 1]}: ${c}`).join('; ')}`);
      }
      if (i < lines.length && lines[i] !== '') return undefined;
      if (rows.length > 0) out.push({ text: rows.join('\n') });
      continue;
    }
    if (line.startsWith('- ')) {
      const items: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('- ')) {
        let item = lines[i]!.slice(2);
        const parts: string[] = [];
        // continuation lines after a hard break (`\` at the end), indented two spaces
        while (item.endsWith('\\') && !item.endsWith('\\\\') && lines[i + 1]?.startsWith('  ') && !lines[i + 1]!.startsWith('   ')) {
          parts.push(item.slice(0, -1));
          i++;
          item = lines[i]!.slice(2);
        }
        parts.push(item);
        if (parts.some((p) => ITEM_BLOCK.test(p))) return undefined;
        const texts = parts.map((p) => inline(p, o));
        // marked trims the white space around an item's lines; such rare text goes to marked
        if (texts.some((t) => t === undefined || t === '' || /^\s|\s$/.test(t))) return undefined;
        items.push(`• ${texts.join('\n  ')}`);
        i++;
      }
      if (i < lines.length && lines[i] !== '') return undefined;
      out.push({ text: items.join('\n') });
      continue;
    }
    // a paragraph: lines up to a blank one; a line ending in `\` is a hard break
    const parts: string[] = [];
    for (; i < lines.length && lines[i] !== ''; i++) {
      const l = lines[i]!;
      if (FOREIGN_START.test(l) || /^#{1,6}( |$)/.test(l) || l.startsWith('|') || l.startsWith('- ')) return undefined;
      parts.push(l);
    }
    let text = '';
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      const last = k === parts.length - 1;
      const hard = !last && p.endsWith('\\') && !p.endsWith('\\\\');
      const t = inline(hard ? p.slice(0, -1) : p, o);
      if (t === undefined) return undefined;
      text += t + (last ? '' : '\n');
    }
    if (/^\s|\s$/.test(text) || /\s\n|\n\s/.test(text)) return undefined;
    out.push({ text });
  }
  return out.filter((b) => b.text.trim() !== '');
}
