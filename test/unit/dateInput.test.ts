import assert from 'node:assert/strict';
import { type DateInputOptions, readDateInput, showDate, zonedToday } from '../../src/domain/dateInput';
import { EN, type Messages, useMessages } from '../../src/domain/messages';
import { shippedTable } from './support/localTable';

// Mon 30 Nov 2026, 10:00 in Berlin (09:00 UTC).
const now = Date.parse('2026-11-30T09:00:00Z');
const berlin: DateInputOptions = { now, timeZone: 'Europe/Berlin', locale: 'en-GB' };

/** What a typed date reads as: `2026-11-27` (or with ` 14:30`), or the problem. */
function read(text: string, opts = berlin): string {
  const r = readDateInput(text, opts);
  if (!r) return '(skipped)';
  if (!r.ok) return `problem: ${r.problem}`;
  return r.time ? `${r.date} ${r.time}` : r.date;
}

describe('typed dates', () => {
  it('reads today, yesterday and N days ago as local dates at midnight in the time zone', () => {
    assert.equal(read('today'), '2026-11-30');
    assert.equal(read('Yesterday'), '2026-11-29');
    assert.equal(read('3 days ago'), '2026-11-27');
    const r = readDateInput('yesterday', berlin);
    assert.ok(r?.ok);
    assert.equal(new Date(r.ms).toISOString(), '2026-11-28T23:00:00.000Z', 'midnight in Berlin is 23:00 UTC the day before');
  });

  it('reads weekdays: "last Friday" is the latest Friday before today, "Monday" may be today', () => {
    assert.equal(read('last Friday'), '2026-11-27');
    assert.equal(read('friday'), '2026-11-27');
    assert.equal(read('last monday'), '2026-11-23');
    assert.equal(read('Monday'), '2026-11-30');
    assert.equal(read('last tue'), '2026-11-24');
  });

  it('reads a day and month without a year as the latest one up to today, with a year as given', () => {
    assert.equal(read('1 Dec'), '2025-12-01', 'December 1 has not come yet this year');
    assert.equal(read('20 Nov'), '2026-11-20');
    assert.equal(read('Nov 20'), '2026-11-20');
    assert.equal(read('3rd March'), '2026-03-03');
    assert.equal(read('December 1, 2026'), '2026-12-01');
    assert.equal(read('29 Feb 2028'), '2028-02-29');
    assert.match(read('30 Feb 2026'), /problem: 30 Feb 2026 is not a day of the calendar/);
  });

  it('reads ISO dates and date-times; a time without an offset is local time in the zone', () => {
    assert.equal(read('2026-11-20'), '2026-11-20');
    assert.equal(read('2026-11-20 14:30'), '2026-11-20 14:30');
    const r = readDateInput('2026-11-20T14:30', berlin);
    assert.ok(r?.ok);
    assert.equal(new Date(r.ms).toISOString(), '2026-11-20T13:30:00.000Z');
    const utc = readDateInput('2026-11-20T14:30:00Z', berlin);
    assert.ok(utc?.ok);
    assert.equal(new Date(utc.ms).toISOString(), '2026-11-20T14:30:00.000Z');
    assert.equal(utc.time, '15:30', 'shown in the user’s time zone');
    assert.match(read('2026-02-30'), /not a day of the calendar/);
  });

  it('takes a time after any date form', () => {
    assert.equal(read('yesterday 14:30'), '2026-11-29 14:30');
    assert.equal(read('last Friday at 9:05'), '2026-11-27 09:05');
    assert.match(read('today 25:00'), /25:00 is not a time of day/);
  });

  it('shows the date it means, and flags a future date without refusing it', () => {
    const r = readDateInput('last friday', berlin);
    assert.ok(r?.ok);
    assert.equal(r.shown, 'Fri, 27 Nov 2026');
    assert.equal(r.future, false);
    const shown = (locale: string) => {
      const x = readDateInput('last friday', { ...berlin, locale });
      return x?.ok ? x.shown : undefined;
    };
    assert.equal(shown('en-US'), 'Fri, Nov 27, 2026', 'read back in the user’s locale');
    assert.equal(shown('de'), 'Fr., 27. Nov. 2026');
    const t = readDateInput('tomorrow', berlin);
    assert.ok(t?.ok);
    assert.equal(t.date, '2026-12-01');
    assert.equal(t.future, true);
    const timed = readDateInput('yesterday 14:30', berlin);
    assert.ok(timed?.ok);
    assert.equal(timed.shown, 'Sun, 29 Nov 2026, 14:30');
    assert.equal(showDate('2028-02-29', undefined, 'en-GB'), 'Tue, 29 Feb 2028');
    assert.equal(showDate('2028-02-29', undefined, 'en-US'), 'Tue, Feb 29, 2028');
    assert.equal(showDate('2028-02-29', '09:15', 'de'), 'Di., 29. Feb. 2028, 09:15');
  });

  it('refuses other text with the forms it accepts, and skips empty text', () => {
    assert.match(read('the other day'), /problem: must be a date such as today, yesterday, last Friday, 1 Dec or 2026-11-20/);
    assert.match(read('13/11/2026'), /problem: must be a date/);
    assert.equal(read('   '), '(skipped)');
  });

  it('"today" depends on the time zone: the same instant is a different day in Tokyo and Los Angeles', () => {
    const lateUtc = Date.parse('2026-11-30T23:30:00Z');
    assert.equal(zonedToday(lateUtc, 'Asia/Tokyo'), '2026-12-01');
    assert.equal(zonedToday(lateUtc, 'America/Los_Angeles'), '2026-11-30');
    assert.equal(read('yesterday', { now: lateUtc, timeZone: 'Asia/Tokyo' }), '2026-11-30');
    assert.equal(read('yesterday', { now: lateUtc, timeZone: 'America/Los_Angeles' }), '2026-11-29');
  });

  describe('across daylight-saving changes', () => {
    it('a date after the spring change is midnight at the new offset', () => {
      // Europe/Berlin moves to +02:00 on Sun 29 Mar 2026 at 02:00.
      const opts = { now: Date.parse('2026-03-30T10:00:00Z'), timeZone: 'Europe/Berlin' };
      const y = readDateInput('yesterday', opts);
      assert.ok(y?.ok);
      assert.equal(new Date(y.ms).toISOString(), '2026-03-28T23:00:00.000Z', 'midnight of the 29th was still +01:00');
      const t = readDateInput('today', opts);
      assert.ok(t?.ok);
      assert.equal(new Date(t.ms).toISOString(), '2026-03-29T22:00:00.000Z', 'midnight of the 30th is +02:00');
      const noon = readDateInput('yesterday 12:00', opts);
      assert.ok(noon?.ok);
      assert.equal(new Date(noon.ms).toISOString(), '2026-03-29T10:00:00.000Z');
    });

    it('a time in the skipped hour moves forward, a time in the repeated hour is the first one', () => {
      const spring = readDateInput('2026-03-29 02:30', { now, timeZone: 'Europe/Berlin' });
      assert.ok(spring?.ok);
      assert.equal(new Date(spring.ms).toISOString(), '2026-03-29T01:30:00.000Z');
      assert.equal(spring.time, '03:30');
      const autumn = readDateInput('2026-10-25 02:30', { now, timeZone: 'Europe/Berlin' });
      assert.ok(autumn?.ok);
      assert.equal(new Date(autumn.ms).toISOString(), '2026-10-25T00:30:00.000Z');
      const ny = readDateInput('2026-11-01 01:30', { now, timeZone: 'America/New_York' });
      assert.ok(ny?.ok);
      assert.equal(new Date(ny.ms).toISOString(), '2026-11-01T05:30:00.000Z', 'the first 01:30, still at -04:00');
    });

    it('"yesterday" just after the autumn change in New York is the day before, at -04:00', () => {
      const opts = { now: Date.parse('2026-11-02T05:30:00Z'), timeZone: 'America/New_York' }; // 00:30 on Mon 2 Nov, -05:00
      const y = readDateInput('yesterday', opts);
      assert.ok(y?.ok);
      assert.equal(y.date, '2026-11-01');
      assert.equal(new Date(y.ms).toISOString(), '2026-11-01T04:00:00.000Z');
    });
  });
});

