import { TEMPLATE_IDS } from '../../src/domain/reviewTemplates';
import { resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { renderReview } from '../../src/export/templates';
import type { EntryStore } from '../../src/storage';
import { lastCalendarYear } from './exportBench';
import type { Measurement } from './results';
import { measure } from './stats';

/**
 * Each built-in review template for the last calendar year (about a tenth of the log: ~10k entries
 * at 100k), as Markdown and as plain text: build the summary model, then render. The entries are
 * read through the store once, outside the timing (reading is the same for every template and is
 * measured by exportBench.ts). Competencies as a review form might define them, so the
 * competencies template maps every entry.
 */

const COMPETENCIES = [
  { name: 'Technical excellence', tags: ['perf', 'security', 'db'], kinds: ['review-catch' as const] },
  { name: 'Delivery', tags: ['release', 'api'], kinds: ['shipped' as const, 'problem' as const] },
  { name: 'Collaboration', tags: ['mentoring', 'docs'], kinds: ['note' as const] },
];

export function templatesBench(store: EntryStore, o: { readonly runs: number; readonly end: number }): Measurement[] {
  const { period, previous } = resolvePeriod(lastCalendarYear(o.end), { now: o.end, fiscalYearStartMonth: 1 });
  const entries = store.list({ from: period.from, to: period.to }, { order: 'asc' });
  const previousEntries = store.list({ from: previous.from, to: previous.to }, { order: 'asc' });
  const runs = Math.max(5, Math.ceil(o.runs / 2));
  const out: Measurement[] = [];
  for (const format of ['markdown', 'text'] as const) {
    for (const t of TEMPLATE_IDS) {
      let bytes = 0;
      const ms = measure(() => {
        const summary = buildSummary({ period, previous, entries, previousEntries, now: o.end });
        bytes = renderReview(summary, { template: { builtIn: t }, format, competencies: COMPETENCIES }).length;
      }, runs);
      out.push({
        id: `template.${t}.${format}`,
        label: `Review summary for a year with the ${t} template as ${format === 'text' ? 'plain text' : 'Markdown'} (build, render)`,
        detail: `${entries.length} entries + ${previousEntries.length} previous; ${Math.round(bytes / 1024)} KiB`,
        ms,
        target: { max: 300, unit: 'ms' },
      });
    }
  }
  return out;
}
