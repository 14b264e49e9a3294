import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { Entry } from '../../src/domain';
import { parseImportFile } from '../../src/domain/importFormat';
import { buildSummary } from '../../src/domain/summary';
import { entriesToCsv, unguardCell } from '../../src/export/csv';
import { entryToMarkdown } from '../../src/export/entryMarkdown';
import { escapeBlock, escapeInline } from '../../src/export/escape';
import { entriesToJson } from '../../src/export/json';
import { summaryToMarkdown } from '../../src/export/markdown';
import { asInline, lintMarkdown, outline, textOf } from './support/markdownCheck';
import { entry, fixturePeriod, inTimeZone, NOW } from './support/summaryFixture';
import { Parser } from 'commonmark';

/**
 * Titles and texts built to break documents: Markdown and HTML syntax, table pipes, backticks,
 * formula starters, line breaks, 10 kB of text, emoji. Each must come out of every format as the
 * text the user typed, without changing the document around it.
 */

const FRAGMENTS = [
  '| ', '|', '`', '``', '```', '~~~', '<script>alert(1)</script>', '<b>', '</div>', '<!--', '-->', '=cmd()', '+1', '-', '@x', '\n', '\r\n', '\r',
  '# ', '#', '## x ##', '* ', '*', '**', '_', '__', '[a](http://x.example)', '![i](x.png)', '[x]: http://y.example', '&amp;', '&#60;', '&copy;', '\\', '\\*',
  '> ', '1. ', '2) ', '---', '===', '***', '~~', '$x$', '😀', '👩‍👩‍👧', '\u202e', '\t', '    ', ' ', 'a', 'word', '<http://x.example>', ']', '[', '(', ')',
  '{', '}', '\u0000', 'www.example.com', ':', '!', '^',
];
const adversarial = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
/** A title the user could see: not blank once line breaks and spaces are normalised. */
const title = adversarial.filter((s) => asInline(s) !== '');

const TEN_KB = Array.from({ length: 400 }, (_, i) => `${FRAGMENTS[i % FRAGMENTS.length]}line ${i} `).join('').slice(0, 10_240);

/** Renderers get entries exactly as given (no schema trimming), so the test also covers data from older versions or other tools. */
function withTitle(base: Entry, t: string, extra: Partial<Entry> = {}): Entry {
  return { ...base, title: t, ...extra } as Entry;
}

