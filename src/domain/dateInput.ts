import { displayDay, wallClock as zonedClock } from './format';
import { EN, type MessageKey, msg } from './messages';

/**
 * What a person types for a date in a prompt: `today`, `yesterday`, `last Friday`, `1 Dec`,
 * `Dec 1 2025`, an ISO date `2026-11-20` or date and time `2026-11-20 14:30` (optionally with an
 * offset), each optionally followed by a time `14:30`. Pure: the current instant and the IANA time
 * zone are arguments, so "yesterday" means the same thing in a test as at the user's desk.
 * English is always read; so are the words of the message table in use (`date.words.*` and the
 * month names: German `heute`, `gestern`, `vor 3 Tagen`, `letzten Freitag`, `1. Dez`).
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

/** What the reader understands, in the table's language: the problem shown for text it cannot read. */
export const dateInputHint = (): string => msg('date.hint');

/** The words the reader understands: English (the default table) and the table in use, lowercase. */
interface DateWords {
  readonly now: ReadonlySet<string>;
  readonly today: ReadonlySet<string>;
  readonly yesterday: ReadonlySet<string>;
  readonly tomorrow: ReadonlySet<string>;
  readonly last: ReadonlySet<string>;
  readonly daysAgo: readonly RegExp[];
  /** Every word before a weekday ("last", "this", "letzten"); `last` tells which mean the one before today. */
  readonly before: RegExp;
  /** The time after a day: "yesterday 14:30", "yesterday at 14:30", "gestern um 14:30". */
  readonly timed: RegExp;
  /** Index 0 is Sunday. */
  readonly weekdays: readonly (readonly string[])[];
  /** Index 0 is January. */
  readonly months: readonly (readonly string[])[];
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let cached: { key: string; words: DateWords } | undefined;

function dateWords(): DateWords {
  const keys = ['date.words.now', 'date.words.today', 'date.words.yesterday', 'date.words.tomorrow', 'date.words.daysAgo', 'date.words.last', 'date.words.this', 'date.words.at', 'date.words.weekdays'] as const;
  const months = Array.from({ length: 12 }, (_, i) => `month.${i + 1}` as MessageKey);
  const local = [...keys, ...months].map((k) => msg(k)).join('\n');
  if (cached?.key === local) return cached.words;
  /** A key's alternatives ("|"-separated), English first, lowercase, without duplicates. */
  const both = (k: MessageKey): string[] => [...new Set([...EN[k].split('|'), ...msg(k).split('|')].map((w) => w.trim().toLowerCase()).filter((w) => w !== ''))];
  const set = (k: MessageKey) => new Set(both(k));
  const names = (english: readonly string[], mine: readonly string[], i: number) => [...new Set([english[i], mine[i]].filter((w): w is string => w !== undefined && w.trim() !== '').map((w) => w.trim().toLowerCase()))];
  const enDays = EN['date.words.weekdays'].split('|');
  const myDays = msg('date.words.weekdays').split('|');
  const prefixes = [...both('date.words.last'), ...both('date.words.this')].sort((a, b) => b.length - a.length).map(escaped);
  const words: DateWords = {
    now: set('date.words.now'),
    today: set('date.words.today'),
    yesterday: set('date.words.yesterday'),
    tomorrow: set('date.words.tomorrow'),
    last: set('date.words.last'),
    daysAgo: both('date.words.daysAgo')
      .filter((t) => t.includes('{0}'))
      .map((t) => new RegExp(`^${t.split('{0}').map(escaped).join('(\\d{1,3})')}$`, 'u')),
    before: new RegExp(`^(?:(${prefixes.join('|')}) )?(\\p{L}+\\.?)$`, 'u'),
    timed: new RegExp(`^(.*?)(?:,? (?:(?:${both('date.words.at').map(escaped).join('|')}) )?(\\d{1,2}):(\\d{2}))$`, 'iu'),
    weekdays: Array.from({ length: 7 }, (_, i) => names(enDays, myDays, i)),
    months: months.map((k) => [...new Set([EN[k], msg(k)].map((w) => w.trim().toLowerCase()))]),
  };
  cached = { key: local, words: words };
  return words;
}
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

/**
 * The index of the name `word` begins, English first ("dec", "fri": at least 3 letters), else the
 * table's (also 2 letters when only one name begins so: German "Di." for Dienstag), else -1.
 */
function nameIndex(word: string, names: readonly (readonly string[])[]): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 2) return -1;
  const english = w.length < 3 ? -1 : names.findIndex((n) => n[0]!.startsWith(w));
  if (english >= 0) return english;
  const local = names.flatMap((n, i) => (n.slice(1).some((x) => x.startsWith(w)) ? [i] : []));
  return local.length === 1 || (local.length > 0 && w.length >= 3) ? local[0]! : -1;
}

