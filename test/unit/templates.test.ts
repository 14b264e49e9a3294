import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from '../../src/domain';
import { TEMPLATE_IDS, type Competency, type TemplateId, mapCompetencies, wordBudgetOf } from '../../src/domain/reviewTemplates';
import type { Summary } from '../../src/domain/summary';
import { exportSummaryArgument, formatFromPath } from '../../src/domain/exportArgs';
import { parseSettings } from '../../src/domain/settings';
import { plainWords, problemsOf } from '../../src/domain/validation';
import { summaryToMarkdown } from '../../src/export/markdown';
import { renderReview } from '../../src/export/templates';
import { golden, GOLDEN_DIR } from './support/golden';
import { COMPETENCIES, markdownSyntax } from './support/templateCheck';
import { asInline, lintMarkdown, outline } from './support/markdownCheck';
import { currentEntries, entry, fixtureSummary, inTimeZone } from './support/summaryFixture';

/**
 * The review-form templates over the golden log (test/unit/support/summaryFixture.ts): every
 * built-in as Markdown and as plain text against its golden file, Markdown valid under
 * markdownlint, plain text without Markdown syntax, the competencies mapping, the STAR parts and
 * gaps, the word budget, and user text written to break the document.
 */

const build = (entries: Entry[], previous?: Entry[]): Summary => fixtureSummary(entries, previous);

const md = (s: Summary, t: TemplateId, extra: { omit?: string[] } = {}) => renderReview(s, { template: { builtIn: t }, format: 'markdown', competencies: COMPETENCIES, ...extra });
const txt = (s: Summary, t: TemplateId, extra: { omit?: string[] } = {}) => renderReview(s, { template: { builtIn: t }, format: 'text', competencies: COMPETENCIES, ...extra });

const userTexts = (entries: readonly Entry[]) =>
  entries.flatMap((e) => [e.title, asInline(e.title), ...e.tags, ...Object.values(e.fields as Record<string, unknown>).filter((v): v is string => typeof v === 'string').map(asInline)]);