describe('typed dates in the table’s language (German), with English always read', () => {
  let before: Messages | undefined;
  beforeEach(() => (before = useMessages(shippedTable('de'))));
  afterEach(() => useMessages(before!));
  const de: DateInputOptions = { now, timeZone: 'Europe/Berlin', locale: 'de-DE' };

  it('reads heute, gestern, morgen, jetzt and „vor 3 Tagen“ as it reads today, yesterday, tomorrow, now and 3 days ago', () => {
    assert.equal(read('heute', de), '2026-11-30');
    assert.equal(read('Gestern', de), '2026-11-29');
    assert.equal(read('morgen', de), '2026-12-01');
    assert.equal(read('vor 3 Tagen', de), '2026-11-27');
    assert.equal(read('vor 1 Tag', de), '2026-11-29');
    assert.equal(read('jetzt', de), '2026-11-30 10:00');
    for (const [english, german] of [['today', 'heute'], ['yesterday', 'gestern'], ['3 days ago', 'vor 3 Tagen'], ['now', 'jetzt']] as const) assert.equal(read(english, de), read(german, de), english);
  });

  it('reads German weekdays with letzten / diesen, and „gestern um 14:30“', () => {
    assert.equal(read('letzten Freitag', de), '2026-11-27');
    assert.equal(read('Freitag', de), '2026-11-27');
    assert.equal(read('letzten Montag', de), '2026-11-23', 'today is a Monday: "letzten" is the one before');
    assert.equal(read('Montag', de), '2026-11-30');
    assert.equal(read('diesen Mittwoch', de), '2026-11-25');
    assert.equal(read('letzten Di.', de), '2026-11-24');
    assert.equal(read('gestern um 14:30', de), '2026-11-29 14:30');
    assert.equal(read('gestern 9:05', de), '2026-11-29 09:05');
  });

  it('reads German month names and day-first dates with dots: 1. Dez., 3. März 2026, 20.11., 1.12.2025', () => {
    assert.equal(read('1. Dez.', de), '2025-12-01', 'December 1 has not come yet this year');
    assert.equal(read('3. März 2026', de), '2026-03-03');
    assert.equal(read('20. November', de), '2026-11-20');
    assert.equal(read('20.11.', de), '2026-11-20');
    assert.equal(read('1.12.2025', de), '2025-12-01');
    assert.equal(read('1.12.', de), '2025-12-01');
    assert.equal(read('14. Mai 2026 um 9:30', de), '2026-05-14 09:30');
    assert.match(read('31.2.2026', de), /^problem: 31\.2\.2026 ist kein Tag des Kalenders$/);
  });

  it('still reads English: yesterday, last Friday, 1 Dec, 3 days ago', () => {
    assert.equal(read('yesterday', de), '2026-11-29');
    assert.equal(read('last Friday', de), '2026-11-27');
    assert.equal(read('1 Dec', de), '2025-12-01');
    assert.equal(read('3 days ago', de), '2026-11-27');
    assert.equal(read('yesterday at 14:30', de), '2026-11-29 14:30');
  });

  it('says what it reads in German when it cannot read the text', () => {
    assert.equal(read('irgendwann', de), 'problem: muss ein Datum wie heute, gestern, letzten Freitag, 1. Dez., 1.12. oder 2026-11-20, wahlweise mit Uhrzeit (14:30) sein');
    assert.equal(read('gestern 25:00', de), 'problem: 25:00 ist keine Uhrzeit');
  });

  it('German words are not read while the table is English', () => {
    useMessages(EN);
    assert.match(read('gestern', de), /^problem: must be a date such as today/);
    assert.match(read('vor 3 Tagen', de), /^problem: must be a date such as today/);
  });
});
