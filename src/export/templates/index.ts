import type { DateStyle } from '../../domain/format';
import { type Competency, type TemplateId, type WordBudget } from '../../domain/reviewTemplates';
import type { Summary } from '../../domain/summary';
import { escapeInline } from '../escape';
import { summaryToMarkdown } from '../markdown';
import { bragDocument } from './brag';
import { competencySummary } from './competencies';
import { type CompiledTemplate } from './custom';
import { type OutputFormat, plainSafe, summaryModel } from './model';
import { blocksText, markdownBlocks, type PlainBlock } from './plainText';
import { context } from './shared';
import { starStories } from './star';
import { budgetReport, sectionWords } from './wordBudget';

export { compileTemplate, type CompiledTemplate } from './custom';
export { markdownToText } from './plainText';
export { summaryModel, type OutputFormat } from './model';

/**
 * A review summary in the shape of the form the user fills in: a built-in template or a custom
 * one, as Markdown or plain text, with the word budget checked. `impact` as Markdown without a
 * budget is exactly summaryToMarkdown (the 0.1 summary).
 */

export type TemplateChoice = { readonly builtIn: TemplateId } | { readonly custom: CompiledTemplate };

export interface ReviewOptions {
  readonly template: TemplateChoice;
  readonly format: OutputFormat;
  /** Names from `impactLog.export.omitFields`. */
  readonly omit?: readonly string[];
  readonly competencies?: readonly Competency[];
  readonly wordBudget?: WordBudget | undefined;
  /** The user's locale for the entries' days in the built-in templates; without it, `2026-09-14`. A custom template's model keeps ISO days. */
  readonly dateStyle?: DateStyle | undefined;
}

function builtInMarkdown(id: TemplateId, s: Summary, omit: readonly string[], competencies: readonly Competency[], dateStyle: DateStyle | undefined): string {
  if (id === 'impact') return summaryToMarkdown(s, { omit, dateStyle });
  const c = context(s, omit, dateStyle);
  switch (id) {
    case 'brag-document':
      return bragDocument(c);
    case 'star':
      return starStories(c);
    case 'competencies':
      return competencySummary(c, competencies);
  }
}

/** The document with `line` as its own paragraph after the title (a first line that is a heading), else at the top. */
function insertAfterTitle(doc: string, line: string, isTitle: (first: string) => boolean): string {
  const nl = doc.indexOf('\n');
  const first = nl < 0 ? doc : doc.slice(0, nl);
  if (!isTitle(first)) return `${line}\n\n${doc}`;
  const rest = nl < 0 ? '' : doc.slice(nl + 1).replace(/^\n+/, '');
  return `${first}\n\n${line}\n\n${rest}`;
}

export function renderReview(s: Summary, o: ReviewOptions): string {
  const omit = o.omit ?? [];
  const competencies = o.competencies ?? [];
  if ('builtIn' in o.template) {
    const md = builtInMarkdown(o.template.builtIn, s, omit, competencies, o.dateStyle);
    if (o.format === 'markdown') {
      if (!o.wordBudget) return md;
      const line = budgetReport(sectionWords(markdownBlocks(md, { links: 'label' })), o.wordBudget).line(escapeInline);
      return insertAfterTitle(md, line, (f) => f.startsWith('# '));
    }
    // The user's text as typed, without controls or direction overrides (Markdown escaping removed the controls already).
    const blocks: PlainBlock[] = markdownBlocks(md).map((b) => ({ ...b, text: plainSafe(b.text) }));
    if (!o.wordBudget) return blocksText(blocks);
    const line = budgetReport(sectionWords(blocks), o.wordBudget).line((x) => x);
    return blocksText([blocks[0]!, { text: line }, ...blocks.slice(1)]);
  }
  const out = o.template.custom.render(summaryModel(context(s, omit), o.format, competencies), o.format);
  const text = out.endsWith('\n') ? out : `${out}\n`;
  if (!o.wordBudget) return text;
  if (o.format === 'markdown') {
    const line = budgetReport(sectionWords(markdownBlocks(text, { links: 'label' })), o.wordBudget).line(escapeInline);
    return insertAfterTitle(text, line, (f) => /^# /.test(f));
  }
  // Plain text has no headings to find sections by: only the whole document is counted.
  const line = budgetReport({ total: sectionWords([{ text }]).total, sections: [] }, o.wordBudget).line((x) => x);
  return `${line}\n\n${text}`;
}