describe('adversarial text in every format', () => {
  inTimeZone('UTC');

  const base = entry('review-catch', { title: 'base', occurredAt: '2026-09-14T12:00:00Z', severity: 'critical', category: 'security', links: ['https://git.example.com/pull/1'] });

  it('escapeInline: CommonMark shows exactly the text, as one paragraph with no markup', () => {
    fc.assert(
      fc.property(title, (t) => {
        const doc = new Parser().parse(`x ${escapeInline(t)}`);
        const para = doc.firstChild!;
        assert.equal(para.type, 'paragraph');
        assert.equal(para.next, null, 'one block only');
        assert.equal(textOf(para), `x ${asInline(t)}`);
        let n = para.firstChild;
        while (n) {
          assert.ok(n.type === 'text', `only text nodes, got ${n.type}`);
          n = n.next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('escapeBlock: only paragraphs come out, whatever the lines start with', () => {
    fc.assert(
      fc.property(adversarial, (t) => {
        const doc = new Parser().parse(escapeBlock(t));
        for (let b = doc.firstChild; b; b = b.next) assert.equal(b.type, 'paragraph');
        const o = outline(escapeBlock(t));
        assert.equal(o.html + o.code + o.emphasis + o.links.length + o.headings.length + o.items.length, 0);
      }),
      { numRuns: 300 },
    );
  });

  it('escaped text in a table cell keeps the table’s column count (markdownlint MD055/MD056)', async () => {
    const samples = fc.sample(title, { numRuns: 80, seed: 42 });
    const table = ['# T', '', '| Title | Kind |', '| --- | --- |', ...samples.map((t) => `| ${escapeInline(t)} | x |`), ''].join('\n');
    const problems = (await lintMarkdown(table)).filter((p) => /MD055|MD056|MD058/.test(p));
    assert.deepEqual(problems, []);
  });

  it('Copy as Markdown: the title is the one heading, nothing becomes HTML, code or emphasis', () => {
    fc.assert(
      fc.property(title, adversarial, (t, details) => {
        const md = entryToMarkdown(withTitle(base, t, { details, tags: ['x'] }));
        const o = outline(md);
        assert.deepEqual(o.headings, [`3 ${asInline(t)}`]);
        assert.equal(o.html, 0);
        assert.equal(o.code, 0);
        assert.equal(o.emphasis, 0);
        assert.equal(o.links.length, 1);
      }),
      { numRuns: 300 },
    );
  });

  it('summary: the headings stay the same and every title shows as typed', () => {
    const { period, previous } = fixturePeriod();
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 6 }), (titles) => {
        const entries = titles.map((t, i) => withTitle(base, t, { id: `00000000-0000-4000-8000-${String(900 + i).padStart(12, '0')}` }));
        const md = summaryToMarkdown(buildSummary({ period, previous, entries, previousEntries: [], now: NOW }));
        const o = outline(md);
        assert.deepEqual(o.headings, [
          '1 Impact summary — H2 FY2026 (2026-07-01 to 2026-12-31)', '2 At a glance', '2 Highlights', '2 Bugs caught in review',
          '2 Needs evidence before you share this', '2 All entries', '3 September 2026',
        ]);
        assert.equal(o.html, 0);
        assert.equal(o.code, 0);
        assert.equal(o.emphasis, 0);
        for (const t of titles) {
          assert.ok(o.strong.includes(asInline(t)), `highlight shows ${JSON.stringify(t)}`);
          assert.ok(o.items.some((i) => i.startsWith(`2026-09-14 — ${asInline(t)} · critical`)), `bullet shows ${JSON.stringify(t)}`);
        }
        assert.equal(o.links.filter((l) => l.href === 'https://git.example.com/pull/1').length, titles.length * 3);
      }),
      { numRuns: 150 },
    );
  });

  it('JSON and CSV give back exactly the text typed', () => {
    fc.assert(
      fc.property(adversarial, adversarial, (t, details) => {
        const e = withTitle(base, t, { details });
        const back = (JSON.parse(entriesToJson([e], { exportedAt: NOW })) as { entries: Entry[] }).entries[0]!;
        assert.equal(back.title, t);
        assert.equal(back.details, details);
        const rows = parse<Record<string, string>>(entriesToCsv([e]), { bom: true, columns: true, record_delimiter: '\r\n' });
        assert.equal(rows.length, 1);
        assert.equal(unguardCell(rows[0]!.title!), t);
        assert.equal(unguardCell(rows[0]!.details!), details);
        assert.ok(!/^[=+\-@\t\r]/.test(rows[0]!.title!), 'no formula starter at the start of a cell');
      }),
      { numRuns: 300 },
    );
  });

  it('10 kB of hostile text and emoji survive every format and the importer', async () => {
    const valid = entry('problem', { title: `👩‍👩‍👧 <script>alert(1)</script> | =cmd() \`x\` ${'é'.repeat(200)}`.slice(0, 300), details: TEN_KB, value: TEN_KB.slice(0, 4000), links: ['https://x.example/a'] });
    const long = withTitle(valid, TEN_KB);
    // Markdown
    const md = entryToMarkdown(long);
    assert.deepEqual(outline(md).headings, [`3 ${asInline(TEN_KB)}`]);
    const { period, previous } = fixturePeriod();
    const summary = summaryToMarkdown(buildSummary({ period, previous, entries: [{ ...long, occurredAt: '2026-09-01T12:00:00.000Z' }], previousEntries: [], now: NOW }));
    assert.equal(outline(summary).html, 0);
    assert.deepEqual(await lintMarkdown(summary), []);
    // JSON and CSV
    assert.equal((JSON.parse(entriesToJson([long], { exportedAt: NOW })) as { entries: Entry[] }).entries[0]!.title, TEN_KB);
    const row = parse<Record<string, string>>(entriesToCsv([long]), { bom: true, columns: true })[0]!;
    assert.equal(unguardCell(row.title!), TEN_KB);
    // A valid entry with 10 kB details goes through export and import unchanged.
    const back = parseImportFile(entriesToJson([valid], { exportedAt: NOW })).entries[0]!;
    assert.deepEqual(back, valid);
    assert.equal(back.details, TEN_KB.replace(/\r\n?/g, '\n').trim(), 'stored details keep every character (line endings normalised)');
  });

  it('the fixture-sized summary with hostile titles passes markdownlint', async () => {
    const titles = ['| pipe | table |', '`code` and ``more``', '<script>alert(1)</script>', '=cmd()', 'line one\nline two', '# not a heading', '* not a list', '1. not a list', 'emoji 😀👩‍👩‍👧', '[not](http://a.link)'];
    const entries = titles.map((t, i) => withTitle(base, t, { id: `00000000-0000-4000-8000-${String(800 + i).padStart(12, '0')}` }));
    const { period, previous } = fixturePeriod();
    const md = summaryToMarkdown(buildSummary({ period, previous, entries, previousEntries: [], now: NOW }));
    assert.deepEqual(await lintMarkdown(md), []);
  });
});
