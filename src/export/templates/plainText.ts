import { Lexer, type Token, type Tokens } from 'marked';
import { fastBlocks } from './fastText';
import type { PlainBlock, PlainOptions } from './plainTypes';

export type { PlainBlock, PlainOptions } from './plainTypes';

/**
 * A Markdown summary read back as plain text, for pasting into a review form's text box: no
 * Markdown syntax left (no `#`, `**`, `|`, `[..](..)`, backslash escapes), headings and paragraphs
 * as lines, blocks separated by blank lines, list items as `• …`, a table row as
 * `label — column: value; column: value`, a link as `title (url)`. The Markdown is parsed by
 * `marked` (a maintained CommonMark + GFM parser), so what a reader saw rendered is exactly what
 * the text says: escapes resolved, user text as typed.
 */

/** A label made from the address itself (`status.example.com/incidents/77`) says nothing the address does not. */
const sameAddress = (label: string, href: string) => label === href || href.replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '') === label;

function inline(tokens: readonly Token[] | undefined, o: PlainOptions): string {
  if (!tokens) return '';
  let out = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        out += t.tokens ? inline(t.tokens, o) : (t as Tokens.Text).text;
        break;
      case 'escape':
      case 'codespan':
      case 'html':
        out += (t as Tokens.Escape).text;
        break;
      case 'strong':
      case 'em':
      case 'del':
        out += inline(t.tokens, o);
        break;
      case 'br':
        out += '\n';
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const label = inline(l.tokens, o);
        out += o.links === 'label' ? label : sameAddress(label, l.href) ? l.href : `${label} (${l.href})`;
        break;
      }
      case 'image':
        out += (t as Tokens.Image).text;
        break;
      case 'checkbox':
        break;
      default: {
        const g = t as Tokens.Generic;
        out += g.tokens ? inline(g.tokens, o) : g.raw;
      }
    }
  }
  return out;
}

const indentRest = (text: string, pad: string) => text.replace(/\n/g, `\n${pad}`);

function blocks(tokens: readonly Token[], o: PlainOptions, out: PlainBlock[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'hr':
      case 'def':
        break;
      case 'heading':
        out.push({ depth: (t as Tokens.Heading).depth, text: inline(t.tokens, o) });
        break;
      case 'paragraph':
        out.push({ text: inline(t.tokens, o) });
        break;
      case 'text':
        out.push({ text: t.tokens ? inline(t.tokens, o) : (t as Tokens.Text).text });
        break;
      case 'code':
        out.push({ text: (t as Tokens.Code).text });
        break;
      case 'html':
        out.push({ text: (t as Tokens.HTML).text.trim() });
        break;
      case 'blockquote': {
        const inner: PlainBlock[] = [];
        blocks(t.tokens ?? [], o, inner);
        out.push(...inner.map((b) => ({ text: b.text })));
        break;
      }
      case 'list': {
        const l = t as Tokens.List;
        const start = typeof l.start === 'number' ? l.start : 1;
        const lines = l.items.map((item, i) => {
          const marker = l.ordered ? `${start + i}. ` : '• ';
          const inner: PlainBlock[] = [];
          blocks(item.tokens, o, inner);
          const text = inner.map((b) => b.text).join('\n');
          return marker + indentRest(text, ' '.repeat(marker.length));
        });
        out.push({ text: lines.join('\n') });
        break;
      }
      case 'table': {
        const tb = t as Tokens.Table;
        const head = tb.header.map((h) => inline(h.tokens, o));
        const rows = tb.rows.map((row) => {
          const cells = row.map((c) => inline(c.tokens, o));
          if (cells.length === 2) return `${cells[0]}: ${cells[1]}`;
          return `${cells[0]} — ${cells
            .slice(1)
            .map((c, j) => `${head[j + 1]}: ${c}`)
            .join('; ')}`;
        });
        out.push({ text: rows.join('\n') });
        break;
      }
      default: {
        const g = t as Tokens.Generic;
        out.push({ text: g.tokens ? inline(g.tokens, o) : g.raw });
      }
    }
  }
}

/** The Markdown as plain blocks: the fast reader for the shapes the renderers write, marked for anything else. */
export function markdownBlocks(markdown: string, o: PlainOptions = { links: 'inline' }): PlainBlock[] {
  return fastBlocks(markdown, o) ?? markedBlocks(markdown, o);
}

/** The Markdown as plain blocks, read by marked (the reference the fast reader is tested against). */
export function markedBlocks(markdown: string, o: PlainOptions = { links: 'inline' }): PlainBlock[] {
  const out: PlainBlock[] = [];
  blocks(Lexer.lex(markdown, { gfm: true }), o, out);
  return out.filter((b) => b.text.trim() !== '');
}

/** Blocks as one text: separated by a blank line, one newline at the end. */
export function blocksText(bs: readonly PlainBlock[]): string {
  return bs.map((b) => b.text).join('\n\n') + '\n';
}

export function markdownToText(markdown: string): string {
  return blocksText(markdownBlocks(markdown));
}
