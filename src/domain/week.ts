/**
 * Weeks: which day starts them (`impactLog.timeline.weekStart`: the locale's first day, or a named
 * weekday) and this week's and last week's days. The timeline's "This week" / "Last week" groups,
 * the status bar's count and the "This week" / "Last week" periods of suggestions and the weekly
 * review all read the start from here, so they always agree. Weeks are whole local days (local
 * midnights), so a week with a daylight-saving change has 167 or 169 hours and still ends at the
 * next week's first midnight.
 */

/** 0 = Sunday … 6 = Saturday, as `Date#getDay()`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Days of the week, Sunday first (as `Date#getDay()` numbers them): the values of weekday settings. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

/** `impactLog.timeline.weekStart`: `locale` or a weekday. */
export const WEEK_START_VALUES = ['locale', ...WEEKDAYS] as const;
export type WeekStartSetting = (typeof WEEK_START_VALUES)[number];

/** Node 24 has `Intl.Locale#getWeekInfo()`; older engines had a `weekInfo` getter; some have neither. */
type WithWeekInfo = Intl.Locale & { getWeekInfo?: () => { firstDay?: number }; weekInfo?: { firstDay?: number } };

/**
 * The first day of the week where the locale keeps it (`en-US` Sunday, `de` and `en-GB` Monday,
 * `ar-EG` Saturday); Monday when `Intl` does not say or the locale is not one.
 */
export function localeFirstDay(locale: string): Weekday {
  let first: number | undefined;
  try {
    const l = new Intl.Locale(locale) as WithWeekInfo;
    first = (typeof l.getWeekInfo === 'function' ? l.getWeekInfo() : l.weekInfo)?.firstDay;
  } catch {
    first = undefined;
  }
  // Intl numbers Monday 1 … Sunday 7.
  return typeof first === 'number' && Number.isInteger(first) && first >= 1 && first <= 7 ? ((first % 7) as Weekday) : 1;
}

/** The first day of the week the setting asks for: a named weekday, or the locale's. */
export function weekStartOf(setting: WeekStartSetting, locale: string): Weekday {
  return setting === 'locale' ? localeFirstDay(locale) : (WEEKDAYS.indexOf(setting) as Weekday);
}

/** The week holding `now` (`offset` 0), or the one `offset` weeks before (-1) or after, as [from, to) epoch ms of local midnights. */
export function weekRange(now: number, weekStartsOn: Weekday, offset = 0): { from: number; to: number } {
  const d = new Date(now);
  const back = (d.getDay() - weekStartsOn + 7) % 7;
  const first = d.getDate() - back + 7 * offset;
  const from = new Date(d.getFullYear(), d.getMonth(), first);
  const to = new Date(d.getFullYear(), d.getMonth(), first + 7);
  return { from: from.getTime(), to: to.getTime() };
}
