import type { FieldDef, KindId } from './kinds';
import { EN, type MessageKey, msg } from './messages';
import { localDate } from './time';

/**
 * Formatting for people, in one place: dates, times, durations, sizes and field labels, used by the
 * exports, the timeline's rows and tooltips, the prompts and the messages. Two date styles:
 *
 * - the document style, `2026-09-14 15:30` (just `2026-09-14` at midnight): the same in every
 *   language, sortable, and what a person types into a date prompt. Exports and prompts use it.
 * - the display style, `14 Sept 2026, 15:30` in en-GB, `Sep 14, 2026, 3:30 PM` in en-US,
 *   `14.09.2026, 15:30` in German (`Intl` in the locale given): tooltips, the entry view, the
 *   timeline, pickers, messages and the summary's dates. The UI passes the user's locale
 *   (`userLocale(vscode.env.language, …)`); there is no default, so no caller can forget it.
 *
 * Both take the time zone explicitly; undefined is the time zone of the process (the extension
 * host's, which is the user's). The document style ignores the locale.
 */

export interface DateStyle {
  /** BCP 47 locale for the display style, e.g. `en-GB`, `de`; the UI passes `userLocale(vscode.env.language, …)`. */
  readonly locale: string;
  /** IANA time zone, e.g. `Europe/Berlin`; undefined: the process's own. */
  readonly timeZone?: string | undefined;
}

/** For the document style, which reads no locale (its dates are the same in every language). */
export const DOCUMENT_STYLE: DateStyle = { locale: 'und' };

// ---- the user's locale

/** A locale `Intl` accepts, or undefined (`C`, `en_US.UTF-8`, `x` are not BCP 47 tags). */
function canonical(tag: string | undefined): Intl.Locale | undefined {
  if (typeof tag !== 'string' || tag.trim() === '') return undefined;
  try {
    const [c] = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'));
    return c === undefined ? undefined : new Intl.Locale(c);
  } catch {
    return undefined;
  }
}

/**
 * The locale for dates and weeks: VS Code's display language (`vscode.env.language`, e.g. `en`,
 * `de`, `pt-br`), with the region of the host's own locale (the operating system's, e.g. `en-GB`
 * from LANG=en_GB.UTF-8) when the language names none: an English UI in the UK shows `14 Sept 2026`
 * and starts weeks on Monday, one in the US `Sep 14, 2026` and Sunday. `en` when the language is
 * not a locale.
 */
export function userLocale(language: string | undefined, hostLocale?: string): string {
  const lang = canonical(language) ?? new Intl.Locale('en');
  if (lang.region !== undefined) return lang.baseName;
  const host = canonical(hostLocale);
  if (host?.region === undefined) return lang.baseName;
  return new Intl.Locale(lang.language, { ...(lang.script ? { script: lang.script } : {}), region: host.region }).baseName;
}


interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar and clock parts of an instant in the style's time zone. */
function partsOf(t: number, style: DateStyle): Parts {
  if (style.timeZone === undefined) {
    const d = new Date(t);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), ms: d.getMilliseconds() };
  }
  let f = partFormats.get(style.timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: style.timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    partFormats.set(style.timeZone, f);
  }
  const n: Record<string, number> = {};
  for (const p of f.formatToParts(t)) if (p.type !== 'literal') n[p.type] = Number(p.value);
  return { year: n.year!, month: n.month!, day: n.day!, hour: n.hour!, minute: n.minute!, second: n.second!, ms: ((t % 1000) + 1000) % 1000 };
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (p: Parts) => `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`;

/** `2026-09-14`: the calendar day of an instant. */
export function formatDate(t: number, style: DateStyle = DOCUMENT_STYLE): string {
  return style.timeZone === undefined ? localDate(t) : ymd(partsOf(t, style));
}

