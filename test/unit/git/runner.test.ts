import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { checkReadOnly, GitError, GitRunner, parseGitVersion, readHistory } from '../../../src/git';
import { tempDir } from '../support/tmp';

/** The git runner against the real git binary: read-only, no prompts, timeouts, cancel, and the repository checks. */
describe('git runner', function () {
  this.timeout(20_000);
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  beforeEach(() => {
    tmp = tempDir('impact-log-git-');
    env = { GIT_CONFIG_NOSYSTEM: '1', HOME: tmp.dir, XDG_CONFIG_HOME: tmp.dir, GIT_AUTHOR_NAME: 'Me', GIT_COMMITTER_NAME: 'Me' };
  });
  afterEach(() => tmp.cleanup());
  const runner = () => new GitRunner('git', { ...process.env, ...env });

  it('refuses every command that could write or reach the network', () => {
    for (const args of [['fetch'], ['pull'], ['push'], ['clone', 'x'], ['ls-remote', 'origin'], ['remote', 'update'], ['config', 'user.email', 'x'], ['commit'], ['gc'], []]) {
      assert.throws(() => checkReadOnly(args), (e: unknown) => e instanceof GitError && e.code === 'REFUSED', args.join(' '));
    }
    for (const args of [['log'], ['config', '--get', 'user.email'], ['remote', 'get-url', 'origin'], ['rev-list', 'a..b']]) checkReadOnly(args);
  });

  it('names a repository folder that does not exist (not as a missing git)', async () => {
    await assert.rejects(runner().run(['version'], { cwd: join(tmp.dir, 'gone') }), (e: unknown) => e instanceof GitError && e.code === 'FAILED' && /is not a folder that exists/.test(e.message));
  });

  it('names a missing git binary', async () => {
    await assert.rejects(new GitRunner(join(tmp.dir, 'no-git')).run(['version'], { cwd: tmp.dir }), (e: unknown) => e instanceof GitError && e.code === 'MISSING' && /was not found/.test(e.message));
  });

  it('refuses a git that is too old, by its version', async () => {
    const fake = join(tmp.dir, 'old-git');
    writeFileSync(fake, '#!/bin/sh\necho "git version 2.7.4"\n');
    chmodSync(fake, 0o755);
    await assert.rejects(new GitRunner(fake).version({ cwd: tmp.dir }), (e: unknown) => e instanceof GitError && e.code === 'TOO_OLD');
    assert.deepEqual(parseGitVersion('git version 2.45.1.windows.1'), [2, 45, 1]);
  });

  it('kills git on a timeout and on cancel', async () => {
    const slow = join(tmp.dir, 'slow-git');
    writeFileSync(slow, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(slow, 0o755);
    const started = Date.now();
    await assert.rejects(new GitRunner(slow).run(['log'], { cwd: tmp.dir, timeoutMs: 200 }), (e: unknown) => e instanceof GitError && e.code === 'TIMEOUT');
    const ac = new AbortController();
    const p = new GitRunner(slow).run(['log'], { cwd: tmp.dir, signal: ac.signal });
    ac.abort();
    await assert.rejects(p, (e: unknown) => e instanceof GitError && e.code === 'CANCELLED');
    assert.ok(Date.now() - started < 10_000, 'neither waited for the 30 s child');
  });

  it('reads a repository: an empty one is a note, no user.email is an error naming what to do, a shallow clone and a detached HEAD are notes', async () => {
    const repo = join(tmp.dir, 'r');
    git(tmp.dir, 'init', '-q', '-b', 'main', repo);
    const req = { root: repo, from: 0, to: Date.now() + 86_400_000, extraEmails: [] as string[] };
    await assert.rejects(readHistory(runner(), req), (e: unknown) => e instanceof GitError && /no user\.email/.test(e.message) && /impactLog\.git\.authorEmails/.test(e.message));
    git(repo, 'config', 'user.email', 'me@example.com');
    const empty = await readHistory(runner(), req);
    assert.equal(empty.drafts.length, 0);
    assert.match(empty.notes.join('\n'), /no commits yet/);
    writeFileSync(join(repo, 'a.txt'), '1');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'feat: first (#1)');
    writeFileSync(join(repo, 'a.txt'), '2');
    git(repo, 'commit', '-q', '-am', 'fix: second (#2)');
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    const detached = await readHistory(runner(), req);
    assert.match(detached.notes.join('\n'), /detached/);
    assert.deepEqual(detached.drafts.map((d) => d.pullRequest).sort(), [1, 2]);
    const shallow = join(tmp.dir, 'shallow');
    git(tmp.dir, 'clone', '-q', '--depth', '1', `file://${repo}`, shallow);
    git(shallow, 'config', 'user.email', 'me@example.com');
    const s = await readHistory(runner(), { ...req, root: shallow });
    assert.match(s.notes.join('\n'), /shallow clone/);
    assert.match(s.notes.join('\n'), /not one links are made for/, 'a file:// remote gives no links');
  });

  it('reads only the user’s commits, and the setting’s other emails too, case-insensitively', async () => {
    const repo = join(tmp.dir, 'r');
    git(tmp.dir, 'init', '-q', '-b', 'main', repo);
    git(repo, 'config', 'user.email', 'me@example.com');
    const commit = (email: string, msg: string) => {
      writeFileSync(join(repo, 'f.txt'), msg);
      git(repo, 'add', '.');
      execFileSync('git', ['commit', '-q', '-m', msg], { cwd: repo, env: { ...process.env, ...env, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_EMAIL: email } });
    };
    commit('me@example.com', 'mine (#1)');
    commit('xme@example.com', 'lookalike (#2)');
    commit('Old@Work.example', 'old address (#3)');
    commit('other@example.com', 'theirs (#4)');
    const req = { root: repo, from: 0, to: Date.now() + 86_400_000, extraEmails: [] as string[] };
    assert.deepEqual((await readHistory(runner(), req)).drafts.map((d) => d.pullRequest), [1]);
    const both = await readHistory(runner(), { ...req, extraEmails: ['old@work.example'] });
    assert.deepEqual(both.drafts.map((d) => d.pullRequest).sort(), [1, 3]);
  });
  it('a pull request merged with a merge commit is one suggestion holding its branch’s commits, which are not offered again on their own', async () => {
    const repo = join(tmp.dir, 'r');
    git(tmp.dir, 'init', '-q', '-b', 'main', repo);
    git(repo, 'config', 'user.email', 'me@example.com');
    git(repo, 'remote', 'add', 'origin', 'https://gitlab.com/acme/tools.git');
    const file = (name: string, text: string) => writeFileSync(join(repo, name), text);
    file('a.txt', '1');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'chore: start');
    git(repo, 'checkout', '-q', '-b', 'feature');
    file('b.txt', '1');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'feat: first part');
    file('b.txt', '2');
    git(repo, 'commit', '-q', '-am', 'fix: second part');
    git(repo, 'checkout', '-q', 'main');
    file('c.txt', '1');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'docs: on main meanwhile');
    git(repo, 'merge', '-q', '--no-ff', 'feature', '-m', "Merge branch 'feature' into 'main'", '-m', 'Add the feature\n\nSee merge request acme/tools!42');
    git(repo, 'branch', '-q', '-D', 'feature');
    const r = await readHistory(runner(), { root: repo, from: Date.now() - 86_400_000, to: Date.now() + 86_400_000, extraEmails: [] });
    const pr = r.drafts.find((d) => d.pullRequest === 42);
    assert.ok(pr, 'the merge request is a suggestion');
    assert.equal(pr.title, 'Add the feature');
    assert.equal(pr.kind, 'shipped');
    assert.equal(pr.shas.length, 3, 'the merge and the two branch commits');
    assert.deepEqual(pr.links.map((l) => l.url), ['https://gitlab.com/acme/tools/-/merge_requests/42']);
    const all = r.drafts.flatMap((d) => d.shas);
    assert.equal(new Set(all).size, all.length, 'no commit in two suggestions');
    assert.deepEqual(r.drafts.map((d) => d.title).sort(), ['Add the feature', 'On main meanwhile', 'Start'], 'the main-line commits touch different files: one each');
  });
});
