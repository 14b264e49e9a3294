import { isAbsolute } from 'node:path';
import { z } from 'zod';
import './zodConfig';
import { checkpointsSetting, DEFAULT_CHECKPOINTS, type FollowUpConfig } from './followUps';
import { competenciesSetting, TEMPLATE_IDS, wordBudgetSetting } from './reviewTemplates';
import { plainWords, problemsOf } from './validation';
import { WEEK_START_VALUES, WEEKDAYS } from './week';
import { msg } from './messages';

/**
 * The `impactLog.*` settings: schema, defaults and the validation that turns whatever is in a
 * settings file into typed values. A wrong type or an impossible value falls back to the default
 * and is reported as a problem (the UI shows it as a warning). No `vscode` here: `ui/config.ts`
 * reads the values and hands them to `parseSettings`.
 */

export const PERIOD_PRESETS = ['thisQuarter', 'lastQuarter', 'thisHalf', 'lastHalf', 'yearToDate', 'last12Months', 'sinceLastExport'] as const;
/** Days of the week for the weekly reflection and the week's start, Sunday first (as `Date.getDay()` numbers them). */
export { WEEKDAYS };
export const OMITTABLE_FIELDS = ['links', 'details', 'tags', 'workspaceFolder', 'repo', 'branch', 'commit', 'file'] as const;

/** A path setting: empty (use the default place), absolute, or starting with `~` (the home folder). */
const pathSetting = z
  .string()
  .trim()
  .refine((p) => p === '' || isAbsolute(p) || p === '~' || p.startsWith('~/'), { error: () => msg('setting.absolutePath') });

export const SETTINGS_SCHEMA = {
  databasePath: pathSetting,
  'statusBar.enabled': z.boolean(),
  'review.defaultPeriod': z.enum(PERIOD_PRESETS),
  'review.fiscalYearStartMonth': z.number().int().min(1).max(12),
  'review.template': z.enum(TEMPLATE_IDS),
  'review.templatePath': pathSetting,
  'review.competencies': competenciesSetting,
  'review.wordBudget': wordBudgetSetting,
  aiTools: z.array(z.string().trim().min(1).max(100)).max(50),
  'export.omitFields': z.array(z.enum(OMITTABLE_FIELDS)),
  'backup.folder': pathSetting,
  'backup.keep': z.number().int().min(1).max(365),
  'followUps.enabled': z.boolean(),
  'followUps.checkpoints': checkpointsSetting,
  'followUps.statusBar': z.boolean(),
  'git.authorEmails': z.array(z.email({ error: () => msg('setting.email') }).trim().max(320)).max(50),
  'reflection.enabled': z.boolean(),
  'reflection.day': z.enum(WEEKDAYS),
  'reflection.time': z.string().trim().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: () => msg('setting.time') }),
  'timeline.weekStart': z.enum(WEEK_START_VALUES),
} as const;

export type SettingKey = keyof typeof SETTINGS_SCHEMA;
export type Config = { readonly [K in SettingKey]: z.output<(typeof SETTINGS_SCHEMA)[K]> };
export type SettingProblem = { readonly key: string; readonly problem: string };

export const SETTING_DEFAULTS: Config = Object.freeze({
  databasePath: '',
  'statusBar.enabled': true,
  'review.defaultPeriod': 'lastHalf',
  'review.fiscalYearStartMonth': 1,
  'review.template': 'impact',
  'review.templatePath': '',
  'review.competencies': [],
  'review.wordBudget': 0,
  aiTools: ['GitHub Copilot', 'Claude', 'ChatGPT', 'Cursor', 'Gemini'],
  'export.omitFields': [],
  'backup.folder': '',
  'backup.keep': 14,
  'followUps.enabled': true,
  'followUps.checkpoints': DEFAULT_CHECKPOINTS,
  'followUps.statusBar': true,
  'git.authorEmails': [],
  'reflection.enabled': true,
  'reflection.day': 'friday',
  'reflection.time': '16:00',
  'timeline.weekStart': 'locale',
});

export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as SettingKey[];

/**
 * Validates every setting. `get(key)` returns the raw value (undefined when unset). Never throws:
 * a bad value becomes the default plus a problem naming the setting (`impactLog.backup.keep`).
 */
export function parseSettings(get: (key: SettingKey) => unknown): { config: Config; problems: SettingProblem[] } {
  const out: Record<string, unknown> = {};
  const problems: SettingProblem[] = [];
  for (const key of SETTING_KEYS) {
    let raw: unknown;
    try {
      raw = get(key);
    } catch (err) {
      raw = undefined;
      problems.push({ key: `impactLog.${key}`, problem: msg('setting.unreadable', err instanceof Error ? err.message : String(err)) });
    }
    if (raw === undefined) {
      out[key] = structuredClone(SETTING_DEFAULTS[key]);
      continue;
    }
    const parsed = SETTINGS_SCHEMA[key].safeParse(raw, { error: plainWords });
    if (parsed.success) out[key] = parsed.data;
    else {
      out[key] = structuredClone(SETTING_DEFAULTS[key]);
      const [first] = problemsOf(parsed.error);
      problems.push({ key: `impactLog.${key}`, problem: first ? `${first.field ? first.field + ' ' : ''}${first.problem}`.trim() : msg('validation.invalid') });
    }
  }
  return { config: out as Config, problems };
}

/** The follow-up settings as the domain reads them. */
export const followUpConfigOf = (c: Config): FollowUpConfig => ({ enabled: c['followUps.enabled'], checkpoints: c['followUps.checkpoints'] });

/** The warning shown for one bad setting. */
export function settingWarning(p: SettingProblem): string {
  return msg('setting.warning', p.key, p.problem);
}
