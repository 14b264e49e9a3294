// "Reverted? proposed from Git" (#15 item 4, #16 item 2) in the real extension host, on real
// repositories the tests build and open in VS Code's Git extension: a change shipped whose commit a
// later `git revert` undid is proposed as reverted (never answered until confirmed), confirming
// records `reverted` with the revert commit as evidence; a repository without a revert proposes
// nothing; "Suggest from Git" offers the revert as the answer to the change's follow-up.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TimelineNode } from '../../src/ui/timeline/nodes';
import { api } from './helpers';
import { escape, press, prompt, start } from './quickInput';
import { type Prompt, ui } from './ui';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

interface GitExtensionApi {
  openRepository(root: vscode.Uri): Promise<unknown>;
}

/** Opens `dir` in VS Code's Git extension, so it is a repository of the workspace. */
async function openInGit(dir: string): Promise<void> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitExtensionApi }>('vscode.git');
  assert.ok(ext, 'VS Code’s Git extension is installed');
  const gitApi = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
  assert.ok(await gitApi.openRepository(vscode.Uri.file(dir)), `the Git extension opened ${dir}`);
}

/** The item highlighted in a quick pick of the extension, once the workbench has reported one. */
const highlighted = (p: Prompt) => {
  const qp = p.input as vscode.QuickPick<vscode.QuickPickItem>;
  return ui().until(() => qp.activeItems[0], `an item highlighted in “${p.title}”`, 20_000, 50);
};

