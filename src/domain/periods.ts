import { z } from 'zod';
import { PERIOD_PRESETS } from './settings';
import { localDate } from './time';
import { parseOrThrow, plainWords, problemsOf, ValidationError } from './validation';
import { msg } from './messages';

/**
 * Review periods. A period is a range of whole local calendar days (inclusive at both ends, in the
 * user's time zone) with a human name and the previous period it is compared with. Quarters, halves
 * and years follow the fiscal year, which starts on the first day of `fiscalYearStartMonth`; a
 * fiscal year is named after the calendar year it ends in (a year starting July 2025 is FY2026).
 */

export { PERIOD_PRESETS };
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The presets' names, from the message table in use (read when shown). */
export const PRESET_NAMES: Readonly<Record<PeriodPreset, string>> = Object.defineProperties(
  {} as Record<PeriodPreset, string>,
  Object.fromEntries(PERIOD_PRESETS.map((p) => [p, { get: () => msg(`period.${p}`), enumerable: true }])),
);

export interface Period {
  /** "H2 FY2026", "Q4 FY2026 to date", "Last 12 months", "previous 49 days" */
  readonly name: string;
  /** First day, `YYYY-MM-DD`, inclusive. */
  readonly fromDate: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  readonly toDate: string;
  /** Local midnight starting `fromDate`, epoch ms (inclusive). */
  readonly from: number;
  /** Local midnight after `toDate`, epoch ms (exclusive). */
  readonly to: number;
  /** Number of days, both ends counted. */
  readonly days: number;
  /** "H2 FY2026 (2026-07-01 to 2026-12-31)" */
  readonly label: string;
}

export interface ResolvedPeriod {
  readonly period: Period;
  /** The period before it, of the same length (the previous quarter / half / year for whole ones). */
  readonly previous: Period;
}

export interface PeriodOptions {
  /** Today is the local date of this instant. */
  readonly now: number;
  /** 1 = January … 12 = December. */
  readonly fiscalYearStartMonth: number;
  /** When the last summary was exported (for `sinceLastExport`), epoch ms. */
  readonly lastExportAt?: number | undefined;
}

// ---- civil dates (no time zone: arithmetic in UTC days, converted to local midnight at the end)

