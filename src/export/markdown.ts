import { type Entry, KINDS, type KindId } from '../domain';
import type { Counted, Median, PeriodStats, Summary } from '../domain/summary';
import { escapeInline, escapeLineStart, linkMarkdown } from './escape';
import { choiceWord, type DateStyle, displayMonthYear } from '../domain/format';
import { entryDate, type EntryDay, entryDayIn, formatDuration, formatMinutes } from './format';
import { followUpRows, notHeldSection } from './followUpsMarkdown';
import { factsOf, impactText } from './facts';
import { blankOmitted, omitSet, type OmitSet } from './omit';
import { type MessageKey, msg, msgN } from '../domain/messages';
import { inSentence } from '../domain/flow';

/**
 * The review-season summary as Markdown: headline numbers with the previous period beside them,
 * highlights, a section per kind with dated bullets and their evidence links, the AI judgment
 * section, the entries that still need evidence, and every entry by month. All user text is
 * escaped (see escape.ts); everything else is fixed wording, so a title cannot change the
 * document's structure.
 */

export interface MarkdownOptions {
  /** Names from `impactLog.export.omitFields`. */
  readonly omit?: readonly string[];
  /** The user's locale for the entries' days (`14 Sept 2026`); without it, `2026-09-14`. The period's label keeps its ISO days. */
  readonly dateStyle?: DateStyle | undefined;
}

const cell = (s: string) => s; // cells are built from escaped parts only
/** The parts joined with ` · `, empty ones left out. */
const list = (parts: readonly string[]) => {
  let out = '';
  for (const p of parts) if (p !== '') out = out === '' ? p : `${out} · ${p}`;
  return out;
};
/** Counted values as `value (n)`, at most `max` of them; `word` reads a stored choice in words (a reason is shown as typed). */
const counted = (items: readonly Counted[], max = Infinity, word: (value: string) => string = (v) => v) => {
  const shown = items.slice(0, max).map((c) => `${escapeInline(word(c.value))} (${c.count})`);
  const rest = items.length - shown.length;
  return rest > 0 ? msg(rest === 1 ? 'summary.andOtherReason' : 'summary.andOtherReasons', shown.join(', '), rest) : shown.join(', ');
};

function medianText(m: Median, format: (v: number) => string, unit: string): string {
  return m.value === undefined ? msg('glance.notRecorded') : msg('glance.median', format(m.value), m.n, unit);
}

// ---- at a glance

interface Row {
  readonly label: string;
  readonly value: (s: PeriodStats) => string;
}

