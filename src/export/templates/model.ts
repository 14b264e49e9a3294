import { type Entry, KIND_IDS, KINDS, type KindId } from '../../domain';
import { type Competency, mapCompetencies } from '../../domain/reviewTemplates';
import type { Summary } from '../../domain/summary';
import type { EntryModel, SummaryModel } from '../../domain/summaryModel';
import { escapeBlock, markdownLink } from '../escape';
import { linkLabel } from '../format';
import { ROWS } from '../markdown';
import { type Ctx, entryDate, factsOf, impactText, list } from './shared';
import { STAR_PARTS, starPartLabel, storyOf } from './star';
import { type MessageKey, msg } from '../../domain/messages';

/**
 * Builds the summary model (src/domain/summaryModel.ts) that custom templates render. Values are
 * the user's text as typed; the template engine escapes them for the output format when it writes
 * them. The few values already written for the format (links, the details as paragraphs) are
 * `Formatted` and are written as they are.
 */

export type OutputFormat = 'markdown' | 'text';

/** Text already written for the output format: the escape function passes it through. */
export class Formatted extends String {}

const formatted = (s: string): string => (s === '' ? '' : (new Formatted(s) as unknown as string));

/** C0/C1 controls but tab and line feed, and the bidirectional overrides and isolates (they can reorder what a reader sees). */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Plain text keeps the user's text as typed, without the controls that have no place in a form field. */
export const plainSafe = (s: string): string => s.replace(/\r\n?/g, '\n').replace(CONTROLS, '');

const PLURAL_KEYS: Record<KindId, 'problems' | 'aiAssists' | 'reviewCatches' | 'shipped' | 'incidents' | 'notes'> = {
  problem: 'problems',
  'ai-assist': 'aiAssists',
  'review-catch': 'reviewCatches',
  shipped: 'shipped',
  incident: 'incidents',
  note: 'notes',
};
/** The impact summary's section order. */
const KIND_ORDER: readonly KindId[] = ['problem', 'shipped', 'review-catch', 'incident', 'ai-assist', 'note'];

