import { KINDS } from '../../domain';
import { type Competency, mapCompetencies } from '../../domain/reviewTemplates';
import { escapeInline } from '../escape';
import { msg } from '../../domain/messages';
import { inSentence } from '../../domain/flow';
import { type Ctx, joinSections, mdBullet, mdHeader, mdFollowUps, mdNeedsEvidence, plural } from './shared';

/**
 * Competencies: a section per competency of `impactLog.review.competencies`, in the setting's
 * order, with the entries its tags or kinds map to it (an entry goes under the first competency
 * that maps it, and nowhere else), then the entries no competency maps.
 */

/** The heading of the entries no competency maps (in the table's language). */
export const unmappedHeading = (): string => msg('competencies.unmapped');

function rule(c: Competency): string {
  const parts = [
    c.tags && c.tags.length > 0 ? msg(c.tags.length === 1 ? 'competencies.tag' : 'competencies.tags', c.tags.map(escapeInline).join(', ')) : '',
    c.kinds && c.kinds.length > 0 ? msg(c.kinds.length === 1 ? 'competencies.kind' : 'competencies.kinds', c.kinds.map((k) => inSentence(KINDS[k].label)).join(', ')) : '',
  ].filter((x) => x !== '');
  return parts.length > 0 ? parts.join('; ') : msg('competencies.noRule');
}

export function competencySummary(c: Ctx, competencies: readonly Competency[]): string {
  const s = c.summary;
  const { groups, unmapped } = mapCompetencies(s.entries, competencies);
  const total = s.entries.length;
  const sections: string[][] = [];
  if (competencies.length === 0) {
    sections.push([
      `## ${msg('competencies.title')}`,
      '',
      msg('competencies.noneSet'),
    ]);
  }
  groups.forEach((g, i) => {
    const out = [`## ${escapeInline(g.name)}`, ''];
    if (g.entries.length === 0) out.push(msg('competencies.noEntry', rule(competencies[i]!)));
    else {
      out.push(plural(total, 'competencies.ofOne', 'competencies.ofMany', g.entries.length, rule(competencies[i]!)), '');
      out.push(...g.entries.map((e) => mdBullet(e, c, { kind: true })));
    }
    sections.push(out);
  });
  if (unmapped.length > 0) {
    sections.push([
      `## ${unmappedHeading()}`,
      '',
      plural(total, 'competencies.unmappedOfOne', 'competencies.unmappedOfMany', unmapped.length),
      '',
      ...unmapped.map((e) => mdBullet(e, c, { kind: true })),
    ]);
  }
  return joinSections([
    mdHeader(msg('competencies.title'), c, msg('competencies.about')),
    ...sections,
    ...mdFollowUps(c),
    mdNeedsEvidence(c),
  ]);
}
