import assert from 'node:assert/strict';
import { displayMonth, displayWeekday, userLocale } from '../../src/domain/format';
import { periodGroups } from '../../src/domain/grouping';
import { parseSettings } from '../../src/domain/settings';
import { suggestRange } from '../../src/domain/suggestions';
import { localeFirstDay, weekRange, weekStartOf } from '../../src/domain/week';
import { inZone } from './support/timeZone';

/**
 * The first day of the week (`impactLog.timeline.weekStart`, default the locale's) and the weeks
 * built on it: the timeline's This week / Last week groups, the status bar's count (weekRange) and
 * the This week / Last week periods of suggestions all start on the same day.
 */

const HOUR = 3_600_000;
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();
/** The local calendar day and clock of an instant: `2026-11-29 00:00 Sun`. */
const show = (t: number) => {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())} ${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()]}`;
};

describe('the first day of the week', () => {
  it('is the locale’s: Sunday in en-US, Monday in de and en-GB, Saturday in ar-EG', () => {
    assert.equal(localeFirstDay('en-US'), 0);
    assert.equal(localeFirstDay('de'), 1);
    assert.equal(localeFirstDay('de-DE'), 1);
    assert.equal(localeFirstDay('en-GB'), 1);
    assert.equal(localeFirstDay('ar-EG'), 6);
  });

  it('is Monday when the locale is not one Intl knows', () => {
    assert.equal(localeFirstDay('not a locale'), 1);
    assert.equal(localeFirstDay(''), 1);
  });

  it('follows the setting when it names a day, whatever the locale', () => {
    assert.equal(weekStartOf('locale', 'en-US'), 0);
    assert.equal(weekStartOf('locale', 'en-GB'), 1);
    assert.equal(weekStartOf('monday', 'en-US'), 1);
    assert.equal(weekStartOf('sunday', 'de'), 0);
    assert.equal(weekStartOf('saturday', 'en-GB'), 6);
  });

  it('takes the region from the system when VS Code’s language names none', () => {
    assert.equal(userLocale('en', 'en-GB'), 'en-GB');
    assert.equal(userLocale('en', 'en-US-u-va-posix'), 'en-US');
    assert.equal(userLocale('de', 'de-AT'), 'de-AT');
    assert.equal(userLocale('pt-br', 'en-GB'), 'pt-BR', 'a region in the language wins');
    assert.equal(userLocale('zh-cn', undefined), 'zh-CN');
    assert.equal(userLocale('en', undefined), 'en');
    assert.equal(userLocale('en', 'C'), 'en', 'no region in the system locale');
    assert.equal(userLocale(undefined, 'en-GB'), 'en-GB');
    assert.equal(userLocale('not a locale', undefined), 'en');
    // So an English UI in the UK starts weeks on Monday, one in the US on Sunday.
    assert.equal(weekStartOf('locale', userLocale('en', 'en-GB')), 1);
    assert.equal(weekStartOf('locale', userLocale('en', 'en-US')), 0);
  });

  it('is a validated setting: `locale` by default, a weekday, or the default with a problem naming it', () => {
    const read = (v: unknown) => parseSettings((k) => (k === 'timeline.weekStart' ? v : undefined));
    assert.equal(read(undefined).config['timeline.weekStart'], 'locale');
    assert.deepEqual(read(undefined).problems, []);
    assert.equal(read('sunday').config['timeline.weekStart'], 'sunday');
    for (const bad of ['Sunday', 'sun', 0, null]) {
      const r = read(bad);
      assert.equal(r.config['timeline.weekStart'], 'locale', String(bad));
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0]!.key, 'impactLog.timeline.weekStart');
    }
  });
});

describe('weeks on the chosen first day', () => {
  it('the timeline groups, the status bar week and the suggestion periods agree for each first day', () => {
    inZone('Europe/Berlin', () => {
      const now = local(2026, 11, 26, 15, 30); // Thursday 26 Nov 2026
      for (const [start, first] of [
        [1, '2026-11-23 00:00 Mon'],
        [0, '2026-11-22 00:00 Sun'],
        [6, '2026-11-21 00:00 Sat'],
      ] as const) {
        const groups = periodGroups(now, { weekStartsOn: start });
        const thisWeek = groups.find((g) => g.id === 'this-week')!;
        const lastWeek = groups.find((g) => g.id === 'last-week')!;
        const week = weekRange(now, start);
        assert.equal(show(week.from), first, `week from, start ${start}`);
        assert.equal(thisWeek.from, week.from, `timeline's This week, start ${start}`);
        assert.equal(lastWeek.from, weekRange(now, start, -1).from, `timeline's Last week, start ${start}`);
        assert.equal(lastWeek.to, week.from);
        const suggested = suggestRange({ period: 'thisWeek' }, now, 1, start);
        assert.deepEqual([suggested.from, suggested.to], [week.from, week.to]);
        const last = suggestRange({ period: 'lastWeek' }, now, 1, start);
        assert.deepEqual([last.from, last.to], [lastWeek.from, week.from]);
        assert.equal(last.label, 'last week');
      }
    });
  });

  it('a Sunday is the last day of a Monday week and the first of a Sunday week', () => {
    inZone('America/New_York', () => {
      const sunday = local(2026, 11, 29, 9);
      assert.equal(show(weekRange(sunday, 1).from), '2026-11-23 00:00 Mon');
      assert.equal(show(weekRange(sunday, 0).from), '2026-11-29 00:00 Sun');
      // With a Sunday start, Sunday's week begins today: no "This week" group apart from Today.
      const ids = periodGroups(sunday, { weekStartsOn: 0 }).map((g) => g.id);
      assert.ok(!ids.includes('this-week'), ids.join(', '));
      assert.ok(periodGroups(sunday, { weekStartsOn: 1 }).some((g) => g.id === 'this-week'));
    });
  });

  it('a week with the autumn clock change lasts 169 hours and ends at the next first day’s midnight', () => {
    inZone('Europe/Berlin', () => {
      // Clocks go back on Sunday 25 Oct 2026.
      const w = weekRange(local(2026, 10, 24, 12), 1);
      assert.equal(show(w.from), '2026-10-19 00:00 Mon');
      assert.equal(show(w.to), '2026-10-26 00:00 Mon');
      assert.equal((w.to - w.from) / HOUR, 169);
    });
    inZone('America/New_York', () => {
      // Clocks go back on Sunday 1 Nov 2026: the first day of a Sunday week.
      const w = weekRange(local(2026, 11, 4, 12), 0);
      assert.equal(show(w.from), '2026-11-01 00:00 Sun');
      assert.equal(show(w.to), '2026-11-08 00:00 Sun');
      assert.equal((w.to - w.from) / HOUR, 169);
      const g = periodGroups(local(2026, 11, 4, 12), { weekStartsOn: 0 }).find((x) => x.id === 'this-week')!;
      assert.equal(g.from, w.from);
    });
  });

  it('a week with the spring clock change lasts 167 hours; last week across it still starts at midnight', () => {
    inZone('Europe/Berlin', () => {
      // Clocks go forward on Sunday 29 Mar 2026.
      const w = weekRange(local(2026, 3, 25, 12), 1);
      assert.equal((w.to - w.from) / HOUR, 167);
      const next = weekRange(local(2026, 4, 1, 12), 1, -1);
      assert.deepEqual([show(next.from), show(next.to)], ['2026-03-23 00:00 Mon', '2026-03-30 00:00 Mon']);
    });
    inZone('America/New_York', () => {
      // Clocks go forward on Sunday 8 Mar 2026, 02:00.
      const w = weekRange(local(2026, 3, 8, 12), 0);
      assert.equal(show(w.from), '2026-03-08 00:00 Sun');
      assert.equal((w.to - w.from) / HOUR, 167);
    });
  });
});

describe('month names in the timeline', () => {
  it('come from Intl in the locale given', () => {
    assert.equal(displayMonth(9, 'en'), 'October');
    assert.equal(displayMonth(9, 'de'), 'Oktober');
    assert.equal(displayMonth(2, 'fr'), 'mars');
    assert.deepEqual([0, 1, 6].map((d) => displayWeekday(d, 'en')), ['Sunday', 'Monday', 'Saturday'], 'the status bar names the first day');
    assert.equal(displayWeekday(1, 'de'), 'Montag');
    inZone('Europe/Berlin', () => {
      const groups = periodGroups(local(2026, 11, 26, 12), { locale: 'de' });
      assert.equal(groups.find((g) => g.id === 'month-2026-10')?.label, 'Oktober');
      assert.equal(periodGroups(local(2026, 11, 26, 12)).find((g) => g.id === 'month-2026-10')?.label, 'October', 'English without a locale');
    });
  });
});
