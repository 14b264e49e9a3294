// Opening an entry (#14 point 3) and the timeline's keys (point 8) in the real extension host: Enter
// or a click on a row runs the row's command, which shows the entry view; its buttons act on the
// entry; Open location opens the file at the recorded lines; rename (F2) and undo (Ctrl+Z) commands.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImpactLogApi } from '../../src/ui/api';
import { api, extension, waitFor } from './helpers';

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

function entryView(a: ImpactLogApi) {
  const v = a.entryView;
  assert.ok(v, 'the API has no entry view');
  return v;
}

/** The tabs showing the entry view (a webview tab of ours). */
const entryTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('impactLog.entry'));

async function logNote(extra: Record<string, unknown> = {}): Promise<string> {
  const id = await vscode.commands.executeCommand<string>('impactLog.logNote', { title: `note ${stamp()}`, details: 'Paired on the flaky test.', tags: ['pairing'], ...extra });
  assert.equal(typeof id, 'string');
  return id;
}

describe('Entry view', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Enter or a click on a timeline row runs “Open Entry”, which shows the whole entry read-only', async function () {
    this.timeout(30_000);
    const a = await api();
    const id = await logNote({ title: `Paired with Sam ${stamp()}`, links: [{ url: 'https://example.com/pr/9', label: 'PR #9' }] });
    const timeline = a.timeline;
    assert.ok(timeline);
    const node = await waitFor('the entry in the timeline', () => timeline.provider.findEntry(id));
    const item = timeline.provider.getTreeItem(node);
    assert.equal(item.command?.command, 'impactLog.openEntry', 'the row has no command, so Enter and click do nothing');
    // What VS Code does on Enter or a click: run the item's command with its arguments.
    assert.equal(await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? [])), id);
    const shown = await waitFor('the entry view', () => entryView(a).shown());
    assert.equal(shown.id, id);
    const entry = (await a.store()).get(id)!;
    assert.ok(shown.html.includes(`<h1>${entry.title}</h1>`), 'the view shows the title');
    assert.match(shown.html, /Paired on the flaky test\./);
    assert.match(shown.html, /data-action="edit"/);
    assert.match(shown.html, /data-action="delete"/);
    assert.match(shown.html, /data-action="openLinks"/);
    assert.doesNotMatch(shown.html, /data-action="openLocation"/, 'no file context, no Open location');
    await waitFor('the entry view’s tab', () => entryTabs().length === 1).catch(() => {
      throw new Error(`no entry view tab; tabs: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => ({ label: t.label, input: t.input, type: t.input?.constructor?.name })))}`);
    });
  });

  it('one view is reused for the next entry opened, and follows a change to the entry', async function () {
    this.timeout(30_000);
    const a = await api();
    const first = await logNote();
    const second = await logNote();
    await vscode.commands.executeCommand('impactLog.openEntry', { id: first });
    await vscode.commands.executeCommand('impactLog.openEntry', { id: second });
    assert.equal(entryView(a).shown()?.id, second);
    const title = (await a.store()).get(second)!.title;
    await waitFor('the view’s tab to name the second entry', () => entryTabs().some((t) => t.label === title));
    assert.equal(entryTabs().length, 1, 'a second view was opened');
    await vscode.commands.executeCommand('impactLog.editEntry', { id: second, title: 'Renamed elsewhere' });
    await waitFor('the view to show the new title', () => entryView(a).shown()?.html.includes('<h1>Renamed elsewhere</h1>'));
  });

  it('its Delete button deletes the entry; the view announces it with Undo, which restores that entry', async function () {
    this.timeout(30_000);
    const a = await api();
    const store = await a.store();
    const id = await logNote();
    const title = store.get(id)!.title;
    await vscode.commands.executeCommand('impactLog.openEntry', { id });
    await entryView(a).receive({ action: 'delete' });
    assert.notEqual(store.get(id)?.deletedAt, null, 'the entry was not deleted');
    await waitFor('the view to announce the deletion', () => entryView(a).shown()?.html.includes(`Deleted “${title}”.`));
    assert.match(entryView(a).shown()!.html, /data-action="undo"/);
    // Another deletion after it: the view's Undo still restores the entry it shows, not the last one deleted.
    const other = await logNote();
    await vscode.commands.executeCommand('impactLog.deleteEntry', { id: other });
    assert.deepEqual(await entryView(a).receive({ action: 'undo' }), [id]);
    assert.equal(store.get(id)?.deletedAt, null);
    assert.notEqual(store.get(other)?.deletedAt, null, 'the view’s Undo restored another entry');
    await waitFor('the view to show the entry again', () => entryView(a).shown()?.html.includes('data-action="edit"'));
    assert.equal(await entryView(a).receive({ action: 'undo' }), undefined, 'Undo on an entry that is not deleted does nothing');
    await vscode.commands.executeCommand('impactLog.undoDelete');
  });

  it('ignores a message that is not one of its buttons', async () => {
    const a = await api();
    const store = await a.store();
    const id = await logNote();
    await vscode.commands.executeCommand('impactLog.openEntry', { id });
    const before = store.get(id);
    for (const m of [{ action: 'drop table' }, { action: 'openLink', index: -1 }, 'delete', { action: 'delete', extra: 1 }]) assert.equal(await entryView(a).receive(m), undefined);
    assert.deepEqual(store.get(id), before);
  });

  it('refuses a bad argument and opens nothing', async () => {
    const a = await api();
    for (const arg of [{ id: 'not-a-uuid' }, { id: '00000000-0000-4000-8000-000000000000' }, 42]) {
      assert.equal(await vscode.commands.executeCommand('impactLog.openEntry', arg), undefined, JSON.stringify(arg));
    }
    assert.equal(entryView(a).shown(), undefined);
  });
});