/** The date part of the text (relative to `today`), or a problem; undefined when it is not a date form at all. */
function readDay(text: string, today: Civil, words: DateWords): Civil | { problem: string } | undefined {
  const t = text.toLowerCase();
  if (words.today.has(t)) return today;
  if (words.yesterday.has(t)) return fromDayNumber(dayNumber(today) - 1);
  if (words.tomorrow.has(t)) return fromDayNumber(dayNumber(today) + 1);
  for (const re of words.daysAgo) {
    const ago = re.exec(t);
    if (ago) return fromDayNumber(dayNumber(today) - Number(ago[1]));
  }
  let m = words.before.exec(t);
  if (m && nameIndex(m[2]!, words.weekdays) >= 0) {
    // "Friday": the latest Friday up to today; "last Friday": the latest before today.
    const want = nameIndex(m[2]!, words.weekdays);
    let back = (weekday(today) - want + 7) % 7;
    if (back === 0 && m[1] !== undefined && words.last.has(m[1])) back = 7;
    return fromDayNumber(dayNumber(today) - back);
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    return validCivil(c) ? c : { problem: msg('date.notADay', text) };
  }
  // "1 Dec", "1 December 2025", "Dec 1", "December 1, 2025"; "1. Dezember 2025"; "1.12.2025", "1.12." (day first)
  let day: number | undefined;
  let month = -1;
  let year: number | undefined;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})?$/.exec(t);
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th|\.)? (\p{L}+\.?),?(?: (\d{4}))?$/u.exec(t);
  const monthFirst = /^(\p{L}+\.?) (\d{1,2})(?:st|nd|rd|th|\.)?,?(?: (\d{4}))?$/u.exec(t);
  if (dotted) {
    day = Number(dotted[1]);
    month = Number(dotted[2]) - 1;
    year = dotted[3] ? Number(dotted[3]) : undefined;
  } else if (dayFirst) {
    day = Number(dayFirst[1]);
    month = nameIndex(dayFirst[2]!, words.months);
    year = dayFirst[3] ? Number(dayFirst[3]) : undefined;
  } else if (monthFirst) {
    month = nameIndex(monthFirst[1]!, words.months);
    day = Number(monthFirst[2]);
    year = monthFirst[3] ? Number(monthFirst[3]) : undefined;
  }
  if (day === undefined || month < 0) return undefined;
  if (year !== undefined) {
    const c = { y: year, m: month + 1, d: day };
    return validCivil(c) ? c : { problem: msg('date.notADay', text) };
  }
  // No year: the latest such day up to today (a log is about work done), else last year's.
  const thisYear = { y: today.y, m: month + 1, d: day };
  const lastYear = { y: today.y - 1, m: month + 1, d: day };
  if (validCivil(thisYear) && dayNumber(thisYear) <= dayNumber(today)) return thisYear;
  if (validCivil(lastYear)) return lastYear;
  return validCivil(thisYear) ? thisYear : { problem: msg('date.notADay', text) };
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
  const words = dateWords();
  if (words.now.has(t.toLowerCase())) return done(opts.now, 'now');

  // An ISO date-time: with an offset it is that instant; without one, local time in the zone.
  const iso = ISO_WITH_TIME.exec(t);
  if (iso) {
    const c = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
    const [h, min] = [Number(iso[4]), Number(iso[5])];
    if (!validCivil(c) || h > 23 || min > 59 || Number(iso[6] ?? 0) > 59) return refuse(msg('date.notADateTime', t));
    if (iso[8]) {
      const ms = Date.parse(t.replace(' ', 'T'));
      return Number.isFinite(ms) ? done(ms, `${iso[4]}:${iso[5]}`) : refuse(msg('date.notADateTime', t));
    }
    const ms = zonedInstant(c, h, min, opts.timeZone) + Number(iso[6] ?? 0) * 1000 + Math.floor(Number(`0${iso[7] ?? ''}`) * 1000);
    return done(ms, `${iso[4]}:${iso[5]}`);
  }

  // A date form, optionally followed by a time ("yesterday 14:30", "1 Dec at 9:05").
  const timed = words.timed.exec(t);
  const dayText = timed ? timed[1]! : t;
  const today = wallClock(opts.now, opts.timeZone).c;
  const day = readDay(dayText, today, words);
  if (day === undefined) return refuse(msg('validation.mustBe', dateInputHint()));
  if ('problem' in day) return refuse(day.problem);
  if (timed) {
    const [h, min] = [Number(timed[2]), Number(timed[3])];
    if (h > 23 || min > 59) return refuse(msg('date.notATime', `${timed[2]}:${timed[3]}`));
    return done(zonedInstant(day, h, min, opts.timeZone), `${pad(h)}:${pad(min)}`);
  }
  return done(zonedInstant(day, 0, 0, opts.timeZone), undefined);
}

/** The user's IANA time zone as the runtime knows it (the extension host's). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
