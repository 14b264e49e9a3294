import type { Entry, EntryOf } from '../../domain';
import { escapeInline } from '../escape';
import { formatDuration } from '../format';
import { msg } from '../../domain/messages';
import { aiSentences, type Ctx, joinSections, mdBullet, mdHeader, mdFollowUps, mdNeedsEvidence, plural } from './shared';

/**
 * The brag document (after Julia Evans' "Get your work recognized: write a brag document"): the
 * sections a manager reads, each filled from the entries that belong there. Notes go where their
 * category puts them; a note without a category, or "other", is something learned.
 */


function section(heading: string, lead: readonly string[], entries: readonly Entry[], c: Ctx, opts: { kind?: boolean } = {}): string[] {
  const out = [`## ${heading}`, ''];
  if (lead.length > 0) out.push(...lead.flatMap((l) => [l, '']));
  if (entries.length === 0) {
    if (lead.length === 0) out.push(msg('brag.nothing'));
  } else out.push(...entries.map((e) => mdBullet(e, c, opts)));
  return out;
}

const notesOf = (c: Ctx, pick: (n: EntryOf<'note'>) => boolean) => c.summary.byKind.note.filter(pick);

export function bragDocument(c: Ctx): string {
  const s = c.summary;
  const cur = s.current;
  const shippedLead =
    cur.shipped.total > 0 ? [plural(cur.shipped.total, 'brag.shippedOne', 'brag.shippedMany', cur.shipped.customerVisible)] : [];
  const p = cur.problems;
  const problemLead: string[] = [];
  if (p.total > 0) {
    const ttf = p.timeToFix.value === undefined ? '' : msg('brag.medianFix', formatDuration(p.timeToFix.value), p.timeToFix.n);
    problemLead.push(plural(p.total, 'brag.solvedOne', 'brag.solvedMany', p.customerVisible, ttf));
  }
  const i = cur.incidents;
  if (i.total > 0) problemLead.push(plural(i.total, 'brag.incidentsOne', 'brag.incidentsMany', i.caused > 0 ? msg('brag.causedOfThem', i.caused) : ''));
  const rc = cur.reviewCatches;
  const collabLead: string[] = [];
  if (rc.total > 0) {
    const sev = rc.bySeverity.map((b) => msg('brag.severityCount', b.count, b.severity === 'notRecorded' ? msg('glance.severityNotRecorded') : b.severity)).join(', ');
    collabLead.push(plural(rc.total, 'brag.caughtOne', 'brag.caughtMany', sev, rc.wouldReachProduction));
  }
  const assists = s.byKind['ai-assist'];
  const byVerdict = (['discarded', 'adapted', 'accepted', undefined] as const).flatMap((v) => assists.filter((e) => e.fields.verdict === v));

  return joinSections([
    mdHeader(msg('brag.title'), c, msg('brag.about')),
    section(msg('brag.shipped'), shippedLead, s.byKind.shipped, c),
    section(msg('brag.problems'), problemLead, [...s.byKind.problem, ...s.byKind.incident], c, { kind: s.byKind.incident.length > 0 }),
    section(msg('brag.design'), [], notesOf(c, (n) => n.fields.category === 'design' || n.fields.category === 'docs'), c),
    section(msg('brag.collaboration'), collabLead, [...notesOf(c, (n) => n.fields.category === 'mentoring'), ...s.byKind['review-catch']], c, { kind: rc.total > 0 }),
    section(msg('brag.glue'), [], notesOf(c, (n) => n.fields.category === 'glue'), c),
    section(msg('brag.ai'), aiSentences(s, escapeInline), byVerdict, c),
    section(msg('brag.learned'), [], notesOf(c, (n) => n.fields.category === undefined || n.fields.category === 'other'), c),
    ...mdFollowUps(c),
    mdNeedsEvidence(c),
  ]);
}