const severities = (s: PeriodStats) => {
  const parts = s.reviewCatches.bySeverity.map((b) => `${b.count} ${b.severity === 'notRecorded' ? msg('glance.severityNotRecorded') : choiceWord(b.severity)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

const withCustomerVisible = (total: number, visible: number) => (total > 0 ? msg('glance.withCustomerVisible', total, visible) : String(total));

export const ROWS: readonly Row[] = [
  { get label() {
      return KINDS.problem.plural;
    }, value: (s) => withCustomerVisible(s.problems.total, s.problems.customerVisible) },
  { get label() {
      return msg('glance.timeToFix');
    }, value: (s) => medianText(s.problems.timeToFix, formatDuration, msg('glance.withBothDates')) },
  {
    get label() {
      return msg('glance.problemsWithAi');
    },
    value: (s) =>
      s.problems.total === 0 ? '—' : s.problems.aiNotRecorded > 0 ? msg('glance.withAiNotRecorded', s.problems.withAi, s.problems.total, s.problems.aiNotRecorded) : msg('glance.withAi', s.problems.withAi, s.problems.total),
  },
  { get label() {
      return KINDS.shipped.plural;
    }, value: (s) => withCustomerVisible(s.shipped.total, s.shipped.customerVisible) },
  { get label() {
      return KINDS['review-catch'].plural;
    }, value: (s) => `${s.reviewCatches.total}${severities(s)}` },
  {
    get label() {
      return KINDS.incident.plural;
    },
    value: (s) => {
      const i = s.incidents;
      if (i.total === 0) return '0';
      const details = [i.caused > 0 ? msg('glance.causedByYou', i.caused) : '', i.timeToMitigate.value === undefined ? '' : msg('glance.mitigate', formatMinutes(i.timeToMitigate.value), i.timeToMitigate.n)];
      const d = details.filter((x) => x !== '');
      return d.length > 0 ? `${i.total} (${d.join('; ')})` : String(i.total);
    },
  },
  {
    get label() {
      return msg('glance.aiLogged');
    },
    value: (s) => {
      const a = s.ai;
      if (a.total === 0) return '0';
      return a.notRecorded > 0 ? msg('glance.aiVerdictsNoVerdict', a.total, a.accepted, a.adapted, a.discarded, a.notRecorded) : msg('glance.aiVerdicts', a.total, a.accepted, a.adapted, a.discarded);
    },
  },
  { get label() {
      return KINDS.note.plural;
    }, value: (s) => String(s.perKind.note) },
];

function atAGlance(s: Summary): string[] {
  const compare = s.before.entries > 0;
  const out = [`## ${msg('summary.atAGlance')}`, ''];
  const head = (...cols: MessageKey[]) => [`| ${cols.map((c) => msg(c)).join(' | ')} |`, `|${cols.map(() => ' --- |').join('')}`];
  if (compare) {
    out.push(msg('glance.compared', s.previous.label), '');
    out.push(...head('summary.measure', 'summary.thisPeriod', 'summary.previousPeriod'));
    for (const r of ROWS) out.push(`| ${r.label} | ${cell(r.value(s.current))} | ${cell(r.value(s.before))} |`);
    for (const r of followUpRows(s.followUps)) out.push(`| ${r.label} | ${r.current} | ${r.before} |`);
  } else {
    out.push(msg('glance.nothingBefore', s.previous.label), '');
    out.push(...head('summary.measure', 'summary.thisPeriod'));
    for (const r of ROWS) out.push(`| ${r.label} | ${cell(r.value(s.current))} |`);
    for (const r of followUpRows(s.followUps)) out.push(`| ${r.label} | ${r.current} |`);
  }
  return out;
}

// ---- bullets

/**
 * What one rendering shares: the entry as shown (omitted parts blanked), and its day, escaped title
 * and evidence links, each worked out once per entry. An entry appears in its kind's section and
 * in the month list, some also among the highlights and in "needs evidence"; formatting its day,
 * escaping its title and parsing its URLs again for each place was a fifth of the work. Lives for
 * one call of summaryToMarkdown.
 */
interface Render {
  show(e: Entry): Entry;
  /** The parts of an entry as shown, worked out on first use. */
  parts(e: Entry): Parts;
  /** `YYYY-MM` of the entry's day in the machine's time zone: the month it is listed under. */
  monthKey(e: Entry): string;
  /** A month's heading in the entry list: `November 2026`, in the user's locale when given. `month` is 0–11. */
  month(year: number, month: number): string;
}

interface Parts {
  /** The entry's day in the document's style. */
  readonly date: string;
  /** The title, escaped. */
  readonly title: string;
  /** The evidence links as Markdown links, joined with ", " ("" without links). */
  readonly links: string;
}

/** `f` with its results remembered, keyed by the argument. */
function once<K, V>(f: (k: K) => V): (k: K) => V {
  const seen = new Map<K, V>();
  return (k) => {
    let v = seen.get(k);
    if (v === undefined) {
      v = f(k);
      seen.set(k, v);
    }
    return v;
  };
}

function render(o: OmitSet, day: EntryDay, style: DateStyle | undefined): Render {
  const parts = once(
    (e: Entry): Parts => ({
      date: day(e),
      title: escapeInline(e.title),
      links: e.links.length === 0 ? '' : e.links.map(linkMarkdown).join(', '),
    }),
  );
  return {
    show: o.list.length === 0 ? (e) => e : once((e: Entry) => blankOmitted(e, o)),
    parts,
    // Without a locale the day shown is the machine's `YYYY-MM-DD`, which starts with the month.
    monthKey: style ? (e) => entryDate(e).slice(0, 7) : (e) => parts(e).date.slice(0, 7),
    month: style ? (y, m) => displayMonthYear(y, m, style.locale) : (y, m) => `${msg(`month.${m + 1}` as MessageKey)} ${y}`,
  };
}

/** The facts worth showing after a title, escaped: the same facts the templates show (facts.ts). */
const facts = (e: Entry): string[] => factsOf(e).map(escapeInline);

/** At most this many characters of a long text on a bullet's sub-line; the whole text is in the entry. */
export const SUBLINE_MAX = 200;

/**
 * A long (Markdown) text on one line: paragraphs and headings run on as sentences, the markers that
 * open a heading, a list item or a quote dropped, and the whole cut at a word near SUBLINE_MAX with
 * "…" (before escaping, so no escape is cut).
 */
export function subLineText(text: string): string {
  const sentences: string[] = [];
  let current: string[] = [];
  const end = () => {
    if (current.length > 0) sentences.push(current.join(' '));
    current = [];
  };
  for (const raw of text.split(/\r\n|[\r\n\u2028\u2029]/)) {
    const line = raw.trim();
    if (line === '') {
      end();
      continue;
    }
    const heading = /^#{1,6}(\s+|$)/.test(line);
    if (heading) end();
    const bare = line.replace(/^(#{1,6}\s+|[-*+]\s+|>\s*|\d{1,9}[.)]\s+)/, '').replace(/\s+#+$/, '').trim();
    if (bare !== '') current.push(bare);
    if (heading) end();
  }
  end();
  const flat = sentences.map((t, i) => (i < sentences.length - 1 && !/[.!?:;,…]$/.test(t) ? `${t}.` : t)).join(' ').replace(/\s+/g, ' ');
  // Characters are counted as code points; a text of at most SUBLINE_MAX UTF-16 units has no more than that.
  if (flat.length <= SUBLINE_MAX || codePointsAtMost(flat, SUBLINE_MAX)) return flat;
  const head = codePointPrefix(flat, SUBLINE_MAX - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > SUBLINE_MAX / 2 ? head.slice(0, space) : head).replace(/[\s.,;:]+$/, '')}…`;
}

/** Whether `text` has at most `n` code points (a surrogate pair is one). */
function codePointsAtMost(text: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: skip the low one.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    if (++count > n) return false;
  }
  return true;
}

/** The first `n` code points of `text` (`Array.from(text).slice(0, n).join('')` without the array). */
function codePointPrefix(text: string, n: number): string {
  let i = 0;
  for (let count = 0; count < n && i < text.length; count++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
    i += pair ? 2 : 1;
  }
  return text.slice(0, i);
}

/**
 * Lines under a bullet for the texts a reader of a self-review needs: what was wrong and the fix of a
 * solved problem and its value, an incident's follow-up, a review catch's details. Each is short
 * and escaped; the highlights leave them out (one line each).
 */
function subLines(e: Entry): string[] {
  const line = (label: string, text: string | undefined) => (text ? `${label}: ${escapeInline(subLineText(text))}` : '');
  switch (e.kind) {
    case 'problem':
      return [line(msg('field.problem.whatWasWrong'), e.fields.whatWasWrong), line(msg('field.problem.fix'), e.fields.fix), line(msg('summary.value'), e.fields.value)].filter((l) => l !== '');
    case 'incident':
      return [line(msg('field.incident.followUp'), e.fields.followUp)].filter((l) => l !== '');
    case 'review-catch':
      return [line(msg('summary.details'), e.details)].filter((l) => l !== '');
    default:
      return [];
  }
}

function bullet(e: Entry, r: Render): string {
  const p = r.parts(e);
  const line = `- ${p.date} — ${list([p.title, ...facts(e), impactText(e), p.links])}`;
  const more = subLines(e);
  // A backslash at the end of a line is a hard line break: the sub-lines stay inside the list item.
  return more.length === 0 ? line : [line, ...more.map((l) => `  ${l}`)].join('\\\n');
}

function highlight(e: Entry, r: Render): string {
  const p = r.parts(e);
  return `- **${p.title}** — ${list([p.date, KINDS[e.kind].label, ...facts(e), impactText(e), p.links])}`;
}

// ---- sections

function highlights(s: Summary, r: Render): string[] {
  const out = [`## ${msg('summary.highlights')}`, ''];
  if (s.highlights.length === 0) {
    out.push(msg('summary.noHighlights'));
  } else out.push(...s.highlights.map((e) => highlight(r.show(e), r)));
  return out;
}

function kindSection(kind: Exclude<KindId, 'ai-assist'>, s: Summary, r: Render): string[] {
  const entries = s.byKind[kind] as readonly Entry[];
  if (entries.length === 0) return [];
  const out = [`## ${KINDS[kind].plural}`, ''];
  if (kind === 'review-catch') {
    const rc = s.current.reviewCatches;
    out.push(`| ${msg('summary.severity')} | ${msg('summary.count')} | ${msg('summary.categories')} |`, '| --- | --- | --- |');
    for (const b of rc.bySeverity) out.push(`| ${b.severity === 'notRecorded' ? msg('glance.notRecorded') : choiceWord(b.severity)} | ${b.count} | ${counted(b.categories, Infinity, choiceWord)} |`);
    out.push('');
    if (rc.wouldReachProduction > 0) out.push(msg('summary.wouldReachProduction', rc.wouldReachProduction, rc.total), '');
  }
  for (const e of entries) out.push(bullet(r.show(e), r));
  return out;
}

const VERDICT_ORDER = ['discarded', 'adapted', 'accepted', undefined] as const;

function aiJudgment(s: Summary, r: Render): string[] {
  const a = s.current.ai;
  if (a.total === 0) return [];
  const out = [`## ${msg('summary.aiJudgment')}`, ''];
  const noVerdict = a.notRecorded > 0 ? msgN(a.notRecorded, 'summary.ai.noVerdictOne', 'summary.ai.noVerdictMany') : '';
  const verdicts = msg('summary.ai.verdicts', msgN(a.total, 'summary.ai.assist', 'summary.ai.assists'), msgN(a.accepted, 'summary.ai.acceptedOne', 'summary.ai.acceptedMany'), a.adapted, a.discarded, noVerdict);
  out.push(verdicts, '');
  if (a.discarded > 0) {
    const reasons = a.discardReasons.length > 0 ? counted(a.discardReasons, 5) : '';
    const without = a.discardsWithoutReason > 0 ? msg('summary.ai.withoutReason', a.discardsWithoutReason) : '';
    out.push(msg('summary.ai.discardReasons', msgN(a.discarded, 'summary.ai.discard', 'summary.ai.discards'), [reasons, without].filter((x) => x !== '').join('; ')), '');
  }
  if (a.adaptReasons.length > 0) out.push(msg('summary.ai.adaptReasons', counted(a.adaptReasons, 5)), '');
  if (a.keptReworkRecorded > 0) out.push(msg('summary.ai.rework', msgN(a.keptReworkRecorded, 'summary.ai.keptAssist', 'summary.ai.keptAssists'), a.keptNeedingRework), '');
  const assists = s.byKind['ai-assist'];
  for (const v of VERDICT_ORDER) for (const e of assists) if (e.fields.verdict === v) out.push(bullet(r.show(e), r));
  return out;
}

function needsEvidence(s: Summary, o: OmitSet, r: Render): string[] {
  const out = [`## ${msg('summary.needsEvidence')}`, ''];
  if (o.links) {
    out.push(msg('summary.evidence.omitted'));
  } else if (s.needsEvidence.length === 0) {
    out.push(msg('summary.evidence.all'));
  } else {
    out.push(msgN(s.needsEvidence.length, 'summary.evidence.missingOne', 'summary.evidence.missingMany'), '');
    for (const e of s.needsEvidence) {
      const p = r.parts(e);
      out.push(`- ${escapeLineStart(p.title)} (${p.date}, ${inSentence(KINDS[e.kind].label)})`);
    }
  }
  return out;
}


function allEntries(s: Summary, r: Render): string[] {
  if (s.entries.length === 0) return [];
  const out = [`## ${msg('summary.allEntries')}`, ''];
  let month = '';
  for (const raw of s.entries) {
    const e = r.show(raw);
    const p = r.parts(e);
    const m = r.monthKey(e);
    if (m !== month) {
      if (month !== '') out.push('');
      out.push(`### ${r.month(Number(m.slice(0, 4)), Number(m.slice(5)) - 1)}`, '');
      month = m;
    }
    const tags = e.tags.length > 0 ? msg('summary.tags', e.tags.map(escapeInline).join(', ')) : '';
    out.push(`- ${p.date} — ${list([KINDS[e.kind].label, p.title, tags, p.links])}`);
  }
  return out;
}

/** The text without the line breaks at its end. */
function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}

export function summaryToMarkdown(s: Summary, opts: MarkdownOptions = {}): string {
  const o = omitSet(opts.omit);
  const day = entryDayIn(opts.dateStyle);
  const r = render(o, day, opts.dateStyle);
  const generated = day({ occurredAt: s.generatedAt });
  const intro =
    s.entries.length === 0
      ? msg('summary.intro.empty', generated)
      : msg(s.entries.length === 1 ? 'summary.intro.one' : 'summary.intro.many', generated, s.entries.length);
  const omitted = o.list.length > 0 ? [msg('summary.omitted', o.list.join(', ')), ''] : [];
  const sections: string[][] = [
    [`# ${msg('summary.title', escapeInline(s.period.label))}`, '', intro, '', ...omitted],
    atAGlance(s),
    highlights(s, r),
    kindSection('problem', s, r),
    kindSection('shipped', s, r),
    kindSection('review-catch', s, r),
    kindSection('incident', s, r),
    aiJudgment(s, r),
    kindSection('note', s, r),
    notHeldSection(s.followUps, o, day),
    needsEvidence(s, o, r),
    allEntries(s, r),
  ];
  // One join of every line: each section without the line breaks at its end, a blank line between
  // sections, a line break at the end (joining each section first copied the 3 MiB document twice).
  const lines: string[] = [];
  for (const sec of sections) {
    if (sec.length === 0) continue;
    if (lines.length > 0) lines.push('');
    let end = sec.length;
    let last = '';
    while (end > 0 && (last = trimNewlines(sec[end - 1]!)) === '') end--;
    for (let i = 0; i < end - 1; i++) lines.push(sec[i]!);
    lines.push(end > 0 ? last : '');
  }
  return `${lines.join('\n')}\n`;
}
