// Security in the real extension host: every contributed command is run (with argument objects
// where it takes them) while tripwires record any network module the extension loads and any
// fetch it makes. VS Code itself loads net/http in this process, so the tripwires only count
// requires whose requiring module is a file of the installed extension, and fetch calls whose
// stack passes through it. A self-test proves the tripwires catch such a require.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { listBackups } from '../../src/storage/backups';
import { api, contributedCommands, extension } from './helpers';
import { escape, prompt, start } from './quickInput';

const NETWORK = /^(node:)?(http|https|net|tls|dns|dns\/promises|http2|dgram|undici)$/;
type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;

describe('Security in the extension host', function () {
  this.timeout(180_000);
  const seen: string[] = [];
  const mod = Module as unknown as { _load: Load };
  let originalLoad: Load;
  let originalFetch: typeof fetch;
  let root: string;

  before(() => {
    root = extension().extensionPath;
    originalLoad = mod._load;
    mod._load = function (request, parent, isMain) {
      if (NETWORK.test(request) && parent?.filename?.startsWith(root)) seen.push(`require(${request}) from ${parent.filename}`);
      return originalLoad.call(this, request, parent, isMain);
    };
    originalFetch = globalThis.fetch;
    const tripwire = (...args: Parameters<typeof fetch>) => {
      if ((new Error().stack ?? '').includes(root)) seen.push(`fetch(${typeof args[0] === 'string' ? args[0] : 'a request'})`);
      return originalFetch(...args);
    };
    globalThis.fetch = tripwire;
  });
  after(() => {
    mod._load = originalLoad;
    globalThis.fetch = originalFetch;
  });

  it('the tripwire works here: a require of https from a file of the extension is caught', () => {
    const before = seen.length;
    Module.createRequire(join(root, 'dist', 'tripwire-self-test.js'))('node:https');
    assert.equal(seen.length, before + 1);
    seen.pop();
  });

  it('the bundles (the shell and the core) require no network module and call no fetch', () => {
    for (const bundle of ['extension.js', 'core.js']) {
      const text = readFileSync(join(root, 'dist', bundle), 'utf8');
      const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
      assert.deepEqual(required.filter((r) => NETWORK.test(r)), [], `network modules in dist/${bundle}`);
      assert.doesNotMatch(text, /\bfetch\s*\(/, `fetch in dist/${bundle}`);
    }
  });

  it('every contributed command runs (with argument objects) without loading a network module or calling fetch', async () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-log-security-'));
    const stamp = Date.now().toString(36);
    const doc = await vscode.workspace.openTextDocument({ content: 'const token = process.env.SECRET;\n', language: 'javascript' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 34);

    const ran = new Set<string>();
    /** Runs a command; any prompt it opens is dismissed with Escape, as a person would. */
    const run = async (command: string, ...args: unknown[]): Promise<unknown> => {
      ran.add(command);
      const running = start(command, ...args);
      for (let prompts = 0; (await prompt(running, `${command} to end or prompt`)) !== undefined; prompts++) {
        assert.ok(prompts < 5, `${command} was still asking after ${prompts} presses of Escape`);
        await escape(running);
      }
      return running;
    };

    const ids: Record<string, string> = {};
    for (const [command, kind] of [
      ['impactLog.logProblem', 'problem'], ['impactLog.logAiAssist', 'ai-assist'], ['impactLog.logReviewCatch', 'review-catch'],
      ['impactLog.logShipped', 'shipped'], ['impactLog.logIncident', 'incident'], ['impactLog.logNote', 'note'],
    ] as const) {
      ids[kind] = (await run(command, { title: `security ${kind} ${stamp}`, tags: ['security-suite'] })) as string;
      assert.ok(ids[kind], `${command} logged an entry`);
    }
    assert.ok(await run('impactLog.log', { kind: 'note', title: `security log ${stamp}`, links: ['https://example.com/pr/9'] }));
    assert.ok(await run('impactLog.logFromSelection', { kind: 'review-catch', title: `security selection ${stamp}`, severity: 'high' }));
    await run('impactLog.logFromSelectionInEditor');
    const id = ids.note!;
    await run('impactLog.editEntry', { id, title: `security note edited ${stamp}` });
    await run('impactLog.copyEntryAsMarkdown', { id });
    await run('impactLog.openEntryLinks', { id });
    await run('impactLog.openEntry', { id });
    await run('impactLog.openEntryLocation', { id });
    await run('impactLog.renameEntry', { id, title: `security note renamed ${stamp}` });
    await run('impactLog.logFollowUp', { id });
    await run('impactLog.filterTimeline', { kinds: ['note'], tags: ['security-suite'] });
    await run('impactLog.clearFilter');
    await run('impactLog.refreshTimeline');
    await run('impactLog.loadMore', {});
    // Follow-ups: with an argument, then the picker (dismissed), each one-outcome command, snooze, exclude.
    await run('impactLog.followUp', { id: ids.shipped, outcome: 'held', note: 'security suite', evidence: 'https://example.com/pr/9' });
    await run('impactLog.followUp');
    for (const c of ['impactLog.followUpHeld', 'impactLog.followUpReverted', 'impactLog.followUpCausedIncident', 'impactLog.followUpSuperseded', 'impactLog.followUpUnknown']) await run(c, { id: ids.problem });
    await run('impactLog.snoozeFollowUp', { id: ids.shipped });
    await run('impactLog.excludeFollowUp', { id: ids.shipped, excluded: false });
    await run('impactLog.deleteEntry', { id });
    await run('impactLog.undoDelete');
    await run('impactLog.exportSummary', { period: 'lastHalf', path: join(out, 'summary.md') });
    const json = join(out, 'data.json');
    await run('impactLog.exportData', { format: 'json', path: json });
    await run('impactLog.exportData', { format: 'csv', path: join(out, 'data.csv') });
    await run('impactLog.importData', { path: json });
    await run('impactLog.revealDatabase');
    assert.ok(await run('impactLog.showInsights', { period: 'lastHalf' }));
    // Suggestions from Git: a repository of its own with one commit of mine (git runs locally; its remote is never contacted).
    const repo = mkdtempSync(join(tmpdir(), 'impact-log-security-repo-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Me', GIT_COMMITTER_NAME: 'Me' }, stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'me@example.com');
    git('remote', 'add', 'origin', `git@github.com:acme/security-${stamp}.git`);
    for (const n of [1, 2]) {
      writeFileSync(join(repo, `f${n}.ts`), `${n}\n`);
      git('add', '.');
      git('commit', '-q', '-m', `feat: security suite ${n} (#${n})`);
    }
    const suggested = (await run('impactLog.suggestFromGit', { period: 'thisWeek', repo })) as string[];
    assert.equal(suggested.length, 2);
    assert.ok(await run('impactLog.acceptSuggestion', { id: suggested[0], title: `security suggestion ${stamp}` }));
    assert.deepEqual(await run('impactLog.dismissSuggestion', { id: suggested[1] }), [suggested[1]]);
    // Nothing shown is left to dismiss once the timeline has read the suggestions again (so no modal question).
    const store = await (await api()).store();
    store.suggestions.dismiss(store.suggestions.list().map((x) => x.id));
    (await api()).timeline?.provider.refresh();
    await (await api()).timeline?.provider.getChildren();
    assert.deepEqual(await run('impactLog.dismissAllSuggestions'), []);
    await run('impactLog.reviewNow');
    const backup = (await run('impactLog.backupNow')) as string;
    assert.ok(backup);
    assert.ok(await run('impactLog.restoreBackup', { path: backup, confirm: false }));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    assert.deepEqual(contributedCommands().map((c) => c.command).filter((c) => !ran.has(c)), [], 'every contributed command was run');
    assert.deepEqual(seen, [], 'network use by the extension');
  });

  it('the log, the backup folder and every backup are owner-only', async function () {
    if (process.platform === 'win32') this.skip();
    const db = (await api()).databasePath;
    assert.equal(statSync(db).mode & 0o777, 0o600);
    const backups = join(dirname(db), 'backups');
    assert.equal(statSync(backups).mode & 0o777, 0o700);
    for (const b of listBackups(backups)) assert.equal(statSync(b.path).mode & 0o777, 0o600, b.path);
  });
});
