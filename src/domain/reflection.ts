import { z } from 'zod';
import './zodConfig';
import { WEEKDAYS } from './settings';

/**
 * When the weekly reflection ("Anything worth logging this week?") is due: a pure function of the
 * time, the settings and what was recorded (the week it was last shown, the week the user last
 * reviewed, a snooze), so the schedule is tested with any clock. Weeks start on Monday, local
 * time. At most one notification a week: a week in which it was shown or the user reviewed shows
 * nothing more. Opened after the day and time have passed (VS Code was closed on Friday at
 * 16:00), it shows at once, still only once that week. "Snooze until Monday" shows it on Monday
 * at the same time of day: that is the next week's one notification.
 */

export type WeekdayName = (typeof WEEKDAYS)[number];

export interface ReflectionSettings {
  readonly enabled: boolean;
  readonly day: WeekdayName;
  /** `H:MM` or `HH:MM`, local. */
  readonly time: string;
}

export interface ReflectionState {
  /** weekKey of the week the notification was shown in (by any window). */
  readonly shownWeek?: string | undefined;
  /** weekKey of the week the user reviewed in (Review now, or the command). */
  readonly reviewedWeek?: string | undefined;
  /** Epoch ms: show at this time (a snooze), even before the week's day and time. */
  readonly snoozedUntil?: number | undefined;
}

export type ReflectionDecision = { readonly due: true; readonly week: string } | { readonly due: false; readonly next: number | undefined };

/** Local midnight starting the Monday of `t`'s week. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const back = (d.getDay() + 6) % 7;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - back).getTime();
}

/** The week of `t`, named by its Monday's local date: `2026-11-30`. */
export function weekKey(t: number): string {
  const d = new Date(weekStart(t));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function parseTime(time: string): { h: number; m: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  const h = m ? Number(m[1]) : 16;
  const min = m ? Number(m[2]) : 0;
  return h <= 23 && min <= 59 ? { h, m: min } : { h: 16, m: 0 };
}

/** The reflection's moment in the week of `t` (local day and time; DST-safe: built from the calendar). */
export function slotInWeek(t: number, s: Pick<ReflectionSettings, 'day' | 'time'>): number {
  const monday = new Date(weekStart(t));
  const offset = (WEEKDAYS.indexOf(s.day) + 6) % 7;
  const { h, m } = parseTime(s.time);
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + offset, h, m).getTime();
}

/** The next Monday (after `t`'s week) at the reflection's time of day: where "Snooze until Monday" goes. */
export function snoozeUntilMonday(t: number, s: Pick<ReflectionSettings, 'time'>): number {
  const monday = new Date(weekStart(t));
  const { h, m } = parseTime(s.time);
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7, h, m).getTime();
}

/** Is the reflection due at `now`? If not, when to look again (undefined: never, it is off). */
export function reflectionDue(now: number, s: ReflectionSettings, state: ReflectionState): ReflectionDecision {
  if (!s.enabled) return { due: false, next: undefined };
  const week = weekKey(now);
  const nextWeekSlot = () => {
    const next = slotInWeek(weekStart(now) + 8 * 86_400_000, s);
    const snooze = state.snoozedUntil !== undefined && state.snoozedUntil > now ? state.snoozedUntil : undefined;
    return snooze !== undefined && snooze < next ? snooze : next;
  };
  if (state.shownWeek === week || state.reviewedWeek === week) return { due: false, next: nextWeekSlot() };
  const slot = slotInWeek(now, s);
  const snooze = state.snoozedUntil;
  const snoozedThisWeek = snooze !== undefined && weekKey(snooze) === week;
  if (now >= slot || (snoozedThisWeek && now >= snooze)) return { due: true, week };
  return { due: false, next: snoozedThisWeek && snooze < slot ? snooze : slot };
}

/**
 * The test hook `IMPACT_LOG_TEST_NOW` (docs/TESTING.md): a date and time the weekly reflection's
 * clock starts at when the extension starts, running on in real time from there, so a journey can
 * put the slot a few seconds ahead. ISO 8601, local time unless it ends in `Z` or an offset. Only
 * tests set it; unset means the real clock.
 */
export const TEST_NOW_VARIABLE = 'IMPACT_LOG_TEST_NOW';

const testNow = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?$/, 'must be an ISO 8601 date and time such as 2026-12-04T15:59:45')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date and time that exists');

/**
 * Reads `IMPACT_LOG_TEST_NOW`: undefined when it is unset or empty; the time it names (epoch ms);
 * or the problem, naming the variable, when it is set to something else (then the real clock is used).
 */
export function parseTestNow(raw: string | undefined): { readonly now: number } | { readonly problem: string } | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const r = testNow.safeParse(raw);
  if (!r.success) return { problem: `${TEST_NOW_VARIABLE} ${r.error.issues[0]?.message ?? 'is not valid'} (it is ${JSON.stringify(raw.slice(0, 40))})` };
  return { now: Date.parse(r.data) };
}
