import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import ts from 'typescript';
import { KINDS, ValidationError } from '../../src/domain';
import { EN, type Messages, useMessages } from '../../src/domain/messages';
import { PRESET_NAMES, resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { parseOrThrow } from '../../src/domain/validation';
import { summaryToMarkdown } from '../../src/export/markdown';
import { entriesToCsv } from '../../src/export/csv';
import { z } from 'zod';
import { localizedManifest, manifestStrings, placeholders } from './support/manifest';
import { bypasses, bypassesIn, sourceFiles } from './support/l10nScan';
import { repoRoot } from './reliability/support/root';
import { currentEntries, fixturePeriod, NOW, previousEntries } from './support/summaryFixture';

/**
 * Localisation, end to end without a VS Code: no English reaches the user from the extension host
 * except through `vscode.l10n.t` (the bundle) or the pure layers' message table; the bundle is
 * exactly what @vscode/l10n-dev extracts from the source, and every language has every key.
 */

const ROOT = repoRoot();
const LANGUAGES = ['de'];
const HOST_CODE = ['src/ui', 'src/shell', 'src/core.ts', 'src/extension.ts'];
/** English that stays English on purpose, each with its reason. */
const ALLOWED: readonly { file: string; text: RegExp; why: string }[] = [
  { file: 'src/shell/lazyCore.ts', text: /^Impact Log could not (load|start)/, why: "CoreLoadError's message for the log and callers; extension.ts shows it localised from step, file and why" },
  { file: 'src/ui/prompts/entryFlow.ts', text: /^recent /, why: 'what a suggestion list is, named only in the log line when it cannot be read' },
  { file: 'src/shell/lazyCore.ts', text: /is still starting$/, why: 'a programming error (the core reaching back for itself while it starts), never shown' },
  { file: 'src/ui/followUps/revertProposals.ts', text: /^(Reverted\? proposals from Git|\{\}: \{\}(; none is proposed\.| is not a Git repository)|no repository is open$)/, why: "RevertProposals.note(…): lines of the output channel (logs stay English), written through this.note so each is written once a session" },
];
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
const args = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
const links = (s: string) => [...s.matchAll(/\]\((command:[^)]*|https?:[^)]*)\)|`[^`]*`|\$\([a-z-]+\)/g)].map((m) => m[0]).sort();
const message = (v: unknown) => (typeof v === 'string' ? v : (v as { message: string }).message);

describe('localisation: every user-visible string of the extension host goes through the bundle', () => {
  it('no English string literal or template in src/ui, src/shell, core.ts or extension.ts bypasses vscode.l10n.t', () => {
    const left = bypasses(ROOT, HOST_CODE).filter((b) => !ALLOWED.some((a) => a.file === b.file && a.text.test(b.text)));
    assert.deepEqual(left.map((b) => `${b.file}:${b.line}: ${b.text}`), [], 'wrap these in vscode.l10n.t (or the message table for a module without vscode), then npm run l10n');
  });

  it('the scan finds what it must: a message, a pick item, a tooltip, a plural word, an error, nested templates', () => {
    const found = bypassesIn(
      'x.ts',
      [
        "void vscode.window.showInformationMessage('Impact Log: saved.');",
        "const items = [{ label: '$(add) New entry', description: n > 0 ? `${n} more` : 'none' }];",
        "item.tooltip = `${group.label}: entries`;",
        "const d = { description: x ? 'default' : '' };",
        "throw new ValidationError('Command argument', []);",
        "void vscode.window.showErrorMessage(vscode.l10n.t('Could not {0}', `read ${path} now`));",
        "output.info('Logged line stays English');",
        "const ok = vscode.l10n.t('Wrapped text {0}', n); if (mode === 'Some Mode') {}; import x from 'Not Words';",
      ].join('\n'),
    ).map((b) => b.text);
    assert.deepEqual(found, ['Impact Log: saved.', '$(add) New entry', '{} more', 'none', '{}: entries', 'default', 'Command argument', 'read {} now']);
  });

  it('l10n/bundle.l10n.json is exactly what @vscode/l10n-dev extracts from src/ (no key missing, none unused): run npm run l10n after a change', async () => {
    const files = sourceFiles(ROOT, ['src']).map((f) => ({ contents: readFileSync(join(ROOT, f), 'utf8'), extension: f.endsWith('.mts') ? '.mts' : '.ts' }));
    const extracted = await getL10nJson(files.filter((f) => f.contents.includes('l10n')));
    const bundle = json('l10n/bundle.l10n.json');
    const missing = Object.keys(extracted).filter((k) => !(k in bundle));
    const unused = Object.keys(bundle).filter((k) => !(k in extracted));
    assert.deepEqual({ missing, unused }, { missing: [], unused: [] });
    assert.ok(Object.keys(bundle).length > 400, `only ${Object.keys(bundle).length} strings in the bundle`);
  });

  for (const lang of LANGUAGES) {
    it(`l10n/bundle.l10n.${lang}.json translates every key of the bundle, none more, keeping {0}, {1} … and codicons`, () => {
      const english = json('l10n/bundle.l10n.json');
      const file = `l10n/bundle.l10n.${lang}.json`;
      assert.ok(existsSync(join(ROOT, file)), `${file} is missing`);
      const local = json(file);
      assert.deepEqual(Object.keys(english).filter((k) => !(k in local)), [], `${file}: keys not translated`);
      assert.deepEqual(Object.keys(local).filter((k) => !(k in english)), [], `${file}: keys the bundle no longer has`);
      for (const [key, value] of Object.entries(local)) {
        assert.equal(typeof value, 'string', `${file}: ${key}`);
        assert.notEqual((value as string).trim(), '', `${file}: ${key} is empty`);
        const en = message(english[key]);
        assert.deepEqual(args(value as string), args(en), `${file}: ${key} keeps its arguments`);
        assert.deepEqual((value as string).match(/\$\([a-z-]+\)/g) ?? [], en.match(/\$\([a-z-]+\)/g) ?? [], `${file}: ${key} keeps its codicons`);
      }
      const same = Object.entries(local).filter(([k, v]) => v === message(english[k]) && /[a-z]{3,} [a-z]{3,}/.test(v));
      assert.deepEqual(same.map(([k]) => k), [], `${file}: sentences left in English`);
    });
  }
});

describe('localisation: the manifest', () => {
  it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
    const used = placeholders(json('package.json')).map((p) => p.key);
    const english = manifestStrings();
    assert.deepEqual(used.filter((k) => !(k in english)), [], 'keys package.json names but package.nls.json lacks');
    assert.deepEqual(Object.keys(english).filter((k) => !used.includes(k)), [], 'keys of package.nls.json nothing uses');
  });

  it('command titles, the view, welcome views, settings and the walkthrough are %keys%; categories stay "Impact Log"', () => {
    const pkg = json('package.json') as { contributes: { commands: { title: string; category: string }[]; views: { impactLog: { name: string }[] }; viewsWelcome: { contents: string }[]; walkthroughs: { title: string; steps: { title: string; description: string }[] }[]; configuration: { properties: Record<string, { markdownDescription?: string }> } } };
    const c = pkg.contributes;
    const all = [...c.commands.map((x) => x.title), ...c.views.impactLog.map((v) => v.name), ...c.viewsWelcome.map((w) => w.contents), ...c.walkthroughs.flatMap((w) => [w.title, ...w.steps.flatMap((s) => [s.title, s.description])]), ...Object.values(c.configuration.properties).map((p) => p.markdownDescription ?? '%%')];
    assert.deepEqual(all.filter((s) => !/^%[^%]+%$/.test(s)), []);
    assert.deepEqual([...new Set(c.commands.map((x) => x.category))], ['Impact Log']);
  });

  for (const lang of LANGUAGES) {
    it(`package.nls.${lang}.json translates every key, keeping command links, code and codicons`, () => {
      const english = manifestStrings();
      const local = manifestStrings(lang);
      assert.deepEqual(Object.keys(english).filter((k) => !(k in local)), [], 'keys not translated');
      assert.deepEqual(Object.keys(local).filter((k) => !(k in english)), [], 'keys package.nls.json no longer has');
      for (const [key, value] of Object.entries(local)) {
        assert.notEqual(value.trim(), '', key);
        assert.deepEqual(links(value), links(english[key]!), `${key} keeps its command links, \`code\` and codicons`);
      }
      const titles = localizedManifest<{ contributes: { commands: { command: string; title: string }[] } }>(lang).contributes.commands;
      assert.equal(new Set(titles.map((t) => t.title)).size, titles.length, 'two commands share a title');
    });
  }
});

