import * as vscode from 'vscode';
import { type Config, parseSettings, settingWarning, type SettingProblem } from '../domain/settings';

/** Typed settings, read in one place; the schema, defaults and fallbacks live in domain/settings.ts. */

export { OMITTABLE_FIELDS, PERIOD_PRESETS, type Config, type SettingProblem } from '../domain/settings';

/** Reads and validates every `impactLog.*` setting; a bad value falls back to its default with a problem. */
export function readConfig(section: Pick<vscode.WorkspaceConfiguration, 'get'> = vscode.workspace.getConfiguration('impactLog')): {
  config: Config;
  problems: SettingProblem[];
} {
  return parseSettings((key) => section.get<unknown>(key));
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
    for (const p of problems) this.warn(settingWarning(p));
    return config;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