/** `2026-09-14 15:30`: always with the time (when a backup was taken, when a file was written). */
export function formatDateTime(t: number, style: DateStyle = DOCUMENT_STYLE): string {
  const p = partsOf(t, style);
  return `${ymd(p)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * When something happened, as a person would type it: `2026-09-14 15:30`, or `2026-09-14` when it
 * is exactly midnight (what a date typed without a time becomes). Exports and date prompts.
 */
export function formatMoment(t: number, style: DateStyle = DOCUMENT_STYLE): string {
  const p = partsOf(t, style);
  return p.hour === 0 && p.minute === 0 && p.second === 0 && p.ms === 0 ? ymd(p) : `${ymd(p)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `formatMoment` of an ISO string; the string itself when it is not a date. */
export function formatIsoMoment(iso: string, style: DateStyle = DOCUMENT_STYLE): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? formatMoment(t, style) : iso;
}

const displayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats with `Intl`. A formatter for a named zone is kept; in the process's own zone the
 * `Date` method is used, which follows a change of that zone (a formatter would keep the old one).
 */
function display(t: number, style: DateStyle, options: Intl.DateTimeFormatOptions, name: string): string {
  if (style.timeZone === undefined) return new Date(t).toLocaleString(style.locale, options);
  const key = `${style.locale}|${style.timeZone}|${name}`;
  let f = displayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(style.locale, { ...options, timeZone: style.timeZone });
    displayFormats.set(key, f);
  }
  return f.format(t);
}

/** `14 Sept 2026, 15:30` in the style's locale: tooltips, pickers and messages. */
export function displayDateTime(t: number, style: DateStyle): string {
  return display(t, style, { dateStyle: 'medium', timeStyle: 'short' }, 'dateTime');
}

/** `14 Sept 2026` (en-GB), `Sep 14, 2026` (en-US), `14.09.2026` (de): a day in the summary's bullets. */
export function displayDate(t: number, style: DateStyle): string {
  return display(t, style, { dateStyle: 'medium' }, 'date');
}

/** A month's name standing alone, `November` (en), `November` (de), `listopad` (pl): the timeline's month groups. `month` is 0–11. */
export function displayMonth(month: number, locale: string): string {
  return display(Date.UTC(2000, month, 15), { locale, timeZone: 'UTC' }, { month: 'long' }, 'month');
}

/** A month and its year, `November 2026` (en), `November 2026` (de), `novembre 2026` (fr): the summary's month headings. `month` is 0–11. */
export function displayMonthYear(year: number, month: number, locale: string): string {
  return display(Date.UTC(year, month, 15), { locale, timeZone: 'UTC' }, { month: 'long', year: 'numeric' }, 'monthYear');
}

/** A weekday's name, `Monday` (en), `Montag` (de); `day` as `Date#getDay()` numbers it (0 = Sunday). */
export function displayWeekday(day: number, locale: string): string {
  // 29 Nov 2026 is a Sunday.
  return display(Date.UTC(2026, 10, 29 + day), { locale, timeZone: 'UTC' }, { weekday: 'long' }, 'weekday');
}

/** A short day beside a timeline row: `Mon 3 Nov` this year, `3 Nov 2024` in another. */
export function displayShortDate(t: number, now: number, style: DateStyle): string {
  const sameYear = partsOf(t, style).year === partsOf(now, style).year;
  return sameYear
    ? display(t, style, { weekday: 'short', day: 'numeric', month: 'short' }, 'dayThisYear')
    : display(t, style, { day: 'numeric', month: 'short', year: 'numeric' }, 'day');
}

/** One decimal at most, with the table's decimal mark (`5.5` in English, `5,5` in German). */
const trim1 = (n: number) => (Math.round(n * 10) / 10).toString().replace('.', msg('number.decimalMark'));

/** A duration for people: `45 min`, `5.5 hours`, `2.5 days`. */
export function formatDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 90) return msg('duration.minutes', Math.round(minutes));
  const hours = minutes / 60;
  if (hours < 24) return msg('duration.hours', trim1(hours));
  const days = trim1(hours / 24);
  return days === '1' ? msg('duration.oneDay') : msg('duration.days', days);
}

