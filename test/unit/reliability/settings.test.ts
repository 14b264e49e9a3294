import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings, SETTING_DEFAULTS, SETTING_KEYS, settingWarning, type SettingKey } from '../../../src/domain/settings';
import { repoRoot } from './support/root';
import { localizedManifest } from '../support/manifest';

/** What `readConfig` (src/ui/config.ts) does with a settings file: every value validated, a bad one replaced by its default with a warning. */
const read = (values: Partial<Record<SettingKey, unknown>>) => parseSettings((key) => values[key]);

describe('settings: wrong types and impossible values fall back to defaults with a warning', () => {
  it('no settings at all: every default, no warning', () => {
    const { config, problems } = read({});
    assert.deepEqual(config, SETTING_DEFAULTS);
    assert.deepEqual(problems, []);
  });

  it('good values are used as given (trimmed, ~ allowed for paths)', () => {
    const { config, problems } = read({
      databasePath: '  ~/logs/impact.sqlite ',
      'statusBar.enabled': false,
      'review.defaultPeriod': 'thisQuarter',
      'review.fiscalYearStartMonth': 4,
      aiTools: ['Claude', ' Cursor '],
      'export.omitFields': ['repo', 'links'],
      'backup.folder': '/mnt/usb/impact-backups',
      'backup.keep': 30,
    });
    assert.deepEqual(problems, []);
    assert.equal(config.databasePath, '~/logs/impact.sqlite');
    assert.equal(config['statusBar.enabled'], false);
    assert.equal(config['review.fiscalYearStartMonth'], 4);
    assert.deepEqual(config.aiTools, ['Claude', 'Cursor']);
    assert.equal(config['backup.folder'], '/mnt/usb/impact-backups');
    assert.equal(config['backup.keep'], 30);
  });

  const bad: [SettingKey, unknown, RegExp][] = [
    ['backup.keep', 0, /must be at least 1/],
    ['backup.keep', 366, /must be at most 365/],
    ['backup.keep', 2.5, /whole number/],
    ['backup.keep', '14', /must be a number/],
    ['review.fiscalYearStartMonth', 13, /must be at most 12/],
    ['review.fiscalYearStartMonth', null, /must be a number/],
    ['review.defaultPeriod', 'lastDecade', /must be one of: thisQuarter/],
    ['statusBar.enabled', 'yes', /must be true or false/],
    ['databasePath', 'relative/log.sqlite', /must be an absolute path/],
    ['backup.folder', 'backups', /must be an absolute path/],
    ['backup.folder', 42, /must be text/],
    ['aiTools', 'Claude', /must be a list/],
    ['aiTools', ['Claude', ''], /aiTools|must not be empty|\[1\]/],
    ['export.omitFields', ['links', 'salary'], /must be one of: links/],
  ];
  for (const [key, value, wording] of bad) {
    it(`impactLog.${key} = ${JSON.stringify(value)}: default ${JSON.stringify(SETTING_DEFAULTS[key])} and a warning that says why`, () => {
      const { config, problems } = read({ [key]: value, 'backup.keep': key === 'backup.keep' ? value : 7 });
      assert.deepEqual(config[key], SETTING_DEFAULTS[key]);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]!.key, `impactLog.${key}`);
      assert.match(problems[0]!.problem, wording);
      const warning = settingWarning(problems[0]!);
      assert.ok(warning.startsWith(`Setting impactLog.${key} `), warning);
      assert.match(warning, /using the default instead\.$/);
      if (key !== 'backup.keep') assert.equal(config['backup.keep'], 7, 'the other settings are unaffected');
    });
  }

  it('a setting that throws when read is treated as unset, with a warning', () => {
    const { config, problems } = parseSettings((key) => {
      if (key === 'aiTools') throw new Error('settings.json is not valid JSON');
      return undefined;
    });
    assert.deepEqual(config.aiTools, SETTING_DEFAULTS.aiTools);
    assert.match(problems[0]!.problem, /could not be read/);
  });

  it('a fallback default is a fresh copy: changing it cannot change the defaults', () => {
    const { config } = read({});
    config.aiTools.push('mutated');
    assert.ok(!read({}).config.aiTools.includes('mutated'));
  });

  it('every setting in package.json is validated here, with the same default', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
    const declared = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^impactLog\./, '')).sort();
    assert.deepEqual(declared, [...SETTING_KEYS].sort());
    for (const key of SETTING_KEYS) assert.deepEqual(pkg.contributes.configuration.properties[`impactLog.${key}`]!.default, SETTING_DEFAULTS[key], key);
  });

  it('every setting is explained in the Settings editor: a markdownDescription, and a description for each choice', () => {
    type Prop = { markdownDescription?: string; enum?: unknown[]; enumDescriptions?: string[]; items?: Prop };
    const pkg = localizedManifest<{ contributes: { configuration: { properties: Record<string, Prop> } } }>();
    for (const [key, prop] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.ok((prop.markdownDescription ?? '').trim().length > 20, `${key} has no markdownDescription`);
      for (const p of [prop, prop.items]) {
        if (p?.enum) assert.equal(p.enumDescriptions?.length, p.enum.length, `${key}: one enumDescription per enum value`);
      }
    }
  });
});
