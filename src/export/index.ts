import type { FollowUp, FollowUpState } from '../domain/followUps';
import type { DateStyle } from '../domain/format';
import type { Summary } from '../domain/summary';
import { entriesToCsv } from './csv';
import { entriesToJson } from './json';
import { summaryToMarkdown } from './markdown';
import { type ReviewOptions, renderReview } from './templates';

export { entryToMarkdown } from './entryMarkdown';
export { entriesToCsv } from './csv';
export { entriesToJson } from './json';
export { summaryToMarkdown } from './markdown';
export { compileTemplate, renderReview, type ReviewOptions, type TemplateChoice } from './templates';

/**
 * A period's export in the chosen format: the summary as Markdown or plain text (shaped by a
 * template, `impact` when none is given), or its entries as JSON or CSV (with their follow-ups,
 * when given).
 */
export function renderSummary(
  format: 'markdown' | 'json' | 'csv' | 'text',
  summary: Summary,
  omit: readonly string[],
  review?: Omit<ReviewOptions, 'format' | 'omit'>,
  followUps?: { readonly answers: readonly FollowUp[]; readonly states: readonly FollowUpState[] },
  dateStyle?: DateStyle,
): string {
  switch (format) {
    case 'markdown':
    case 'text':
      return review || format === 'text' ? renderReview(summary, { template: { builtIn: 'impact' }, ...review, format, omit, dateStyle }) : summaryToMarkdown(summary, { omit, dateStyle });
    case 'json':
      return entriesToJson(summary.entries, { exportedAt: Date.parse(summary.generatedAt), period: summary.period, omit, followUps });
    case 'csv':
      return entriesToCsv(summary.entries, { omit, followUps: followUps?.answers });
  }
}
