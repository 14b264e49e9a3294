import { displayDay, wallClock as zonedClock } from './format';

/**
 * What a person types for a date in a prompt: `today`, `yesterday`, `last Friday`, `1 Dec`,
 * `Dec 1 2025`, an ISO date `2026-11-20` or date and time `2026-11-20 14:30` (optionally with an
 * offset), each optionally followed by a time `14:30`. Pure: the current instant and the IANA time
 * zone are arguments, so "yesterday" means the same thing in a test as at the user's desk.
 *
 * Written here rather than taken from a natural-language date library: the forms are a small closed
 * set, each shown back to the user as the date it means before anything is saved, and the libraries
 * resolve local times with a fixed UTC offset, which is wrong across a daylight-saving change; this
 * resolves every local time in the given zone (Intl), so a date an hour after the change is right.
 */

export interface DateInputOptions {
  /** Epoch ms of "now": "today" is its calendar date in `timeZone`. */
  readonly now: number;
  /** IANA time zone, e.g. `Europe/Berlin`; the user's (Intl's resolved zone) in the prompts. */
  readonly timeZone: string;
  /** BCP 47 locale the date is read back in (`Means Mon, 30 Nov 2026`); the prompts pass the user's, `en` without. */
  readonly locale?: string | undefined;
}

export type DateReading =
  | {
      readonly ok: true;
      /** The instant, epoch ms. */
      readonly ms: number;
      /** The calendar date it falls on in the time zone, `YYYY-MM-DD`. */
      readonly date: string;
      /** `HH:mm` when a time was given, else undefined (midnight). */
      readonly time: string | undefined;
      /** How to show it back: `Mon, 30 Nov 2026` or `Mon, 30 Nov 2026, 14:30`. */
      readonly shown: string;
      /** After `now`. */
      readonly future: boolean;
    }
  | { readonly ok: false; readonly problem: string };

export const DATE_INPUT_HINT = 'a date such as today, yesterday, last Friday, 1 Dec or 2026-11-20, optionally with a time (14:30)';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
interface Civil {
  readonly y: number;
  readonly m: number; // 1-12
  readonly d: number;
}

const DAY = 86_400_000;
const dayNumber = (c: Civil) => Math.floor(Date.UTC(c.y, c.m - 1, c.d) / DAY);
function fromDayNumber(n: number): Civil {
  const d = new Date(n * DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}
const weekday = (c: Civil) => new Date(dayNumber(c) * DAY).getUTCDay();
const validCivil = (c: Civil) => c.m >= 1 && c.m <= 12 && c.d >= 1 && c.y >= 1 && c.y <= 9999 && fromDayNumber(dayNumber(c)).d === c.d && fromDayNumber(dayNumber(c)).m === c.m;
const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (c: Civil) => `${String(c.y).padStart(4, '0')}-${pad(c.m)}-${pad(c.d)}`;

/** The wall-clock fields of an instant in a time zone (format.ts's wallClock, as a civil date). */
function wallClock(ms: number, timeZone: string): { c: Civil; h: number; min: number; s: number } {
  const w = zonedClock(ms, timeZone);
  return { c: { y: w.y, m: w.m, d: w.d }, h: w.h, min: w.min, s: w.s };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.c.y, w.c.m - 1, w.c.d, w.h, w.min, w.s);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a local wall-clock time in `timeZone` names. In the hour skipped by a
 * daylight-saving change it moves forward (02:30 becomes 03:30); in the hour repeated it takes the
 * first (earlier) one.
 */
export function zonedInstant(c: Civil, h: number, min: number, timeZone: string): number {
  const wall = Date.UTC(c.y, c.m - 1, c.d, h, min);
  // Two rounds settle on the offset in force at the result (the offset can change once nearby).
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (second === first) {
    // The earlier of two candidates when the wall time exists twice (the repeated hour).
    const earlier = wall - offsetAt(first - 3_600_000, timeZone);
    return earlier < first && wallMatches(earlier, c, h, min, timeZone) ? earlier : first;
  }
  // Skipped hour: neither candidate shows the wall time; take the later one (the time after the jump).
  return wallMatches(second, c, h, min, timeZone) ? second : Math.max(first, second);
}

function wallMatches(ms: number, c: Civil, h: number, min: number, timeZone: string): boolean {
  const w = wallClock(ms, timeZone);
  return w.c.y === c.y && w.c.m === c.m && w.c.d === c.d && w.h === h && w.min === min;
}

/** Today's calendar date in the zone. */
export function zonedToday(now: number, timeZone: string): string {
  return isoDate(wallClock(now, timeZone).c);
}

/** A date read back to the user, in the display style of format.ts: `Mon, 30 Nov 2026` (en-GB), with `, 14:30` when a time was given. */
export function showDate(date: string, time: string | undefined, locale = 'en'): string {
  return displayDay(date, time, { locale });
}

const monthIndex = (word: string): number => {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return -1;
  return MONTHS.findIndex((m) => m.startsWith(w));
};
const weekdayIndex = (word: string): number => {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return -1;
  return WEEKDAYS.findIndex((d) => d.startsWith(w));
};

/** The date part of the text (relative to `today`), or a problem; undefined when it is not a date form at all. */
function readDay(text: string, today: Civil): Civil | { problem: string } | undefined {
  const t = text.toLowerCase();
  if (t === 'today') return today;
  if (t === 'yesterday') return fromDayNumber(dayNumber(today) - 1);
  if (t === 'tomorrow') return fromDayNumber(dayNumber(today) + 1);
  let m = /^(\d{1,3}) days? ago$/.exec(t);
  if (m) return fromDayNumber(dayNumber(today) - Number(m[1]));
  m = /^(last |this )?([a-z]+\.?)$/.exec(t);
  if (m && weekdayIndex(m[2]!) >= 0) {
    // "Friday": the latest Friday up to today; "last Friday": the latest before today.
    const want = weekdayIndex(m[2]!);
    let back = (weekday(today) - want + 7) % 7;
    if (back === 0 && m[1] === 'last ') back = 7;
    return fromDayNumber(dayNumber(today) - back);
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    return validCivil(c) ? c : { problem: `${text} is not a day of the calendar` };
  }
  // "1 Dec", "1 December 2025", "Dec 1", "December 1, 2025"
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?),?(?: (\d{4}))?$/.exec(t);
  let day: number | undefined;
  let month = -1;
  let year: number | undefined;
  if (m) {
    day = Number(m[1]);
    month = monthIndex(m[2]!);
    year = m[3] ? Number(m[3]) : undefined;
  } else {
    m = /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,?(?: (\d{4}))?$/.exec(t);
    if (m) {
      month = monthIndex(m[1]!);
      day = Number(m[2]);
      year = m[3] ? Number(m[3]) : undefined;
    }
  }
  if (day === undefined || month < 0) return undefined;
  if (year !== undefined) {
    const c = { y: year, m: month + 1, d: day };
    return validCivil(c) ? c : { problem: `${text} is not a day of the calendar` };
  }
  // No year: the latest such day up to today (a log is about work done), else last year's.
  const thisYear = { y: today.y, m: month + 1, d: day };
  const lastYear = { y: today.y - 1, m: month + 1, d: day };
  if (validCivil(thisYear) && dayNumber(thisYear) <= dayNumber(today)) return thisYear;
  if (validCivil(lastYear)) return lastYear;
  return validCivil(thisYear) ? thisYear : { problem: `${text} is not a day of the calendar` };
}

