import assert from 'node:assert/strict';
import { entryToMarkdown } from '../../src/export/entryMarkdown';
import { escapeInline, linkDestination, markdownLink } from '../../src/export/escape';
import { formatDuration, linkLabel } from '../../src/export/format';
import { LINT_CONFIG, lintMarkdown, outline } from './support/markdownCheck';
import { currentEntries, entry, inTimeZone } from './support/summaryFixture';

describe('Copy as Markdown (one entry)', () => {
  inTimeZone('Europe/Berlin');

  it('renders a problem with its facts, evidence, context and long texts', () => {
    const e = entry('problem', {
      title: 'Cut checkout p99 latency',
      occurredAt: '2026-09-14T13:30:00Z',
      impact: 'high',
      customerVisible: true,
      aiInvolvement: 'assisted',
      identifiedAt: '2026-09-10',
      fix: 'Cached the price lookup.\n\nAdded an index.',
      tags: ['perf'],
      links: ['https://git.example.com/acme/shop/pull/4412', { url: 'https://dash.example.com/p99', label: 'p99 dashboard' }],
      context: { repo: 'acme/shop', branch: 'main', file: 'src/price.ts', startLine: 10, endLine: 20 },
      details: 'Seen in the **Black Friday** test.',
    });
    assert.equal(
      entryToMarkdown(e),
      [
        '### Cut checkout p99 latency',
        '',
        '- **Kind:** Problem solved',
        '- **Date:** 2026-09-14 15:30',
        '- **Impact:** high',
        '- **Customer-visible:** yes',
        '- **AI involvement:** assisted',
        '- **Identified at:** 2026-09-10',
        '- **Tags:** perf',
        '- **Evidence:** [PR #4412](https://git.example.com/acme/shop/pull/4412), [p99 dashboard](https://dash.example.com/p99)',
        '- **Context:** repo acme/shop · branch main · src/price.ts:10-20',
        '',
        '**The fix:** Cached the price lookup.',
        '',
        'Added an index.',
        '',
        '**Details:** Seen in the \\*\\*Black Friday\\*\\* test.',
        '',
      ].join('\n'),
    );
  });

  it('every fixture entry passes markdownlint as a fragment and has its title as the only heading', async () => {
    for (const e of currentEntries()) {
      const md = entryToMarkdown(e);
      assert.deepEqual(await lintMarkdown(md, { ...LINT_CONFIG, MD041: false }), [], e.title);
      assert.equal(outline(md).headings.length, 1);
    }
  });

  it('honours omitted fields', () => {
    const e = entry('incident', { title: 'Outage', followUp: 'internal follow-up', details: 'internal', links: ['https://status.example.com/1'], tags: ['ops'], context: { repo: 'acme/secret', commit: 'abcdef1234' } });
    const md = entryToMarkdown(e, ['links', 'details', 'tags', 'repo', 'commit']);
    assert.doesNotMatch(md, /internal|status\.example|ops|acme|abcdef/);
    assert.match(md, /### Outage/);
  });

  it('shows a deleted entry as deleted', () => {
    const e = entry('note', { title: 'Gone' }, { deletedAt: '2026-10-01T08:00:00.000Z' });
    assert.match(entryToMarkdown(e), /- \*\*Deleted:\*\* 2026-10-01 10:00/);
  });
});

describe('escaping stays readable', () => {
  it('leaves ordinary punctuation alone', () => {
    for (const s of ['snake_case_name', 'PR #4412', 'C# and F#', 'R&D', 'a > b', '2.1 s -> 300 ms', "it's 50% done", 'x = y + 1', 'e-mail: me at work']) {
      assert.equal(escapeInline(s), s, s);
    }
  });

  it('escapes what would change the structure', () => {
    assert.equal(escapeInline('# Title'), '\\# Title');
    assert.equal(escapeInline('Fix #'), 'Fix \\#');
    assert.equal(escapeInline('a | b'), 'a \\| b');
    assert.equal(escapeInline('`x`'), '\\`x\\`');
    assert.equal(escapeInline('<b>'), '\\<b>');
    assert.equal(escapeInline('> quote'), '\\> quote');
    assert.equal(escapeInline('&amp;'), '\\&amp;');
    assert.equal(escapeInline('_init_'), '\\_init\\_');
    assert.equal(escapeInline('one\ntwo\r\nthree'), 'one two three');
    assert.equal(escapeInline('see https://x.example'), 'see https\\://x.example');
  });

  it('link destinations cannot end the link or the table cell early', () => {
    assert.equal(linkDestination('https://x.example/a b(c)|d`e'), 'https://x.example/a%20b%28c%29%7Cd%60e');
    assert.equal(linkDestination('javascript:alert(1)'), undefined);
    assert.equal(markdownLink('[x]', 'ftp://x.example'), '\\[x\\]');
  });

  it('labels links by what they point at', () => {
    assert.equal(linkLabel({ url: 'https://github.com/o/r/pull/12' }), 'PR #12');
    assert.equal(linkLabel({ url: 'https://gitlab.example.com/g/p/-/merge_requests/7' }), 'MR !7');
    assert.equal(linkLabel({ url: 'https://github.com/o/r/issues/3' }), 'issue #3');
    assert.equal(linkLabel({ url: 'https://jira.example.com/browse/PAY-311' }), 'PAY-311');
    assert.equal(linkLabel({ url: 'https://www.example.com/docs/runbook/' }), 'example.com/docs/runbook');
    assert.equal(linkLabel({ url: 'https://x.example/', label: 'mine' }), 'mine');
  });

  it('durations read naturally', () => {
    assert.equal(formatDuration(45 * 60_000), '45 min');
    assert.equal(formatDuration(6 * 3_600_000), '6 hours');
    assert.equal(formatDuration(86_400_000), '1 day');
    assert.equal(formatDuration(2.5 * 86_400_000), '2.5 days');
  });
});
