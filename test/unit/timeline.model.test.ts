import assert from 'node:assert/strict';
import { type KindId, parseNewEntry } from '../../src/domain';
import { EMPTY_FILTER, parseFilter } from '../../src/domain/filter';
import type { EntryStore } from '../../src/storage';
import { appendPage, countByTime, countedGroups, groupPage, Paging } from '../../src/ui/timeline/model';
import { MIN_TIME, periodGroups } from '../../src/domain/grouping';
import fc from 'fast-check';
import { inTimeZone } from './support/timeZone';
import { useTempStore } from './support/tempStore';

describe('timeline model: groups with counts, and paging', () => {
  const now = Date.parse('2026-11-18T12:00:00Z'); // a Wednesday
  const tmp = useTempStore({ now: () => now });
  let store: EntryStore;
  inTimeZone('UTC');
  const add = (kind: KindId, title: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
    store.add(parseNewEntry(kind, { title, occurredAt, ...extra }, now));

  beforeEach(() => {
    store = tmp.store;
  });

  it('shows nothing for an empty log (so the welcome view appears)', () => {
    assert.deepEqual(countedGroups(store, EMPTY_FILTER, now), []);
  });

  it('lists only groups that hold live entries, newest first, with their counts', () => {
    add('note', 'today 1', '2026-11-18T08:00:00Z');
    add('ai-assist', 'today 2', '2026-11-18T09:00:00Z', { verdict: 'discarded' });
    add('problem', 'yesterday', '2026-11-17T23:59:59Z');
    add('shipped', 'monday', '2026-11-16T00:00:00Z');
    add('note', 'october', '2026-10-05T10:00:00Z');
    add('note', 'two years ago', '2024-02-29T10:00:00Z');
    add('note', 'long ago', '1987-07-01T10:00:00Z');
    const deleted = add('note', 'deleted, last week', '2026-11-10T10:00:00Z');
    store.softDelete([deleted.id]);
    const groups = countedGroups(store, EMPTY_FILTER, now);
    assert.deepEqual(
      groups.map((g) => [g.label, g.count]),
      [['Today', 2], ['Yesterday', 1], ['This week', 1], ['October', 1], ['2024', 1], ['Before 1996', 1]],
    );
  });

  it('counts and groups only what the filter lets through (kind, tag, text)', () => {
    add('ai-assist', 'Copilot invented an API', '2026-11-18T08:00:00Z', { verdict: 'discarded', tags: ['auth'] });
    add('ai-assist', 'Claude wrote the migration', '2026-11-02T08:00:00Z', { verdict: 'accepted' });
    add('review-catch', 'SQL injection in the login form', '2026-11-17T08:00:00Z', { severity: 'critical', tags: ['auth', 'security'] });
    add('note', 'Mentored Sam on SQL', '2025-06-01T08:00:00Z');
    const counts = (f: unknown) => countedGroups(store, parseFilter(f), now).map((g) => `${g.id}:${g.count}`);
    assert.deepEqual(counts({ kinds: ['ai-assist'] }), ['today:1', 'month-2026-11:1']);
    assert.deepEqual(counts({ tags: ['auth'] }), ['today:1', 'yesterday:1']);
    assert.deepEqual(counts({ text: 'sql' }), ['yesterday:1', 'year-2025:1']);
    assert.deepEqual(counts({ kinds: ['note'], text: 'sql' }), ['year-2025:1']);
    assert.deepEqual(counts({ text: 'nothing like this' }), []);
    // A deleted entry no longer counts, whichever way the groups are counted.
    store.softDelete([store.list({ text: 'mentored' })[0]!.id]);
    assert.deepEqual(counts({ text: 'sql' }), ['yesterday:1']);
    assert.deepEqual(counts({ kinds: ['note'] }), []);
  });

  it('buckets the times of a filtered view exactly as counting each range would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: Date.parse('1950-01-01T00:00:00Z'), max: Date.parse('2027-06-01T00:00:00Z') }), { maxLength: 300 }), (times) => {
        const groups = periodGroups(now, { earliest: MIN_TIME });
        const naive = groups.map((g) => times.filter((t) => t >= g.from && t < g.to).length);
        assert.deepEqual(countByTime(groups, times), naive);
      }),
      { numRuns: 200 },
    );
  });

  it('pages a long group newest first: 100, then 200, then all 250 with no "Load more"', () => {
    const base = Date.parse('2026-10-01T00:00:00Z');
    store.addMany(Array.from({ length: 250 }, (_, i) => parseNewEntry('note', { title: `entry ${i}`, occurredAt: new Date(base + i * 60_000).toISOString() }, now)));
    const [october] = countedGroups(store, EMPTY_FILTER, now);
    assert.equal(october!.count, 250);
    const paging = new Paging(100);
    const seen: string[] = [];
    let page = groupPage(store, EMPTY_FILTER, october!, paging.limit(october!.id));
    assert.equal(page.entries.length, 100);
    assert.equal(page.more, true);
    assert.equal(page.entries[0]!.title, 'entry 249');
    page = groupPage(store, EMPTY_FILTER, october!, paging.more(october!.id));
    assert.equal(page.entries.length, 200);
    assert.equal(page.more, true);
    page = groupPage(store, EMPTY_FILTER, october!, paging.more(october!.id));
    assert.equal(page.entries.length, 250);
    assert.equal(page.more, false);
    for (const e of page.entries) seen.push(e.title);
    assert.deepEqual(seen, Array.from({ length: 250 }, (_, i) => `entry ${249 - i}`));
  });

  it('"Load more" reads only the next page, and an entry added meanwhile neither repeats nor hides one', () => {
    const base = Date.parse('2026-10-01T00:00:00Z');
    store.addMany(Array.from({ length: 150 }, (_, i) => parseNewEntry('note', { title: `entry ${i}`, occurredAt: new Date(base + i * 60_000).toISOString() }, now)));
    const [october] = countedGroups(store, EMPTY_FILTER, now);
    const first = groupPage(store, EMPTY_FILTER, october!, 100);
    // Another window adds a newer entry to the same group: every shown entry moves down one place.
    add('note', 'added meanwhile', '2026-10-20T00:00:00Z');
    const shown = appendPage(first, groupPage(store, EMPTY_FILTER, october!, 100, first.entries.length));
    assert.equal(shown.more, false);
    assert.deepEqual(shown.entries.map((e) => e.title), Array.from({ length: 150 }, (_, i) => `entry ${149 - i}`));
  });

  it('a group of exactly one page has no "Load more"', () => {
    for (let i = 0; i < 5; i++) add('note', `n${i}`, `2026-11-18T0${i}:00:00Z`);
    const [today] = countedGroups(store, EMPTY_FILTER, now);
    assert.deepEqual([groupPage(store, EMPTY_FILTER, today!, 5).more, groupPage(store, EMPTY_FILTER, today!, 4).more], [false, true]);
  });

  it('remembers how far each group was paged until reset, and can page far enough to show a given position', () => {
    const p = new Paging(100);
    assert.equal(p.limit('today'), 100);
    p.more('today');
    assert.equal(p.limit('today'), 200);
    assert.equal(p.limit('year-2025'), 100);
    p.atLeast('year-2025', 250);
    assert.equal(p.limit('year-2025'), 300);
    p.atLeast('today', 50);
    assert.equal(p.limit('today'), 200, 'never shrinks');
    p.reset();
    assert.equal(p.limit('today'), 100);
  });
});
