import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import ts from 'typescript';
import { KINDS, ValidationError } from '../../src/domain';
import { EN, type Messages, useMessages } from '../../src/domain/messages';
import { PRESET_NAMES, resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { periodGroups } from '../../src/domain/grouping';
import { OUTCOME_WORDS, OUTCOMES } from '../../src/domain/followUps';
import { parseOrThrow } from '../../src/domain/validation';
import { summaryToMarkdown } from '../../src/export/markdown';
import { entriesToCsv } from '../../src/export/csv';
import { z } from 'zod';
import { localizedManifest, manifestStrings, placeholders } from './support/manifest';
import { bypasses, bypassesIn, bypassNodes, sourceFiles } from './support/l10nScan';
import { repoRoot } from './reliability/support/root';
import type * as PlotApi from '@observablehq/plot' with { 'resolution-mode': 'import' };
import { type Entry } from '../../src/domain';
import { buildInsights } from '../../src/domain/insights';
import { describeInsights } from '../../src/export/insightsText';
import { renderChart } from '../../src/webview/insights/charts';
import { renderReview } from '../../src/export/templates';
import { wordBudgetOf, TEMPLATE_IDS, TEMPLATE_LABELS } from '../../src/domain/reviewTemplates';
import { entryToMarkdown } from '../../src/export/entryMarkdown';
import { suggestionList } from '../../src/domain/suggestionStep';
import { suggestionDetails } from '../../src/domain/suggestions';
import { suggestedReasons } from '../../src/domain/kinds';
import { insightsHtml } from '../../src/ui/insights/html';
import { currentEntries, entry, fixturePeriod, NOW, previousEntries } from './support/summaryFixture';

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

/** The pure layers (no `vscode`): their words come from the message table (src/domain/messages.ts, `msg`). */
const PURE_CODE = ['src/domain', 'src/export', 'src/storage', 'src/git'];
/**
 * What stays English in the pure layers, file by file, with the reason. "Not moved yet" is work
 * left for #20 (named so it cannot be forgotten: a file leaves this list when its words move).
 */
const PURE_ENGLISH: Readonly<Record<string, string>> = {
  'src/domain/messages.ts': 'the English default table itself',
  'src/domain/chatTools.ts': "the chat tools' text for the language model (it reads English best; it answers the user in their language)",
  'src/export/chatText.ts': 'the chat tools’ results, read by the language model, not shown to the user as they are',
  'src/domain/format.ts': 'owned by the locale work (#20 item 2: dates, numbers, the status bar label the journeys wait on)',
  'src/domain/importFormat.ts': 'import validation: not moved yet',
  'src/export/importStream.ts': 'import validation of a large file (the same messages as importFormat.ts): not moved yet',
  'src/domain/commandArgs.ts': 'command-argument validation: not moved yet',
  'src/domain/settings.ts': 'settings validation: not moved yet',
  'src/domain/exportArgs.ts': 'export-argument validation: not moved yet',
  'src/domain/backupArgs.ts': 'backup-argument validation: not moved yet',
  'src/domain/exportFolder.ts': 'export-folder validation: not moved yet',
  'src/domain/dateInput.ts': 'the date reader’s words and problems (its input is English: "yesterday"): not moved yet',
  'src/domain/periods.ts': 'period argument validation (the period names are in the table): not moved yet',
  'src/domain/fields.ts': 'field validation problems: not moved yet',
  'src/domain/entry.ts': 'entry validation problems: not moved yet',
  'src/domain/filter.ts': 'filter validation problems: not moved yet',
  'src/domain/flow.ts': 'log-flow argument problems (the flow’s words are in the table): not moved yet',
  'src/domain/location.ts': 'location validation: not moved yet',
  'src/domain/linkInput.ts': 'link input problems: not moved yet',
  'src/storage/store.ts': 'storage errors shown to the user: not moved yet',
  'src/storage/followUps.ts': 'storage errors of follow-ups: not moved yet',
  'src/storage/suggestions.ts': 'storage errors of suggestions: not moved yet',
  'src/storage/engine.ts': 'SQLite engine errors (mostly for the output channel): not moved yet',
  'src/storage/recovery.ts': 'recovery messages: not moved yet',
  'src/storage/backups.ts': 'backup messages: not moved yet',
  'src/storage/paths.ts': 'storage path problems: not moved yet',
  'src/storage/migrations.ts': 'migration errors (shown with the file and the fix): not moved yet',
  'src/storage/migrationSuggestions.ts': 'migration errors: not moved yet',
  'src/storage/migrationSearchKeys.ts': 'the migration description (output channel and backup name): not moved yet',
  'src/storage/query.ts': 'query argument problems: not moved yet',
  'src/storage/lock.ts': 'lock messages: not moved yet',
  'src/storage/rows.ts': 'stored-row problems (a damaged database): not moved yet',
  'src/storage/session.ts': 'session problems: not moved yet',
  'src/git/runner.ts': 'Git errors (mostly for the output channel): not moved yet',
  'src/git/reverts.ts': 'revert-proposal notes for the output channel: not moved yet',
  'src/git/history.ts': 'Git history notes for the output channel: not moved yet',
};
/** In kinds.ts the kinds' and fields' English is the default table's: read from the table at load (wordsFromTable). */
const FROM_TABLE_AT_LOAD: Readonly<Record<string, readonly string[]>> = {
  'src/domain/kinds.ts': [...Object.values(EN), 'kinds: no message {}'],
};
/** What stays English in a file moved to the table, with the reason. */
const PURE_ALLOWED: readonly { file: string; text: RegExp; why: string }[] = [
  { file: 'src/export/templates/star.ts', text: /^(Situation|Task|Action|Result)$/, why: 'STAR_PARTS: the keys of a story’s parts in the code (Story.parts, the star.part.* messages); the reader sees starPartLabel(…)' },
  { file: 'src/domain/summaryModel.ts', text: /./, why: 'the .describe() texts of the summary model: the JSON Schema docs/summary-model.schema.json for template authors (generated from it, English like docs/TEMPLATES.md, read by editors), never shown in VS Code; the test below checks that every string here is a .describe()' },
  { file: 'src/domain/kinds.ts', text: /^must be the id \(a UUID\) of a change shipped/, why: 'field validation: not moved yet' },
  { file: 'src/domain/reflection.ts', text: /^(IMPACT_LOG_TEST_NOW|must be an ISO 8601 date and time such as|is not a date and time that exists|\{\} \{\} \(it is \{\}\)|is not valid)/, why: 'the IMPACT_LOG_TEST_NOW test hook: only tests set it, its problem goes to the output channel' },
];

describe('localisation: the pure layers’ user-visible words come from the message table', () => {
  it('no English string in src/domain, src/export, src/storage or src/git bypasses msg(…), except the files and strings listed with their reasons', () => {
    const left = bypasses(ROOT, PURE_CODE).filter(
      (b) => !(b.file in PURE_ENGLISH) && !FROM_TABLE_AT_LOAD[b.file]?.includes(b.text) && !PURE_ALLOWED.some((a) => a.file === b.file && a.text.test(b.text)),
    );
    assert.deepEqual(left.map((b) => `${b.file}:${b.line}: ${b.text}`), [], 'move these into src/domain/messages.ts (and src/ui/messages.ts), then npm run l10n');
  });

  it('the summary’s Markdown, the timeline’s groups and the follow-ups are moved: none of them is on the English list', () => {
    const moved = ['src/export/markdown.ts', 'src/export/followUpsMarkdown.ts', 'src/domain/summary.ts', 'src/domain/followUpSummary.ts', 'src/domain/grouping.ts', 'src/domain/followUps.ts', 'src/domain/discard.ts'];
    const sweepA = ['src/export/insightsText.ts', 'src/export/entryMarkdown.ts', 'src/export/format.ts', 'src/domain/reviewTemplates.ts', 'src/domain/summaryModel.ts', 'src/domain/suggestions.ts', 'src/domain/suggestionStep.ts', 'src/git/grouping.ts'];
    const templates = ['brag', 'competencies', 'custom', 'model', 'shared', 'star', 'wordBudget'].map((t) => `src/export/templates/${t}.ts`);
    for (const f of [...moved, ...sweepA, ...templates]) {
      assert.ok(!(f in PURE_ENGLISH), f);
      assert.ok(existsSync(join(ROOT, f)), f);
    }
    for (const f of Object.keys(PURE_ENGLISH)) assert.ok(existsSync(join(ROOT, f)), `${f} is on the English list but gone: take it off`);
  });

  it('the English left in src/domain/summaryModel.ts is only the .describe() texts of the JSON Schema for template authors', () => {
    const file = join(ROOT, 'src/domain/summaryModel.ts');
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const notDescribe = bypassNodes(sf).filter((n) => {
      const call = n.parent;
      return !(ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'describe' && call.arguments[0] === n);
    });
    assert.deepEqual(notDescribe.map((n) => n.getText(sf)), []);
    assert.ok(bypassNodes(sf).length >= 10, 'the scan sees the descriptions');
  });
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

  it('the summary’s sentences and “At a glance” rows, the timeline’s groups and the follow-up outcomes come from the table', () => {
    const p = fixturePeriod();
    const md = summaryToMarkdown(buildSummary({ period: p.period, previous: p.previous, entries: currentEntries(), previousEntries: previousEntries(), now: NOW }));
    const lines = md.split('\n');
    const intro = lines.find((l) => l !== '' && !l.startsWith('#'));
    assert.match(intro ?? '', /^⟦Generated .*⟧$/, md);
    const glance = lines.slice(lines.indexOf(`## ⟦At a glance⟧`));
    const rows = glance.slice(0, glance.findIndex((l, i) => i > 0 && l.startsWith('## '))).filter((l) => l.startsWith('| ') && !/^\| ?---/.test(l)).slice(1);
    assert.ok(rows.length >= 8, md);
    for (const r of rows) assert.match(r, /^\| ⟦/, `row label not from the table: ${r}`);
    assert.ok(lines.some((l) => /^⟦Compared with the period before, /.test(l) || /^⟦Nothing was logged in the previous period/.test(l)), md);
    for (const g of periodGroups(NOW, { earliest: NOW - 3 * 365 * 86_400_000 })) if (!/^\d{4}$/.test(g.label)) assert.match(g.label, /^⟦/, `group not from the table: ${g.label}`);
    for (const o of OUTCOMES) assert.match(`${OUTCOME_WORDS[o].label}|${OUTCOME_WORDS[o].description}|${OUTCOME_WORDS[o].counted}`, /^⟦[^|]*⟧\|⟦[^|]*⟧\|⟦[^|]*⟧$/);
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
  /** Every string a person reads of the entries (titles, fields, tags, details, link labels), as words. */
  const ownWords = (entries: readonly Entry[], extra: readonly string[] = []) => {
    const out = new Set<string>();
    const add = (v: unknown): void => {
      if (typeof v === 'string') for (const w of v.match(/[A-Za-z]{3,}/g) ?? []) out.add(w.toLowerCase());
      else if (Array.isArray(v)) v.forEach(add);
      else if (v && typeof v === 'object') Object.values(v).forEach(add);
    };
    for (const e of entries) add([e.title, e.details, e.tags, e.fields, e.links.map((l) => [l.label ?? '', l.url]), e.impact ?? '', e.context]);
    add(extra);
    return out;
  };
  /** Units of a duration ("2.5 days", "45 min"): src/domain/format.ts, the locale work's, not this table's. */
  const DURATION_UNITS = new Set(['min', 'hours', 'day', 'days']);
  /** The words of `doc` outside every ⟦…⟧ of the pseudo table that are neither the user's own nor a link address. */
  function untranslated(doc: string, own: ReadonlySet<string>): string[] {
    let rest = doc;
    for (let before = ''; before !== rest; ) {
      before = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    rest = rest.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
    return [...new Set((rest.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !own.has(w.toLowerCase()) && !DURATION_UNITS.has(w)))];
  }
  const season = () => {
    const p = fixturePeriod();
    const entries = currentEntries();
    const before = previousEntries();
    return { p, entries, before, summary: buildSummary({ period: p.period, previous: p.previous, entries, previousEntries: before, now: NOW }) };
  };
  const COMPETENCIES = [{ name: 'Technical excellence', tags: ['perf', 'security'], kinds: ['review-catch' as const] }, { name: 'Delivery', kinds: ['shipped' as const] }];

  for (const id of TEMPLATE_IDS) {
    for (const format of ['markdown', 'text'] as const) {
      it(`the ${id} template (${format}) has every word from the table but the user's own, with and without a word budget`, () => {
        const { entries, before, summary } = season();
        const own = ownWords([...entries, ...before], COMPETENCIES.map((c) => c.name));
        for (const wordBudget of [undefined, wordBudgetOf({ total: 50, sections: { nowhere: 10 } }), wordBudgetOf(1_000_000)]) {
          const doc = renderReview(summary, { template: { builtIn: id }, format, competencies: COMPETENCIES, wordBudget });
          assert.deepEqual(untranslated(doc, own), [], doc);
          if (format === 'markdown') for (const h of doc.split('\n').filter((l) => /^#{1,6} /.test(l) && !COMPETENCIES.some((c) => l.endsWith(c.name)))) assert.match(h, /^#+ ⟦/, h);
        }
        if (id === 'competencies') assert.deepEqual(untranslated(renderReview(summary, { template: { builtIn: id }, format, competencies: [] }), own), []);
      });
    }
  }

  it('the template names, Copy as Markdown, link labels and the context come from the table', () => {
    for (const id of TEMPLATE_IDS) assert.match(`${TEMPLATE_LABELS[id].label}|${TEMPLATE_LABELS[id].detail}`, /^⟦[^|]*⟧\|⟦[^|]*⟧$/);
    const entries = [...currentEntries(), ...previousEntries()];
    const own = ownWords(entries);
    for (const e of entries) {
      const withContext = { ...e, links: [...e.links, { url: 'https://github.com/acme/shop/issues/12' }, { url: 'https://github.com/acme/shop/commit/1a2b3c4d5e' }], context: { workspaceFolder: 'shop', repo: 'acme/shop', branch: 'main', commit: '1a2b3c4d5e6f7a8b' } } as Entry;
      const md = entryToMarkdown(withContext);
      // A yes / no field's value is fieldText's (src/domain/format.ts, the locale work's, still English).
      assert.deepEqual(untranslated(md, own).filter((w) => w !== 'yes' && w !== 'no'), [], md);
      assert.match(md, /⟦issue #12⟧/);
      assert.match(md, /⟦repo acme\/shop⟧/);
    }
  });

  it('the Insights charts (titles, sentences, tables, series), the page’s words and its HTML come from the table', () => {
    const { p, entries, before } = season();
    const own = ownWords([...entries, ...before]);
    const m = buildInsights({ period: p.period, previous: p.previous, entries, previousEntries: before, now: NOW });
    const text = describeInsights(m, 'de');
    assert.equal(text.lang, 'de');
    assert.match(text.heading, /^⟦/);
    for (const c of text.charts) {
      for (const s of [c.title, ...c.denominators, c.table.caption, ...c.table.columns]) assert.match(s, /^⟦/, s);
      for (const r of c.table.rows) assert.deepEqual(untranslated(r.cells.join(' '), own), [], r.cells.join(' | '));
      for (const s of c.series) assert.deepEqual(untranslated(s.label, own), [], s.label);
    }
    for (const [k, v] of Object.entries(text.words)) assert.match(v, /^⟦.*⟧$/, k);
    // The bars' accessible names, as the page draws them (Observable Plot in a Node DOM).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Plot = require('@observablehq/plot') as typeof PlotApi;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseHTML } = require('linkedom') as { parseHTML: (html: string) => { document: Document } };
    const palette = { foreground: '#ccc', background: '#111', muted: '#888', blue: '#00f', green: '#0f0', yellow: '#ff0', orange: '#f80', red: '#f00', purple: '#80f', highContrast: false };
    let bars = 0;
    for (const c of text.charts) {
      const r = renderChart(Plot, parseHTML('<!DOCTYPE html><html><body></body></html>').document, m, text, c, palette);
      for (const b of r?.bars ?? []) {
        bars++;
        assert.deepEqual(untranslated(b.target.label, own), [], b.target.label);
      }
      for (const t of r ? Array.from(r.svg.querySelectorAll('text')).map((x) => x.textContent ?? '') : []) assert.deepEqual(untranslated(t, own), [], `${c.id}: ${t}`);
    }
    assert.ok(bars >= 10, `${bars} bars`);
    const html = insightsHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 'c', lang: 'de-at' });
    assert.match(html, /<html lang="de-at">/);
    assert.match(html, /<title>⟦Impact Log: Insights⟧<\/title>/);
    assert.match(html, /⟦Loading your log…⟧/);
    assert.match(insightsHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 'c', lang: '"><script>' }), /<html lang="en">/);
  });

  it('the suggestion pick, suggestions from Git and the suggested reasons come from the table; a suggested reason stored in English counts as the table’s', () => {
    for (const o of [{ explicitSkip: true, editing: false, noun: 'N' }, { explicitSkip: false, editing: false, noun: 'N' }, { explicitSkip: false, editing: true, noun: 'N' }]) {
      for (const i of suggestionList({ ...o, earlier: ['own text'], common: suggestedReasons() }).items) {
        if (i.value.type !== 'suggestion') assert.match(`${i.label}|${i.description ?? '⟦⟧'}`, /^⟦.*⟧\|⟦.*⟧$/, i.label);
        else if (i.label !== 'own text') assert.match(i.label, /^⟦.*⟧$/);
      }
    }
    assert.deepEqual(untranslated(suggestionDetails({ pullRequest: 7, shas: ['a'], subjects: ['Fix the cache'], reverts: 'abcdef1234567', branch: 'main' }), new Set(['fix', 'the', 'cache', 'main'])), []);
    const p = fixturePeriod();
    const discard = (reason: string) => entry('ai-assist', { title: 'Asked for a cache', occurredAt: '2026-09-01T12:00:00Z', verdict: 'discarded', reason });
    const reasons = buildSummary({ period: p.period, previous: p.previous, entries: ['invented an API', 'Invented an  API', '⟦invented an API⟧', 'my own reason'].map(discard), previousEntries: [], now: NOW }).current.ai.discardReasons;
    assert.deepEqual(reasons, [{ value: '⟦invented an API⟧', count: 3 }, { value: 'my own reason', count: 1 }]);
  });
});