describe('localisation: the pure layers take their words from the message table', () => {
  const pseudo: Messages = Object.fromEntries(Object.entries(EN).map(([k, v]) => [k, k === 'style.labelInSentence' ? 'keep' : `⟦${v}⟧`])) as Messages;
  let before: Messages | undefined;
  beforeEach(() => (before = useMessages(pseudo)));
  afterEach(() => useMessages(before!));

  it('src/ui/messages.ts builds the same table, key by key, with the default English as each bundle key', () => {
    const file = join(ROOT, 'src/ui/messages.ts');
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const built: Record<string, string> = {};
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && ts.isStringLiteral(n.name) && ts.isCallExpression(n.initializer)) {
        const a = n.initializer.arguments[0];
        if (a && ts.isStringLiteral(a)) built[n.name.text] = a.text;
        else if (a && ts.isObjectLiteralExpression(a)) {
          const m = a.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'message');
          if (m && ts.isStringLiteral(m.initializer)) built[n.name.text] = m.initializer.text;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    assert.deepEqual(built, { ...EN });
  });

  it('the review summary (Markdown) has every heading and table header in the table’s language', () => {
    const p = fixturePeriod();
    const md = summaryToMarkdown(buildSummary({ period: p.period, previous: p.previous, entries: currentEntries(), previousEntries: previousEntries(), now: NOW }));
    const headings = md.split('\n').filter((l) => /^#{1,6} /.test(l));
    assert.ok(headings.length >= 8, md);
    for (const h of headings) assert.match(h, /^#+ ⟦/, `heading not from the table: ${h}`);
    const tableHeads = md.split('\n').filter((l, i, all) => l.startsWith('|') && /^\| ?---/.test(all[i + 1] ?? ''));
    assert.ok(tableHeads.length >= 1);
    for (const t of tableHeads) for (const cell of t.split('|').slice(1, -1)) assert.match(cell.trim(), /^⟦.*⟧$/, `table header not from the table: ${t}`);
  });

  it('kinds, fields, period names and validation problems come from the table; CSV field names do not', () => {
    assert.equal(KINDS.problem.label, '⟦Problem solved⟧');
    assert.equal(KINDS['ai-assist'].fields.find((f) => f.key === 'verdict')?.label, '⟦Verdict⟧');
    assert.equal(PRESET_NAMES.lastHalf, '⟦Last half-year⟧');
    assert.match(resolvePeriod({ preset: 'last12Months' }, { now: NOW, fiscalYearStartMonth: 1 }).period.label, /^⟦⟦Last 12 months⟧/);
    assert.throws(() => parseOrThrow(z.strictObject({ title: z.string() }), {}, 'Entry'), (e: unknown) => e instanceof ValidationError && e.problems[0]?.problem === '⟦is required⟧');
    const header = entriesToCsv(currentEntries()).split(/\r?\n/)[0]!;
    assert.ok(!header.includes('⟦'), header);
  });
});
