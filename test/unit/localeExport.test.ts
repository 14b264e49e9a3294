import assert from 'node:assert/strict';
import { TEMPLATE_IDS } from '../../src/domain/reviewTemplates';
import type { Summary } from '../../src/domain/summary';
import { renderSummary } from '../../src/export';
import { renderReview } from '../../src/export/templates';
import { COMPETENCIES } from './support/templateCheck';
import { currentEntries, fixtureSummary, inTimeZone } from './support/summaryFixture';

/**
 * A summary a person reads shows its days in the user's locale; the exports machines read (JSON,
 * CSV) keep ISO dates whatever the locale, and so does a summary rendered without one (the golden
 * files).
 */

const GB = { locale: 'en-GB' };
const DE = { locale: 'de' };
const US = { locale: 'en-US' };

describe('summary dates in the user’s locale', () => {
  inTimeZone('Europe/Berlin');
  let summary: Summary;
  before(() => {
    summary = fixtureSummary(currentEntries());
  });

  /** The days that start bullets (`- 2026-09-14 — Title`; highlights start with the title). */
  const bulletDays = (doc: string) => [...doc.matchAll(/^[-•] (\d[^—\n]*?|[A-Z][a-z]{2} \d[^—\n]*?) — /gm)].map((m) => m[1]!);
  const periodsMasked = (doc: string) => doc.replace(/\(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)/g, '(P)');

  it('the impact summary’s bullets and its “Generated” line follow the locale; without one they are ISO', () => {
    const iso = renderSummary('markdown', summary, []);
    assert.ok(bulletDays(iso).length > 5);
    for (const d of bulletDays(iso)) assert.match(d, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(iso, /Generated 2026-12-18 /);
    const gb = renderSummary('markdown', summary, [], undefined, undefined, GB);
    for (const d of bulletDays(gb)) assert.match(d, /^\d{1,2} [A-Z][a-z]{2,4} \d{4}$/, d);
    assert.match(gb, /Generated 18 Dec 2026 /);
    const de = renderSummary('markdown', summary, [], undefined, undefined, DE);
    for (const d of bulletDays(de)) assert.match(d, /^\d{2}\.\d{2}\.\d{4}$/, d);
    assert.match(renderSummary('markdown', summary, [], undefined, undefined, US), /Generated Dec 18, 2026 /);
    // The same bullets, only the days differ.
    assert.equal(bulletDays(de).length, bulletDays(iso).length);
    const months = (doc: string) => [...doc.matchAll(/^### (.+ \d{4})$/gm)].map((m) => m[1]!);
    assert.deepEqual(months(de).slice(0, 2), ['Juli 2026', 'August 2026'], 'the month headings of All entries');
    assert.deepEqual(months(iso).slice(0, 2), ['July 2026', 'August 2026']);
    const masked = (doc: string, day: RegExp) => periodsMasked(doc).replace(day, 'D').replace(/^### .+ \d{4}$/gm, '### M');
    assert.equal(masked(de, /\d{2}\.\d{2}\.\d{4}/g), masked(iso, /\d{4}-\d{2}-\d{2}/g), 'only the days and month names changed');
  });

  it('the period’s label keeps its ISO days in every locale (they are what the period pick showed)', () => {
    const de = renderSummary('markdown', summary, [], undefined, undefined, DE);
    assert.match(de.split('\n')[0]!, /\(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)$/);
  });

  for (const t of TEMPLATE_IDS) {
    it(`the ${t} template as Markdown and as plain text`, () => {
      for (const format of ['markdown', 'text'] as const) {
        const doc = renderReview(summary, { template: { builtIn: t }, format, competencies: COMPETENCIES, dateStyle: DE });
        const days = bulletDays(doc);
        if (t !== 'star') assert.ok(days.length > 0, `${t} ${format} has dated bullets`);
        for (const d of days) assert.match(d, /^\d{2}\.\d{2}\.\d{4}$/, `${t} ${format}: ${d}`);
        assert.doesNotMatch(periodsMasked(doc), /(^|[^\d-])\d{4}-\d{2}-\d{2}([^\d]|$)/, `${t} ${format} has an ISO day left outside the period label`);
      }
    });
  }

  it('JSON and CSV keep ISO timestamps whatever the locale', () => {
    for (const format of ['json', 'csv'] as const) {
      assert.equal(renderSummary(format, summary, [], undefined, undefined, DE), renderSummary(format, summary, []), format);
    }
    const json = JSON.parse(renderSummary('json', summary, [], undefined, undefined, DE)) as { entries: { occurredAt: string }[] };
    for (const e of json.entries) assert.match(e.occurredAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
  });
});
