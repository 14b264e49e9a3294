import { z } from 'zod';
import './zodConfig';
import { IMPACT_LEVELS } from './fields';
import { KIND_IDS } from './kinds';

/**
 * The summary model a custom template sees (docs/TEMPLATES.md, docs/summary-model.schema.json is
 * generated from this schema). Every key is always present: a value the entry does not record is
 * `null` (an empty list for lists), so a name inside a section never silently reads the same name
 * from an outer one. Text is the user's own, escaped for the output format when the template
 * writes it; keys described as "written for the output format" are already formatted (a Markdown
 * link, or "title (url)" in plain text) and are written as they are.
 *
 * There are deliberately no minutes saved, tokens, lines or hours here: the model carries
 * outcomes, and every number comes with what it is out of.
 */

const text = z.string();
const maybe = z.string().nullable();
const flag = z.boolean();
const count = z.number().int().min(0);

export const linkModel = z.strictObject({
  label: text.describe('The link’s label, or a short one made from the address (PR #4412).'),
  url: text.describe('The address (http or https).'),
  text: text.describe('The link written for the output format: a Markdown link, or "label (url)" in plain text.'),
});

export const entryModel = z.strictObject({
  id: text,
  kind: z.enum(KIND_IDS),
  kindLabel: text.describe('"Problem solved", "AI assist", …'),
  title: text,
  date: text.describe('When it happened, YYYY-MM-DD in your time zone.'),
  impact: z.enum(IMPACT_LEVELS).nullable(),
  facts: text.describe('The facts the impact summary shows beside the title, joined with " · " (customer-visible · fixed in 4 days · AI-assisted).'),
  tags: z.array(text),
  hasTags: flag,
  links: z.array(linkModel),
  hasLinks: flag,
  linkList: text.describe('Every evidence link written for the output format, joined with ", ".'),
  details: text.describe('The entry’s details on one line (line breaks become spaces).'),
  detailsBlock: text.describe('The details as paragraphs, written for the output format.'),
  whatWasWrong: maybe,
  fix: maybe,
  value: maybe,
  customerVisible: flag.nullable(),
  aiInvolvement: maybe,
  task: maybe,
  tool: maybe,
  verdict: maybe,
  reason: maybe,
  rework: flag.nullable(),
  severity: maybe,
  category: maybe,
  author: maybe,
  wouldReachProduction: flag.nullable(),
  release: maybe,
  role: maybe,
  minutesToMitigate: z.number().int().nullable(),
  followUp: maybe,
});

const periodModel = z.strictObject({
  label: text.describe('"H2 FY2026 (2026-07-01 to 2026-12-31)"'),
  name: text.describe('"H2 FY2026"'),
  from: text.describe('First day, YYYY-MM-DD.'),
  to: text.describe('Last day, YYYY-MM-DD.'),
  days: count,
});

const entries = z.array(entryModel);

export const storyModel = z.strictObject({
  number: count,
  title: text,
  date: text,
  kindLabel: text,
  facts: text,
  situation: maybe,
  task: maybe,
  action: maybe,
  result: maybe,
  gaps: z.array(text).describe('The parts the entry does not record: "Situation", "Task", "Action", "Result".'),
  hasGaps: flag,
  links: z.array(linkModel),
  hasLinks: flag,
  linkList: text,
});

export const summaryModel = z.strictObject({
  format: z.enum(['markdown', 'text']),
  markdown: flag.describe('True when the output is Markdown.'),
  text: flag.describe('True when the output is plain text.'),
  generated: text.describe('The day the export was made, YYYY-MM-DD.'),
  period: periodModel,
  previousPeriod: periodModel,
  entryCount: count,
  hasEntries: flag,
  omitted: z.array(text).describe('Fields left out by impactLog.export.omitFields.'),
  linksOmitted: flag,
  glance: z
    .array(z.strictObject({ measure: text, thisPeriod: text, previousPeriod: text }))
    .describe('The impact summary’s "At a glance" rows, each with its denominator.'),
  ai: z.strictObject({
    total: count,
    accepted: count,
    adapted: count,
    discarded: count,
    noVerdict: count,
    discardsWithoutReason: count,
    discardReasons: z.array(z.strictObject({ reason: text, count })),
    adaptReasons: z.array(z.strictObject({ reason: text, count })),
  }),
  highlights: entries.describe('Highest impact first, at most 8.'),
  hasHighlights: flag,
  kinds: z.array(z.strictObject({ id: z.enum(KIND_IDS), heading: text, count, hasEntries: flag, entries })).describe('Every kind, in the impact summary’s order.'),
  problems: entries,
  shipped: entries,
  reviewCatches: entries,
  incidents: entries,
  aiAssists: entries,
  notes: entries,
  needsEvidence: entries.describe('Outcomes and highlights without an evidence link, most important first.'),
  hasNeedsEvidence: flag,
  entries: entries.describe('Every entry of the period, oldest first.'),
  months: z.array(z.strictObject({ name: text.describe('"July 2026"'), entries })),
  competencies: z.array(z.strictObject({ name: text, count, hasEntries: flag, entries })).describe('From impactLog.review.competencies; an entry appears under the first that maps it.'),
  unmapped: entries,
  hasUnmapped: flag,
  stories: z.array(storyModel).describe('The highlights as STAR stories (see the star template).'),
  hasStoryGaps: flag,
});

export type SummaryModel = z.output<typeof summaryModel>;
export type EntryModel = z.output<typeof entryModel>;
