import { homedir } from 'node:os';
import { extname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { periodDate, type PeriodInput, PERIOD_PRESETS } from './periods';
import { TEMPLATE_IDS } from './reviewTemplates';
import { OMITTABLE_FIELDS } from './settings';
import { msg } from './messages';

/**
 * Argument objects of the export and import commands, so a keybinding, a task or a test can skip
 * the prompts:
 *   impactLog.exportSummary { "period": "lastHalf" | "from": "2026-01-01", "to": "2026-06-30", "format": "markdown", "path": "/abs/summary.md" }
 *                           { "template": "star", "format": "text" } or { "templatePath": "/abs/my-form.mustache" }
 *   impactLog.exportData    { "format": "json", "path": "/abs/log.json", "period": "lastQuarter" }
 *   impactLog.importData    { "path": "/abs/log.json" }
 */

/** `text`: the summary as plain text, for pasting into a review form (docs/TEMPLATES.md). */
export const SUMMARY_FORMATS = ['markdown', 'json', 'csv', 'text'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];
export const DATA_FORMATS = ['json', 'csv'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** An absolute file path (`~/` is the home folder). */
export const filePath = z
  .string()
  .trim()
  .min(1, { error: () => msg('validation.notEmpty') })
  .transform((p) => (p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p))
  .refine((p) => isAbsolute(p), { error: () => msg('arg.absolutePathOrHome') });

export const periodFields = {
  period: z.enum(PERIOD_PRESETS).optional(),
  from: periodDate.optional(),
  to: periodDate.optional(),
};

export interface PeriodFields {
  period?: (typeof PERIOD_PRESETS)[number] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function checkPeriod(v: PeriodFields, ctx: z.RefinementCtx): void {
  if (v.period !== undefined && (v.from !== undefined || v.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: msg('arg.periodAndRange') });
  } else if ((v.from === undefined) !== (v.to === undefined)) {
    ctx.addIssue({ code: 'custom', path: [v.from === undefined ? 'from' : 'to'], message: msg('arg.requiredWith', v.from === undefined ? 'to' : 'from') });
  } else if (v.from !== undefined && v.to !== undefined && v.from > v.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: msg('arg.notBeforeFrom') });
  }
}

function checkTemplate(v: { template?: string | undefined; templatePath?: string | undefined; format?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.template !== undefined && v.templatePath !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['templatePath'], message: msg('arg.templateAndPath') });
  } else if ((v.template !== undefined || v.templatePath !== undefined) && (v.format === 'json' || v.format === 'csv')) {
    ctx.addIssue({ code: 'custom', path: [v.template !== undefined ? 'template' : 'templatePath'], message: msg('arg.templateFormat', v.format) });
  }
}

/** The period an argument asks for, or undefined when it names none. */
export function periodOf(v: PeriodFields): PeriodInput | undefined {
  if (v.period) return { preset: v.period };
  if (v.from !== undefined && v.to !== undefined) return { from: v.from, to: v.to };
  return undefined;
}

export const exportSummaryArgument = z
  .strictObject({
    ...periodFields,
    format: z.enum(SUMMARY_FORMATS).optional(),
    path: filePath.optional(),
    /** Overrides the setting impactLog.export.omitFields for this export. */
    omitFields: z.array(z.enum(OMITTABLE_FIELDS)).optional(),
    /** A built-in template; overrides impactLog.review.template and .templatePath. */
    template: z.enum(TEMPLATE_IDS).optional(),
    /** A custom Mustache template file; overrides the settings. */
    templatePath: filePath.optional(),
  })
  .superRefine(checkPeriod)
  .superRefine(checkTemplate);
export type ExportSummaryArgument = z.output<typeof exportSummaryArgument>;

export const exportDataArgument = z
  .strictObject({
    ...periodFields,
    format: z.enum(DATA_FORMATS).optional(),
    path: filePath.optional(),
    omitFields: z.array(z.enum(OMITTABLE_FIELDS)).optional(),
    /** Also export deleted entries (so an import elsewhere learns about the deletion). Default false. */
    includeDeleted: z.boolean().optional(),
  })
  .superRefine(checkPeriod);
export type ExportDataArgument = z.output<typeof exportDataArgument>;

export const importDataArgument = z.strictObject({ path: filePath });

/** The format a file name suggests: `.json`, `.csv`, `.txt` (plain text), else Markdown. */
export function formatFromPath(path: string): SummaryFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : ext === '.txt' ? 'text' : 'markdown';
}
