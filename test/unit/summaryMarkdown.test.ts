import assert from 'node:assert/strict';
import type { Entry } from '../../src/domain';
import type { Summary } from '../../src/domain/summary';
import { summaryToMarkdown } from '../../src/export/markdown';
import { HtmlRenderer, Parser } from 'commonmark';
import { golden } from './support/golden';
import { lintMarkdown, outline, textOf } from './support/markdownCheck';
import { currentEntries, entry, fixtureSummary, inTimeZone } from './support/summaryFixture';

describe('summary Markdown', () => {
  inTimeZone('Europe/Berlin');
  let summary: Summary;
  const build = (entries: Entry[], previous?: Entry[]): Summary => fixtureSummary(entries, previous);
  before(() => {
    summary = build(currentEntries());
  });

  it('matches the golden file for the fixture half-year', () => {
    golden('summary-h2-fy2026.md', summaryToMarkdown(summary));
  });

  it('matches the golden file with repository names, links and details left out', () => {
    golden('summary-h2-fy2026-omit.md', summaryToMarkdown(summary, { omit: ['links', 'details', 'repo'] }));
  });

  it('passes markdownlint (all rules but line length)', async () => {
    for (const md of [summaryToMarkdown(summary), summaryToMarkdown(summary, { omit: ['links', 'details'] }), summaryToMarkdown(build([], [])), summaryToMarkdown(build(currentEntries(), []))]) {
      assert.deepEqual(await lintMarkdown(md), []);
    }
  });

  it('parses as CommonMark into the expected headings and no HTML or code', () => {
    const o = outline(summaryToMarkdown(summary));
    assert.deepEqual(o.headings, [
      '1 Impact summary — H2 FY2026 (2026-07-01 to 2026-12-31)',
      '2 At a glance',
      '2 Highlights',
      '2 Problems solved',
      '2 Changes shipped',
      '2 Bugs caught in review',
      '2 Incidents',
      '2 AI judgment',
      '2 Notes',
      '2 Needs evidence before you share this',
      '2 All entries',
      '3 July 2026',
      '3 August 2026',
      '3 September 2026',
      '3 October 2026',
      '3 November 2026',
      '3 December 2026',
    ]);
    assert.equal(o.html, 0, 'the title with <b> stays text');
    assert.equal(o.code, 0, 'the title with backticks stays text');
    assert.equal(o.emphasis, 0, 'the title with *2* stays text');
  });

  it('shows numbers with their denominators and the comparison', () => {
    const md = summaryToMarkdown(summary);
    assert.match(md, /\| Problems solved \| 5 \(2 customer-visible\) \| 3 \(1 customer-visible\) \|/);
    assert.match(md, /\| Median time from problem identified to fix \| 2\.5 days \(n = 4 with both dates\) \| 4 days \(n = 2 with both dates\) \|/);
    assert.match(md, /\| Problems solved with AI involved \| 3 of 5 \(1 not recorded\) \| 1 of 3 \|/);
    assert.match(md, /\| AI assists logged \| 8: 2 accepted, 1 adapted, 4 discarded, 1 no verdict \|/);
    assert.match(md, /Reasons for discarding \(4 discards\): invented an API \(2\), insecure \(1\); 1 without a reason\./i);
    assert.match(md, /Compared with the period before, H1 FY2026 \(2026-01-01 to 2026-06-30\)\./);
  });

  it('every bullet of a kind section carries its date, and its evidence link when it has one', () => {
    const o = outline(summaryToMarkdown(summary));
    const sql = o.items.find((i) => i.startsWith('2026-10-02 — SQL injection in the search endpoint'));
    assert.ok(sql, 'dated bullet present');
    assert.ok(o.links.some((l) => l.text === 'review comment' && l.href === 'https://git.example.com/acme/shop/pull/4480#discussion_r1'));
    assert.ok(o.links.some((l) => l.text === 'PR #4412'), 'a pull request link gets a short label');
  });

  it('never states tokens, lines of code or hours as achievements and never ranks people', () => {
    const md = summaryToMarkdown(summary).toLowerCase();
    const stated = md.replace('no tokens, lines of code or hours appear as achievements', '');
    assert.doesNotMatch(stated, /token|lines of code|hours saved|minutes saved|rank|leaderboard|percentile/);
  });

  it('without a previous period to compare with, says so instead of showing zeros', () => {
    const md = summaryToMarkdown(build(currentEntries(), []));
    assert.match(md, /Nothing was logged in the previous period, H1 FY2026 \(2026-01-01 to 2026-06-30\), so there is nothing to compare with\./);
    assert.match(md, /\| Measure \| This period \|\n\| --- \| --- \|/);
  });

  it('a title that starts like a list marker stays one item of the needs-evidence list', () => {
    const titles = ['1. Fixed the retry loop', '2) Moved the cron', '- Dashed note', '+ Plus note'];
    const md = summaryToMarkdown(build(titles.map((title, i) => entry('note', { title, occurredAt: `2026-08-0${i + 1}T12:00:00Z` })), []));
    const section = md.slice(md.indexOf('## Needs evidence'));
    const html = new HtmlRenderer().render(new Parser().parse(section));
    assert.equal((html.match(/<li>/g) ?? []).length, titles.length, html);
    assert.doesNotMatch(html, /<ol|<ul>\s*<li>\s*<ul/);
    for (const t of titles) assert.ok(textOf(new Parser().parse(section)).includes(t), `“${t}” reads as typed`);
  });

  it('an empty period is still a valid document that says so', () => {
    const md = summaryToMarkdown(build([], []));
    assert.match(md, /There are no entries in this period/);
    assert.deepEqual(outline(md).headings, ['1 Impact summary — H2 FY2026 (2026-07-01 to 2026-12-31)', '2 At a glance', '2 Highlights', '2 Needs evidence before you share this']);
  });

  it('leaving out links removes every URL and says evidence is not checked', () => {
    const md = summaryToMarkdown(summary, { omit: ['links'] });
    assert.doesNotMatch(md, /https?:/);
    assert.match(md, /Left out of this export by your settings: links\./);
    assert.match(md, /Links are left out of this export/);
  });

  it('leaving out details removes the value, what was wrong, the fix, follow-ups and details', () => {
    const full = summaryToMarkdown(summary);
    const md = summaryToMarkdown(summary, { omit: ['details'] });
    assert.match(full, /Value: Checkout abandonment/);
    assert.doesNotMatch(md, /Checkout abandonment|circuit breaker|gateway timeout|idempotency|parameterised/);
  });

  it("a kind's section carries what was wrong and the fix of a solved problem, an incident's follow-up and a review catch's details; the highlights stay one line", () => {
    const o = outline(summaryToMarkdown(summary));
    const problem = o.items.find((i) => i.startsWith('2026-08-02 — Fixed double charging'));
    assert.match(problem ?? '', /What was wrong: A retry after a gateway timeout sent the charge again\. The fix: One idempotency key per payment, checked \*before\* charging \(see <PAY-311>\)\.$/);
    const incident = o.items.find((i) => i.startsWith('2026-09-28 — Checkout outage'));
    assert.match(incident ?? '', /Follow-up: Added a circuit breaker and a load test\.$/);
    const catchItem = o.items.find((i) => i.startsWith('2026-10-02 — SQL injection'));
    assert.match(catchItem ?? '', /Details: Search terms went into the SQL string\. Asked for a parameterised query\.$/);
    const md = summaryToMarkdown(summary);
    const highlights = md.slice(md.indexOf('## Highlights'), md.indexOf('## Problems solved'));
    assert.doesNotMatch(highlights, /What was wrong|The fix|Follow-up|Details:|\\\n/, 'a highlight grew a second line');
    assert.equal(o.emphasis, 0, 'the fix’s *before* stays text');
    assert.equal(o.html, 0, 'the fix’s <PAY-311> stays text');
  });

  it('keeps a long fix short and its Markdown inert, and the document lint-clean', async () => {
    const long = `# Root cause\n\n${'The `cache` key *ignored* the [tenant](https://x.example) id. '.repeat(20)}\n\n- item\n1. step`;
    const e = entry('problem', { title: 'Tenant data shown to another tenant', occurredAt: '2026-10-01T12:00:00Z', whatWasWrong: long, fix: '<script>alert(1)</script>\n---\n| a | b |' });
    const md = summaryToMarkdown(build([e], []));
    const sub = md.split('\n').find((l) => l.startsWith('  What was wrong: '));
    assert.ok(sub, 'no sub-line');
    assert.ok(sub.length < 300, `the sub-line is ${sub.length} characters long`);
    assert.match(sub, /^ {2}What was wrong: Root cause\. The \\`cache\\` key \\\*ignored\\\* the \\\[tenant\\\]/);
    assert.match(sub, /…\\$/);
    const o = outline(md);
    assert.deepEqual([o.code, o.html, o.emphasis, o.links.length], [0, 0, 0, 0]);
    assert.match(o.items[0] ?? '', /The fix: <script>alert\(1\)<\/script> --- \| a \| b \|$/);
    assert.deepEqual(await lintMarkdown(md), []);
  });
});
