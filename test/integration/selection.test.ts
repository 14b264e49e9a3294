// Log from Selection in the real extension host: title from the selection, file and line range,
// and the Git repository, branch and HEAD commit from the built-in Git extension. Also drives the
// log prompts with the workbench's own Enter/Down/Escape commands (the title comes pre-filled).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api } from './helpers';
import { acceptSteps, acceptUntilDone, down, escape, start } from './quickInput';

const SOURCE = [
  'export function greet(name: string): string {',
  '  // TODO: escape the user name before it reaches the HTML',
  '  return `<p>Hello ${name}</p>`;',
  '}',
  '',
].join('\n');

describe('Log from selection', () => {
  let file: vscode.Uri;
  let head: string;
  let folderName: string;

  before(async function () {
    this.timeout(60_000);
    await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need a workspace folder');
    folderName = folder.name;
    const repo = join(folder.uri.fsPath, 'greeter');
    mkdirSync(join(repo, 'src'), { recursive: true });
    writeFileSync(join(repo, 'src', 'greet.ts'), SOURCE);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'feature/escape-names');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'add', '.');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'greet');
    git('remote', 'add', 'origin', 'https://someone:s3cret@github.com/acme/greeter.git');
    head = git('rev-parse', 'HEAD');
    file = vscode.Uri.file(join(repo, 'src', 'greet.ts'));
  });

  async function selectLines(first: number, last: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    // 0-based: from the start of `first` to the end of `last` (1-based line numbers in the entry).
    // The extension reads the selection from the same extension host: it is current at once.
    editor.selection = new vscode.Selection(first - 1, 0, last - 1, doc.lineAt(last - 1).text.length);
  }

  it('records the title, file, line range and Git context, without credentials', async function () {
    this.timeout(60_000);
    const store = await (await api()).store();
    await selectLines(2, 3);
    // Kind step (first item: Problem solved), title pre-filled, two quick fields, "Log it".
    const { result: id, presses } = await acceptUntilDone(start<string>('impactLog.logFromSelection'));
    assert.equal(typeof id, 'string');
    assert.equal(presses, 5);
    const e = store.get(id!);
    assert.ok(e);
    assert.equal(e.kind, 'problem');
    assert.equal(e.title, 'TODO: escape the user name before it reaches the HTML');
    assert.deepEqual(e.fields, {});
    assert.equal(e.context.workspaceFolder, folderName);
    assert.equal(e.context.file, 'greeter/src/greet.ts');
    assert.equal(e.context.startLine, 2);
    assert.equal(e.context.endLine, 3);
    assert.equal(e.context.repo, 'github.com/acme/greeter');
    assert.equal(e.context.branch, 'feature/escape-names');
    assert.equal(e.context.commit, head);
    assert.ok(!JSON.stringify(e).includes('s3cret'), 'the remote credentials were stored');
  });

  it('with a partial argument asks only the steps it does not cover', async function () {
    this.timeout(60_000);
    const store = await (await api()).store();
    await selectLines(1, 1);
    const { result: id, presses } = await acceptUntilDone(start<string>('impactLog.logFromSelection', { kind: 'ai-assist', verdict: 'accepted', tool: 'Claude' }));
    // Title (pre-filled) and "Log it": the verdict's reason step is not asked for an accepted assist.
    assert.equal(presses, 2);
    const e = store.get(id!);
    assert.equal(e?.kind, 'ai-assist');
    assert.equal(e?.title, 'export function greet(name: string): string {');
    assert.deepEqual(e?.fields, { verdict: 'accepted', tool: 'Claude' });
    assert.equal(e?.context.startLine, 1);
    assert.equal(e?.context.endLine, 1);
  });

  it('a complete argument logs straight away with the selection context', async () => {
    const store = await (await api()).store();
    await selectLines(3, 3);
    const id = await vscode.commands.executeCommand<string>('impactLog.logFromSelection', { kind: 'review-catch', title: 'XSS in greet()', severity: 'high', category: 'security' });
    const e = store.get(id);
    assert.equal(e?.title, 'XSS in greet()');
    assert.equal(e?.context.file, 'greeter/src/greet.ts');
    assert.equal(e?.context.startLine, 3);
    assert.equal(e?.context.branch, 'feature/escape-names');
  });

  it('"Add more details…" asks every remaining field, and Enter skips each', async function () {
    this.timeout(60_000);
    const store = await (await api()).store();
    await selectLines(2, 2);
    const { result: id, presses } = await acceptUntilDone(start<string>('impactLog.logFromSelection', { kind: 'shipped' }), {
      before: async (step) => {
        if (step === 1) await down(); // on "Log it / Add more details…"
      },
    });
    // title, finish, then customerVisible, release, tags, links, impact, when, details
    assert.equal(presses, 9);
    const e = store.get(id!);
    assert.equal(e?.kind, 'shipped');
    assert.deepEqual(e?.fields, {});
    assert.deepEqual(e?.tags, []);
    assert.equal(e?.impact, null);
    assert.ok(Math.abs(Date.parse(e?.occurredAt ?? '') - Date.now()) < 60_000, 'an empty date should mean now');
  });

  it('Escape at a later step writes nothing', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    await selectLines(2, 3);
    const running = start<string>('impactLog.logFromSelection', { kind: 'review-catch' });
    assert.equal(await acceptSteps(running, 2), 2); // title, severity: skip
    await escape(running); // at the category step
    assert.equal(await running, undefined);
    assert.equal(store.count({ deleted: 'include' }), before);
  });
});
