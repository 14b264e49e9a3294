import type { Entry, EntryOf } from '../../domain';
import { escapeInline } from '../escape';
import { formatDuration } from '../format';
import { aiSentences, type Ctx, joinSections, mdBullet, mdHeader, mdFollowUps, mdNeedsEvidence, plural } from './shared';

/**
 * The brag document (after Julia Evans' "Get your work recognized: write a brag document"): the
 * sections a manager reads, each filled from the entries that belong there. Notes go where their
 * category puts them; a note without a category, or "other", is something learned.
 */

const NOTHING = 'Nothing logged for this in this period.';

function section(heading: string, lead: readonly string[], entries: readonly Entry[], c: Ctx, opts: { kind?: boolean } = {}): string[] {
  const out = [`## ${heading}`, ''];
  if (lead.length > 0) out.push(...lead.flatMap((l) => [l, '']));
  if (entries.length === 0) {
    if (lead.length === 0) out.push(NOTHING);
  } else out.push(...entries.map((e) => mdBullet(e, c, opts)));
  return out;
}

const notesOf = (c: Ctx, pick: (n: EntryOf<'note'>) => boolean) => c.summary.byKind.note.filter(pick);

export function bragDocument(c: Ctx): string {
  const s = c.summary;
  const cur = s.current;
  const shippedLead =
    cur.shipped.total > 0 ? [`${plural(cur.shipped.total, 'change', 'changes')} shipped, ${cur.shipped.customerVisible} of ${cur.shipped.total} customer-visible.`] : [];
  const p = cur.problems;
  const problemLead: string[] = [];
  if (p.total > 0) {
    const ttf = p.timeToFix.value === undefined ? '' : `; median time from identified to fix ${formatDuration(p.timeToFix.value)} (n = ${p.timeToFix.n} with both dates)`;
    problemLead.push(`${plural(p.total, 'problem')} solved, ${p.customerVisible} of ${p.total} customer-visible${ttf}.`);
  }
  const i = cur.incidents;
  if (i.total > 0) problemLead.push(`${plural(i.total, 'incident')} handled${i.caused > 0 ? `, ${i.caused} of them caused and fixed by you` : ''}.`);
  const rc = cur.reviewCatches;
  const collabLead: string[] = [];
  if (rc.total > 0) {
    const sev = rc.bySeverity.map((b) => `${b.count} ${b.severity === 'notRecorded' ? 'severity not recorded' : b.severity}`).join(', ');
    collabLead.push(`${plural(rc.total, 'bug', 'bugs')} caught in review (${sev}); ${rc.wouldReachProduction} of ${rc.total} would have reached production.`);
  }
  const assists = s.byKind['ai-assist'];
  const byVerdict = (['discarded', 'adapted', 'accepted', undefined] as const).flatMap((v) => assists.filter((e) => e.fields.verdict === v));

  return joinSections([
    mdHeader('Brag document', c, 'Sections follow the brag document: what you shipped, solved, designed, taught and learned.'),
    section('Projects and changes shipped', shippedLead, s.byKind.shipped, c),
    section('Problems solved', problemLead, [...s.byKind.problem, ...s.byKind.incident], c, { kind: s.byKind.incident.length > 0 }),
    section('Design & documentation', [], notesOf(c, (n) => n.fields.category === 'design' || n.fields.category === 'docs'), c),
    section('Collaboration & mentorship', collabLead, [...notesOf(c, (n) => n.fields.category === 'mentoring'), ...s.byKind['review-catch']], c, { kind: rc.total > 0 }),
    section("Stuff that isn't my job", [], notesOf(c, (n) => n.fields.category === 'glue'), c),
    section('AI judgment', aiSentences(s, escapeInline), byVerdict, c),
    section('What I learned (from notes)', [], notesOf(c, (n) => n.fields.category === undefined || n.fields.category === 'other'), c),
    ...mdFollowUps(c),
    mdNeedsEvidence(c),
  ]);
}
