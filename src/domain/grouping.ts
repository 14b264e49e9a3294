import { type MessageKey, msg } from './messages';

/**
 * The timeline's period buckets, newest first: Upcoming (entries dated after today), Today,
 * Yesterday, This week, Last week, the rest of this month, earlier months of this year, then
 * years. Pure: computed from `now` in the process's time zone (local midnights, so days of 23 or
 * 25 hours around DST changes come out right). The tree only maps these to nodes.
 */

import { displayMonth } from './format';
import type { Weekday } from './week';

export type { Weekday } from './week';

export interface PeriodGroup {
  /** Stable across refreshes on the same day, e.g. `today`, `month-2026-10`, `year-2025`. */
  readonly id: string;
  readonly label: string;
  /** Inclusive start, epoch ms. */
  readonly from: number;
  /** Exclusive end, epoch ms. */
  readonly to: number;
}

export interface GroupingOptions {
  /** First day of the week (`weekStartOf` in week.ts); default Monday. */
  readonly weekStartsOn?: Weekday;
  /** The oldest entry's time (epoch ms): years are listed back to this one. Without it, no year groups. */
  readonly earliest?: number;
  /** At most this many year groups; anything older falls into one "Before YYYY" group. Default 30. */
  readonly maxYears?: number;
  /** BCP 47 locale of the month names (`Intl`); without one, the message table's month names. */
  readonly locale?: string;
}

/** The largest time a JavaScript Date can hold: bounds the open-ended groups. */
export const MAX_TIME = 8.64e15;
export const MIN_TIME = -8.64e15;


/** Local midnight starting the given calendar day (day may overflow, like `new Date(y, m, d)`, but years 0–99 are not shifted). */
export function startOfLocalDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setFullYear(year, month, day);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period groups for `now`, newest first, contiguous and non-empty: each group's `to` is the previous group's `from`. */
export function periodGroups(now: number, opts: GroupingOptions = {}): PeriodGroup[] {
  const weekStartsOn = opts.weekStartsOn ?? 1;
  const maxYears = Math.max(1, opts.maxYears ?? 30);
  const d = new Date(now);
  const [y, m, day] = [d.getFullYear(), d.getMonth(), d.getDate()];
  const sinceWeekStart = (d.getDay() - weekStartsOn + 7) % 7;

  const groups: PeriodGroup[] = [];
  let cursor = MAX_TIME;
  const push = (id: string, label: string, from: number) => {
    if (from < cursor) {
      groups.push({ id, label, from, to: cursor });
      cursor = from;
    }
  };

  push('upcoming', msg('group.upcoming'), startOfLocalDay(y, m, day + 1));
  push('today', msg('group.today'), startOfLocalDay(y, m, day));
  push('yesterday', msg('group.yesterday'), startOfLocalDay(y, m, day - 1));
  push('this-week', msg('group.thisWeek'), startOfLocalDay(y, m, day - sinceWeekStart));
  push('last-week', msg('group.lastWeek'), startOfLocalDay(y, m, day - sinceWeekStart - 7));
  for (let month = m; month >= 0; month--) {
    push(`month-${y}-${pad(month + 1)}`, month === m ? msg('group.earlierThisMonth') : (opts.locale !== undefined ? displayMonth(month, opts.locale) : msg(`month.${month + 1}` as MessageKey)), startOfLocalDay(y, month, 1));
  }
  if (opts.earliest !== undefined && opts.earliest < cursor) {
    const earliestYear = new Date(opts.earliest).getFullYear();
    const lastYear = Math.max(earliestYear, y - maxYears);
    for (let year = y - 1; year >= lastYear; year--) push(`year-${year}`, String(year), startOfLocalDay(year, 0, 1));
    if (opts.earliest < cursor) push(`before-${lastYear}`, msg('group.before', lastYear), MIN_TIME);
  }
  return groups;
}

/** The group holding instant `t`, if any. */
export function groupOf(groups: readonly PeriodGroup[], t: number): PeriodGroup | undefined {
  return groups.find((g) => t >= g.from && t < g.to);
}
