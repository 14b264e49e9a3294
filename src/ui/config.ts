import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { problemsOf } from '../domain';

/** Typed settings, read in one place, validated; a bad value falls back to its default with a warning. */

export const PERIOD_PRESETS = ['thisQuarter', 'lastQuarter', 'thisHalf', 'lastHalf', 'yearToDate', 'last12Months', 'sinceLastExport'] as const;
export const OMITTABLE_FIELDS = ['links', 'details', 'tags', 'workspaceFolder', 'repo', 'branch', 'commit', 'file'] as const;

const schema = {
  databasePath: z.string().trim().refine((p) => p === '' || isAbsolute(p) || p.startsWith('~'), { error: 'must be an absolute path' }),
  'statusBar.enabled': z.boolean(),
  'review.defaultPeriod': z.enum(PERIOD_PRESETS),
  'review.fiscalYearStartMonth': z.number().int().min(1).max(12),
  aiTools: z.array(z.string().trim().min(1).max(100)).max(50),
  'export.omitFields': z.array(z.enum(OMITTABLE_FIELDS)),
  'backup.folder': z.string().trim(),
  'backup.keep': z.number().int().min(1).max(365),
} as const;

const defaults = {
  databasePath: '',
  'statusBar.enabled': true,
  'review.defaultPeriod': 'lastHalf',
  'review.fiscalYearStartMonth': 1,
  aiTools: ['GitHub Copilot', 'Claude', 'ChatGPT', 'Cursor', 'Gemini'],
  'export.omitFields': [],
  'backup.folder': '',
  'backup.keep': 14,
} satisfies { [K in keyof typeof schema]: z.output<(typeof schema)[K]> };

export type Config = { readonly [K in keyof typeof schema]: z.output<(typeof schema)[K]> };
export type SettingProblem = { readonly key: string; readonly problem: string };

/** Reads and validates every `impactLog.*` setting. */
export function readConfig(section: Pick<vscode.WorkspaceConfiguration, 'get'> = vscode.workspace.getConfiguration('impactLog')): {
  config: Config;
  problems: SettingProblem[];
} {
  const out: Record<string, unknown> = {};
  const problems: SettingProblem[] = [];
  for (const key of Object.keys(schema) as (keyof typeof schema)[]) {
    const raw = section.get<unknown>(key);
    if (raw === undefined) {
      out[key] = defaults[key];
      continue;
    }
    const parsed = schema[key].safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else {
      out[key] = defaults[key];
      const [first] = problemsOf(parsed.error);
      problems.push({ key: `impactLog.${key}`, problem: first ? `${first.field ? first.field + ' ' : ''}${first.problem}`.trim() : 'is invalid' });
    }
  }
  return { config: out as Config, problems };
}

/** Holds the current settings and re-reads them when `impactLog.*` changes. */
export class ConfigWatcher implements vscode.Disposable {
  private current: Config;
  private readonly emitter = new vscode.EventEmitter<Config>();
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly warn: (message: string) => void) {
    this.current = this.load();
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('impactLog')) {
        this.current = this.load();
        this.emitter.fire(this.current);
      }
    });
  }

  get value(): Config {
    return this.current;
  }

  private load(): Config {
    const { config, problems } = readConfig();
    for (const p of problems) this.warn(`Setting ${p.key} ${p.problem}; using the default instead.`);
    return config;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
