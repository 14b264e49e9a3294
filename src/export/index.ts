import type { FollowUp, FollowUpState } from '../domain/followUps';
import type { Summary } from '../domain/summary';
import { entriesToCsv } from './csv';
import { entriesToJson } from './json';
import { summaryToMarkdown } from './markdown';

export { entryToMarkdown } from './entryMarkdown';
export { entriesToCsv } from './csv';
export { entriesToJson } from './json';
export { summaryToMarkdown } from './markdown';

/**
 * A period's export in the chosen format: the summary as Markdown, or its entries as JSON or CSV
 * (with their follow-ups, when given).
 */
export function renderSummary(
  format: 'markdown' | 'json' | 'csv',
  summary: Summary,
  omit: readonly string[],
  followUps?: { readonly answers: readonly FollowUp[]; readonly states: readonly FollowUpState[] },
): string {
  switch (format) {
    case 'markdown':
      return summaryToMarkdown(summary, { omit });
    case 'json':
      return entriesToJson(summary.entries, { exportedAt: Date.parse(summary.generatedAt), period: summary.period, omit, followUps });
    case 'csv':
      return entriesToCsv(summary.entries, { omit, followUps: followUps?.answers });
  }
}
