/** Time helpers. Instants are stored as ISO-8601 UTC strings (`2026-11-23T09:00:00.000Z`). */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses what a person or a file may give for a moment: an ISO-8601 date-time (with or without
 * offset; without one it is local time) or a date `YYYY-MM-DD` (local midnight).
 * Returns epoch milliseconds, or undefined when the text is not such a moment.
 */
export function parseMoment(text: string): number | undefined {
  const t = text.trim();
  const d = DATE_ONLY.exec(t);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const local = new Date(y, m - 1, day);
    if (local.getFullYear() !== y || local.getMonth() !== m - 1 || local.getDate() !== day) return undefined;
    return local.getTime();
  }
  if (!DATE_TIME.test(t)) return undefined;
  const ms = Date.parse(t.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

const MS_PER_DAY = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: the years `toISOString` writes with four digits. */
const ISO_MIN = -62_167_219_200_000;
const ISO_MAX = 253_402_300_800_000;
/** The character code of the digit `n` (0–9). */
const digit = (n: number) => 48 + n;

/**
 * `new Date(ms).toISOString()`, computed with integer arithmetic: it is called three times for
 * every entry read, and `Date` takes ~1.5 µs a call (docs/BENCHMARKS.md). Outside years
 * 0000–9999, and for anything but a whole number, `Date` does it (and throws as it does).
 * The string is made from its 24 character codes in one go: joined from parts, it was a tree of a
 * dozen small strings that lived as long as the entry (a summary keeps 60,000 of them) and was
 * flattened again on first read, three to four times the cost.
 */
export function toIso(ms: number): string {
  if (!Number.isInteger(ms) || ms < ISO_MIN || ms >= ISO_MAX) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  // Civil date from days since 1970-01-01 (H. Hinnant's civil_from_days), years counted from March.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return String.fromCharCode(
    digit(Math.floor(year / 1000)), digit(Math.floor(year / 100) % 10), digit(Math.floor(year / 10) % 10), digit(year % 10), 45,
    digit(Math.floor(month / 10)), digit(month % 10), 45, digit(Math.floor(day / 10)), digit(day % 10), 84,
    digit(Math.floor(hour / 10)), digit(hour % 10), 58, digit(Math.floor(min / 10)), digit(min % 10), 58,
    digit(Math.floor(sec / 10)), digit(sec % 10), 46, digit(Math.floor(milli / 100)), digit(Math.floor(milli / 10) % 10), digit(milli % 10), 90,
  );
}

/** The number written with `n` ASCII digits from `s[i]`, or -1 if one of them is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const daysInMonth = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/**
 * `Date.parse(s)`, two to three times faster for the form every stored instant has
 * (`2026-11-23T09:00:00.000Z`, as `toIso` writes it): the summary and its Markdown parse tens of
 * thousands of these. Anything else, or a field out of its range, goes to `Date.parse`, so the
 * result is always the same as `Date.parse`'s, NaN included.
 */
export function isoMs(s: string): number {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46) {
    return Date.parse(s);
  }
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const min = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const ms = digits(s, 20, 3);
  if (y < 0 || m < 1 || m > 12 || d < 1 || (d > 28 && d > daysInMonth(y, m)) || h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 59 || ms < 0) return Date.parse(s);
  // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), years counted from March.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146_097 + doe - 719_468) * 86_400_000 + h * 3_600_000 + min * 60_000 + sec * 1000 + ms;
}

/** Local calendar date `YYYY-MM-DD` of an instant, in the process's time zone. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
