import assert from 'node:assert/strict';
import { buildSummary, countValues, HIGHLIGHT_MAX, median, type Summary } from '../../src/domain/summary';
import { currentEntries, entry, fixturePeriod, inTimeZone, NOW, previousEntries } from './support/summaryFixture';

/** The fixture's known answers are worked out by hand in support/summaryFixture.ts. */
describe('summary model', () => {
  inTimeZone('Europe/Berlin');
  let s: Summary;
  before(() => {
    const { period, previous } = fixturePeriod();
    s = buildSummary({ period, previous, entries: currentEntries(), previousEntries: previousEntries(), now: NOW });
  });

  it('counts live entries of the period only (a deleted one and one from June are left out)', () => {
    assert.equal(s.current.entries, 23);
    assert.deepEqual(s.current.perKind, { problem: 5, 'ai-assist': 8, 'review-catch': 4, shipped: 2, incident: 2, note: 2 });
    assert.ok(!s.entries.some((e) => e.title === 'Deleted by mistake' || e.title === 'Shipped before the period'));
  });

  it('problems: customer-visible, AI share with "not recorded", median time to fix with n', () => {
    const p = s.current.problems;
    assert.deepEqual({ total: p.total, cv: p.customerVisible, ai: p.withAi, none: p.withoutAi, unknown: p.aiNotRecorded }, { total: 5, cv: 2, ai: 3, none: 1, unknown: 1 });
    // 6 h, 1 d, 4 d, 10 d -> (1 d + 4 d) / 2
    assert.deepEqual(p.timeToFix, { value: 2.5 * 86_400_000, n: 4 });
  });

  it('shipped, review catches by severity and category, would-reach-production', () => {
    assert.deepEqual(s.current.shipped, { total: 2, customerVisible: 1 });
    const rc = s.current.reviewCatches;
    assert.equal(rc.total, 4);
    assert.equal(rc.wouldReachProduction, 1);
    assert.deepEqual(
      rc.bySeverity.map((b) => [b.severity, b.count, b.categories.map((c) => `${c.value}:${c.count}`).join(',')]),
      [
        ['critical', 1, 'security:1'],
        ['high', 2, 'correctness:1,reliability:1'],
        ['notRecorded', 1, 'tests:1'],
      ],
    );
  });

  it('incidents: handled vs caused, median minutes to mitigate with n', () => {
    assert.deepEqual(s.current.incidents, { total: 2, handled: 1, caused: 1, timeToMitigate: { value: 30, n: 2 } });
  });

  it('AI verdicts carry their denominator and "no verdict"; discard reasons are merged across case and spacing', () => {
    const a = s.current.ai;
    assert.deepEqual([a.total, a.accepted, a.adapted, a.discarded, a.notRecorded], [8, 2, 1, 4, 1]);
    assert.equal(a.accepted + a.adapted + a.discarded + a.notRecorded, a.total);
    assert.deepEqual(a.discardReasons.map((r) => [r.value.toLowerCase(), r.count]), [['invented an api', 2], ['insecure', 1]]);
    assert.equal(a.discardsWithoutReason, 1);
    assert.deepEqual(a.adaptReasons, [{ value: 'over-engineered', count: 1 }]);
    assert.deepEqual([a.keptNeedingRework, a.keptReworkRecorded], [1, 2]);
  });

  it('the previous period is computed the same way', () => {
    const b = s.before;
    assert.equal(b.entries, 6);
    assert.deepEqual([b.problems.total, b.problems.customerVisible, b.problems.withAi], [3, 1, 1]);
    assert.deepEqual(b.problems.timeToFix, { value: 4 * 86_400_000, n: 2 });
    assert.deepEqual([b.ai.total, b.ai.accepted, b.ai.discarded], [2, 1, 1]);
  });

  it('highlights: high impact first, then severity and customer-visibility, at most 8', () => {
    assert.equal(s.highlights.length, HIGHLIGHT_MAX);
    assert.deepEqual(
      s.highlights.map((e) => e.title),
      [
        'Checkout outage during the autumn sale', // high impact + critical
        'Cut checkout p99 latency from 2.1 s to 300 ms', // high + customer-visible, later
        'Fixed double charging on retried payments', // high + customer-visible, earlier
        'Mentored two new hires on the payments code', // medium, later
        'Migrated billing cron to a queue', // medium, earlier
        'SQL injection in the search endpoint', // critical, would reach production
        'Self-serve invoice download', // customer-visible, with evidence, later than the next
        'Race condition in cache invalidation', // high severity, with evidence
      ],
    );
    // The ninth candidate (high severity, no evidence) did not make the cut; low-impact entries never do.
    assert.ok(!s.highlights.some((e) => e.title.startsWith('Off-by-one') || e.impact === 'low'));
  });

  it('needs evidence: outcomes and highlights without a link, most important first; AI assists are not nagged about', () => {
    assert.deepEqual(
      s.needsEvidence.map((e) => e.title),
      ['Mentored two new hires on the payments code', 'Migrated billing cron to a queue', 'Off-by-one in `paginate()` | page *2* <b>', 'Bad config push', 'Internal admin audit log', 'Memory leak in report export'],
    );
    assert.ok(s.needsEvidence.every((e) => e.links.length === 0));
  });

  it('sections list entries oldest first', () => {
    const dates = s.byKind.problem.map((e) => e.occurredAt);
    assert.deepEqual(dates, [...dates].sort());
    assert.equal(s.entries.length, 23);
  });

  it('an empty period gives zeros and no median, not NaN', () => {
    const { period, previous } = fixturePeriod();
    const empty = buildSummary({ period, previous, entries: [], previousEntries: [], now: NOW });
    assert.equal(empty.current.entries, 0);
    assert.deepEqual(empty.current.problems.timeToFix, { value: undefined, n: 0 });
    assert.equal(empty.highlights.length, 0);
  });

  it('never carries tokens, lines or hours saved as a number to show', () => {
    const withMinutes = [entry('ai-assist', { title: 'x', occurredAt: '2026-08-01T12:00:00Z', verdict: 'accepted', minutesSaved: 120 })];
    const { period, previous } = fixturePeriod();
    const t = buildSummary({ period, previous, entries: withMinutes, previousEntries: [], now: NOW });
    assert.doesNotMatch(JSON.stringify(t.current), /120|token|minutesSaved|lines/i);
  });
});

describe('summary helpers', () => {
  it('median of odd and even counts', () => {
    assert.deepEqual(median([5, 1, 3]), { value: 3, n: 3 });
    assert.deepEqual(median([4, 1, 3, 2]), { value: 2.5, n: 4 });
    assert.deepEqual(median([]), { value: undefined, n: 0 });
  });

  it('counts free text ignoring case and spacing, shows the most used spelling, most frequent first', () => {
    assert.deepEqual(countValues(['Insecure', 'insecure ', ' insecure', 'slow', '', 'b', 'a']), [
      { value: 'insecure', count: 3 },
      { value: 'a', count: 1 },
      { value: 'b', count: 1 },
      { value: 'slow', count: 1 },
    ]);
  });
});
