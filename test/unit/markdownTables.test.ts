import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked, type Tokens } from 'marked';
import { TEMPLATE_IDS } from '../../src/domain/reviewTemplates';
import type { Summary } from '../../src/domain/summary';
import { entryToMarkdown } from '../../src/export/entryMarkdown';
import { summaryToMarkdown } from '../../src/export/markdown';
import { compileTemplate, renderReview } from '../../src/export/templates';
import { COMPETENCIES } from './support/templateCheck';
import { currentEntries, fixtureSummary, inTimeZone } from './support/summaryFixture';

/**
 * Every table in every Markdown the extension writes has a header row (a screen reader names each
 * cell by its column header; a table without one is read as a run of numbers): the summary in every
 * built-in template, the example custom template in docs/templates, an entry's Copy as Markdown, and
 * the summary of an empty period.
 */

const ROOT = join(__dirname, '..', '..', '..');
const DELIMITER = /^\|(\s*:?-{3,}:?\s*\|)+$/;
const cells = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());

/** Each block of lines starting with `|`, and what is wrong with its header, if anything. */
function tableProblems(doc: string): { tables: number; problems: string[] } {
  const lines = doc.split('\n');
  const problems: string[] = [];
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || (i > 0 && lines[i - 1]!.startsWith('|'))) continue;
    tables++;
    const [head, delimiter] = [lines[i]!, lines[i + 1] ?? ''];
    if (DELIMITER.test(head)) problems.push(`line ${i + 1}: the table starts with its delimiter row, it has no header`);
    else if (!DELIMITER.test(delimiter)) problems.push(`line ${i + 1}: "${head}" is not followed by a delimiter row, so it is no header`);
    else if (cells(head).length !== cells(delimiter).length) problems.push(`line ${i + 1}: the header has ${cells(head).length} cells, the delimiter ${cells(delimiter).length}`);
    else if (cells(head).some((c) => c === '')) problems.push(`line ${i + 1}: a header cell is empty: "${head}"`);
  }
  // And a CommonMark parser agrees: every table it finds has a header cell of text per column.
  for (const t of marked.lexer(doc).filter((x): x is Tokens.Table => x.type === 'table')) {
    if (t.header.length === 0 || t.header.some((h) => h.text.trim() === '')) problems.push(`a parsed table has an empty header: ${t.raw.split('\n')[0]}`);
  }
  return { tables, problems };
}

describe('Markdown tables have header rows', () => {
  inTimeZone('Europe/Berlin');
  let summary: Summary;
  before(() => {
    summary = fixtureSummary(currentEntries());
  });

  it('the check finds a table without a header', () => {
    for (const bad of ['| a | 1 |\n| b | 2 |\n', '| --- | --- |\n| b | 2 |\n', '|  | x |\n| --- | --- |\n| b | 2 |\n']) assert.ok(tableProblems(bad).problems.length > 0, bad);
    assert.deepEqual(tableProblems('| Measure | n |\n| --- | --- |\n| b | 2 |\n'), { tables: 1, problems: [] });
  });

  it('the impact summary: the at-a-glance and review-catch tables', () => {
    const r = tableProblems(summaryToMarkdown(summary));
    assert.ok(r.tables >= 2, `${r.tables} tables`);
    assert.deepEqual(r.problems, []);
    const first = summaryToMarkdown(summary).split('\n').find((l) => l.startsWith('|'));
    assert.equal(first, '| Measure | This period | Previous period |');
  });

  it('the summary of a period with no previous entries and of an empty period', () => {
    for (const s of [fixtureSummary(currentEntries(), []), fixtureSummary([], [])]) {
      assert.deepEqual(tableProblems(summaryToMarkdown(s)).problems, []);
    }
  });

  for (const t of TEMPLATE_IDS) {
    it(`the ${t} template, Markdown`, () => {
      assert.deepEqual(tableProblems(renderReview(summary, { template: { builtIn: t }, format: 'markdown', competencies: COMPETENCIES })).problems, []);
    });
  }

  it('the example custom template in docs/templates', () => {
    const template = readFileSync(join(ROOT, 'docs', 'templates', 'self-review.md.mustache'), 'utf8');
    const doc = renderReview(summary, { template: { custom: compileTemplate(template, '/t/self-review.md.mustache') }, format: 'markdown', competencies: COMPETENCIES });
    assert.deepEqual(tableProblems(doc).problems, []);
  });

  it('an entry’s Copy as Markdown', () => {
    for (const e of currentEntries()) assert.deepEqual(tableProblems(entryToMarkdown(e)).problems, [], e.title);
  });
});