describe('Open entry location', () => {
  let folder: vscode.WorkspaceFolder;
  let path: string;

  before(async () => {
    await api();
    const f = vscode.workspace.workspaceFolders?.[0];
    assert.ok(f, 'the tests need a workspace folder');
    folder = f;
    mkdirSync(join(folder.uri.fsPath, 'located'), { recursive: true });
    path = join(folder.uri.fsPath, 'located', `notes-${stamp()}.md`);
    writeFileSync(path, ['# Notes', 'line two', 'line three', 'line four', 'line five', ''].join('\n'));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Logs a note from lines `first`–`last` of the file (as Log from Selection does). */
  async function logFromLines(first: number, last: number): Promise<string> {
    const doc = await vscode.workspace.openTextDocument(path);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(first - 1, 0, last - 1, doc.lineAt(last - 1).text.length);
    const id = await vscode.commands.executeCommand<string>('impactLog.logFromSelection', { kind: 'note', title: `from lines ${stamp()}` });
    assert.equal(typeof id, 'string');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    return id;
  }

  it('opens the file at the recorded lines, from the command and from the view’s button', async function () {
    this.timeout(30_000);
    const a = await api();
    const id = await logFromLines(2, 4);
    const entry = (await a.store()).get(id)!;
    assert.match(entry.context.file ?? '', /^located\/notes-/);
    const uri = await vscode.commands.executeCommand<string>('impactLog.openEntryLocation', { id });
    assert.equal(uri, vscode.Uri.file(path).toString());
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, path);
    assert.equal(editor.selection.start.line, 1);
    assert.equal(editor.selection.end.line, 3);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await vscode.commands.executeCommand('impactLog.openEntry', { id });
    assert.match(entryView(a).shown()!.html, /data-action="openLocation">Open located\/notes-[^<]*:2–4</);
    await entryView(a).receive({ action: 'openLocation' });
    await waitFor('the file to open', () => vscode.window.activeTextEditor?.document.uri.fsPath === path);
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, 1);
  });

  it('a file that is gone opens nothing (the user is told to open the folder it was logged in)', async function () {
    this.timeout(30_000);
    const id = await logFromLines(1, 1);
    const gone = path;
    rmSync(gone);
    try {
      assert.equal(await vscode.commands.executeCommand('impactLog.openEntryLocation', { id }), undefined);
      assert.notEqual(vscode.window.activeTextEditor?.document.uri.fsPath, gone);
    } finally {
      writeFileSync(gone, ['# Notes', 'line two', 'line three', 'line four', 'line five', ''].join('\n'));
    }
  });

  it('an entry not logged from a file has no location to open', async () => {
    const id = await logNote();
    assert.equal(await vscode.commands.executeCommand('impactLog.openEntryLocation', { id }), undefined);
  });
});