describe('Follow-ups: Reverted? proposed from Git', function () {
  this.timeout(60_000);
  let dir: string;
  let home: string;
  let slug: string;
  const env = () => ({ ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: home, XDG_CONFIG_HOME: home, GIT_AUTHOR_NAME: 'Me', GIT_COMMITTER_NAME: 'Me', GIT_AUTHOR_EMAIL: 'me@example.com', GIT_COMMITTER_EMAIL: 'me@example.com' });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  let n = 0;
  const commit = (subject: string) => {
    const file = `f${n++}.txt`;
    writeFileSync(join(dir, file), `${subject}\n`);
    git('add', file);
    git('commit', '-q', '-m', subject);
    return git('rev-parse', 'HEAD');
  };
  /** A change shipped 31 days ago (its 30-day follow-up is due) whose context names `commit`. */
  const logShipped = async (title: string, commitSha: string) => {
    const id = await vscode.commands.executeCommand<string>('impactLog.logShipped', { title, occurredAt: daysAgo(31), context: { commit: commitSha } });
    assert.equal(typeof id, 'string');
    return id;
  };
  /** The row of "Follow-ups due" for entry `id`, and what is under it. */
  const dueRow = async (id: string): Promise<{ row: TimelineNode; under: TimelineNode[] }> => {
    const provider = (await api()).timeline!.provider;
    provider.refresh();
    const group = (await provider.getChildren()).find((r) => r.id === 'group:followUpsDue');
    assert.ok(group, 'a "Follow-ups due" group');
    const row = (await provider.getChildren(group)).find((r) => 'entryId' in r && r.entryId === id);
    assert.ok(row, 'the entry is in "Follow-ups due"');
    return { row, under: await provider.getChildren(row) };
  };

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'impact-log-home-'));
    dir = mkdtempSync(join(tmpdir(), 'impact-log-revert-'));
    slug = `shop-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'me@example.com');
    git('remote', 'add', 'origin', `git@github.com:acme/${slug}.git`);
    commit('chore: start');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('proposes the later revert on the due row and in the follow-up pick; nothing is answered until Enter confirms it, which records "reverted" with the commit as evidence', async () => {
    const a = await api();
    const store = await a.store();
    const shipped = commit('feat: one-click checkout');
    commit('docs: the checkout');
    git('revert', '--no-edit', shipped);
    const revert = git('rev-parse', 'HEAD');
    await openInGit(dir);
    const id = await logShipped(`One-click checkout ${slug}`, shipped);
    await a.revertProposals!.request([store.get(id)!]);

    const words = `Reverted? proposed from Git: ${revert.slice(0, 7)} Revert "feat: one-click checkout"`;
    const { row, under } = await dueRow(id);
    assert.equal(row.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the row opens on its proposal');
    assert.deepEqual(under.map((u) => u.getTreeItem().label), [words]);
    assert.match(String(under[0]!.getTreeItem().description), /proposal/);
    assert.deepEqual(store.followUps.forEntry(id), [], 'a proposal is not an answer');

    // The entry pick shows it too (then Escape: still nothing written).
    const picking = start<string>('impactLog.followUp');
    const entryPick = await prompt(picking);
    const items = (entryPick!.input as vscode.QuickPick<vscode.QuickPickItem & { entry?: { id: string } }>).items;
    assert.equal(items.find((i) => i.entry?.id === id)?.detail, `$(discard) ${words}`);
    await escape(picking);
    assert.equal(await picking, undefined);
    assert.deepEqual(store.followUps.forEntry(id), []);

    // Enter on the proposal row opens the outcome pick with the proposal first and highlighted; Enter, Enter (no note) confirms.
    const item = under[0]!.getTreeItem();
    const running = start<string>(item.command!.command, ...(item.command!.arguments ?? []));
    const outcomePick = await prompt(running);
    assert.equal((await highlighted(outcomePick!)).label, `$(discard) ${words}`);
    await press(outcomePick!, running);
    const notePrompt = await prompt(running);
    await press(notePrompt!, running);
    assert.equal(await running, id);
    assert.deepEqual(
      store.followUps.forEntry(id).map((f) => [f.checkpoint, f.outcome, f.evidence, f.note]),
      [[30, 'reverted', `https://github.com/acme/${slug}/commit/${revert}`, undefined]],
    );
  });

  it('proposes nothing for a repository without a revert of the commit: the row has nothing under it and the outcome pick starts at "Held"', async () => {
    const a = await api();
    const store = await a.store();
    const kept = commit('feat: saved carts');
    commit('Revert "feat: something else"');
    await openInGit(dir);
    const id = await logShipped(`Saved carts ${slug}`, kept);
    await a.revertProposals!.request([store.get(id)!]);
    assert.equal(a.revertProposals!.peek(store.get(id)!), undefined);
    const { row, under } = await dueRow(id);
    assert.equal(row.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.deepEqual(under, []);
    const running = start<string>('impactLog.followUp', { id, checkpoint: 30 });
    const outcomePick = await prompt(running);
    assert.equal((await highlighted(outcomePick!)).label, 'Held');
    await escape(running);
    assert.equal(await running, undefined);
    assert.deepEqual(store.followUps.forEntry(id), []);
  });

  it('"Suggest from Git" marks a revert of a logged change; accepting it with { revert: "answer" } records "reverted" with its link; a bad "revert" is refused with nothing written', async () => {
    const a = await api();
    const store = await a.store();
    const shipped = commit('feat: gift cards');
    const other = commit('feat: wish lists');
    git('revert', '--no-edit', shipped);
    const revert = git('rev-parse', 'HEAD');
    const id = await logShipped(`Gift cards ${slug}`, shipped);
    const ids = await vscode.commands.executeCommand<string[]>('impactLog.suggestFromGit', { period: 'thisQuarter', repo: dir });
    const suggestions = ids.map((x) => store.suggestions.get(x)!);
    const rev = suggestions.find((x) => x.headSha === revert);
    assert.ok(rev, 'the revert is suggested');
    assert.equal(rev.reverts, shipped);
    const plain = suggestions.find((x) => x.headSha === other);
    assert.ok(plain, 'the other commit is suggested');

    // The timeline row says which logged change it reverts.
    const provider = a.timeline!.provider;
    provider.refresh();
    const group = (await provider.getChildren()).find((r) => r.id === 'suggestions');
    const node = (await provider.getChildren(group)).find((c) => c.id === `suggestion:${rev.id}`);
    assert.match(String(node!.getTreeItem().description), new RegExp(`reverts “Gift cards ${slug}”: accept to answer its follow-up`));

    const mark = ui().mark();
    const before = { entries: store.count({ deleted: 'include' }), answers: store.followUps.forEntry(id).length };
    assert.equal(await vscode.commands.executeCommand('impactLog.acceptSuggestion', { id: plain.id, revert: 'answer' }), undefined, 'not a revert of a logged change');
    assert.equal(await vscode.commands.executeCommand('impactLog.acceptSuggestion', { id: rev.id, revert: 'sometimes' }), undefined);
    assert.match(ui().errorsSince(mark).join('\n'), /revert/);
    assert.equal(ui().errorsSince(mark).length, 2);
    assert.deepEqual({ entries: store.count({ deleted: 'include' }), answers: store.followUps.forEntry(id).length }, before);
    assert.equal(store.suggestions.get(plain.id)!.status, 'new');

    assert.equal(await vscode.commands.executeCommand('impactLog.acceptSuggestion', { id: rev.id, revert: 'answer' }), id, 'returns the answered entry');
    assert.deepEqual(store.followUps.forEntry(id).map((f) => [f.outcome, f.evidence]), [['reverted', `https://github.com/acme/${slug}/commit/${revert}`]]);
    assert.equal(store.suggestions.get(rev.id)!.status, 'dismissed', 'not offered again');
    assert.equal(store.count({ deleted: 'include' }), before.entries, 'no entry logged');
  });
});