export const formatMinutes = (m: number): string => formatDuration(m * 60_000);

/** A file size for people: `512 B`, `3.4 KB`, `12.0 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A field's label for reading, from the prompt's label without its hints: "Identified at (YYYY-MM-DD…)" -> "Identified at", "Why?" -> "Why". */
export function fieldLabel(def: Pick<FieldDef, 'label'>): string {
  return def.label.replace(/\s*\(.*\)\s*$/, '').replace(/\?$/, '');
}

/**
 * A kind field's value for reading, or undefined when it is not set. Dates are written by `date`
 * (the document style by default; the timeline's tooltip passes the display style).
 */
export function fieldText(def: Pick<FieldDef, 'type'>, value: unknown, date: (t: number) => string = (t) => formatMoment(t)): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (def.type) {
    case 'boolean':
      return value === true ? msg('value.yes') : msg('value.no');
    case 'moment': {
      const t = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isFinite(t) ? date(t) : undefined;
    }
    case 'integer':
      return typeof value === 'number' ? String(value) : undefined;
    case 'choice':
      return typeof value === 'string' ? choiceWord(value) : undefined;
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  }
}

// ---- calendar days and wall clocks (the date prompts)

/** The calendar and clock of an instant in an IANA time zone (the date prompts read "today" with it). */
export function wallClock(t: number, timeZone: string): { readonly y: number; readonly m: number; readonly d: number; readonly h: number; readonly min: number; readonly s: number } {
  const p = partsOf(t, { locale: DOCUMENT_STYLE.locale, timeZone });
  return { y: p.year, m: p.month, d: p.day, h: p.hour % 24, min: p.minute, s: p.second };
}

/**
 * A calendar day read back to the user in the display style, `Mon, 30 Nov 2026`, with `, 14:30`
 * when a time was given (the date prompts: "Means Mon, 30 Nov 2026").
 */
export function displayDay(date: string, time: string | undefined, style: DateStyle): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = display(Date.UTC(y, m - 1, d), { locale: style.locale, timeZone: 'UTC' }, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }, 'weekdayDay');
  return time ? `${day}, ${time}` : day;
}

// ---- answers in words

/**
 * The words for a field's value, shared by the log flow's confirm row ("customer-visible · no AI"),
 * the summary's bullets and the timeline's description: what a person would say, never the field
 * key or the raw value. Undefined when the value is not set (or has no words of its own).
 */
type Words = (value: unknown) => string | undefined;

/**
 * A stored choice's word (a severity `high`, a verdict `accepted`, an impact `medium`, a category
 * `docs`…) in the table's language, for reading; the stored value itself when the table has no word
 * for it. English words are the stored values, so English output is unchanged; JSON and CSV keep the
 * stored values.
 */
export function choiceWord(value: string): string {
  const key = `choice.${value}`;
  return key in EN ? msg(key as MessageKey) : value;
}

/** Words by message key, looked up when used (the table in use may change). */
const yesNo = (yes: MessageKey, no: MessageKey): Words => (v) => (v === true ? msg(yes) : v === false ? msg(no) : undefined);
const oneOf = (words: Readonly<Record<string, MessageKey>>): Words => (v) => (typeof v === 'string' ? (words[v] !== undefined ? msg(words[v]) : v) : undefined);
const trimmed = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** `text` cut to `n` characters with `…`. */
export const cutText = (t: string, n: number): string => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

