import { type Entry, KINDS } from '../../domain';
import { escapeInline } from '../escape';
import { choiceWord } from '../../domain/format';
import { formatMinutes } from '../format';
import { msg } from '../../domain/messages';
import { type Ctx, factsOf, impactText, joinSections, list, mdHeader, mdLinks, mdFollowUps, mdNeedsEvidence, plural } from './shared';

/**
 * STAR stories: each highlight as Situation, Task, Action and Result, filled only from the entry's
 * own fields (for a problem: what was wrong, its title, the fix, the value). A part the entry does
 * not record is written as a visible gap and the story is listed under "Needs evidence", so the
 * user fills it in; nothing is made up.
 */

export const STAR_PARTS = ['Situation', 'Task', 'Action', 'Result'] as const;
export type StarPart = (typeof STAR_PARTS)[number];
/** A part's name as the reader sees it (the keys above stay English: they are the model's and the code's). */
export const starPartLabel = (p: StarPart): string => msg(`star.part.${p}`);

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
      const situation =
        f.severity || f.role
          ? [f.severity ? msg('star.severityIncident', choiceWord(f.severity)) : msg('star.incident'), f.role === 'caused' ? msg('star.causedByYou') : f.role === 'handled' ? msg('star.handledByYou') : ''].filter((x) => x !== '').join(', ')
          : undefined;
      parts = { Situation: situation, Task: e.title, Action: f.followUp, Result: f.minutesToMitigate !== undefined ? msg('facts.mitigatedIn', formatMinutes(f.minutesToMitigate)) : undefined };
      break;
    }
    case 'review-catch': {
      const f = e.fields;
      const whose = f.author === 'teammate' ? msg('star.teammatesCode') : f.author === 'own' ? msg('star.ownCode') : f.author === 'ai-generated' ? msg('star.aiCode') : undefined;
      const what = [f.severity, f.category].filter((x) => x !== undefined).map(choiceWord).join(' ');
      const caught = what === '' ? undefined : msg('star.caught', what);
      parts = {
        Situation: whose ? msg('star.reviewing', whose) : undefined,
        Task: e.title,
        Action: caught,
        Result: yesNo(f.wouldReachProduction, msg('star.stopped'), msg('star.wouldNot')),
      };
      break;
    }
    case 'shipped':
      parts = {
        Situation: undefined,
        Task: e.title,
        Action: e.fields.release ? msg('star.shippedIn', e.fields.release) : undefined,
        Result: yesNo(e.fields.customerVisible, msg('facts.customerVisible'), msg('star.internal')),
      };
      break;
    case 'ai-assist': {
      const f = e.fields;
      const verdict = f.verdict ? `${choiceWord(f.verdict)}${f.reason ? `: ${f.reason}` : ''}${f.tool ? ` (${f.tool})` : ''}` : undefined;
      parts = { Situation: f.task, Task: e.title, Action: verdict, Result: yesNo(f.rework, msg('facts.neededRework'), msg('star.noRework')) };
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
const gap = () => `\\[${msg('star.gap')}\\]`;

export function starStories(c: Ctx): string {
  const s = c.summary;
  const stories = s.highlights.map((e) => storyOf(c.show(e)));
  const body: string[][] = [];
  if (stories.length === 0) {
    body.push([
      `## ${msg('star.stories')}`,
      '',
      msg('star.noStory'),
    ]);
  }
  stories.forEach((st, i) => {
    const e = st.entry;
    const meta = list([c.day(e), KINDS[e.kind].label, ...factsOf(e).map(escapeInline), impactText(e), mdLinks(e)]);
    const lines = [`## ${msg('star.story', i + 1)}`, '', `**${escapeInline(e.title)}** — ${meta}`, ''];
    for (const k of STAR_PARTS) lines.push(`- **${starPartLabel(k)}:** ${st.parts[k] === undefined ? gap() : escapeInline(st.parts[k])}`);
    body.push(lines);
  });
  const withGaps = stories.filter((st) => st.gaps.length > 0);
  const extra =
    withGaps.length === 0
      ? []
      : [
          plural(withGaps.length, 'star.gapsOne', 'star.gapsMany'),
          '',
          ...withGaps.map((st) => `- ${msg('star.gapLine', stories.indexOf(st) + 1, escapeInline(st.entry.title), st.gaps.map(starPartLabel).join(', '))}`),
        ];
  return joinSections([
    mdHeader(msg('star.title'), c, plural(stories.length, 'star.aboutOne', 'star.aboutMany')),
    ...body,
    ...mdFollowUps(c),
    mdNeedsEvidence(c, extra),
  ]);
}
