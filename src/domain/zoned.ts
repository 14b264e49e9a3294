/**
 * Calendar days in an explicit IANA time zone (not only the process's): follow-ups fall due on a
 * local calendar day, and a day is not always 24 hours long (DST). A "day number" is the count of
 * days from 1970-01-01 to a local calendar date, so adding N days is integer arithmetic and the
 * conversion back to an instant happens once, with the zone's offset on that day.
 */

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

let envTz: string | undefined;
let systemTz: string | undefined;
/** The process's time zone (what VS Code's clock shows); looked up again only when `TZ` changes. */
export function systemTimeZone(): string {
  if (systemTz === undefined || process.env.TZ !== envTz) {
    envTz = process.env.TZ;
    systemTz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  return systemTz;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall-clock time at `ms` in `timeZone`, written as if it were UTC (epoch ms). In the
 * process's own zone `Date` knows the offset (about 0.1 µs); any other zone goes through Intl
 * (tens of µs a call), which is what tests with explicit zones use.
 */
function wallClock(ms: number, timeZone: string): number {
  if (timeZone === systemTimeZone()) return ms - new Date(ms).getTimezoneOffset() * 60_000;
  return intlWallClock(ms, timeZone);
}

function intlWallClock(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of formatter(timeZone).formatToParts(whole)) {
    const v = Number(p.value);
    if (p.type === 'year') y = v;
    else if (p.type === 'month') mo = v;
    else if (p.type === 'day') d = v;
    else if (p.type === 'hour') h = v;
    else if (p.type === 'minute') mi = v;
    else if (p.type === 'second') s = v;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) + (ms - whole);
}

/** The zone's offset from UTC at `ms`, in ms (positive east of Greenwich). */
export const zoneOffset = (ms: number, timeZone: string): number => wallClock(ms, timeZone) - ms;

/** Day number (days since 1970-01-01) of the local calendar date of `ms` in `timeZone`. */
export function dayNumberIn(ms: number, timeZone: string): number {
  return Math.floor(wallClock(ms, timeZone) / DAY);
}

/**
 * The first instant of local day `day` in `timeZone`: local midnight, or, where the clocks jump
 * over midnight, the moment the day begins. Assumes at most one offset change within a day of it.
 */
export function startOfDayIn(day: number, timeZone: string): number {
  const key = `${timeZone}|${day}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = computeStartOfDay(day, timeZone);
    if (dayStarts.size >= 4096) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

/** Zone rules do not change while the process runs (a TZ change gives another zone name). */
const dayStarts = new Map<string, number>();

function computeStartOfDay(day: number, timeZone: string): number {
  const wall = day * DAY;
  const candidates = [wall - zoneOffset(wall - DAY, timeZone), wall - zoneOffset(wall + DAY, timeZone)].filter((t) => dayNumberIn(t, timeZone) === day);
  return candidates.length > 0 ? Math.min(...candidates) : wall - zoneOffset(wall, timeZone);
}

/** `YYYY-MM-DD` of a day number. */
export function dayNumberToDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
