import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectReverts, findReverts, GitRunner, linkTarget, parseLog, type RevertTarget, webRepo } from '../../../src/git';
import { repoRoot } from '../reliability/support/root';
import { tempDir } from '../support/tmp';

/**
 * Revert detection (#15, "Evidence from the local Git repository") on `git log` output recorded
 * from a real repository by test/fixtures/git/record-reverts.sh, then the reader on real
 * temporary repositories.
 */
const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'git');
const commits = parseLog(readFileSync(join(FIXTURES, 'reverts.log')));
const sha = JSON.parse(readFileSync(join(FIXTURES, 'reverts.shas.json'), 'utf8')) as Record<string, string>;
const MARCH = Date.parse('2026-03-01T00:00:00Z');
const target = (key: string, shas: string[], pullRequests: number[] = []): RevertTarget => ({ key, shas, pullRequests, occurredAt: MARCH });
const found = (t: RevertTarget) => detectReverts([t], commits).get(t.key);

describe('revert detection on recorded git log output', () => {
  it('finds the revert whose message names the full sha', () => {
    const f = found(target('e', [sha.full!]));
    assert.equal(f?.revert.sha, sha.fullRevert);
    assert.equal(f?.revert.subject, 'Revert "perf: cache the summary"');
    assert.equal(f?.by, 'message');
    assert.equal(f?.reverted.sha, sha.full);
  });

  it('finds a revert whose message names an abbreviated sha, from an entry holding an abbreviated sha too', () => {
    assert.equal(found(target('e', [sha.abbrev!]))?.revert.sha, sha.abbrevRevert);
    assert.equal(found(target('e', [sha.abbrev!.slice(0, 7)]))?.revert.sha, sha.abbrevRevert);
  });

  it('finds a revert by its subject, Revert "<subject>", when its message names no sha', () => {
    const f = found(target('e', [sha.bySubject!]));
    assert.equal(f?.revert.sha, sha.bySubjectRevert);
    assert.equal(f?.by, 'subject');
  });

  it('proposes nothing when the revert was itself reverted, and the last revert when that was reverted again', () => {
    assert.equal(found(target('e', [sha.twice!])), undefined, 'Revert "Revert …" put the banner back');
    assert.equal(found(target('e', [sha.thrice!]))?.revert.sha, sha.thriceAgain, 'reverted, restored, reverted again');
  });

  it('proposes nothing for a commit no one reverted, even when a later commit with the same subject was', () => {
    assert.equal(found(target('e', [sha.kept!])), undefined, 'the revert names the other "docs: readme"');
    assert.equal(found(target('e', [sha.sameSubject!]))?.revert.sha, sha.sameSubjectRevert);
    assert.equal(found(target('e', [sha.unrelated!])), undefined);
    assert.equal(found(target('e', ['0123456'])), undefined, 'a sha this repository does not have');
  });

  it('finds a squashed pull request by its number and the revert of its commit', () => {
    const f = found(target('e', [], [41]));
    assert.equal(f?.reverted.sha, sha.squash);
    assert.equal(f?.revert.sha, sha.squashRevert);
  });

  it('finds a pull request merged with a merge commit, reverted with git revert -m 1', () => {
    const f = found(target('e', [], [42]));
    assert.equal(f?.reverted.sha, sha.merge);
    assert.equal(f?.revert.sha, sha.mergeRevert);
    assert.equal(found(target('e', [], [43])), undefined, 'no such pull request');
  });

  it('only looks at later commits: a revert older than the commit is not one', () => {
    const shifted = commits.map((c) => (c.sha === sha.fullRevert ? { ...c, time: commits.find((x) => x.sha === sha.full)!.time - 1000 } : c));
    assert.equal(detectReverts([target('e', [sha.full!])], shifted).get('e'), undefined);
  });

  it('answers many entries in one pass', () => {
    const out = detectReverts([target('a', [sha.full!]), target('b', [sha.kept!]), target('c', [], [41])], commits);
    assert.deepEqual([...out.keys()].sort(), ['a', 'c']);
  });
});

describe('revert detection: links to a repository', () => {
  const gh = webRepo('git@github.com:acme/api.git')!;
  const gl = webRepo('https://gitlab.com/acme/team/api.git')!;
  it('reads a commit or pull-request link of the repository, and nothing of another one', () => {
    assert.deepEqual(linkTarget('https://github.com/acme/api/commit/ABCDEF1234', gh), { sha: 'abcdef1234' });
    assert.deepEqual(linkTarget('https://github.com/acme/api/pull/42/files', gh), { pullRequest: 42 });
    assert.deepEqual(linkTarget('https://github.com/Acme/API/pull/42#discussion', gh), { pullRequest: 42 });
    assert.equal(linkTarget('https://github.com/acme/other/pull/42', gh), undefined);
    assert.equal(linkTarget('https://github.com/acme/api/issues/42', gh), undefined);
    assert.deepEqual(linkTarget('https://gitlab.com/acme/team/api/-/merge_requests/7', gl), { pullRequest: 7 });
    assert.deepEqual(linkTarget('https://gitlab.com/acme/team/api/-/commit/abcdef1', gl), { sha: 'abcdef1' });
    assert.equal(linkTarget('not a url', gh), undefined);
  });
});

