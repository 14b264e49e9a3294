import { KINDS } from '../../domain';
import { type Competency, mapCompetencies } from '../../domain/reviewTemplates';
import { escapeInline } from '../escape';
import { type Ctx, joinSections, mdBullet, mdHeader, mdFollowUps, mdNeedsEvidence, plural } from './shared';

/**
 * Competencies: a section per competency of `impactLog.review.competencies`, in the setting's
 * order, with the entries its tags or kinds map to it (an entry goes under the first competency
 * that maps it, and nowhere else), then the entries no competency maps.
 */

export const UNMAPPED = 'Not mapped to a competency';

function rule(c: Competency): string {
  const parts = [
    c.tags && c.tags.length > 0 ? `${c.tags.length === 1 ? 'tag' : 'tags'} ${c.tags.map(escapeInline).join(', ')}` : '',
    c.kinds && c.kinds.length > 0 ? `${c.kinds.length === 1 ? 'kind' : 'kinds'} ${c.kinds.map((k) => KINDS[k].label.toLowerCase()).join(', ')}` : '',
  ].filter((x) => x !== '');
  return parts.length > 0 ? parts.join('; ') : 'no tags or kinds';
}

export function competencySummary(c: Ctx, competencies: readonly Competency[]): string {
  const s = c.summary;
  const { groups, unmapped } = mapCompetencies(s.entries, competencies);
  const total = s.entries.length;
  const sections: string[][] = [];
  if (competencies.length === 0) {
    sections.push([
      '## Competencies',
      '',
      'No competencies are set yet. Add your review form’s competencies to the setting impactLog.review.competencies, each with the tags and kinds that belong to it, for example { "name": "Technical excellence", "tags": ["perf", "security"], "kinds": ["review-catch"] }.',
    ]);
  }
  groups.forEach((g, i) => {
    const out = [`## ${escapeInline(g.name)}`, ''];
    if (g.entries.length === 0) out.push(`No entry in this period maps to it (${rule(competencies[i]!)}).`);
    else {
      out.push(`${g.entries.length} of ${plural(total, 'entry', 'entries')} in this period (${rule(competencies[i]!)}).`, '');
      out.push(...g.entries.map((e) => mdBullet(e, c, { kind: true })));
    }
    sections.push(out);
  });
  if (unmapped.length > 0) {
    sections.push([
      `## ${UNMAPPED}`,
      '',
      `${unmapped.length} of ${plural(total, 'entry', 'entries')} in this period have no tag or kind that a competency names.`,
      '',
      ...unmapped.map((e) => mdBullet(e, c, { kind: true })),
    ]);
  }
  return joinSections([
    mdHeader('Competencies', c, 'Entries are grouped by the competencies of your review form; each entry appears once, under the first competency that maps it.'),
    ...sections,
    ...mdFollowUps(c),
    mdNeedsEvidence(c),
  ]);
}
