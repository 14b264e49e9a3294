import { type Entry, type KindId, parseNewEntry } from '../../../src/domain';
import { resolvePeriod, type ResolvedPeriod } from '../../../src/domain/periods';
import { buildSummary, type Summary } from '../../../src/domain/summary';

/** The golden files are written in Europe/Berlin: `inTimeZone('Europe/Berlin')` (support/timeZone.ts). */
export { inTimeZone } from './timeZone';

/**
 * A hand-made review season with known answers (see summary.test.ts): H2 FY2026 (July to
 * December 2026, fiscal year = calendar year) and the half before it. Times are noon UTC, which is
 * the same calendar day in every time zone from UTC-11 to UTC+11.
 */

let seq = 0;
/** A stored entry built through the same validation as a real one. */
export function entry(kind: KindId, input: Record<string, unknown>, extra: Partial<Pick<Entry, 'deletedAt' | 'updatedAt'>> = {}): Entry {
  const n = ++seq;
  const ne = parseNewEntry(kind, input);
  const created = ne.occurredAt;
  return {
    ...ne,
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdAt: created,
    updatedAt: extra.updatedAt ? new Date(extra.updatedAt).toISOString() : created,
    deletedAt: extra.deletedAt ? new Date(extra.deletedAt).toISOString() : null,
  };
}

const at = (date: string, time = '12:00:00') => `${date}T${time}Z`;
const pr = (n: number) => `https://git.example.com/acme/shop/pull/${n}`;

export const NOW = Date.parse('2026-12-18T12:00:00Z');

export function fixturePeriod(): ResolvedPeriod {
  return resolvePeriod({ from: '2026-07-01', to: '2026-12-31' }, { now: NOW, fiscalYearStartMonth: 1 });
}

