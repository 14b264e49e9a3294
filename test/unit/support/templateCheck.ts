import type { Competency } from '../../../src/domain/reviewTemplates';

/** Shared by the template tests: the competencies of the golden files, and the plain-text check. */

export const COMPETENCIES: Competency[] = [
  { name: 'Technical excellence', tags: ['perf', 'security'], kinds: ['review-catch'] },
  { name: 'Delivery', tags: ['checkout'], kinds: ['shipped', 'problem'] },
  { name: 'Leadership', kinds: ['note'] },
];

/**
 * Markdown syntax that must not appear in plain text, outside the user's own words: a heading,
 * quote, list or table marker at the start of a line, strong/emphasis markers, a link or image,
 * a code fence, a backslash escape, an HTML tag.
 */
export function markdownSyntax(text: string, userText: readonly string[]): string[] {
  let rest = text;
  for (const u of [...userText].sort((a, b) => b.length - a.length)) if (u !== '') rest = rest.split(u).join(' ');
  const found: string[] = [];
  rest.split('\n').forEach((line, i) => {
    if (/^\s*(#{1,6}\s|>|\||[-*+]\s|\d+[.)]\s*$|```|~~~|={3,}|-{3,})/.test(line)) found.push(`line ${i + 1} starts with Markdown: ${line}`);
    if (/\*\*|__|\]\(|!\[|\\[!-/:-@[-`{-~]|<\/?[a-z][^>]*>/i.test(line)) found.push(`line ${i + 1} has Markdown: ${line}`);
  });
  return found;
}