describe('review templates', () => {
  inTimeZone('Europe/Berlin');
  let summary: Summary;
  before(() => {
    summary = build(currentEntries());
  });

  describe('golden files', () => {
    for (const t of TEMPLATE_IDS) {
      it(`${t} as Markdown matches its golden file`, () => golden(`template-${t}-h2-fy2026.md`, md(summary, t)));
      it(`${t} as plain text matches its golden file`, () => golden(`template-${t}-h2-fy2026.txt`, txt(summary, t)));
    }

    it('impact as Markdown is the 0.1 summary, byte for byte (its golden file holds)', () => {
      assert.equal(md(summary, 'impact'), summaryToMarkdown(summary));
      assert.equal(md(summary, 'impact'), readFileSync(join(GOLDEN_DIR, 'summary-h2-fy2026.md'), 'utf8'));
    });
  });

  describe('Markdown', () => {
    for (const t of TEMPLATE_IDS) {
      it(`${t} passes markdownlint for the fixture, an empty period, no previous period and links left out`, async () => {
        for (const doc of [md(summary, t), md(build([], []), t), md(build(currentEntries(), []), t), md(summary, t, { omit: ['links', 'details'] })]) {
          assert.deepEqual(await lintMarkdown(doc), []);
        }
      });
    }

    it('the brag document has its sections, in order, and nothing but text from user input', () => {
      const o = outline(md(summary, 'brag-document'));
      assert.deepEqual(o.headings, [
        '1 Brag document — H2 FY2026 (2026-07-01 to 2026-12-31)',
        '2 Projects and changes shipped',
        '2 Problems solved',
        '2 Design & documentation',
        '2 Collaboration & mentorship',
        "2 Stuff that isn't my job",
        '2 AI judgment',
        '2 What I learned (from notes)',
        '2 Needs evidence before you share this',
      ]);
      assert.equal(o.html, 0, 'the title with <b> stays text');
      assert.equal(o.code, 0, 'backticks in a title stay text');
      assert.ok(o.items.includes('2026-11-09 — Off-by-one in `paginate()` | page *2* <b> · Bug caught in review · high · correctness · AI-generated code'), 'the hostile fixture title reads as typed');
    });

    it('every evidence link of the period is a link in the brag document, with its date beside it', () => {
      const o = outline(md(summary, 'brag-document'));
      const hrefs = new Set(o.links.map((l) => l.href));
      for (const e of summary.entries) for (const l of e.links) assert.ok(hrefs.has(l.url), `${e.title}: ${l.url}`);
    });
  });

  describe('plain text', () => {
    for (const t of TEMPLATE_IDS) {
      it(`${t}: no Markdown syntax, blocks separated by blank lines, links as "title (url)"`, () => {
        const text = txt(summary, t);
        assert.deepEqual(markdownSyntax(text, userTexts(summary.entries)), []);
        assert.ok(markdownSyntax(md(summary, t), userTexts(summary.entries)).length > 5, 'the check finds the syntax of the Markdown version');
        assert.doesNotMatch(text, /\n{3,}/, 'one blank line between blocks');
        assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
        for (const h of outline(md(summary, t)).headings) {
          const heading = h.slice(2);
          assert.ok(text.startsWith(`${heading}\n\n`) || text.includes(`\n\n${heading}\n\n`), `“${heading}” is a line of its own between blank lines`);
        }
        assert.ok(text.includes('PR #4412 (https://git.example.com/acme/shop/pull/4412)'), 'a labelled link reads "title (url)"');
      });
    }

    it('user text is written as typed, not escaped', () => {
      assert.ok(txt(summary, 'brag-document').includes('• 2026-11-09 — Off-by-one in `paginate()` | page *2* <b> · Bug caught in review'));
    });

    it('the impact summary’s tables become one line per row, with the previous period beside each measure', () => {
      const text = txt(summary, 'impact');
      assert.ok(text.includes('\nProblems solved — This period: 5 (2 customer-visible); Previous period: 3 (1 customer-visible)\n'));
      assert.ok(text.includes('\ncritical — Count: 1; Categories: security (1)\n'));
    });
  });

  describe('competencies', () => {
    it('an entry with two mapped tags appears once, under the first competency that maps it', () => {
      const both = entry('problem', { title: 'Hardened and sped up login', occurredAt: '2026-09-01T12:00:00Z', tags: ['checkout', 'security'], links: ['https://git.example.com/pull/1'] });
      const { groups, unmapped } = mapCompetencies([both], COMPETENCIES);
      assert.deepEqual(
        groups.map((g) => [g.name, g.entries.map((e) => e.title)]),
        [
          ['Technical excellence', ['Hardened and sped up login']],
          ['Delivery', []],
          ['Leadership', []],
        ],
      );
      assert.deepEqual(unmapped, []);
      const doc = md(build([both, ...currentEntries()]), 'competencies');
      assert.equal(doc.split('Hardened and sped up login').length - 1, 1, 'listed once in the whole document');
      const technical = doc.indexOf('## Technical excellence');
      const delivery = doc.indexOf('## Delivery');
      const at = doc.indexOf('Hardened and sped up login');
      assert.ok(technical < at && at < delivery, 'under the first competency');
    });

    it('the setting’s order decides, not the order of the entry’s tags; tags compare as stored (case, #, spaces)', () => {
      const e = entry('note', { title: 'Ran the accessibility audit', occurredAt: '2026-09-02T12:00:00Z', tags: ['a11y', 'Web Perf'] });
      const comps: Competency[] = [{ name: 'Quality', tags: ['#web perf'] }, { name: 'Inclusion', tags: ['A11Y'] }];
      assert.deepEqual(mapCompetencies([e], comps).groups.map((g) => g.entries.length), [1, 0]);
    });

    it('entries no competency maps are listed last, with their count out of the period’s', () => {
      const doc = md(summary, 'competencies');
      const heads = outline(doc).headings;
      assert.deepEqual(heads.slice(1), ['2 Technical excellence', '2 Delivery', '2 Leadership', '2 Not mapped to a competency', '2 Needs evidence before you share this']);
      const { unmapped } = mapCompetencies(summary.entries, COMPETENCIES);
      assert.deepEqual(unmapped.map((e) => e.kind).sort(), [...Array(8).fill('ai-assist'), 'incident', 'incident'], 'the AI assists and incidents');
      assert.ok(doc.includes(`${unmapped.length} of 23 entries in this period have no tag or kind that a competency names.`));
      for (const e of summary.entries) assert.equal(doc.split(`— ${e.title.includes('`') ? 'Off-by-one' : e.title}`).length - 1, 1, `${e.title} once among the sections`);
    });

    it('without competencies, says how to set them and lists every entry as unmapped', () => {
      const doc = renderReview(summary, { template: { builtIn: 'competencies' }, format: 'markdown', competencies: [] });
      assert.match(doc, /No competencies are set yet\. Add your review form’s competencies to the setting impactLog\.review\.competencies/);
      assert.ok(doc.includes('23 of 23 entries in this period have no tag or kind that a competency names.'));
    });
  });

  describe('STAR', () => {
    it('a problem’s own fields fill Situation, Task, Action and Result; nothing is listed as a gap', () => {
      const e = entry('problem', {
        title: 'Stopped duplicate invoices',
        occurredAt: '2026-09-05T12:00:00Z',
        impact: 'high',
        whatWasWrong: 'Retries sent a second invoice.',
        fix: 'An idempotency key per invoice.',
        value: 'No duplicate invoices since.',
        links: ['https://git.example.com/pull/9'],
      });
      const doc = md(build([e], []), 'star');
      assert.ok(doc.includes('- **Situation:** Retries sent a second invoice.\n- **Task:** Stopped duplicate invoices\n- **Action:** An idempotency key per invoice.\n- **Result:** No duplicate invoices since.'));
      assert.doesNotMatch(doc, /not recorded/);
      assert.ok(doc.includes('Every outcome in this period has at least one evidence link.'));
    });

    it('a missing part is a visible gap and the story is listed under Needs evidence with the parts it lacks', () => {
      const e = entry('problem', { title: 'Fixed the flaky deploy', occurredAt: '2026-09-05T12:00:00Z', impact: 'high', fix: 'Pinned the runner image.' });
      const text = txt(build([e], []), 'star');
      assert.ok(text.includes('• Situation: [not recorded]\n• Task: Fixed the flaky deploy\n• Action: Pinned the runner image.\n• Result: [not recorded]'));
      const needs = text.slice(text.indexOf('Needs evidence before you share this'));
      assert.ok(needs.includes('• Story 1, Fixed the flaky deploy: Situation, Result'));
      assert.ok(needs.includes('• Fixed the flaky deploy (2026-09-05, problem solved)'), 'and, having no link, among the entries without evidence');
    });

    it('tells the stories of the highlights, in highlight order', () => {
      const titles = outline(md(summary, 'star')).strong.filter((s) => !/^(Situation|Task|Action|Result):$/.test(s));
      assert.deepEqual(titles, summary.highlights.map((e) => e.title));
    });
  });

  describe('word budget', () => {
    it('names each section over its limit and by how much, in one line after the title, and cuts nothing', () => {
      const budget = wordBudgetOf({ perSection: 100, total: 300, sections: { 'AI judgment': 150, Notes: 1000 } })!;
      const doc = renderReview(summary, { template: { builtIn: 'brag-document' }, format: 'text', competencies: COMPETENCIES, wordBudget: budget });
      const lines = doc.split('\n');
      assert.equal(lines[1], '');
      assert.match(lines[2]!, /^Word budget: “Problems solved” has \d+ words, \d+ over 100; .*whole document has [\d,]+ words, \d+ over 300\. Nothing was cut; shorten them before you paste\. No section is called “notes”\.$/);
      assert.doesNotMatch(lines[2]!, /AI judgment/, 'AI judgment has its own, larger limit and is within it');
      assert.equal([lines[0], '', ...lines.slice(4)].join('\n'), txt(summary, 'brag-document'), 'the rest is the document without a budget');
    });

    it('says so when everything is within budget; 0 means no budget', () => {
      const doc = renderReview(summary, { template: { builtIn: 'star' }, format: 'markdown', wordBudget: wordBudgetOf(100_000) });
      assert.match(doc.split('\n')[2]!, /^Word budget: within budget \(the whole document has [\d,]+ of 100,000 words\)\.$/);
      assert.equal(wordBudgetOf(0), undefined);
      assert.equal(wordBudgetOf({}), undefined);
    });

    it('counts what a reader sees: Markdown syntax and link addresses are not words', () => {
      const e = entry('shipped', { title: 'One two three', occurredAt: '2026-09-05T12:00:00Z', links: [{ url: 'https://a.example.com/x/y/z', label: 'four' }] });
      const mdDoc = renderReview(build([e], []), { template: { builtIn: 'brag-document' }, format: 'markdown', wordBudget: wordBudgetOf({ sections: { 'Projects and changes shipped': 1 } }) });
      // "1 change shipped, 0 of 1 customer-visible." (7) + "2026-09-05 — One two three · four" (5)
      assert.match(mdDoc, /“Projects and changes shipped” has 12 words, 11 over 1\./);
    });
  });

  describe('hostile user text', () => {
    const HOSTILE = [
      '# Heading from a title',
      '**bold** and _em_ and `code` and ~~strike~~',
      '[click](javascript:alert(1)) ![img](https://evil.example.com/x.png)',
      '<script>alert(1)</script> <img src=x onerror=alert(1)>',
      '| a | b |\n| --- | --- |',
      '- list\n> quote\n```\ncode\n```',
      'Control \u0000\u0007\u001b[31m chars \u202Eevil\u202C and \u2066isolate\u2069',
      'https://autolink.example.com and www.example.com and me@example.com',
      '&amp; &#60; \\*escaped\\* trailing ##',
    ];
    const hostile = () =>
      HOSTILE.map((title, i) =>
        entry(i % 2 === 0 ? 'problem' : 'note', {
          title: title.replace(/[\n]/g, ' ').slice(0, 300),
          occurredAt: `2026-09-${String(10 + i).padStart(2, '0')}T12:00:00Z`,
          impact: 'high',
          tags: ['perf'],
          ...(i % 2 === 0 ? { whatWasWrong: title, fix: title, value: title } : {}),
          details: title,
          links: [{ url: `https://git.example.com/pull/${i}?q=a)b|c`, label: title.slice(0, 200).replace(/\n/g, ' ') }],
        }),
      );

    for (const t of TEMPLATE_IDS) {
      it(`${t}: a title cannot add a heading, HTML, code, emphasis or a link of its own`, async () => {
        const s = build(hostile(), []);
        const doc = md(s, t);
        const o = outline(doc);
        const clean = outline(md(build([], []), t));
        assert.equal(o.html, 0);
        assert.equal(o.code, 0);
        assert.equal(o.emphasis, clean.emphasis, 'no emphasis beyond the template’s own');
        for (const h of o.headings) assert.doesNotMatch(h, /Heading from a title/);
        for (const l of o.links) assert.match(l.href, /^https:\/\/git\.example\.com\/pull\/\d/, `only evidence links: ${l.href}`);
        assert.deepEqual(await lintMarkdown(doc), []);
        assert.doesNotMatch(doc, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
      });

      it(`${t} as plain text: the titles as typed, without control characters`, () => {
        const text = txt(build(hostile(), []), t);
        assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        if (t !== 'star') assert.ok(text.includes('**bold** and _em_ and `code` and ~~strike~~'), 'user text reads as typed');
      });
    }
  });

  describe('arguments and settings', () => {
    const problems = (arg: unknown) => {
      const r = exportSummaryArgument.safeParse(arg, { error: plainWords });
      return r.success ? [] : problemsOf(r.error).map((p) => `${p.field}: ${p.problem}`);
    };

    it('accepts a template, a custom template path and plain text', () => {
      assert.deepEqual(problems({ template: 'star', format: 'text', path: '/tmp/star.txt', period: 'lastHalf' }), []);
      assert.deepEqual(problems({ templatePath: '~/forms/workday.mustache' }), []);
      assert.equal(formatFromPath('/tmp/review.txt'), 'text');
    });

    it('refuses a bad template, path or format with the field named', () => {
      assert.match(problems({ template: 'okr' }).join(), /^template: must be one of: impact, brag-document, star, competencies/);
      assert.match(problems({ templatePath: 'forms/t.mustache' }).join(), /^templatePath: must be an absolute path/);
      assert.match(problems({ templatePath: 42 }).join(), /^templatePath: /);
      assert.deepEqual(problems({ template: 'star', templatePath: '/t.mustache' }), ['templatePath: cannot be combined with template; give one of them']);
      assert.deepEqual(problems({ template: 'star', format: 'json' }), ['template: shapes the markdown and text formats only, not json']);
      assert.match(problems({ format: 'pdf' }).join(), /^format: must be one of: markdown, json, csv, text/);
      assert.match(problems({ template: 'star', tempalte: 'x' }).join(), /tempalte/);
    });

    it('a bad competencies or word budget setting falls back to none, naming the setting', () => {
      const read = (values: Record<string, unknown>) => parseSettings((k) => values[k]);
      const good = read({ 'review.competencies': COMPETENCIES, 'review.wordBudget': { perSection: 200, sections: { Highlights: 150 } }, 'review.template': 'star' });
      assert.deepEqual(good.problems, []);
      assert.equal(good.config['review.template'], 'star');
      for (const [key, value] of [
        ['review.competencies', [{ name: '' }]],
        ['review.competencies', [{ name: 'A', kinds: ['bogus'] }]],
        ['review.competencies', [{ name: 'A' }, { name: 'a' }]],
        ['review.competencies', [{ name: 'A', tag: ['x'] }]],
        ['review.wordBudget', -1],
        ['review.wordBudget', { perSection: 'many' }],
        ['review.wordBudget', { words: 100 }],
        ['review.template', 'okr'],
        ['review.templatePath', 'relative.mustache'],
      ] as const) {
        const { config, problems: found } = read({ [key]: value });
        assert.equal(found.length, 1, `${key} = ${JSON.stringify(value)}`);
        assert.equal(found[0]!.key, `impactLog.${key}`);
        assert.doesNotMatch(found[0]!.problem, /accepted form|Invalid input|expected \w+, received/, 'says what is expected');
        assert.deepEqual(config[key], parseSettings(() => undefined).config[key]);
      }
    });
  });
});