export const VALUE_WORDS = {
  customerVisible: yesNo('facts.customerVisible', 'words.internal'),
  aiInvolvement: oneOf({ none: 'words.noAi', assisted: 'facts.aiAssisted', 'ai-led': 'facts.aiLed' }),
  author: oneOf({ teammate: 'facts.teammatesCode', own: 'facts.ownCode', 'ai-generated': 'facts.aiCode' }),
  wouldReachProduction: yesNo('facts.wouldReachProduction', 'words.wouldNotReachProduction'),
  role: oneOf({ handled: 'words.handled', caused: 'facts.causedAndFixed' }),
  rework: yesNo('facts.neededRework', 'words.noRework'),
  release: (v: unknown) => {
    const t = trimmed(v);
    return t === undefined ? undefined : msg('facts.release', t);
  },
  minutesToMitigate: (v: unknown) => (typeof v === 'number' ? msg('facts.mitigatedIn', formatMinutes(v)) : undefined),
  minutesSaved: (v: unknown) => (typeof v === 'number' ? (v >= 0 ? msg('words.saved', formatMinutes(v)) : msg('words.lost', formatMinutes(-v))) : undefined),
  severity: (v: unknown) => (typeof v === 'string' ? msg('words.severity', choiceWord(v)) : undefined),
  impact: (v: unknown) => (typeof v === 'string' && v !== '' ? msg('facts.impact', choiceWord(v)) : undefined),
} satisfies Readonly<Record<string, Words>>;

const asIs: Words = trimmed;
/** A stored choice in words (choiceWord). */
const chosen: Words = (v) => {
  const t = trimmed(v);
  return t === undefined ? undefined : choiceWord(t);
};
const quoted = (n: number): Words => (v) => {
  const t = trimmed(v);
  return t === undefined ? undefined : `“${cutText(t, n)}”`;
};

/** Per kind, the fields the confirm row shows in words (long texts and dates are left out: the row is one line). */
const ANSWER_WORDS: { readonly [K in KindId]: Readonly<Record<string, Words>> } = {
  problem: { customerVisible: VALUE_WORDS.customerVisible, aiInvolvement: VALUE_WORDS.aiInvolvement },
  'ai-assist': {
    verdict: chosen,
    reason: quoted(40),
    tool: asIs,
    task: (v) => {
      const q = quoted(40)(v);
      return q === undefined ? undefined : msg('words.task', q);
    },
    minutesSaved: VALUE_WORDS.minutesSaved,
    rework: VALUE_WORDS.rework,
  },
  'review-catch': { severity: VALUE_WORDS.severity, category: chosen, author: VALUE_WORDS.author, wouldReachProduction: VALUE_WORDS.wouldReachProduction },
  shipped: { customerVisible: VALUE_WORDS.customerVisible, release: VALUE_WORDS.release },
  incident: { role: VALUE_WORDS.role, minutesToMitigate: VALUE_WORDS.minutesToMitigate, severity: VALUE_WORDS.severity },
  note: { category: chosen },
};

const COMMON_WORDS: Readonly<Record<string, Words>> = {
  tags: (v) => (Array.isArray(v) && v.length > 0 ? v.map((t) => `#${String(t)}`).join(' ') : undefined),
  links: (v) => (Array.isArray(v) && v.length > 0 ? (v.length === 1 ? msg('words.oneLink') : msg('words.links', v.length)) : undefined),
  impact: VALUE_WORDS.impact,
};

/** The log flow's answers in words, in the kind's field order, then tags, links and impact. */
export function answerWords(kind: KindId, answers: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [key, words] of [...Object.entries(ANSWER_WORDS[kind]), ...Object.entries(COMMON_WORDS)]) {
    const w = words(answers[key]);
    if (w !== undefined) out.push(w);
  }
  return out;
}

/** The confirm row's description: the title in quotes, then the answers in words. */
export function confirmLine(kind: KindId, answers: Readonly<Record<string, unknown>>): string {
  const title = typeof answers.title === 'string' ? `“${cutText(answers.title.trim(), 60)}”` : '';
  return [title, ...answerWords(kind, answers)].filter((p) => p !== '').join(' · ');
}

// ---- the status bar

/** The status bar item's words: `$(checklist) 3 this week` (an icon and words, never a bare number). */
export const statusText = (n: number): string => msg('status.text', n);

/** What a screen reader says for it: `Impact Log: 3 outcomes this week`. */
export const statusLabel = (n: number): string => (n === 1 ? msg('status.label.one') : msg('status.label.many', n));
