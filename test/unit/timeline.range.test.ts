import assert from 'node:assert/strict';
import { type KindId, parseNewEntry } from '../../src/domain';
import { describeFilter, filterRange, isFilterActive, parseFilter } from '../../src/domain/filter';
import type { EntryStore } from '../../src/storage';
import { countedGroups, groupPage } from '../../src/ui/timeline/model';
import { inTimeZone } from './support/timeZone';
import { useTempStore } from './support/tempStore';

/** The timeline filter's date range (what choosing a month's bar in Insights shows). */
describe('timeline filter: a date range', () => {
  const now = Date.parse('2026-11-18T12:00:00Z');
  const tmp = useTempStore({ now: () => now });
  let store: EntryStore;
  inTimeZone('Europe/Berlin');
  const add = (kind: KindId, title: string, occurredAt: string) => store.add(parseNewEntry(kind, { title, occurredAt }, now));

  beforeEach(() => {
    store = tmp.store;
  });

  it('is validated: both ends, in order, as dates; named in the description', () => {
    const f = parseFilter({ kinds: ['problem'], from: '2026-07-01', to: '2026-07-31' });
    assert.equal(describeFilter(f), 'Problem solved · 2026-07-01 to 2026-07-31');
    assert.ok(isFilterActive(parseFilter({ from: '2026-07-01', to: '2026-07-01' })));
    assert.throws(() => parseFilter({ from: '2026-07-01' }), /to is required with from/);
    assert.throws(() => parseFilter({ from: '2026-07-31', to: '2026-07-01' }), /to must not be before from/);
    assert.throws(() => parseFilter({ from: '2026-02-30', to: '2026-03-01' }), /from/);
  });

  it('covers whole local days: midnight in Berlin to the midnight after the last day', () => {
    const r = filterRange(parseFilter({ from: '2026-10-01', to: '2026-10-31' }))!;
    assert.equal(new Date(r.from).toISOString(), '2026-09-30T22:00:00.000Z');
    assert.equal(new Date(r.to).toISOString(), '2026-10-31T23:00:00.000Z', 'October ends on winter time');
  });

  it('shows only the entries of those days, in the groups that hold them, with their counts (kind and text filters too)', () => {
    add('problem', 'June fix', '2026-06-30T12:00:00Z');
    add('problem', 'July fix one', '2026-07-02T12:00:00Z');
    add('problem', 'July fix two', '2026-07-31T21:30:00Z'); // 23:30 in Berlin: still July
    add('note', 'July note', '2026-07-15T12:00:00Z');
    add('problem', 'August fix', '2026-07-31T22:30:00Z'); // 00:30 on 1 August in Berlin
    const july = parseFilter({ kinds: ['problem'], from: '2026-07-01', to: '2026-07-31' });
    const groups = countedGroups(store, july, now);
    assert.deepEqual(groups.map((g) => [g.id, g.count]), [['month-2026-07', 2]]);
    assert.deepEqual(groupPage(store, july, groups[0]!, 10).entries.map((e) => e.title), ['July fix two', 'July fix one']);
    // A group the range does not touch shows nothing, even asked directly.
    const june = countedGroups(store, parseFilter({}), now).find((g) => g.id === 'month-2026-06')!;
    assert.deepEqual(groupPage(store, july, june, 10).entries, []);
    // With text (the full-text path counts matched times), the range still applies.
    const text = parseFilter({ text: 'fix', from: '2026-07-01', to: '2026-07-31' });
    assert.deepEqual(countedGroups(store, text, now).map((g) => [g.id, g.count]), [['month-2026-07', 2]]);
  });
});
