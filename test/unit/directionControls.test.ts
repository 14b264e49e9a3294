import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildSummary } from '../../src/domain/summary';
import { entriesToCsv, unguardCell } from '../../src/export/csv';
import { entryToMarkdown } from '../../src/export/entryMarkdown';
import { escapeBlock, escapeInline, restoreDirectionControls, showDirectionControls } from '../../src/export/escape';
import { entriesToJson } from '../../src/export/json';
import { summaryToMarkdown } from '../../src/export/markdown';
import { entryDescription, entryFacts, entryLabel } from '../../src/ui/timeline/describe';
import { entry, fixturePeriod, inTimeZone, NOW } from './support/summaryFixture';

/**
 * Characters that change the direction of text (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C) show as `<U+202E>` in Markdown, CSV and plain text, so an exported line cannot display
 * differently from what it says; JSON keeps them exactly. On 0.1.0 they passed into the Markdown and
 * CSV exports unchanged. Golden files: test/unit/golden/direction-controls.*; regenerate with
 * IMPACT_LOG_UPDATE_GOLDEN=1 after an intended change and read the diff.
 */

const GOLDEN_DIR = join(__dirname, '..', '..', '..', 'test', 'unit', 'golden');

function golden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.IMPACT_LOG_UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
    if (process.env.IMPACT_LOG_UPDATE_GOLDEN !== '1') assert.fail(`${name} did not exist and was written; review it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs; if the change is intended, regenerate with IMPACT_LOG_UPDATE_GOLDEN=1 and review the diff`);
}

/** The fixture's ids count across test files; the golden CSV needs the same ids whatever ran before. */
const withId = (n: number, ...args: Parameters<typeof entry>) => ({ ...entry(...args), id: `d1ec0000-0000-4000-8000-${String(n).padStart(12, '0')}` });

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ANY_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('text-direction controls in user text', () => {
  inTimeZone('UTC');

  // "Approved \u202Efdp.exe\u202C" displays as "Approved exe.pdf": the classic filename spoof.
  const entries = () => [
    withId(1, 'ai-assist', {
      title: 'Approved invoice_\u202Efdp.exe\u202C for payment',
      occurredAt: '2026-09-14T12:00:00Z',
      verdict: 'discarded',
      reason: 'it said \u2067admin\u2069 was fine',
      tags: ['sec\u200Fops'],
      details: 'Line one \u202Bembedded\u202C.\n\u2066isolated\u2069 and marks \u200E \u061C.',
      links: [{ url: 'https://git.example.com/acme/shop/pull/7', label: 'PR \u202D7\u202C' }],
    }),
    withId(2, 'note', { title: 'Plain title, no controls', occurredAt: '2026-09-15T12:00:00Z', category: 'docs' }),
  ];

  it('shows every control as its code point and reads it back (plain text)', () => {
    for (const c of CONTROLS) {
      const shown = showDirectionControls(`a${c}b`);
      assert.match(shown, /^a<U\+[0-9A-F]{4}>b$/);
      assert.equal(restoreDirectionControls(shown), `a${c}b`);
    }
    assert.equal(showDirectionControls('no controls <U+1234>'), 'no controls <U+1234>');
  });

  it('Markdown: Copy as Markdown matches the golden file and holds no control', () => {
    const md = entries().map((e) => entryToMarkdown(e)).join('\n');
    assert.doesNotMatch(md, ANY_CONTROL);
    golden('direction-controls.md', md);
  });

  it('Markdown: the summary shows the controls escaped (\\<U+202E>) wherever user text goes', () => {
    const md = summaryToMarkdown(buildSummary({ period: fixturePeriod().period, previous: fixturePeriod().previous, entries: entries(), previousEntries: [], now: NOW }));
    assert.doesNotMatch(md, ANY_CONTROL);
    assert.ok(md.includes('Approved invoice\\_\\<U+202E>fdp.exe\\<U+202C> for payment'), md);
    assert.equal(escapeInline('\u202Eabc'), '\\<U+202E>abc');
    assert.equal(escapeBlock('one\u2066\ntwo'), 'one\\<U+2066>\\\ntwo');
  });

  it('CSV: matches the golden file, holds no control, and unguardCell gives back the text typed', () => {
    const list = entries();
    const csv = entriesToCsv(list, { bom: false });
    assert.doesNotMatch(csv, ANY_CONTROL);
    golden('direction-controls.csv', csv);
    const rows = parse<Record<string, string>>(csv, { columns: true });
    assert.equal(unguardCell(rows[0]!.title!), list[0]!.title);
    assert.equal(unguardCell(rows[0]!.details!), list[0]!.details);
  });

  it('plain text (the timeline row and tooltip facts): matches the golden file and holds no control', () => {
    const text = entries()
      .map((e) => {
        const f = entryFacts(e);
        return [
          `label: ${entryLabel(e)}`,
          `description: ${entryDescription(e)}`,
          `title: ${f.title}`,
          ...f.fields.map((x) => `${x.label}: ${x.value}`),
          `details: ${f.details}`,
          `links: ${f.links.map((l) => l.label ?? l.url).join(', ')}`,
          `tags: ${f.tags.join(', ')}`,
          '',
        ].join('\n');
      })
      .join('\n');
    assert.doesNotMatch(text, ANY_CONTROL);
    golden('direction-controls.txt', text);
  });

  it('JSON keeps the controls exactly', () => {
    const list = entries();
    const doc = JSON.parse(entriesToJson(list, { exportedAt: NOW })) as { entries: { title: string; details: string; tags: string[] }[] };
    assert.equal(doc.entries[0]!.title, list[0]!.title);
    assert.equal(doc.entries[0]!.details, list[0]!.details);
    assert.deepEqual(doc.entries[0]!.tags, list[0]!.tags);
    assert.match(doc.entries[0]!.title, /\u202E/);
  });
});
