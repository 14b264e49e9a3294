import type { WordBudget } from '../../domain/reviewTemplates';
import type { PlainBlock } from './plainText';
import { msg } from '../../domain/messages';

/**
 * The word budget of a review form: how many words each section has, and which are over their
 * limit and by how much. Words are counted in the text a reader sees (Markdown syntax and link
 * addresses left out; in plain text, link addresses count, since they are pasted too). A section
 * is a level-2 heading and everything up to the next one; the whole document counts every word,
 * headings included. Nothing is ever cut: the export says what is over in one line near its top.
 */

const WORD = /[\p{L}\p{N}]/u;

/** Runs of non-space characters with at least one letter or digit ("—" and "·" are not words). */
export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (w !== '' && WORD.test(w)) n++;
  return n;
}

export interface SectionWords {
  readonly heading: string;
  readonly words: number;
}

export function sectionWords(blocks: readonly PlainBlock[]): { total: number; sections: SectionWords[] } {
  let total = 0;
  const sections: { heading: string; words: number }[] = [];
  let current: { heading: string; words: number } | undefined;
  for (const b of blocks) {
    const w = countWords(b.text);
    total += w;
    if (b.depth !== undefined && b.depth <= 2 && b.depth > 1) {
      current = { heading: b.text.trim(), words: 0 };
      sections.push(current);
    } else if (current) current.words += w;
  }
  return { total, sections };
}

const n = (x: number) => x.toLocaleString('en-US');

export interface BudgetReport {
  /** Sections over their limit (and the whole document, as "whole document", when over). */
  readonly over: readonly { readonly name: string; readonly words: number; readonly limit: number }[];
  /** `names` is how a section name is written (escaped for Markdown). */
  line(names: (s: string) => string): string;
}

export function budgetReport(counts: { total: number; sections: readonly SectionWords[] }, budget: WordBudget): BudgetReport {
  const over: { name: string; words: number; limit: number; whole?: boolean }[] = [];
  let checked = 0;
  const named = new Set<string>();
  for (const s of counts.sections) {
    const key = s.heading.toLowerCase();
    const limit = budget.sections.get(key) ?? budget.perSection;
    if (budget.sections.has(key)) named.add(key);
    if (limit === undefined) continue;
    checked++;
    if (s.words > limit) over.push({ name: s.heading, words: s.words, limit });
  }
  if (budget.total !== undefined && counts.total > budget.total) over.push({ name: msg('budget.wholeDocument'), words: counts.total, limit: budget.total, whole: true });
  const missing = [...budget.sections.keys()].filter((k) => !named.has(k));
  return {
    over,
    line(names) {
      const unknown = missing.length > 0 ? msg('budget.noSection', missing.map((m) => `“${names(m)}”`).join(', ')) : '';
      if (over.length > 0) {
        const what = over.map((o) => msg('budget.over', o.whole ? o.name : `“${names(o.name)}”`, n(o.words), n(o.words - o.limit), n(o.limit))).join('; ');
        return msg(over.length === 1 ? 'budget.overLineOne' : 'budget.overLineMany', what, unknown);
      }
      const parts = [
        budget.total !== undefined ? msg('budget.wholeWithin', n(counts.total), n(budget.total)) : '',
        checked > 0 ? (checked === 1 ? msg('budget.oneSectionWithin') : msg('budget.sectionsWithin', checked)) : '',
      ].filter((x) => x !== '');
      return parts.length > 0 ? msg('budget.withinParts', parts.join('; '), unknown) : msg('budget.within', unknown);
    },
  };
}