describe('revert detection: reading a real repository', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  const runner = () => new GitRunner('git', { ...process.env, ...env });
  let n = 0;
  const commit = (repo: string, subject: string) => {
    // A file per commit, so that any of them reverts cleanly.
    const file = `f${n++}.txt`;
    writeFileSync(join(repo, file), `${subject}\n`);
    git(repo, 'add', file);
    git(repo, 'commit', '-q', '-m', subject);
    return git(repo, 'rev-parse', 'HEAD');
  };
  beforeEach(() => {
    tmp = tempDir('impact-log-reverts-');
    env = { GIT_CONFIG_NOSYSTEM: '1', HOME: tmp.dir, XDG_CONFIG_HOME: tmp.dir, GIT_AUTHOR_NAME: 'Me', GIT_COMMITTER_NAME: 'Me', GIT_AUTHOR_EMAIL: 'me@example.com', GIT_COMMITTER_EMAIL: 'me@example.com' };
  });
  afterEach(() => tmp.cleanup());

  it('proposes the revert of an entry’s context commit and of its commit link, with the revert’s web address', async () => {
    const repo = join(tmp.dir, 'r');
    git(tmp.dir, 'init', '-q', '-b', 'main', repo);
    git(repo, 'remote', 'add', 'origin', 'git@github.com:acme/api.git');
    commit(repo, 'chore: start');
    const shipped = commit(repo, 'feat: the export');
    const linked = commit(repo, 'feat: the import');
    git(repo, 'revert', '--no-edit', shipped);
    const revert = git(repo, 'rev-parse', 'HEAD');
    const r = await findReverts(runner(), {
      root: repo,
      entries: [
        { id: 'ctx', occurredAt: 0, commit: shipped.slice(0, 10), links: [] },
        { id: 'link', occurredAt: 0, commit: undefined, links: [`https://github.com/acme/api/commit/${linked}`] },
        { id: 'none', occurredAt: 0, commit: undefined, links: ['https://example.com/x'] },
      ],
    });
    assert.deepEqual(r.proposals.map((p) => [p.entryId, p.revert.sha, p.url]), [['ctx', revert, `https://github.com/acme/api/commit/${revert}`]]);
    assert.equal(r.proposals[0]!.reverted.sha, shipped);
    assert.deepEqual(r.notes, []);
    assert.match(r.state, /^[0-9a-f]{32}$/);
    git(repo, 'revert', '--no-edit', linked);
    const again = await findReverts(runner(), { root: repo, entries: [{ id: 'link', occurredAt: 0, commit: undefined, links: [`https://github.com/acme/api/commit/${linked}`] }] });
    assert.equal(again.proposals[0]?.reverted.sha, linked);
    assert.notEqual(again.state, r.state, 'a new commit changes the state the cache is keyed by');
  });

  it('proposes nothing (a note says why) for a folder that is no repository, an empty one, and a shallow clone; and stops at its byte cap', async () => {
    const plain = join(tmp.dir, 'plain');
    git(tmp.dir, 'init', '-q', plain);
    const entries = [{ id: 'e', occurredAt: 0, commit: 'abcdef1', links: [] }];
    const empty = await findReverts(runner(), { root: plain, entries });
    assert.deepEqual(empty.proposals, []);
    assert.match(empty.notes.join('\n'), /no revert is looked for/);
    const notRepo = await findReverts(runner(), { root: tmp.dir, entries });
    assert.deepEqual(notRepo.proposals, []);

    const repo = join(tmp.dir, 'r');
    git(tmp.dir, 'init', '-q', '-b', 'main', repo);
    const c = commit(repo, 'feat: x');
    commit(repo, 'chore: y');
    git(repo, 'revert', '--no-edit', c);
    const shallow = join(tmp.dir, 'shallow');
    git(tmp.dir, 'clone', '-q', '--depth', '1', `file://${repo}`, shallow);
    const s = await findReverts(runner(), { root: shallow, entries: [{ id: 'e', occurredAt: 0, commit: c, links: [] }] });
    assert.deepEqual(s.proposals, []);
    assert.match(s.notes.join('\n'), /shallow clone/);

    const capped = await findReverts(runner(), { root: repo, entries: [{ id: 'e', occurredAt: 0, commit: c, links: [] }], maxBytes: 10 });
    assert.deepEqual(capped.proposals, []);
    assert.match(capped.notes.join('\n'), /stopped after reading/);
  });
});
