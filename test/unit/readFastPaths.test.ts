import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Entry, parseNewEntry } from '../../src/domain';
import { linkMarkdown, markdownLink } from '../../src/export/escape';
import { linkLabel } from '../../src/export/format';
import { SUBLINE_MAX, subLineText } from '../../src/export/markdown';
import { EntryStore, openDb } from '../../src/storage';
import { ENGINES, tempDir } from './support/tmp';

/**
 * Shortcuts on the read path of the summary and the timeline (#21), each checked against the code
 * it replaced: rows read as arrays of values instead of objects, a link parsed once for its label
 * and its destination, a sub-line cut by counting code points without an array of them.
 */

/** The sub-line cut as it was: `Array.from` of the whole text. */
function referenceCut(flat: string): string {
  const chars = Array.from(flat);
  if (chars.length <= SUBLINE_MAX) return flat;
  const head = chars.slice(0, SUBLINE_MAX - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${(space > SUBLINE_MAX / 2 ? head.slice(0, space) : head).replace(/[\s.,;:]+$/, '')}…`;
}

describe('read-path shortcuts give the same results as the code they replaced', () => {
  it('a sub-line is cut at the same place, counting a surrogate pair as one character and a lone surrogate as one', () => {
    // Texts that are already one line with single spaces, so that only the cut differs.
    const unit = fc.constantFrom('a', 'é', ' ', '😀', '\uD83D', '\uDE00', '.', 'ß', '𝄞', 'x');
    const flatText = fc.array(unit, { minLength: 150, maxLength: 260 }).map((parts) => parts.join('').replace(/\s+/g, ' ').trim());
    fc.assert(
      fc.property(flatText, (t) => {
        const flat = t.replace(/^(#{1,6}\s+|[-*+]\s+|>\s*|\d{1,9}[.)]\s+)/, '').replace(/\s+#+$/, '').trim();
        assert.equal(subLineText(flat), referenceCut(flat));
      }),
      { numRuns: 3000 },
    );
    // At the limit exactly: 200 code points stay whole (400 UTF-16 units), 201 are cut.
    assert.equal(subLineText('😀'.repeat(SUBLINE_MAX)), '😀'.repeat(SUBLINE_MAX));
    assert.equal(subLineText('😀'.repeat(SUBLINE_MAX + 1)), `${'😀'.repeat(SUBLINE_MAX - 1)}…`);
  });

  it('an evidence link is written as its label and destination were, each from its own parse', () => {
    const url = fc.oneof(
      fc.webUrl({ withFragments: true, withQueryParameters: true }),
      fc.constantFrom('https://github.com/acme/web/pull/4412', 'https://gitlab.com/a/b/-/merge_requests/7', 'https://x.atlassian.net/browse/ABC-123', 'http://www.example.com/a b/(c)', ' https://example.com/padded ', 'https://example.com/\u00a0nbsp\u00a0', 'ftp://example.com/file', 'not a url', 'https://exa mple.com', 'https://example.com/%E0%A4%A', 'https://example.com/&amp;x'),
      fc.string({ maxLength: 40 }),
    );
    const link = fc.record({ url, label: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constant('')), { nil: undefined }) }, { requiredKeys: ['url'] });
    fc.assert(
      fc.property(link, (l) => {
        const given = l.label === undefined ? { url: l.url } : { url: l.url, label: l.label };
        assert.equal(linkMarkdown(given), markdownLink(linkLabel(given), given.url));
      }),
      { numRuns: 5000 },
    );
  });
});

for (const engine of ENGINES) {
  describe(`Entries read as rows of values are the entries read as row objects (${engine})`, () => {
    let tmp: ReturnType<typeof tempDir>;
    let store: EntryStore;
    let clock = Date.parse('2026-11-23T10:00:00Z');
    const path = () => join(tmp.dir, 'log.sqlite');

    beforeEach(async () => {
      tmp = tempDir();
      store = await EntryStore.open({ path: path(), engine, now: () => (clock += 1000) });
    });
    afterEach(() => {
      store.close();
      tmp.cleanup();
    });

    it('list() returns, key for key and in the same key order, what get() returns for each entry', () => {
      store.addMany([
        parseNewEntry('problem', { title: 'Fix the cache stampede 🔥', occurredAt: '2026-11-20T09:15:00.123Z', details: 'Line one\n\nLine two', tags: ['perf', 'db'], links: [{ url: 'https://github.com/acme/web/pull/4412' }, { url: 'https://example.com/x', label: 'the doc' }], impact: 'high', whatWasWrong: 'stale keys', fix: 'jitter', identifiedAt: '2026-11-19T08:00:00.000Z', resolvedAt: '2026-11-20T09:00:00.000Z', customerVisible: true, aiInvolvement: 'assisted' }),
        parseNewEntry('ai-assist', { title: 'Generated fixtures', occurredAt: '1969-12-31T23:59:59.999Z', verdict: 'discarded', reason: 'wrong schema', tool: 'Claude', rework: false }),
        parseNewEntry('note', { title: 'Ümlaut and \u202e direction', occurredAt: '2026-01-01T00:00:00.000Z', context: { repo: 'acme/web', branch: 'main', startLine: 3, endLine: 9 } }),
        parseNewEntry('incident', { title: 'Outage', occurredAt: '0001-06-15T12:00:00.000Z', role: 'caused', minutesToMitigate: 42, severity: 'critical' }),
      ]);
      store.softDelete([store.list({ kinds: ['note'] })[0]!.id]);
      const listed = store.list({ deleted: 'include' }, { order: 'asc' });
      assert.equal(listed.length, 4);
      for (const e of listed) assert.equal(JSON.stringify(e), JSON.stringify(store.get(e.id)), e.title);
      // A page and a search page take the same path.
      assert.equal(JSON.stringify(store.list({ text: 'cache' }, { limit: 10 })), JSON.stringify([store.get(listed.find((e) => e.kind === 'problem')!.id)]));
    });

    it('a damaged row read by list() is refused with the same message as when read by get()', () => {
      const e: Entry = store.add(parseNewEntry('note', { title: 'Will be damaged', occurredAt: '2026-11-20T09:15:00.000Z' }));
      store.close();
      const { db } = openDb(path(), { prefer: engine });
      db.exec(`UPDATE entries SET fields = '{"category": 12}' WHERE id = '${e.id}'`);
      db.close();
      store = undefined as unknown as EntryStore;
      return EntryStore.open({ path: path(), engine }).then((s) => {
        store = s;
        const viaGet = (() => {
          try {
            store.get(e.id);
          } catch (err) {
            return (err as Error).message;
          }
          return 'no error';
        })();
        assert.notEqual(viaGet, 'no error');
        assert.throws(() => store.list(), (err: Error) => err.message === viaGet);
      });
    });
  });
}