describe('Timeline keys: F2 renames, Ctrl+Z undoes the last delete', () => {
  const bindings = () => (extension().packageJSON as { contributes: { keybindings: { command: string; key: string; mac?: string; when?: string }[] } }).contributes.keybindings;

  it('F2 and Ctrl+Z / Cmd+Z are bound in the focused timeline only, never while typing', () => {
    const rename = bindings().find((b) => b.command === 'impactLog.renameEntry');
    const undo = bindings().find((b) => b.command === 'impactLog.undoDelete');
    assert.equal(rename?.key, 'f2');
    assert.equal(undo?.key, 'ctrl+z');
    assert.equal(undo?.mac, 'cmd+z');
    for (const b of [rename, undo]) assert.equal(b?.when, 'focusedView == impactLog.timeline && !inputFocus');
  });

  it('Delete and F2 act on the row with the keyboard focus (VS Code passes it for $focusedTreeItem), not the selection', () => {
    for (const command of ['impactLog.deleteEntry', 'impactLog.renameEntry']) {
      const b = bindings().find((k) => k.command === command) as { args?: unknown } | undefined;
      assert.deepEqual(b?.args, { $treeViewId: 'impactLog.timeline', $focusedTreeItem: true }, command);
    }
  });

  it('Ctrl+Z / Cmd+Z in the entry view undoes the last delete, only while the view has the keyboard', () => {
    const inView = bindings().find((b) => b.command === 'impactLog.undoDelete' && b.when?.includes('impactLog.entry'));
    assert.equal(inView?.key, 'ctrl+z');
    assert.equal(inView?.mac, 'cmd+z');
    assert.equal(inView?.when, "activeWebviewPanelId == 'impactLog.entry' && focusedView == '' && !inputFocus");
  });

  it('Delete or F2 on a row that is not an entry (a date group) deletes and renames nothing', async function () {
    this.timeout(30_000);
    const a = await api();
    const store = await a.store();
    const id = await logNote();
    const timeline = a.timeline!;
    const node = await waitFor('the entry in the timeline', () => timeline.provider.findEntry(id));
    await timeline.view.reveal(node, { select: true, focus: true });
    const before = store.count();
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.deleteEntry', node.parent), []);
    assert.equal(await vscode.commands.executeCommand('impactLog.renameEntry', node.parent), undefined);
    assert.equal(store.count(), before, 'Delete on a group deleted the selected entry');
    assert.equal(store.get(id)?.deletedAt, null);
  });

  it('rename (what F2 runs) changes only the title; an empty title is refused and changes nothing', async () => {
    const store = await (await api()).store();
    const id = await logNote();
    const before = store.get(id)!;
    assert.equal(await vscode.commands.executeCommand('impactLog.renameEntry', { id, title: 'Paired with Sam on the flaky login test' }), id);
    const after = store.get(id)!;
    assert.equal(after.title, 'Paired with Sam on the flaky login test');
    assert.deepEqual({ ...after, title: before.title, updatedAt: before.updatedAt }, before);
    assert.equal(await vscode.commands.executeCommand('impactLog.renameEntry', { id, title: '' }), undefined);
    assert.equal(store.get(id)?.title, 'Paired with Sam on the flaky login test');
  });

  it('the Delete key’s command on the focused row (its node), then Ctrl+Z’s command (no argument), restores it', async function () {
    this.timeout(30_000);
    const a = await api();
    const store = await a.store();
    const id = await logNote();
    const timeline = a.timeline!;
    await vscode.commands.executeCommand('impactLog.timeline.focus');
    const node = await waitFor('the entry in the timeline', () => timeline.provider.findEntry(id));
    await timeline.view.reveal(node, { select: true, focus: true });
    await waitFor('the row to be selected', () => timeline.view.selection.some((n) => 'entryId' in n && n.entryId === id));
    // Delete (the Delete key's command: VS Code passes the focused row's node) then undo (Ctrl+Z's command, no argument).
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.deleteEntry', node), [id]);
    assert.notEqual(store.get(id)?.deletedAt, null);
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.undoDelete'), [id]);
    assert.equal(store.get(id)?.deletedAt, null, 'Ctrl+Z did not restore the entry');
  });
});
