import { type Node, Parser } from 'commonmark';

/** Markdown checks shared by the export tests: markdownlint (the library) and a CommonMark parse. */

type LintFn = (options: { strings: Record<string, string>; config: Record<string, unknown> }) => Record<string, { ruleNames: string[]; lineNumber: number; errorDetail: string | null; errorContext: string | null }[]>;
let lintFn: LintFn | undefined;

/** Line length is the only style rule relaxed: summaries are prose, wrapped by the viewer. */
export const LINT_CONFIG = { default: true, MD013: false };

/** markdownlint's findings as readable lines; empty when clean. */
export async function lintMarkdown(text: string, config: Record<string, unknown> = LINT_CONFIG): Promise<string[]> {
  if (!lintFn) {
    // markdownlint is an ES module; its sync entry point is enough here.
    const mod = (await import('markdownlint/sync')) as unknown as { lint: LintFn };
    lintFn = mod.lint;
  }
  const result = lintFn({ strings: { doc: text }, config });
  return (result.doc ?? []).map((r) => `line ${r.lineNumber}: ${r.ruleNames.join('/')} ${r.errorDetail ?? ''} ${r.errorContext ?? ''}`.trim());
}

export interface Outline {
  /** `## At a glance` -> "2 At a glance" */
  readonly headings: string[];
  /** Node types that must never come from user text. */
  readonly html: number;
  readonly code: number;
  readonly emphasis: number;
  readonly links: { text: string; href: string }[];
  /** Plain text of each top-level list item, in order. */
  readonly items: string[];
  readonly strong: string[];
}

/** Plain text of a node (text, code and line breaks as spaces). */
export function textOf(node: Node): string {
  let out = '';
  const w = node.walker();
  let ev;
  while ((ev = w.next())) {
    if (!ev.entering) continue;
    const n = ev.node;
    if (n.type === 'text' || n.type === 'code') out += n.literal ?? '';
    else if (n.type === 'softbreak' || n.type === 'linebreak') out += ' ';
  }
  return out;
}

export function outline(text: string): Outline {
  const doc = new Parser().parse(text);
  const o = { headings: [] as string[], html: 0, code: 0, emphasis: 0, links: [] as { text: string; href: string }[], items: [] as string[], strong: [] as string[] };
  const w = doc.walker();
  let ev;
  while ((ev = w.next())) {
    if (!ev.entering) continue;
    const n = ev.node;
    switch (n.type) {
      case 'heading':
        o.headings.push(`${n.level} ${textOf(n)}`);
        break;
      case 'html_inline':
      case 'html_block':
        o.html++;
        break;
      case 'code':
      case 'code_block':
        o.code++;
        break;
      case 'emph':
        o.emphasis++;
        break;
      case 'strong':
        o.strong.push(textOf(n));
        break;
      case 'link':
        o.links.push({ text: textOf(n), href: n.destination ?? '' });
        break;
      case 'item':
        o.items.push(textOf(n));
        break;
    }
  }
  return o;
}

/** What an inline context shows for a title: line breaks as spaces, spaces collapsed, control characters gone. */
export function asInline(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
    // A direction control shows as its code point (docs/EXPORT.md).
    .replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