export function summaryModel(c: Ctx, format: OutputFormat, competencies: readonly Competency[]): SummaryModel {
  const s = c.summary;
  const linkText = (label: string, url: string) => (format === 'markdown' ? markdownLink(label, url) : label === url ? url : `${label} (${url})`);
  const linksOf = (e: Entry) => e.links.map((l) => ({ label: linkLabel(l), url: l.url, text: formatted(linkText(linkLabel(l), l.url)) }));
  const views = new Map<string, EntryModel>();
  const view = (raw: Entry): EntryModel => {
    let v = views.get(raw.id);
    if (v) return v;
    const e = c.show(raw);
    const f = e.fields as Record<string, unknown>;
    const str = (k: string) => (typeof f[k] === 'string' && f[k] !== '' ? (f[k]) : null);
    const bool = (k: string) => (typeof f[k] === 'boolean' ? (f[k]) : null);
    const links = linksOf(e);
    v = {
      id: e.id,
      kind: e.kind,
      kindLabel: KINDS[e.kind].label,
      title: e.title,
      date: entryDate(e),
      impact: e.impact,
      facts: list([...factsOf(e), impactText(e)]),
      tags: [...e.tags],
      hasTags: e.tags.length > 0,
      links,
      hasLinks: links.length > 0,
      linkList: formatted(links.map((l) => String(l.text)).join(', ')),
      details: e.details.replace(/\s+/g, ' ').trim(),
      detailsBlock: formatted(format === 'markdown' ? escapeBlock(e.details) : plainSafe(e.details).trim()),
      whatWasWrong: str('whatWasWrong'),
      fix: str('fix'),
      value: str('value'),
      customerVisible: bool('customerVisible'),
      aiInvolvement: str('aiInvolvement'),
      task: str('task'),
      tool: str('tool'),
      verdict: str('verdict'),
      reason: str('reason'),
      rework: bool('rework'),
      severity: str('severity'),
      category: str('category'),
      author: str('author'),
      wouldReachProduction: bool('wouldReachProduction'),
      release: str('release'),
      role: str('role'),
      minutesToMitigate: typeof f.minutesToMitigate === 'number' ? f.minutesToMitigate : null,
      followUp: str('followUp'),
    };
    views.set(raw.id, v);
    return v;
  };
  const views_ = (list: readonly Entry[]) => list.map(view);

  const months: { name: string; entries: EntryModel[] }[] = [];
  for (const e of s.entries) {
    const d = entryDate(e);
    const name = msg('monthYear', msg(`month.${Number(d.slice(5, 7))}` as MessageKey), d.slice(0, 4));
    if (months.at(-1)?.name !== name) months.push({ name, entries: [] });
    months.at(-1)!.entries.push(view(e));
  }
  const mapped = mapCompetencies(s.entries, competencies);
  const stories = s.highlights.map((raw, i) => {
    const st = storyOf(c.show(raw));
    const e = st.entry;
    const links = linksOf(e);
    return {
      number: i + 1,
      title: e.title,
      date: entryDate(e),
      kindLabel: KINDS[e.kind].label,
      facts: list([...factsOf(e), impactText(e)]),
      situation: st.parts.Situation ?? null,
      task: st.parts.Task ?? null,
      action: st.parts.Action ?? null,
      result: st.parts.Result ?? null,
      gaps: STAR_PARTS.filter((p) => st.parts[p] === undefined).map(starPartLabel),
      hasGaps: st.gaps.length > 0,
      links,
      hasLinks: links.length > 0,
      linkList: formatted(links.map((l) => String(l.text)).join(', ')),
    };
  });
  const period = (p: Summary['period']) => ({ label: p.label, name: p.name, from: p.fromDate, to: p.toDate, days: p.days });
  const a = s.current.ai;
  const byKind = Object.fromEntries(KIND_IDS.map((k) => [PLURAL_KEYS[k], views_(s.byKind[k] as readonly Entry[])])) as Record<(typeof PLURAL_KEYS)[KindId], EntryModel[]>;
  return {
    format,
    markdown: format === 'markdown',
    text: format === 'text',
    generated: entryDate({ occurredAt: s.generatedAt }),
    period: period(s.period),
    previousPeriod: period(s.previous),
    entryCount: s.entries.length,
    hasEntries: s.entries.length > 0,
    omitted: [...c.omit.list],
    linksOmitted: c.omit.links,
    glance: ROWS.map((r) => ({ measure: r.label, thisPeriod: r.value(s.current), previousPeriod: r.value(s.before) })),
    ai: {
      total: a.total,
      accepted: a.accepted,
      adapted: a.adapted,
      discarded: a.discarded,
      noVerdict: a.notRecorded,
      discardsWithoutReason: a.discardsWithoutReason,
      discardReasons: a.discardReasons.map((r) => ({ reason: r.value, count: r.count })),
      adaptReasons: a.adaptReasons.map((r) => ({ reason: r.value, count: r.count })),
    },
    highlights: views_(s.highlights),
    hasHighlights: s.highlights.length > 0,
    kinds: KIND_ORDER.map((k) => ({ id: k, heading: KINDS[k].plural, count: s.byKind[k].length, hasEntries: s.byKind[k].length > 0, entries: byKind[PLURAL_KEYS[k]] })),
    ...byKind,
    needsEvidence: c.omit.links ? [] : views_(s.needsEvidence),
    hasNeedsEvidence: !c.omit.links && s.needsEvidence.length > 0,
    entries: views_(s.entries),
    months,
    competencies: mapped.groups.map((g) => ({ name: g.name, count: g.entries.length, hasEntries: g.entries.length > 0, entries: views_(g.entries) })),
    unmapped: views_(mapped.unmapped),
    hasUnmapped: mapped.unmapped.length > 0,
    stories,
    hasStoryGaps: stories.some((st) => st.hasGaps),
  };
}
