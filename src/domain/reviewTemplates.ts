import { z } from 'zod';
import './zodConfig';
import { normaliseTag } from './fields';
import { type Entry } from './entry';
import { KIND_IDS } from './kinds';
import { msg } from './messages';

/**
 * What shapes a review summary for the form a person must fill in: the built-in templates, the
 * competencies a user maps their entries to, and the word budget. Plain data and pure rules; the
 * renderers live in src/export/templates/.
 */

/** `impact` is the 0.1 summary, unchanged, and the default. */
export const TEMPLATE_IDS = ['impact', 'brag-document', 'star', 'competencies'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Each template's name and what it holds, read from the message table in use whenever shown. */
export const TEMPLATE_LABELS: Readonly<Record<TemplateId, { readonly label: string; readonly detail: string }>> = Object.fromEntries(
  TEMPLATE_IDS.map((id) => [
    id,
    {
      get label() {
        return msg(`reviewTemplate.${id}`);
      },
      get detail() {
        return msg(`reviewTemplate.${id}.detail`);
      },
    },
  ]),
) as Record<TemplateId, { readonly label: string; readonly detail: string }>;

const whole = z.number().int().min(0).max(1_000_000);

/** One competency of the review form: entries with any of its tags, or of any of its kinds, go under it. */
export const competency = z.strictObject({
  name: z.string().trim().min(1, { error: () => msg('validation.notEmpty') }).max(200),
  tags: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
  kinds: z.array(z.enum(KIND_IDS)).max(KIND_IDS.length).optional(),
});
export type Competency = z.output<typeof competency>;
export const competenciesSetting = z
  .array(competency)
  .max(100)
  .refine((list) => new Set(list.map((c) => c.name.toLowerCase())).size === list.length, { error: () => msg('reviewTemplate.sameName') });

/**
 * `impactLog.review.wordBudget`: 0 for none, a number for the whole document, or an object with a
 * `total`, a `perSection` limit for every section, and `sections` limits by heading (these win over
 * `perSection`). Headings are compared without case.
 */
export const wordBudgetSetting = z.union(
  [
    whole,
    z.strictObject({
      total: whole.optional(),
      perSection: whole.optional(),
      sections: z.record(z.string().trim().min(1).max(200), whole).optional(),
    }),
  ],
  { error: () => msg('reviewTemplate.wordBudget') },
);
export type WordBudgetSetting = z.output<typeof wordBudgetSetting>;

export interface WordBudget {
  readonly total?: number | undefined;
  readonly perSection?: number | undefined;
  /** Keys in lower case. */
  readonly sections: ReadonlyMap<string, number>;
}

/** The budget a setting asks for, or undefined for none (0 and empty objects mean none). */
export function wordBudgetOf(v: WordBudgetSetting | undefined): WordBudget | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v > 0 ? { total: v, sections: new Map() } : undefined;
  const sections = new Map(Object.entries(v.sections ?? {}).filter(([, n]) => n > 0).map(([k, n]) => [k.trim().toLowerCase(), n] as const));
  const total = v.total && v.total > 0 ? v.total : undefined;
  const perSection = v.perSection && v.perSection > 0 ? v.perSection : undefined;
  return total === undefined && perSection === undefined && sections.size === 0 ? undefined : { total, perSection, sections };
}

export interface CompetencyGroup {
  readonly name: string;
  readonly entries: readonly Entry[];
}

/**
 * The entries under each competency, in the setting's order, then the unmapped ones. An entry goes
 * under the first competency (in the setting's order) that names one of its tags or its kind, and
 * appears nowhere else, so nothing is counted twice. Tags are compared as the log stores them
 * (lower case, no leading `#`, spaces as dashes).
 */
export function mapCompetencies(entries: readonly Entry[], competencies: readonly Competency[]): { groups: CompetencyGroup[]; unmapped: Entry[] } {
  const rules = competencies.map((c) => ({ tags: new Set((c.tags ?? []).map(normaliseTag)), kinds: new Set<string>(c.kinds ?? []) }));
  const groups = competencies.map(() => [] as Entry[]);
  const unmapped: Entry[] = [];
  for (const e of entries) {
    const i = rules.findIndex((r) => r.kinds.has(e.kind) || e.tags.some((t) => r.tags.has(t)));
    if (i >= 0) groups[i]!.push(e);
    else unmapped.push(e);
  }
  return { groups: competencies.map((c, i) => ({ name: c.name, entries: groups[i]! })), unmapped };
}
