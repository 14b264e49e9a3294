import { type Entry, KINDS } from '../../domain';
import { escapeInline } from '../escape';
import { formatMinutes } from '../format';
import { type Ctx, entryDate, factsOf, impactText, joinSections, list, mdHeader, mdLinks, mdFollowUps, mdNeedsEvidence, plural } from './shared';

/**
 * STAR stories: each highlight as Situation, Task, Action and Result, filled only from the entry's
 * own fields (for a problem: what was wrong, its title, the fix, the value). A part the entry does
 * not record is written as a visible gap and the story is listed under "Needs evidence", so the
 * user fills it in; nothing is made up.
 */

export const STAR_PARTS = ['Situation', 'Task', 'Action', 'Result'] as const;
export type StarPart = (typeof STAR_PARTS)[number];

export interface Story {
  readonly entry: Entry;
  /** Plain text of each part, undefined where the entry does not record it. */
  readonly parts: Readonly<Record<StarPart, string | undefined>>;
  readonly gaps: readonly StarPart[];
}

const yesNo = (v: boolean | undefined, yes: string, no: string) => (v === undefined ? undefined : v ? yes : no);

/** The four parts from the entry's fields (plain text, not escaped). */
export function storyOf(e: Entry): Story {
  let parts: Record<StarPart, string | undefined>;
  switch (e.kind) {
    case 'problem':
      parts = { Situation: e.fields.whatWasWrong, Task: e.title, Action: e.fields.fix, Result: e.fields.value };
      break;
    case 'incident': {
      const f = e.fields;
      const situation = f.severity || f.role ? [f.severity ? `${f.severity} incident` : 'incident', f.role === 'caused' ? 'caused by you' : f.role === 'handled' ? 'handled by you' : ''].filter((x) => x !== '').join(', ') : undefined;
      parts = { Situation: situation, Task: e.title, Action: f.followUp, Result: f.minutesToMitigate !== undefined ? `mitigated in ${formatMinutes(f.minutesToMitigate)}` : undefined };
      break;
    }
    case 'review-catch': {
      const f = e.fields;
      const whose = f.author === 'teammate' ? "a teammate's code" : f.author === 'own' ? 'your own code' : f.author === 'ai-generated' ? 'AI-generated code' : undefined;
      const what = [f.severity, f.category].filter((x) => x !== undefined).join(' ');
      const caught = what === '' ? undefined : `caught a ${what} issue in review`;
      parts = {
        Situation: whose ? `reviewing ${whose}` : undefined,
        Task: e.title,
        Action: caught,
        Result: yesNo(f.wouldReachProduction, 'stopped before it reached production', 'would not have reached production'),
      };
      break;
    }
    case 'shipped':
      parts = {
        Situation: undefined,
        Task: e.title,
        Action: e.fields.release ? `shipped in release ${e.fields.release}` : undefined,
        Result: yesNo(e.fields.customerVisible, 'customer-visible', 'internal'),
      };
      break;
    case 'ai-assist': {
      const f = e.fields;
      const verdict = f.verdict ? `${f.verdict}${f.reason ? `: ${f.reason}` : ''}${f.tool ? ` (${f.tool})` : ''}` : undefined;
      parts = { Situation: f.task, Task: e.title, Action: verdict, Result: yesNo(f.rework, 'needed rework later', 'no rework needed later') };
      break;
    }
    case 'note':
      parts = { Situation: undefined, Task: e.title, Action: undefined, Result: undefined };
      break;
  }
  for (const k of STAR_PARTS) if (parts[k] !== undefined && parts[k].trim() === '') parts[k] = undefined;
  return { entry: e, parts, gaps: STAR_PARTS.filter((k) => parts[k] === undefined) };
}

/** How a gap reads: visible in both formats (the brackets survive plain text). */
const GAP = '\\[not recorded\\]';

export function starStories(c: Ctx): string {
  const s = c.summary;
  const stories = s.highlights.map((e) => storyOf(c.show(e)));
  const body: string[][] = [];
  if (stories.length === 0) {
    body.push([
      '## Stories',
      '',
      'No entry in this period is marked high or medium impact, customer-visible or of high severity, so there is no story to tell yet. Set an entry’s impact with Impact Log: Edit Entry to see it here.',
    ]);
  }
  stories.forEach((st, i) => {
    const e = st.entry;
    const meta = list([entryDate(e), KINDS[e.kind].label, ...factsOf(e).map(escapeInline), impactText(e), mdLinks(e)]);
    const lines = [`## Story ${i + 1}`, '', `**${escapeInline(e.title)}** — ${meta}`, ''];
    for (const k of STAR_PARTS) lines.push(`- **${k}:** ${st.parts[k] === undefined ? GAP : escapeInline(st.parts[k])}`);
    body.push(lines);
  });
  const withGaps = stories.filter((st) => st.gaps.length > 0);
  const extra =
    withGaps.length === 0
      ? []
      : [
          `${plural(withGaps.length, 'story has', 'stories have')} a part the entry does not record. Add it with Impact Log: Edit Entry (for a problem: what was wrong, the fix, the value):`,
          '',
          ...withGaps.map((st) => `- Story ${stories.indexOf(st) + 1}, ${escapeInline(st.entry.title)}: ${st.gaps.join(', ')}`),
        ];
  return joinSections([
    mdHeader('STAR stories', c, `Each highlight is told as Situation, Task, Action and Result from its own fields (${plural(stories.length, 'story', 'stories')}).`),
    ...body,
    ...mdFollowUps(c),
    mdNeedsEvidence(c, extra),
  ]);
}
