import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api } from './helpers';

/**
 * Suggestions from Git history (#16) in a real extension host, on a real repository the test
 * builds: squash-merged pull requests in this quarter, a GitHub remote (never contacted).
 */
describe('Suggestions from Git history', function () {
  this.timeout(60_000);
  let dir: string;
  let home: string;
  let slug: string;
  const env = () => ({ ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: home, XDG_CONFIG_HOME: home, GIT_AUTHOR_NAME: 'Me', GIT_COMMITTER_NAME: 'Me' });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  /** A commit `minutesAgo` before now, as a squash merge of pull request `pr` would be. */
  const commit = (subject: string, file: string, minutesAgo: number, email = 'me@example.com') => {
    writeFileSync(join(dir, file), `${subject}\n`, { flag: 'a' });
    git('add', file);
    const when = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    execFileSync('git', ['commit', '-q', '-m', subject], { cwd: dir, env: { ...env(), GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_EMAIL: email } });
    return git('rev-parse', 'HEAD');
  };

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'impact-log-home-'));
    dir = mkdtempSync(join(tmpdir(), 'impact-log-repo-'));
    slug = `api-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'me@example.com');
    git('remote', 'add', 'origin', `git@github.com:acme/${slug}.git`);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('offers one suggestion per squash-merged pull request with its link; accepting logs it; running again offers nothing new', async () => {
    const store = await (await api()).store();
    const s1 = commit('feat(export): add the CSV export (#101)', 'export.ts', 30);
    commit('fix: crash on an empty log (#102)', 'log.ts', 20);
    commit('perf: faster timeline (#103)', 'timeline.ts', 10);
    commit('feat: not mine (#104)', 'other.ts', 5, 'someone@example.com');

    const ids = await vscode.commands.executeCommand<string[] | undefined>('impactLog.suggestFromGit', { period: 'thisQuarter', repo: dir });
    assert.ok(ids, 'the command returned ids');
    assert.equal(ids.length, 3, 'one per pull request of mine');
    const suggestions = ids.map((id) => store.suggestions.get(id)!);
    assert.deepEqual(suggestions.map((s) => s.pullRequest).sort(), [101, 102, 103]);
    for (const s of suggestions) assert.deepEqual(s.links.map((l) => l.url), [`https://github.com/acme/${slug}/pull/${s.pullRequest}`]);
    const csv = suggestions.find((s) => s.pullRequest === 101)!;
    assert.equal(csv.title, 'Add the CSV export');
    assert.equal(csv.kind, 'shipped');
    assert.equal(suggestions.find((s) => s.pullRequest === 102)!.kind, 'problem');

    const entryId = await vscode.commands.executeCommand<string | undefined>('impactLog.acceptSuggestion', { id: csv.id, title: 'Shipped the CSV export' });
    assert.equal(typeof entryId, 'string');
    const entry = store.get(entryId!)!;
    assert.equal(entry.kind, 'shipped');
    assert.equal(entry.title, 'Shipped the CSV export');
    assert.deepEqual(entry.links.map((l) => l.url), [`https://github.com/acme/${slug}/pull/101`]);
    assert.equal(entry.context.commit, s1);
    assert.equal(entry.occurredAt, csv.occurredAt, 'occurred at the merge time');
    assert.equal(store.suggestions.get(csv.id)!.status, 'accepted');

    const again = await vscode.commands.executeCommand<string[] | undefined>('impactLog.suggestFromGit', { period: 'thisQuarter', repo: dir });
    assert.deepEqual(again, [], 'nothing new the second time');
  });

  it('dismisses by id and never offers a dismissed suggestion again, nor a commit an entry already names', async () => {
    const store = await (await api()).store();
    commit('feat: one (#1)', 'a.ts', 30);
    const logged = commit('feat: two (#2)', 'b.ts', 20);
    await vscode.commands.executeCommand('impactLog.logShipped', { title: `Two, logged by hand ${slug}`, links: [`https://github.com/acme/${slug}/commit/${logged}`] });
    const ids = await vscode.commands.executeCommand<string[]>('impactLog.suggestFromGit', { from: '2000-01-01', to: '2100-12-31', repo: dir });
    assert.equal(ids.length, 1, 'the pull request whose commit an entry links is not offered');
    const dismissed = await vscode.commands.executeCommand<string[]>('impactLog.dismissSuggestion', { ids });
    assert.deepEqual(dismissed, ids);
    assert.equal(store.suggestions.get(ids[0]!)!.status, 'dismissed');
    assert.deepEqual(await vscode.commands.executeCommand<string[]>('impactLog.suggestFromGit', { period: 'thisQuarter', repo: dir }), []);
  });

  it('refuses a bad argument and writes nothing', async () => {
    const store = await (await api()).store();
    commit('feat: x (#7)', 'x.ts', 5);
    const before = { entries: store.count({ deleted: 'include' }), suggestions: store.suggestions.count('new') };
    assert.equal(await vscode.commands.executeCommand('impactLog.suggestFromGit', { period: 'someday', repo: dir }), undefined);
    assert.equal(await vscode.commands.executeCommand('impactLog.suggestFromGit', { from: '2026-01-01', repo: dir }), undefined, 'from without to');
    assert.equal(await vscode.commands.executeCommand('impactLog.suggestFromGit', { period: 'thisQuarter', repo: 'relative/path' }), undefined);
    assert.equal(await vscode.commands.executeCommand('impactLog.acceptSuggestion', { id: 'not-a-uuid' }), undefined);
    assert.equal(await vscode.commands.executeCommand('impactLog.acceptSuggestion', { id: '00000000-0000-4000-8000-000000000000', title: 'x' }), undefined);
    assert.equal(await vscode.commands.executeCommand('impactLog.dismissSuggestion', { id: 5 }), undefined);
    assert.equal(await vscode.commands.executeCommand('impactLog.dismissSuggestion', { id: '00000000-0000-4000-8000-000000000000', ids: [] }), undefined);
    assert.deepEqual({ entries: store.count({ deleted: 'include' }), suggestions: store.suggestions.count('new') }, before);
  });

  it('a repository without user.email gets a note and nothing is written; the timeline shows a Suggestions group when there are new ones', async () => {
    const a = await api();
    const store = await a.store();
    git('config', '--unset', 'user.email');
    commit('feat: y (#8)', 'y.ts', 5);
    const before = store.suggestions.count('new');
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.suggestFromGit', { period: 'thisQuarter', repo: dir }), []);
    assert.equal(store.suggestions.count('new'), before);
    git('config', 'user.email', 'me@example.com');
    const ids = await vscode.commands.executeCommand<string[]>('impactLog.suggestFromGit', { period: 'thisQuarter', repo: dir });
    assert.equal(ids.length, 1);
    const provider = a.timeline!.provider;
    provider.refresh();
    const roots = await provider.getChildren();
    const group = roots.find((n) => n.id === 'suggestions');
    assert.ok(group, 'a Suggestions group');
    assert.match(provider.getTreeItem(group).label as string, /^Suggestions \(\d+\)$/);
    const children = await provider.getChildren(group);
    assert.ok(children.some((c) => c.id === `suggestion:${ids[0]}`));
  });
});