interface Civil {
  readonly y: number;
  readonly m: number; // 1-12
  readonly d: number;
}
const DAY = 86_400_000;
const dayNumber = (c: Civil) => Date.UTC(c.y, c.m - 1, c.d) / DAY;
const fromDayNumber = (n: number): Civil => {
  const d = new Date(n * DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
const addDays = (c: Civil, n: number) => fromDayNumber(dayNumber(c) + n);
const monthStart = (abs: number): Civil => ({ y: Math.floor(abs / 12), m: (abs % 12) + 1, d: 1 });
const absMonth = (c: Civil) => c.y * 12 + c.m - 1;
const fmt = (c: Civil) => `${String(c.y).padStart(4, '0')}-${String(c.m).padStart(2, '0')}-${String(c.d).padStart(2, '0')}`;
const localMidnight = (c: Civil) => new Date(c.y, c.m - 1, c.d).getTime();
function parseCivil(s: string): Civil | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return c.m >= 1 && c.m <= 12 && fmt(fromDayNumber(dayNumber(c))) === s ? c : undefined;
}
const todayOf = (now: number): Civil => parseCivil(localDate(now))!;
/** Same day n months away, clamped to the month's length (31 Mar - 1 month = 28/29 Feb). */
function addMonths(c: Civil, n: number): Civil {
  const start = monthStart(absMonth(c) + n);
  const last = addDays(monthStart(absMonth(c) + n + 1), -1).d;
  return { ...start, d: Math.min(c.d, last) };
}

function makePeriod(name: string, from: Civil, to: Civil, label?: string): Period {
  const fromDate = fmt(from);
  const toDate = fmt(to);
  return {
    name,
    fromDate,
    toDate,
    from: localMidnight(from),
    to: localMidnight(addDays(to, 1)),
    days: dayNumber(to) - dayNumber(from) + 1,
    label: label ?? msg('period.range', name, fromDate, toDate),
  };
}

// ---- fiscal units

type Unit = 'quarter' | 'half' | 'year';
const UNIT_MONTHS: Record<Unit, number> = { quarter: 3, half: 6, year: 12 };

interface FiscalUnit {
  readonly start: Civil;
  readonly end: Civil;
  readonly name: string;
}

/** The fiscal quarter / half / year containing `c`, or `offset` units before (-1) or after it. */
function fiscalUnit(c: Civil, unit: Unit, startMonth: number, offset = 0): FiscalUnit {
  const size = UNIT_MONTHS[unit];
  const fyStartAbs = absMonth(c) - ((c.m - startMonth + 12) % 12);
  const index = Math.floor((absMonth(c) - fyStartAbs) / size) + offset;
  const startAbs = fyStartAbs + index * size;
  const start = monthStart(startAbs);
  const end = addDays(monthStart(startAbs + size), -1);
  // Fiscal year named by the calendar year it ends in.
  const fyOfStart = monthStart(startAbs - ((monthStart(startAbs).m - startMonth + 12) % 12));
  const fy = startMonth === 1 ? fyOfStart.y : fyOfStart.y + 1;
  const n = Math.floor(((monthStart(startAbs).m - startMonth + 12) % 12) / size) + 1;
  const name = unit === 'quarter' ? `Q${n} FY${fy}` : unit === 'half' ? `H${n} FY${fy}` : `FY${fy}`;
  return { start, end, name };
}

/** A whole unit and the one before; or, when today is inside it, the unit to date and the same number of days of the previous unit. */
function unitToDate(today: Civil, unit: Unit, startMonth: number): ResolvedPeriod {
  const cur = fiscalUnit(today, unit, startMonth);
  const prev = fiscalUnit(today, unit, startMonth, -1);
  if (dayNumber(today) >= dayNumber(cur.end)) return { period: makePeriod(cur.name, cur.start, cur.end), previous: makePeriod(prev.name, prev.start, prev.end) };
  const days = dayNumber(today) - dayNumber(cur.start) + 1;
  const clamped = dayNumber(prev.start) + days - 1 >= dayNumber(prev.end);
  const prevEnd = clamped ? prev.end : addDays(prev.start, days - 1);
  return {
    period: makePeriod(msg('period.toDate', cur.name), cur.start, today),
    previous: makePeriod(clamped ? prev.name : days === 1 ? msg('period.firstDay', prev.name) : msg('period.firstDays', prev.name, days), prev.start, prevEnd),
  };
}

function wholeUnit(today: Civil, unit: Unit, startMonth: number, offset: number): ResolvedPeriod {
  const cur = fiscalUnit(today, unit, startMonth, offset);
  const prev = fiscalUnit(today, unit, startMonth, offset - 1);
  return { period: makePeriod(cur.name, cur.start, cur.end), previous: makePeriod(prev.name, prev.start, prev.end) };
}

/** The same number of days immediately before. */
function precedingDays(p: Period): Period {
  const from = parseCivil(p.fromDate)!;
  const end = addDays(from, -1);
  const start = addDays(from, -p.days);
  return makePeriod(p.days === 1 ? msg('period.previousDay') : msg('period.previousDays', p.days), start, end);
}

/** A custom range that is exactly a fiscal quarter, half or year gets that name and that unit as its previous period. */
function asFiscalUnit(from: Civil, to: Civil, startMonth: number): ResolvedPeriod | undefined {
  for (const unit of ['quarter', 'half', 'year'] as const) {
    const u = fiscalUnit(from, unit, startMonth);
    if (fmt(u.start) === fmt(from) && fmt(u.end) === fmt(to)) return wholeUnit(from, unit, startMonth, 0);
  }
  return undefined;
}

// ---- input

const dateOnly = z.string().refine((s) => parseCivil(s.trim()) !== undefined, { error: () => msg('arg.periodDate') }).transform((s) => s.trim());

/** A date typed into the custom-range prompt. */
export const periodDate = dateOnly;

const presetSchema = z.strictObject({ preset: z.enum(PERIOD_PRESETS) });
const rangeSchema = z
  .strictObject({ from: dateOnly, to: dateOnly })
  .refine((r) => r.from <= r.to, { error: () => msg('arg.notBeforeFrom'), path: ['to'] });

/**
 * `{ preset }` (or just the preset's name) or `{ from, to }`; the error names the field of the form
 * the input was meant to be.
 */
export const periodInputSchema = z.unknown().transform((input, ctx): PeriodInput => {
  const v = typeof input === 'string' ? { preset: input } : input;
  const isObject = typeof v === 'object' && v !== null && !Array.isArray(v);
  const schema = isObject && 'preset' in v ? presetSchema : isObject && ('from' in v || 'to' in v) ? rangeSchema : undefined;
  if (!schema) {
    ctx.addIssue({ code: 'custom', message: msg('arg.periodShape', PERIOD_PRESETS.join(', ')) });
    return z.NEVER;
  }
  const r = schema.safeParse(v, { error: plainWords });
  if (!r.success) {
    for (const p of problemsOf(r.error)) ctx.addIssue({ code: 'custom', message: p.problem, path: p.field ? [p.field] : [] });
    return z.NEVER;
  }
  return r.data;
});
export type PeriodInput = { preset: PeriodPreset } | { from: string; to: string };

/** Resolves a period preset or a custom range (validated) to its days and its previous period. */
export function resolvePeriod(input: unknown, opts: PeriodOptions): ResolvedPeriod {
  const spec = parseOrThrow(periodInputSchema, input, msg('what.period'));
  const startMonth = opts.fiscalYearStartMonth;
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new ValidationError(msg('what.period'), [{ field: 'fiscalYearStartMonth', problem: msg('arg.fiscalMonth') }]);
  }
  const today = todayOf(opts.now);
  if ('from' in spec) {
    const from = parseCivil(spec.from)!;
    const to = parseCivil(spec.to)!;
    const named = asFiscalUnit(from, to, startMonth);
    if (named) return named;
    const period = makePeriod(msg('period.fromTo', spec.from, spec.to), from, to, msg('period.fromTo', spec.from, spec.to));
    return { period, previous: precedingDays(period) };
  }
  switch (spec.preset) {
    case 'thisQuarter':
      return unitToDate(today, 'quarter', startMonth);
    case 'lastQuarter':
      return wholeUnit(today, 'quarter', startMonth, -1);
    case 'thisHalf':
      return unitToDate(today, 'half', startMonth);
    case 'lastHalf':
      return wholeUnit(today, 'half', startMonth, -1);
    case 'yearToDate':
      return unitToDate(today, 'year', startMonth);
    case 'last12Months': {
      const from = addDays(addMonths(today, -12), 1);
      const prevTo = addDays(from, -1);
      const prevFrom = addDays(addMonths(prevTo, -12), 1);
      return { period: makePeriod(msg('period.last12Months'), from, today), previous: makePeriod(msg('period.12MonthsBefore'), prevFrom, prevTo) };
    }
    case 'sinceLastExport': {
      if (opts.lastExportAt === undefined) {
        throw new ValidationError(msg('what.period'), [{ field: 'preset', problem: msg('arg.noEarlierExport') }]);
      }
      const last = todayOf(opts.lastExportAt);
      const from = dayNumber(last) > dayNumber(today) ? today : last;
      const period = makePeriod(msg('period.sinceLastExport'), from, today);
      return { period, previous: precedingDays(period) };
    }
  }
}