export function currentEntries(): Entry[] {
  seq = 0;
  return [
    // Problems: 5, 2 customer-visible, AI in 3 (1 not recorded), fix times 4 d, 6 h, 10 d, 1 d -> median 2.5 days (n = 4)
    entry('problem', {
      title: 'Cut checkout p99 latency from 2.1 s to 300 ms', occurredAt: at('2026-09-14'), impact: 'high', customerVisible: true,
      identifiedAt: at('2026-09-10'), resolvedAt: at('2026-09-14'), aiInvolvement: 'assisted', links: [pr(4412)],
      value: 'Checkout abandonment fell by 3 %.', tags: ['perf', 'checkout'],
    }),
    entry('problem', {
      title: 'Fixed double charging on retried payments', occurredAt: at('2026-08-02'), impact: 'high', customerVisible: true,
      identifiedAt: at('2026-08-01', '09:00:00'), resolvedAt: at('2026-08-01', '15:00:00'), aiInvolvement: 'none',
      links: [{ url: 'https://tracker.example.com/browse/PAY-311', label: 'PAY-311 postmortem' }],
      whatWasWrong: 'A retry after a gateway timeout\nsent the charge again.', fix: 'One idempotency key per payment, checked *before* charging (see <PAY-311>).',
    }),
    entry('problem', {
      title: 'Migrated billing cron to a queue', occurredAt: at('2026-07-30'), impact: 'medium',
      identifiedAt: at('2026-07-20'), resolvedAt: at('2026-07-30'), aiInvolvement: 'ai-led',
    }),
    entry('problem', {
      title: 'Flaky login test fixed', occurredAt: at('2026-10-05'), impact: 'low',
      identifiedAt: at('2026-10-04'), resolvedAt: at('2026-10-05'), links: [pr(4501)],
    }),
    entry('problem', { title: 'Memory leak in report export', occurredAt: at('2026-11-20'), customerVisible: false, aiInvolvement: 'assisted' }),
    // Shipped: 2, 1 customer-visible
    entry('shipped', { title: 'Self-serve invoice download', occurredAt: at('2026-10-20'), customerVisible: true, release: '3.4', links: [pr(4550)] }),
    entry('shipped', { title: 'Internal admin audit log', occurredAt: at('2026-12-01'), customerVisible: false }),
    // Review catches: 4 = 1 critical (security), 2 high (correctness, reliability), 1 severity not recorded (tests); 1 would reach production
    entry('review-catch', {
      title: 'SQL injection in the search endpoint', occurredAt: at('2026-10-02'), severity: 'critical', category: 'security',
      author: 'teammate', wouldReachProduction: true, links: [{ url: `${pr(4480)}#discussion_r1`, label: 'review comment' }],
      details: '# Search terms went into the SQL string\n\nAsked for a parameterised query.',
    }),
    entry('review-catch', { title: 'Race condition in cache invalidation', occurredAt: at('2026-08-19'), severity: 'high', category: 'reliability', author: 'own', links: [pr(4390)] }),
    entry('review-catch', { title: 'Off-by-one in `paginate()` | page *2* <b>', occurredAt: at('2026-11-09'), severity: 'high', category: 'correctness', author: 'ai-generated' }),
    entry('review-catch', { title: 'Missing test for the refund path', occurredAt: at('2026-12-03'), category: 'tests', links: [pr(4602)] }),
    // Incidents: 2, 1 caused; minutes to mitigate 45 and 15 -> median 30 min (n = 2)
    entry('incident', {
      title: 'Checkout outage during the autumn sale', occurredAt: at('2026-09-28'), impact: 'high', role: 'handled', severity: 'critical',
      minutesToMitigate: 45, followUp: 'Added a circuit breaker\nand a load test.', links: ['https://status.example.com/incidents/77'],
    }),
    entry('incident', { title: 'Bad config push', occurredAt: at('2026-11-12'), role: 'caused', severity: 'medium', minutesToMitigate: 15 }),
    // AI assists: 8 = 2 accepted, 1 adapted, 4 discarded, 1 no verdict; discard reasons: invented an API (2), insecure (1), 1 without reason
    entry('ai-assist', { title: 'Generate table-driven tests for the tax module', occurredAt: at('2026-07-08'), verdict: 'accepted', tool: 'GitHub Copilot' }),
    entry('ai-assist', { title: 'Draft the migration script', occurredAt: at('2026-07-21'), verdict: 'accepted', tool: 'Claude', rework: true }),
    entry('ai-assist', { title: 'Retry wrapper for the payment client', occurredAt: at('2026-08-01'), verdict: 'adapted', reason: 'over-engineered', tool: 'Claude', rework: false }),
    entry('ai-assist', { title: 'An eval()-based config parser', occurredAt: at('2026-08-21'), verdict: 'discarded', reason: 'insecure', tool: 'GitHub Copilot' }),
    entry('ai-assist', { title: 'Use the client.batchCharge() call', occurredAt: at('2026-09-03'), verdict: 'discarded', reason: 'Invented an API', tool: 'ChatGPT' }),
    entry('ai-assist', { title: 'Call stripe.refundAll()', occurredAt: at('2026-10-11'), verdict: 'discarded', reason: 'invented  an API ', tool: 'ChatGPT' }),
    entry('ai-assist', { title: 'Rewrite the scheduler', occurredAt: at('2026-11-02'), verdict: 'discarded' }),
    entry('ai-assist', { title: 'Explain the legacy pricing code', occurredAt: at('2026-12-02') }),
    // Notes: 2
    entry('note', { title: 'Mentored two new hires on the payments code', occurredAt: at('2026-11-03'), impact: 'medium', category: 'mentoring' }),
    entry('note', { title: 'Wrote the on-call runbook', occurredAt: at('2026-10-15'), category: 'docs', links: ['https://wiki.example.com/runbooks/checkout'] }),
    // Ignored: deleted, and outside the period
    entry('problem', { title: 'Deleted by mistake', occurredAt: at('2026-09-01'), impact: 'high' }, { deletedAt: at('2026-09-02') }),
    entry('shipped', { title: 'Shipped before the period', occurredAt: at('2026-06-30') }),
  ];
}

export function previousEntries(): Entry[] {
  return [
    // Problems: 3, 1 customer-visible, AI in 1 of 3; fix times 2 d, 6 d -> median 4 days (n = 2)
    entry('problem', { title: 'Search relevance fix', occurredAt: at('2026-03-10'), customerVisible: true, aiInvolvement: 'assisted', identifiedAt: at('2026-03-08'), resolvedAt: at('2026-03-10') }),
    entry('problem', { title: 'Slow nightly build', occurredAt: at('2026-04-22'), aiInvolvement: 'none', identifiedAt: at('2026-04-16'), resolvedAt: at('2026-04-22') }),
    entry('problem', { title: 'Broken CSV import', occurredAt: at('2026-05-05'), aiInvolvement: 'none' }),
    entry('review-catch', { title: 'Unescaped HTML in emails', occurredAt: at('2026-02-11'), severity: 'high', category: 'security' }),
    entry('ai-assist', { title: 'Regex for postcodes', occurredAt: at('2026-01-20'), verdict: 'accepted' }),
    entry('ai-assist', { title: 'Dockerfile rewrite', occurredAt: at('2026-06-02'), verdict: 'discarded', reason: 'outdated approach' }),
  ];
}

/** The golden log's summary: `entries` in H2 FY2026 against `previous` in H1, at NOW. */
export function fixtureSummary(entries: Entry[], previous: Entry[] = previousEntries(), extra: Partial<Parameters<typeof buildSummary>[0]> = {}): Summary {
  const p = fixturePeriod();
  return buildSummary({ period: p.period, previous: p.previous, entries, previousEntries: previous, now: NOW, ...extra });
}
