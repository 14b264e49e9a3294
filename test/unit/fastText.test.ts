import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Entry, parseNewEntry } from '../../src/domain';
import { TEMPLATE_IDS, type TemplateId } from '../../src/domain/reviewTemplates';
import type { Summary } from '../../src/domain/summary';
import { summaryToMarkdown } from '../../src/export/markdown';
import { bragDocument } from '../../src/export/templates/brag';
import { competencySummary } from '../../src/export/templates/competencies';
import { fastBlocks } from '../../src/export/templates/fastText';
import { markedBlocks, type PlainOptions } from '../../src/export/templates/plainText';
import { context } from '../../src/export/templates/shared';
import { starStories } from '../../src/export/templates/star';
import { currentEntries, entry, fixtureSummary, inTimeZone } from './support/summaryFixture';
import { COMPETENCIES } from './support/templateCheck';

/**
 * The fast plain-text reader (src/export/templates/fastText.ts) against marked, the parser it
 * stands in for: on every built-in template over the golden log, an empty period, links left out,
 * hostile titles, and generated user text. Where the fast reader answers, it must answer exactly
 * what marked does; where it cannot, it must say so (and marked is used).
 */

const build = (entries: Entry[], previous?: Entry[]): Summary => fixtureSummary(entries, previous);

function markdownOf(s: Summary, t: TemplateId, omit: readonly string[] = []): string {
  if (t === 'impact') return summaryToMarkdown(s, { omit });
  const c = context(s, omit);
  return t === 'star' ? starStories(c) : t === 'brag-document' ? bragDocument(c) : competencySummary(c, COMPETENCIES);
}

const MODES: PlainOptions[] = [{ links: 'inline' }, { links: 'label' }];

describe('fast plain text reader', () => {
  inTimeZone('Europe/Berlin');

  for (const t of TEMPLATE_IDS) {
    it(`${t}: reads the golden log, an empty period and links left out exactly as marked does`, () => {
      for (const md of [markdownOf(build(currentEntries()), t), markdownOf(build([], []), t), markdownOf(build(currentEntries(), []), t, ['links', 'details'])]) {
        for (const o of MODES) {
          const fast = fastBlocks(md, o);
          assert.ok(fast, 'the renderers’ own Markdown takes the fast path');
          assert.deepEqual(fast, markedBlocks(md, o));
        }
      }
    });
  }

  it('hostile titles: the same text as marked, or a fallback', () => {
    const titles = [
      '# Heading', '**bold** _em_ `code` ~~s~~', '[x](javascript:alert(1)) ![i](https://e.example.com/i.png)', '<b>html</b> &amp; &#60; &copy',
      'a_b_c _lead trail_ snake_case', 'https://auto.example.com www.example.com me@example.com', '| a | b |', '1. not a list', '- nor this', '> nor a quote',
      'trailing ##', 'back\\slash \\* and \\', '\u202Eoverride', 'tab\tand  spaces', '***', '---', '==', 'end with **',
    ];
    const entries = titles.map((title, i) =>
      entry(i % 2 ? 'problem' : 'review-catch', { title, occurredAt: `2026-09-${String(i + 1).padStart(2, '0')}T12:00:00Z`, impact: 'high', tags: ['perf'], links: [{ url: `https://git.example.com/pull/${i}?a=(b)&amp;c`, label: title }] }),
    );
    let fast = 0;
    for (const t of TEMPLATE_IDS) {
      const md = markdownOf(build(entries, []), t);
      for (const o of MODES) {
        const f = fastBlocks(md, o);
        if (f) {
          fast++;
          assert.deepEqual(f, markedBlocks(md, o), t);
        }
      }
    }
    assert.ok(fast > 0, 'escaped hostile text still takes the fast path');
  });

  it('generated titles, reasons and link labels: never a different text from marked', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...'ab _*`[]()<>|\\#&;:/.@!~-+=1'.split('')), maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 4 }), (rows) => {
        const entries = rows.flatMap(([title, reason, label], i) => {
          const t = title.trim() === '' ? 'x' : title;
          try {
            const a = parseNewEntry('ai-assist', { title: t, verdict: 'discarded', reason: reason.trim() || 'r', occurredAt: `2026-09-0${i + 1}T12:00:00Z`, impact: 'high' });
            const b = parseNewEntry('problem', { title: t, value: reason || 'v', occurredAt: `2026-10-0${i + 1}T12:00:00Z`, impact: 'high', links: [{ url: 'https://e.example.com/p/1', label: label.trim() || 'l' }] });
            return [a, b].map((ne, k) => ({ ...ne, id: `00000000-0000-4000-8000-${String(i * 2 + k).padStart(12, '0')}`, createdAt: ne.occurredAt, updatedAt: ne.occurredAt, deletedAt: null }));
          } catch {
            return [];
          }
        });
        for (const t of TEMPLATE_IDS) {
          const md = markdownOf(build(entries, []), t);
          runs++;
          const f = fastBlocks(md, { links: 'inline' });
          if (f) {
            fast++;
            assert.deepEqual(f, markedBlocks(md, { links: 'inline' }));
          }
        }
      }),
      { numRuns: 150, seed: 20261201 },
    );
    assert.ok(fast > runs / 2, `the fast path answered ${fast} of ${runs}`);
  });
});