const ISO_WITH_TIME = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a typed date. Returns undefined for empty text (the step is skipped), else the instant it
 * means or the problem with it.
 */
export function readDateInput(text: string, opts: DateInputOptions): DateReading | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return undefined;
  const refuse = (problem: string): DateReading => ({ ok: false, problem });
  const done = (ms: number, time: string | undefined): DateReading => {
    const w = wallClock(ms, opts.timeZone);
    const date = isoDate(w.c);
    const shownTime = time === undefined ? undefined : `${pad(w.h)}:${pad(w.min)}`;
    return { ok: true, ms, date, time: shownTime, shown: showDate(date, shownTime, opts.locale), future: ms > opts.now };
  };
  if (t.toLowerCase() === 'now') return done(opts.now, 'now');

  // An ISO date-time: with an offset it is that instant; without one, local time in the zone.
  const iso = ISO_WITH_TIME.exec(t);
  if (iso) {
    const c = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
    const [h, min] = [Number(iso[4]), Number(iso[5])];
    if (!validCivil(c) || h > 23 || min > 59 || Number(iso[6] ?? 0) > 59) return refuse(`${t} is not a date and time of the calendar`);
    if (iso[8]) {
      const ms = Date.parse(t.replace(' ', 'T'));
      return Number.isFinite(ms) ? done(ms, `${iso[4]}:${iso[5]}`) : refuse(`${t} is not a date and time of the calendar`);
    }
    const ms = zonedInstant(c, h, min, opts.timeZone) + Number(iso[6] ?? 0) * 1000 + Math.floor(Number(`0${iso[7] ?? ''}`) * 1000);
    return done(ms, `${iso[4]}:${iso[5]}`);
  }

  // A date form, optionally followed by a time ("yesterday 14:30", "1 Dec at 9:05").
  const timed = /^(.*?)(?:,? (?:at )?(\d{1,2}):(\d{2}))$/i.exec(t);
  const dayText = timed ? timed[1]! : t;
  const today = wallClock(opts.now, opts.timeZone).c;
  const day = readDay(dayText, today);
  if (day === undefined) return refuse(`must be ${DATE_INPUT_HINT}`);
  if ('problem' in day) return refuse(day.problem);
  if (timed) {
    const [h, min] = [Number(timed[2]), Number(timed[3])];
    if (h > 23 || min > 59) return refuse(`${timed[2]}:${timed[3]} is not a time of day`);
    return done(zonedInstant(day, h, min, opts.timeZone), `${pad(h)}:${pad(min)}`);
  }
  return done(zonedInstant(day, 0, 0, opts.timeZone), undefined);
}

/** The user's IANA time zone as the runtime knows it (the extension host's). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
