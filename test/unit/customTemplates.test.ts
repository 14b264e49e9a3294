import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';
import { type Entry, ValidationError } from '../../src/domain';
import type { Summary } from '../../src/domain/summary';
import { summaryModel as modelSchema } from '../../src/domain/summaryModel';
import { compileTemplate, MAX_DEPTH } from '../../src/export/templates/custom';
import { renderReview } from '../../src/export/templates';
import { summaryModel } from '../../src/export/templates/model';
import { context } from '../../src/export/templates/shared';
import { golden } from './support/golden';
import { lintMarkdown, outline } from './support/markdownCheck';
import { currentEntries, entry, fixtureSummary, inTimeZone } from './support/summaryFixture';
import { COMPETENCIES, markdownSyntax } from './support/templateCheck';

/**
 * Custom templates: the two examples in docs/templates/ over the golden log, the documented model
 * (docs/summary-model.schema.json is generated from src/domain/summaryModel.ts and the model an
 * export builds validates against it), and templates written to break things: each is refused
 * with the line of its first problem, before anything is rendered.
 */

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_PATH = join(ROOT, 'docs', 'summary-model.schema.json');
const example = (name: string) => readFileSync(join(ROOT, 'docs', 'templates', name), 'utf8');

const build = (entries: Entry[], previous?: Entry[]): Summary => fixtureSummary(entries, previous);

const render = (s: Summary, template: string, format: 'markdown' | 'text' = 'markdown') =>
  renderReview(s, { template: { custom: compileTemplate(template, '/t/form.mustache') }, format, competencies: COMPETENCIES });

/** The problem a template is refused with ("line 3: unknown name …"). */
function refusal(template: string): string {
  try {
    compileTemplate(template, '/t/form.mustache');
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    assert.equal(err.what, 'Template /t/form.mustache');
    return err.problems[0]!.problem;
  }
  return assert.fail('the template was accepted');
}

