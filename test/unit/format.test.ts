import assert from 'node:assert/strict';
import { displayDateTime, displayShortDate, fieldLabel, fieldText, formatDate, formatDateTime, formatDuration, formatIsoMoment, formatMinutes, formatMoment, formatSize } from '../../src/domain/format';
import { KINDS } from '../../src/domain';
import { localDateTime } from '../../src/export/format';
import { entryFacts, shortDate } from '../../src/ui/timeline/describe';
import { describeRecovery } from '../../src/storage/recovery';
import { inTimeZone } from './support/timeZone';

/**
 * One formatting module (src/domain/format.ts), with the locale and time zone passed in. On 0.1.0
 * a date and time was formatted in four places with three results: `2026-05-01 00:00` in the
 * recovery message, `2026-05-01` in Copy as Markdown (midnight, seconds ignored), and
 * `1 May 2026, 00:00` in the tooltip.
 */

const BERLIN = { locale: 'en-GB', timeZone: 'Europe/Berlin' };
const TOKYO = { locale: 'en-GB', timeZone: 'Asia/Tokyo' };
const at = (iso: string) => Date.parse(iso);

describe('formatting dates, times, durations and labels', () => {
  inTimeZone('Europe/Berlin');

  it('writes the document style in the time zone given', () => {
    const t = at('2026-09-14T13:30:00Z');
    assert.equal(formatDate(t, BERLIN), '2026-09-14');
    assert.equal(formatDateTime(t, BERLIN), '2026-09-14 15:30');
    assert.equal(formatDateTime(t, TOKYO), '2026-09-14 22:30');
    assert.equal(formatDate(at('2026-09-14T16:00:00Z'), TOKYO), '2026-09-15', 'the day follows the zone');
    assert.equal(formatDateTime(at('2026-03-29T01:30:00Z'), BERLIN), '2026-03-29 03:30', 'after the spring change to summer time');
  });

  it('the process zone (no timeZone) gives the same as naming it', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-07-15T22:59:59.999Z', '2026-10-25T00:30:00Z', '1999-12-31T23:00:00Z']) {
      assert.equal(formatDateTime(at(iso)), formatDateTime(at(iso), BERLIN), iso);
      assert.equal(formatDate(at(iso)), formatDate(at(iso), BERLIN), iso);
      assert.equal(formatMoment(at(iso)), formatMoment(at(iso), BERLIN), iso);
    }
  });

  it('a moment is just the date only at exactly midnight (what a typed date becomes)', () => {
    assert.equal(formatMoment(at('2026-05-01T00:00:00+02:00'), BERLIN), '2026-05-01');
    assert.equal(formatMoment(at('2026-05-01T00:00:30+02:00'), BERLIN), '2026-05-01 00:00', 'seconds past midnight are not midnight');
    assert.equal(formatMoment(at('2026-05-01T09:05:00+02:00'), BERLIN), '2026-05-01 09:05');
    assert.equal(formatIsoMoment('not a date', BERLIN), 'not a date');
  });

  it('writes the display style in the locale given', () => {
    const t = at('2026-09-14T13:30:00Z');
    assert.equal(displayDateTime(t, BERLIN), '14 Sept 2026, 15:30');
    assert.equal(displayDateTime(t, { locale: 'en-US', timeZone: 'Europe/Berlin' }), 'Sep 14, 2026, 3:30 PM');
    assert.equal(displayDateTime(t, { locale: 'de-DE', timeZone: 'Europe/Berlin' }), '14.09.2026, 15:30');
    assert.equal(displayShortDate(t, at('2026-12-01T12:00:00Z'), BERLIN), 'Mon 14 Sept');
    assert.equal(displayShortDate(t, at('2027-01-02T12:00:00Z'), BERLIN), '14 Sept 2026');
    assert.equal(displayShortDate(at('2026-12-31T23:30:00Z'), at('2026-12-31T12:00:00Z'), TOKYO), '1 Jan 2027', 'the year follows the zone');
  });

  it('every place that shows a date uses the module: Copy as Markdown, the tooltip, the timeline row, the recovery message', () => {
    const t = at('2026-05-01T07:30:00Z');
    assert.equal(localDateTime('2026-05-01T07:30:00Z'), formatMoment(t));
    assert.equal(shortDate(t, t, BERLIN), displayShortDate(t, t, BERLIN));
    const message = describeRecovery({ problem: 'it is damaged', damagedFile: '/x.bad', restoredFrom: { path: '/b.sqlite', takenAt: t, entries: 3 }, unusableBackups: [] }, '/backups', BERLIN);
    assert.ok(message.includes(`restored from the backup of ${displayDateTime(t, BERLIN)} (3 entries)`), message);
    assert.ok(message.includes('1 May 2026, 09:30'), message);
    const us = describeRecovery({ problem: 'it is damaged', damagedFile: '/x.bad', restoredFrom: { path: '/b.sqlite', takenAt: t, entries: 3 }, unusableBackups: [] }, '/backups', { locale: 'en-US', timeZone: 'Europe/Berlin' });
    assert.ok(us.includes('May 1, 2026, 9:30 AM'), us);
  });

  it('formats durations, sizes and field labels', () => {
    assert.equal(formatDuration(45 * 60_000), '45 min');
    assert.equal(formatDuration(5.5 * 3_600_000), '5.5 hours');
    assert.equal(formatDuration(24 * 3_600_000), '1 day');
    assert.equal(formatDuration(60 * 3_600_000), '2.5 days');
    assert.equal(formatMinutes(30), '30 min');
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(3482), '3.4 KB');
    assert.equal(formatSize(12 * 1024 * 1024), '12.0 MB');
    const field = (key: string) => KINDS.problem.fields.find((f) => f.key === key)!;
    assert.equal(fieldLabel(field('identifiedAt')), 'Identified at');
    assert.equal(fieldLabel(field('customerVisible')), 'Customer-visible');
    assert.equal(fieldText(field('customerVisible'), false), 'no');
    assert.equal(fieldText(field('identifiedAt'), '2026-05-01T07:30:00.000Z'), '2026-05-01 09:30');
    assert.equal(fieldText(field('identifiedAt'), '2026-05-01T07:30:00.000Z', (ms) => displayDateTime(ms, BERLIN)), '1 May 2026, 09:30');
    assert.equal(fieldText(field('fix'), ''), undefined);
  });

  it('the tooltip shows dates in the display style of the style given', () => {
    const e = {
      id: '00000000-0000-4000-8000-000000000001', kind: 'problem', title: 'T', occurredAt: '2026-09-14T13:30:00.000Z', details: '', tags: [], links: [], impact: null, context: {},
      fields: { identifiedAt: '2026-09-10T08:00:00.000Z' }, createdAt: '2026-09-14T13:30:00.000Z', updatedAt: '2026-09-14T13:30:00.000Z', deletedAt: null,
    } as const;
    const f = entryFacts(e, TOKYO, 1500);
    assert.equal(f.when, '14 Sept 2026, 22:30');
    assert.deepEqual(f.fields, [{ label: 'Identified at', value: '10 Sept 2026, 17:00' }]);
  });
});
