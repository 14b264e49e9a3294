import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { tmpdir } from 'node:os';
import { decideDelete, decideEdit, decideExportSummary, decideLog, decideRestore } from '../../src/domain/commandArgs';
import { readDateInput } from '../../src/domain/dateInput';
import { newEntryInputSchema } from '../../src/domain/entry';
import { parseFilter } from '../../src/domain/filter';
import { parseImportFile } from '../../src/domain/importFormat';
import { readLink } from '../../src/domain/linkInput';
import { missingLocationMessage } from '../../src/domain/location';
import { parseSettings, settingWarning } from '../../src/domain/settings';
import { validateImportStream } from '../../src/export/importStream';
import { GitRunner } from '../../src/git/runner';
import { EntryStore, MIGRATIONS } from '../../src/storage';
import { checkUserPath, ensureFolder } from '../../src/storage/paths';
import { describeRecovery } from '../../src/storage/recovery';
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
import { answerWords, fieldText, formatDuration, statusLabel, statusText } from '../../src/domain/format';
import { groupAccessibleLabel } from '../../src/ui/timeline/describe';
import { shippedTable } from './support/localTable';
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

  it('l10n/bundle.l10n.json is exactly what @vscode/l10n-dev extracts from src/ (no key missing, none unused): run npm run l10n after a change', async function () {
    // Parses every source file (14 s on a quiet machine, past mocha's 20 s at load 16): work, not a wait.
    this.timeout(180_000);
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
};
/** In kinds.ts the kinds' and fields' English is the default table's: read from the table at load (wordsFromTable). */
const FROM_TABLE_AT_LOAD: Readonly<Record<string, readonly string[]>> = {
  'src/domain/kinds.ts': [...Object.values(EN), 'kinds: no message {}'],
};
/** SQL statements and their parts (columns, conditions): the database's language. */
const SQL = /^(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|ATTACH|DETACH|BEGIN|SAVEPOINT|RELEASE|ROLLBACK|VACUUM|UNION ALL|WHERE|ORDER BY|AND|FROM)(\s|$)|^[a-z]{1,2}\.[a-z_]+ (IS|>=|<|IN|BETWEEN) |^[a-z_]+(, [a-z_]+)+$|^\{\}, deletion_id$|^[a-z_]+ MATCH \?$/;
/** The code of a StoreError, SqlError or GitError. */
const ERROR_CODE = /^(SQLITE_[A-Z]+|TOO_NEW|TOO_OLD|NOT_FOUND)$/;
/** What stays English in a file moved to the table, with the reason. */
const PURE_ALLOWED: readonly { file: string; text: RegExp; why: string }[] = [
  { file: 'src/domain/exportFolder.ts', text: /^Documents$/, why: 'the name of a folder on disk (~/Documents), not a word shown as such' },
  { file: 'src/domain/settings.ts', text: /^(GitHub Copilot|Claude|Cursor|Gemini)$/, why: 'product names: the default of impactLog.aiTools' },
  { file: 'src/domain/flow.ts', text: /^title$/, why: 'a stand-in title so a half-answered entry can be checked field by field; never shown' },
  ...['backups', 'engine', 'followUps', 'importMerge', 'migrationSearchKeys', 'migrationTagTimes', 'migrationSuggestions', 'migrations', 'query', 'reads', 'restore', 'rows', 'store', 'suggestions'].map((f) => ({ file: `src/storage/${f}.ts`, text: SQL, why: 'SQL' })),
  ...['engine', 'recovery', 'store', 'restore', 'backups', 'followUps', 'suggestions'].map((f) => ({ file: `src/storage/${f}.ts`, text: ERROR_CODE, why: 'an error’s code, read by the code that catches it' })),
  { file: 'src/git/runner.ts', text: ERROR_CODE, why: 'an error’s code, read by the code that catches it' },
  { file: 'src/storage/engine.ts', text: /^(this runtime has Node-API \{\}, better-sqlite3 needs|the native SQLite addon could not load|node:sqlite was requested)/, why: 'why the log runs on node:sqlite: only in the output channel line “Opened … (fallback: …)” (logs stay English)' },
  { file: 'src/storage/migrations.ts', text: /^(entries, tags, full-text index, metadata|deletions: each deletion has its own id|follow-ups: answers per entry and checkpoint)/, why: 'a schema version’s description, for the developers reading the migrations; never shown' },
  { file: 'src/storage/migrationSuggestions.ts', text: /^suggestions from Git history$/, why: 'a schema version’s description, for the developers reading the migrations; never shown' },
  { file: 'src/storage/migrationSearchKeys.ts', text: /^entry times on tag rows and a compact table of search keys/, why: 'a schema version’s description, for the developers reading the migrations; never shown' },
  { file: 'src/storage/migrationTagTimes.ts', text: /^a covering index of live tag rows by time/, why: 'a schema version’s description, for the developers reading the migrations; never shown' },
  { file: 'src/storage/lock.ts', text: /^(it was taken \{\} s ago|its content cannot be read|its process \{\} is no longer running)$/, why: 'why a lock is stale: decides whether to take it over, never shown' },
  {
    file: 'src/git/history.ts',
    text: /^\{\}: (no user\.email is set; reading the commits|the repository has no commits yet|HEAD is detached|this is a shallow clone|the remote's host is not one links are made for|\{\} commit message\(s\) were longer than 64 KB)/,
    why: 'HistoryResult.notes: lines of the output channel (“Suggest from Git: …”; logs stay English)',
  },
  {
    file: 'src/git/reverts.ts',
    text: /^\{\}: (not a Git repository with commits|a shallow clone, whose history is cut short|\{\} Reverts older than what was read|stopped after reading \{\} of history)/,
    why: 'findReverts(…).notes: lines of the output channel (RevertProposals.note; logs stay English)',
  },
  { file: 'src/git/reverts.ts', text: /^(Revert "\{\}"|Reapply "\{\}"|--grep=(PR \{\}|This reverts commit|Revert "|Reapply "))$/, why: 'the subjects and trailers Git itself writes into a revert commit, matched as written' },
  { file: 'src/git/reverts.ts', text: /^byte cap$/, why: 'an internal marker: the error that stops reading at the byte budget, caught two lines below' },
  { file: 'src/export/templates/star.ts', text: /^(Situation|Task|Action|Result)$/, why: 'STAR_PARTS: the keys of a story’s parts in the code (Story.parts, the star.part.* messages); the reader sees starPartLabel(…)' },
  { file: 'src/domain/summaryModel.ts', text: /./, why: 'the .describe() texts of the summary model: the JSON Schema docs/summary-model.schema.json for template authors (generated from it, English like docs/TEMPLATES.md, read by editors), never shown in VS Code; the test below checks that every string here is a .describe()' },
  { file: 'src/domain/reflection.ts', text: /^(IMPACT_LOG_TEST_NOW|must be an ISO 8601 date and time such as|is not a date and time that exists|\{\} \{\} \(it is \{\}\)|is not valid)/, why: 'the IMPACT_LOG_TEST_NOW test hook: only tests set it, its problem goes to the output channel' },
];

describe('localisation: the pure layers’ user-visible words come from the message table', () => {
  it('no English string in src/domain, src/export, src/storage or src/git bypasses msg(…), except the files and strings listed with their reasons', () => {
    const left = bypasses(ROOT, PURE_CODE).filter(
      (b) => !(b.file in PURE_ENGLISH) && !FROM_TABLE_AT_LOAD[b.file]?.includes(b.text) && !PURE_ALLOWED.some((a) => a.file === b.file && a.text.test(b.text)),
    );
    assert.deepEqual(left.map((b) => `${b.file}:${b.line}: ${b.text}`), [], 'move these into src/domain/messages.ts (and src/ui/messages.ts), then npm run l10n');
  });

  it('the summary’s Markdown, the timeline’s groups, the follow-ups, validation, storage and Git errors are moved: none of them is on the English list', () => {
    const validation = ['importFormat', 'commandArgs', 'settings', 'exportArgs', 'backupArgs', 'exportFolder', 'dateInput', 'periods', 'fields', 'entry', 'filter', 'flow', 'location', 'linkInput'].map((f) => `src/domain/${f}.ts`);
    const storage = ['store', 'followUps', 'suggestions', 'engine', 'recovery', 'backups', 'paths', 'migrations', 'migrationSuggestions', 'migrationSearchKeys', 'migrationTagTimes', 'query', 'reads', 'restore', 'lock', 'rows', 'session'].map((f) => `src/storage/${f}.ts`);
    const git = ['runner', 'reverts', 'history'].map((f) => `src/git/${f}.ts`);
    const sweepA = ['src/export/insightsText.ts', 'src/export/entryMarkdown.ts', 'src/export/format.ts', 'src/domain/reviewTemplates.ts', 'src/domain/summaryModel.ts', 'src/domain/suggestions.ts', 'src/domain/suggestionStep.ts', 'src/git/grouping.ts'];
    const templates = ['brag', 'competencies', 'custom', 'model', 'shared', 'star', 'wordBudget'].map((t) => `src/export/templates/${t}.ts`);
    for (const f of ['src/export/markdown.ts', 'src/export/followUpsMarkdown.ts', 'src/domain/summary.ts', 'src/domain/followUpSummary.ts', 'src/domain/grouping.ts', 'src/domain/followUps.ts', 'src/domain/discard.ts', 'src/export/importStream.ts', ...validation, ...storage, ...git, ...sweepA, ...templates]) {
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

  /** Every problem of a refusal is the table's, and so is what it is about; the fields keep their argument keys. */
  const fromTable = (err: unknown, fields: readonly string[]): void => {
    assert.ok(err instanceof ValidationError, String(err));
    assert.match(err.what, /^⟦/, `what: ${err.what}`);
    assert.deepEqual(err.problems.map((p) => p.field).sort(), [...fields].sort(), err.message);
    for (const p of err.problems) assert.match(p.problem, /^⟦.*⟧$/, `${p.field}: ${p.problem}`);
  };
  const refusal = (d: { action: string; error?: unknown }): unknown => (d.action === 'refuse' ? d.error : assert.fail(`not refused: ${JSON.stringify(d)}`));
  const ID = '0b6c3d4e-1f2a-4b5c-8d9e-0f1a2b3c4d5e';

  it('command-argument, import, setting, filter, period and field problems come from the table, naming the argument key or field as given', async () => {
    fromTable(refusal(decideLog('problem', { kind: 'note' })), ['kind']);
    fromTable(refusal(decideLog(undefined, { kind: 'nonsense' })), ['kind']);
    fromTable(refusal(decideEdit({ id: ID }, () => undefined)), ['id']);
    fromTable(refusal(decideDelete({ id: 'not-a-uuid' })), ['id']);
    fromTable(refusal(decideDelete({})), ['id']);
    fromTable(refusal(decideExportSummary({ from: '2026-01-01' })), ['to']);
    fromTable(refusal(decideExportSummary({ period: 'lastHalf', from: '2026-01-01', to: '2026-02-01' })), ['period']);
    fromTable(refusal(decideExportSummary({ template: 'star', format: 'csv' })), ['template']);
    fromTable(refusal(decideRestore({ path: 'relative.sqlite' })), ['path']);
    fromTable(refusal(decideLog('incident', { title: 't', causedBy: 'x' })), ['causedBy']);
    fromTable(refusal(decideLog('shipped', { title: 't', links: ['ftp://x'] })), ['links[0].url']);
    assert.throws(() => parseFilter({ text: '!!!', from: '2026-02-01', to: '2026-01-01' }), (e: unknown) => (fromTable(e, ['text', 'to']), true));
    assert.throws(() => resolvePeriod({ preset: 'sinceLastExport' }, { now: NOW, fiscalYearStartMonth: 1 }), (e: unknown) => (fromTable(e, ['preset']), true));
    assert.throws(() => resolvePeriod({ from: '2026-1-x', to: '2026-12-31' }, { now: NOW, fiscalYearStartMonth: 1 }), (e: unknown) => (fromTable(e, ['from']), true));
    assert.throws(() => parseOrThrow(newEntryInputSchema('problem'), { title: 't', identifiedAt: '2026-02-01', resolvedAt: '2026-01-01' }, 'Entry'), (e: unknown) => e instanceof ValidationError && /^⟦must not be before identifiedAt⟧$/.test(e.problems[0]!.problem));
    assert.equal(resolvePeriod({ from: '2026-01-05', to: '2026-01-09' }, { now: NOW, fiscalYearStartMonth: 1 }).period.name, '⟦2026-01-05 to 2026-01-09⟧');

    assert.throws(() => parseImportFile('{'), (e: unknown) => (fromTable(e, ['']), true));
    assert.throws(() => parseImportFile('[]'), (e: unknown) => (fromTable(e, ['']), true));
    assert.throws(() => parseImportFile(JSON.stringify({ format: 'other', version: 99 })), (e: unknown) => (fromTable(e, ['format', 'version']), true));
    const entry = { id: ID, kind: 'note', title: 'x', occurredAt: '2026-01-01T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', fields: {} };
    const twice = JSON.stringify({ format: 'impact-log', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', entries: [entry, entry], followUps: [] });
    assert.throws(() => parseImportFile(twice), (e: unknown) => (fromTable(e, ['version', 'entries[1].id']), true));
    const dir = mkdtempSync(join(tmpdir(), 'impact-log-l10n-'));
    try {
      const file = join(dir, 'twice.json');
      writeFileSync(file, twice);
      await assert.rejects(validateImportStream(file), (e: unknown) => (fromTable(e, ['version', 'entries[1].id']), true));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const settings = parseSettings((k) => (k === 'backup.keep' ? 'many' : k === 'git.authorEmails' ? ['nobody'] : k === 'reflection.time' ? '25:00' : undefined)).problems;
    assert.deepEqual(settings.map((p) => p.key), ['impactLog.backup.keep', 'impactLog.git.authorEmails', 'impactLog.reflection.time']);
    assert.deepEqual(settings.map((p) => p.problem), ['⟦must be ⟦a number⟧⟧', '[0] ⟦must be an email address⟧', '⟦must be a time such as 16:00⟧']);
    assert.equal(settingWarning(settings[0]!), '⟦Setting impactLog.backup.keep ⟦must be ⟦a number⟧⟧; using the default instead.⟧');

    const link = readLink('ftp://example.com');
    assert.ok('problem' in link && /^⟦“ftp:\/\/example\.com” is not a web link/.test(link.problem), JSON.stringify(link));
    assert.match(missingLocationMessage({ file: 'src/a.ts', workspaceFolder: 'shop', startLine: undefined, endLine: undefined }, 0), /^⟦Impact Log: ⟦src\/a\.ts \(logged in the workspace folder “shop”\)⟧ cannot be opened/);
    const date = readDateInput('someday', { now: NOW, timeZone: 'UTC' });
    assert.deepEqual(date, { ok: false, problem: `⟦must be ⟦${EN['date.hint']}⟧⟧` });
  });

  it('path, log-file, backup, recovery and Git errors shown to the user come from the table', async () => {
    assert.throws(() => checkUserPath('relative/log.sqlite'), (e: unknown) => e instanceof Error && /^⟦Cannot use relative\/log\.sqlite as ⟦the path⟧: it is not an absolute path\./.test(e.message));
    if (process.platform !== 'win32') assert.throws(() => ensureFolder('/proc/impact-log-l10n/x', { what: 'the export folder' }), (e: unknown) => e instanceof Error && /^⟦Cannot use \/proc\/impact-log-l10n\/x as the export folder: it is inside \/proc, a system folder/.test(e.message));
    const story = describeRecovery({ problem: 'it broke', damagedFile: '/logs/damaged.sqlite', restoredFrom: { path: '/logs/backups/b.sqlite', takenAt: NOW, entries: 2 }, missingSince: NOW, unusableBackups: [{ path: '/x', problem: 'y' }] }, '/logs/backups');
    assert.match(story, /^⟦Impact Log could not open your log because it broke\.⟧ ⟦The damaged file was moved, not deleted, to \/logs\/damaged\.sqlite\.⟧ ⟦1 newer backup was damaged too and was skipped\.⟧ ⟦Your log was restored from the backup of .+ \(2 entries\), \/logs\/backups\/b\.sqlite\.⟧ ⟦Entries you added or changed after .+ may be missing; the damaged file may still hold them\.⟧$/);
    assert.match(describeRecovery({ problem: 'p', damagedFile: undefined, unusableBackups: [] }, '/logs/backups'), /⟦The damaged file could not be found any more\.⟧ ⟦No usable backup was found in \/logs\/backups, so Impact Log started a new, empty log\.⟧$/);

    const dir = mkdtempSync(join(tmpdir(), 'impact-log-l10n-'));
    try {
      const path = join(dir, 'log.sqlite');
      (await EntryStore.open({ path })).close();
      await assert.rejects(EntryStore.open({ path, migrations: MIGRATIONS.slice(0, 1) }), (e: unknown) => e instanceof Error && /^⟦This log was written by a newer version of Impact Log \(schema \d+; this version knows 1\)\./.test(e.message));
      const store = await EntryStore.open({ path });
      try {
        assert.throws(() => store.update(ID, { title: 'x' }), (e: unknown) => e instanceof Error && e.message === `⟦No entry with id ${ID}; it may have been removed in another window.⟧`);
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    await assert.rejects(new GitRunner(join(tmpdir(), 'no-such-git-for-l10n')).version({ cwd: tmpdir() }), (e: unknown) => e instanceof Error && /^⟦git was not found at “.*no-such-git-for-l10n”\./.test(e.message));
    await assert.rejects(new GitRunner().run(['push'], { cwd: tmpdir() }), (e: unknown) => e instanceof Error && e.message === '⟦Refused to run git push: only read-only commands are run.⟧');
  });

  /**
   * Every string a person typed into the entries (titles, text fields, tags, details, link labels), as
   * words. A choice's stored value (`handled`, `mentoring`, `critical`) is not the user's own: it is
   * shown in the table's words, so it is left out here and counts as untranslated where it shows.
   */
  const ownWords = (entries: readonly Entry[], extra: readonly string[] = []) => {
    const out = new Set<string>();
    const add = (v: unknown): void => {
      if (typeof v === 'string') for (const w of v.match(/[A-Za-z]{3,}/g) ?? []) out.add(w.toLowerCase());
      else if (Array.isArray(v)) v.forEach(add);
      else if (v && typeof v === 'object') Object.values(v).forEach(add);
    };
    const typed = (e: Entry) => {
      const choices = new Set<string>(KINDS[e.kind].fields.filter((f) => f.type === 'choice').map((f) => f.key));
      return Object.entries(e.fields).filter(([k]) => !choices.has(k)).map(([, v]) => v);
    };
    for (const e of entries) add([e.title, e.details, e.tags, typed(e), e.links.map((l) => [l.label ?? '', l.url]), e.context]);
    add(extra);
    return out;
  };
  /** The words of `doc` outside every ⟦…⟧ of the pseudo table that are neither the user's own nor a link address. */
  function untranslated(doc: string, own: ReadonlySet<string>): string[] {
    let rest = doc;
    for (let before = ''; before !== rest; ) {
      before = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    rest = rest.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
    return [...new Set((rest.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !own.has(w.toLowerCase())))];
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
      assert.deepEqual(untranslated(md, own), [], md);
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

describe('localisation: the locale module’s words (src/domain/format.ts) come from the table', () => {
  const pseudo: Messages = Object.fromEntries(Object.entries(EN).map(([k, v]) => [k, `⟦${v}⟧`])) as Messages;
  let before: Messages | undefined;
  beforeEach(() => (before = useMessages(pseudo)));
  afterEach(() => useMessages(before!));

  it('durations, yes / no, a field’s value in words and the status bar', () => {
    assert.equal(formatDuration(45 * 60_000), '⟦45 min⟧');
    assert.equal(formatDuration(5.5 * 3_600_000), '⟦5⟦.⟧5 hours⟧');
    assert.equal(formatDuration(24 * 3_600_000), '⟦1 day⟧');
    assert.equal(formatDuration(60 * 3_600_000), '⟦2⟦.⟧5 days⟧');
    assert.equal(fieldText({ type: 'boolean' }, true), '⟦yes⟧');
    assert.equal(fieldText({ type: 'boolean' }, false), '⟦no⟧');
    assert.deepEqual(answerWords('incident', { role: 'caused', minutesToMitigate: 30, severity: 'high', tags: ['db'], links: ['a', 'b'], impact: 'high' }), [
      '⟦caused and fixed by you⟧',
      '⟦mitigated in ⟦30 min⟧⟧',
      '⟦⟦high⟧ severity⟧',
      '#db',
      '⟦2 links⟧',
      '⟦⟦high⟧ impact⟧',
    ]);
    assert.deepEqual(answerWords('ai-assist', { task: 'a cache', minutesSaved: -20, rework: false }), ['⟦task “a cache”⟧', '⟦lost ⟦20 min⟧⟧', '⟦no rework⟧']);
    assert.equal(statusText(3), '⟦$(checklist) 3 this week⟧');
    assert.equal(statusLabel(1), '⟦Impact Log: 1 outcome this week⟧');
    assert.equal(statusLabel(2), '⟦Impact Log: 2 outcomes this week⟧');
  });

  it('a stored choice (severity, verdict, category, impact) is read in the table’s words; an unknown one as stored', () => {
    assert.equal(fieldText({ type: 'choice' }, 'high'), '⟦high⟧');
    assert.equal(fieldText({ type: 'choice' }, 'accepted'), '⟦accepted⟧');
    assert.equal(fieldText({ type: 'choice' }, 'not-a-choice'), 'not-a-choice');
    assert.deepEqual(answerWords('review-catch', { severity: 'critical', category: 'security' }), ['⟦⟦critical⟧ severity⟧', '⟦security⟧']);
    assert.deepEqual(answerWords('ai-assist', { verdict: 'discarded' }), ['⟦discarded⟧']);
    assert.deepEqual(answerWords('note', { category: 'glue', impact: 'medium' }), ['⟦glue⟧', '⟦⟦medium⟧ impact⟧']);
    assert.equal(groupAccessibleLabel('Today', 1), '⟦Today, 1 entry⟧');
    assert.equal(groupAccessibleLabel('Today', 3), '⟦Today, 3 entries⟧');
  });
});

describe('localisation: the shipped German table reads a stored entry in German', () => {
  let before: Messages | undefined;
  beforeEach(() => (before = useMessages(shippedTable('de'))));
  afterEach(() => useMessages(before!));

  it('durations with a decimal comma, choices, yes / no and the status bar', () => {
    assert.equal(formatDuration(60 * 3_600_000), '2,5 Tage');
    assert.equal(formatDuration(45 * 60_000), '45 Min.');
    assert.equal(fieldText({ type: 'choice' }, 'high'), 'hoch');
    assert.equal(fieldText({ type: 'boolean' }, true), 'ja');
    assert.deepEqual(answerWords('ai-assist', { verdict: 'discarded', rework: false }), ['verworfen', 'keine Nacharbeit']);
    assert.equal(statusLabel(3), 'Impact Log: 3 Ergebnisse diese Woche');
    assert.equal(groupAccessibleLabel('Heute', 2), 'Heute, 2 Einträge');
  });

  it('the summary, Copy as Markdown and Insights read stored choices in German (an incident handled, a note on mentoring, a catch in security)', () => {
    const p = fixturePeriod();
    const entries = currentEntries();
    const md = summaryToMarkdown(buildSummary({ period: p.period, previous: p.previous, entries, previousEntries: previousEntries(), now: NOW }));
    const line = (title: string) => md.split('\n').find((l) => l.includes(title)) ?? '';
    assert.match(line('Checkout outage during the autumn sale'), / · bearbeitet · kritisch · /);
    assert.match(line('Mentored two new hires'), / · Mentoring · /);
    assert.match(line('SQL injection in the search endpoint'), / · kritisch · Sicherheit · /);
    assert.match(md, /\| kritisch \| 1 \| Sicherheit \(1\) \|/);
    assert.doesNotMatch(md, / · (handled|mentoring|security|critical) · /);
    const problem = entries.find((e) => e.kind === 'problem' && e.fields.aiInvolvement === 'assisted')!;
    assert.match(entryToMarkdown(problem), /unterstützt/);
    const catches = describeInsights(buildInsights({ period: p.period, previous: p.previous, entries, previousEntries: previousEntries(), now: NOW }), 'de').charts.find((c) => c.id === 'catches')!;
    assert.ok(catches.table.rows.some((r) => r.cells[1] === 'Sicherheit'), JSON.stringify(catches.table.rows));
  });
});