describe('custom templates', () => {
  inTimeZone('Europe/Berlin');
  let summary: Summary;
  before(() => {
    summary = build(currentEntries());
  });

  describe('the documented model', () => {
    it('docs/summary-model.schema.json is the schema of src/domain/summaryModel.ts', () => {
      const generated = `${JSON.stringify({ title: 'Impact Log summary model for custom templates', ...z.toJSONSchema(modelSchema) }, null, 2)}\n`;
      if (process.env.IMPACT_LOG_UPDATE_GOLDEN === '1' || !existsSync(SCHEMA_PATH)) writeFileSync(SCHEMA_PATH, generated);
      assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), generated, 'regenerate with IMPACT_LOG_UPDATE_GOLDEN=1 and review the diff');
    });

    it('the model of the golden log, in both formats and with links left out, validates against it with ajv', () => {
      const ajv = new Ajv2020({ allErrors: true, strict: true });
      const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
      for (const [format, omit] of [['markdown', []], ['text', []], ['markdown', ['links', 'details']]] as const) {
        const data = JSON.parse(JSON.stringify(summaryModel(context(summary, omit), format, COMPETENCIES))) as unknown;
        assert.ok(validate(data), ajv.errorsText(validate.errors));
      }
    });

    it('every name the schema documents is present, null when not recorded, so a section never reads an outer name by accident', () => {
      const m = summaryModel(context(summary, []), 'markdown', COMPETENCIES);
      const note = m.notes[0]!;
      assert.equal(note.whatWasWrong, null);
      assert.ok(Object.keys(note).length === Object.keys(modelSchema.shape.entries.element.shape).length);
    });
  });

  describe('the examples in docs/templates/', () => {
    it('self-review.md.mustache renders the golden log as valid Markdown', async () => {
      const doc = render(summary, example('self-review.md.mustache'));
      golden('custom-self-review-h2-fy2026.md', doc);
      assert.deepEqual(await lintMarkdown(doc), []);
      assert.equal(outline(doc).html, 0);
    });

    it('form-fields.txt.mustache renders the golden log as plain text', () => {
      const doc = render(summary, example('form-fields.txt.mustache'), 'text');
      golden('custom-form-fields-h2-fy2026.txt', doc);
      assert.ok(doc.includes('Technical excellence (5 of 23 entries)\n'));
      assert.ok(doc.includes('Situation: [not recorded]'));
      assert.ok(doc.includes('PR #4412 (https://git.example.com/acme/shop/pull/4412)'), 'links in plain text read "title (url)"');
    });
  });

  describe('user text', () => {
    const hostile = () => [
      entry('problem', {
        title: '# Heading <script>alert(1)</script> [x](javascript:alert(1)) **b** `c` | d',
        occurredAt: '2026-09-01T12:00:00Z',
        impact: 'high',
        details: '# not a heading\n\n```\nnot code\n```\n<b>bold</b>',
        links: [{ url: 'https://git.example.com/pull/1?a=(b)|c', label: '](javascript:alert(1))' }],
      }),
    ];
    const T = '# Entries\n\n{{#entries}}\n- {{title}} {{linkList}}\n\n{{detailsBlock}}\n{{/entries}}\n';

    it('is escaped for Markdown: no HTML, code, heading or link of its own', async () => {
      const doc = render(build(hostile(), []), T);
      const o = outline(doc);
      assert.deepEqual(o.headings, ['1 Entries']);
      assert.equal(o.html, 0);
      assert.equal(o.code, 0);
      assert.deepEqual(o.links.map((l) => l.href), ['https://git.example.com/pull/1?a=%28b%29%7Cc']);
      assert.deepEqual(await lintMarkdown(doc, { default: true, MD013: false, MD041: true }), []);
    });

    it('is written as typed in plain text, without control characters and direction overrides', () => {
      const e = entry('note', { title: 'Tab\tbell\u0007 escape\u001b[31m override\u202Eevil\u202C', occurredAt: '2026-09-01T12:00:00Z' });
      const doc = render(build([e], []), '{{#entries}}{{title}}{{/entries}}', 'text');
      assert.equal(doc, 'Tab\tbell escape[31m overrideevil\n');
    });
  });

  describe('templates written to break things are refused with their line', () => {
    const cases: [string, string, RegExp][] = [
      ['an unclosed section', '# T\n\n{{#highlights}}\n- {{title}}\n', /^line 3: section \{\{#highlights\}\} is never closed; add \{\{\/highlights\}\}$/],
      ['a close without an open', 'a\nb {{/entries}}', /^line 2: \{\{\/entries\}\} closes a section that is not open$/],
      ['a mismatched close', '{{#entries}}\n{{/highlights}}', /^line 2: \{\{\/highlights\}\} closes \{\{#entries\}\}, which is still open/],
      ['an unclosed tag', 'x\ny {{title', /^line 2: a tag is opened with \{\{ but never closed with \}\}$/],
      ['an unknown name', 'one\n{{#highlights}}\n{{titel}}\n{{/highlights}}', /^line 3: unknown name “titel” inside \{\{#highlights\}\}; names here: id, kind, kindLabel, title,/],
      ['an unknown name at the top', '{{name}}', /^line 1: unknown name “name”; names here: format, markdown, text,/],
      ['a dotted name that does not exist', '{{period.start}}', /^line 1: unknown name “period\.start”/],
      ['a partial', 'x\n{{> header}}', /^line 2: \{\{> header\}\} includes another template; partials are not supported/],
      ['unescaped output', '{{#entries}}{{{title}}}{{/entries}}', /^line 1: \{\{\{title\}\}\} would write “title” unescaped/],
      ['unescaped output with &', '{{& generated}}', /^line 1: \{\{\{generated\}\}\} would write “generated” unescaped/],
      ['a list written as a value', '{{entries}}', /^line 1: \{\{entries\}\} is a list; open it as a section/],
      ['the whole log inside every highlight', '{{#highlights}}\n{{#entries}}{{title}}{{/entries}}\n{{/highlights}}', /^line 2: \{\{#entries\}\} inside \{\{#highlights\}\} would repeat the whole list “entries” for every item of “highlights”/],
      ['a prototype property', '{{constructor}}', /^line 1: unknown name “constructor”/],
      ['a prototype walk', '{{#entries}}{{__proto__.toString}}{{/entries}}', /^line 1: unknown name “__proto__\.toString”/],
      ['a string method', '{{#entries}}{{title.length}}{{/entries}}', /^line 1: unknown name “title\.length”/],
    ];
    for (const [what, template, expected] of cases) {
      it(what, () => assert.match(refusal(template), expected));
    }

    it('1 MB of nested sections: refused at the first level too deep, quickly', () => {
      const open = '{{#period}}\n';
      const t = open.repeat(Math.ceil(1_048_576 / open.length)) + '{{/period}}\n'.repeat(Math.ceil(1_048_576 / open.length));
      const t0 = Date.now();
      assert.equal(refusal(t), `line ${MAX_DEPTH + 1}: sections nested more than ${MAX_DEPTH} deep`);
      assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
    });

    it('1 MB of unclosed sections: refused, naming the line of the last one opened', () => {
      const t = '{{#entries}}'.repeat(87_382);
      assert.equal(refusal(t), 'line 1: section {{#entries}} is never closed; add {{/entries}}');
      const lines = '{{#hasEntries}}\n'.repeat(70_000);
      assert.equal(refusal(lines), 'line 70000: section {{#hasEntries}} is never closed; add {{/hasEntries}}');
    });

    it('more tags than a review form needs', () => {
      assert.match(refusal('{{generated}}\n'.repeat(6000)), /^line 5001: more than 5,000 tags/);
    });

    it('lists that belong to the item being repeated are fine, as are inverted sections and comments', () => {
      const ok = '{{! per kind }}{{#kinds}}{{heading}}{{#entries}}{{title}}{{#links}}{{text}}{{/links}}{{#tags}}{{.}}{{/tags}}{{/entries}}{{^hasEntries}}none{{/hasEntries}}{{/kinds}}{{period.label}}';
      const doc = render(summary, ok);
      assert.ok(doc.startsWith('Problems solved'));
    });
  });

  it('a plain-text custom template with a word budget says so on its first line, counting the whole document', () => {
    const doc = renderReview(summary, {
      template: { custom: compileTemplate('{{#entries}}{{title}}\n{{/entries}}', '/t/x') },
      format: 'text',
      wordBudget: { total: 10, sections: new Map() },
    });
    assert.match(doc.split('\n')[0]!, /^Word budget: whole document has \d+ words, \d+ over 10\. Nothing was cut; shorten it before you paste\.$/);
    assert.deepEqual(markdownSyntax(doc, summary.entries.map((e) => e.title)), []);
  });
});
