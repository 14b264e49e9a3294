import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conventional, groupCommits, parseLog, pullRequestOf, revertOf, titleFrom, webRepo } from '../../../src/git';
import { repoRoot } from '../reliability/support/root';

/**
 * The grouping rules (docs/SUGGESTIONS.md) on `git log` output recorded from real repositories by
 * test/fixtures/git/record.sh: a pull request merged with a merge commit, squashed pull requests,
 * a local branch's commits, a revert, someone else's commit.
 */
const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'git');
const read = (name: string) => readFileSync(join(FIXTURES, name));
const github = webRepo('git@github.com:acme/api.git');

describe('git grouping: a pull request merged with a merge commit', () => {
  const commits = parseLog(read('merge.log'));
  const mergeSha = read('merge.merge-sha.txt').toString().trim();
  const brought = read('merge.brought-in.txt').toString().trim().split('\n');
  const drafts = groupCommits({ commits, broughtIn: new Map([[mergeSha, brought]]), repoKey: 'github.com/acme/api', web: github });

  it('reads only the author filter’s commits with their files, subjects and bodies', () => {
    assert.equal(commits.length, 8);
    assert.ok(commits.every((c) => c.authorEmail === 'me@example.com'));
    const merge = commits.find((c) => c.sha === mergeSha)!;
    assert.equal(merge.subject, 'Merge pull request #12 from acme/feature-x');
    assert.equal(merge.body, 'Add an export button');
    assert.equal(merge.parents.length, 2);
    assert.deepEqual(commits.find((c) => c.subject === 'perf: cache the summary')!.files, ['cache.ts']);
  });

  it('makes the merged pull request one suggestion titled by the pull request, with its commits, its link and the merge time', () => {
    const pr = drafts.find((d) => d.pullRequest === 12)!;
    assert.equal(pr.title, 'Add an export button');
    assert.equal(pr.kind, 'shipped', 'feat(export) in the branch suggests a change shipped');
    assert.equal(pr.headSha, mergeSha);
    assert.deepEqual(new Set(pr.shas), new Set([mergeSha, ...brought]));
    assert.deepEqual(pr.links, [{ url: 'https://github.com/acme/api/pull/12', label: 'Pull request #12' }]);
    assert.equal(pr.occurredAt, commits.find((c) => c.sha === mergeSha)!.time);
    assert.equal(pr.fingerprint, 'github.com/acme/api#pr:12');
  });

  it('offers each other commit once: none of the pull request’s commits appears again, bookkeeping merges suggest nothing', () => {
    const all = drafts.flatMap((d) => d.shas);
    assert.equal(new Set(all).size, all.length, 'no commit in two suggestions');
    assert.deepEqual(drafts.find((d) => d.title === 'Start')!.subjects, ['docs: readme', 'chore: start'], 'two README commits three days apart on main');
    assert.deepEqual(drafts.map((d) => d.title).sort(), ['Add an export button', 'Cache the summary', 'Revert "perf: cache the summary"', 'Start'].sort());
  });

  it('suggests a problem solved for perf, notes what a revert reverts, and links a lone commit', () => {
    const perf = drafts.find((d) => d.title === 'Cache the summary')!;
    assert.equal(perf.kind, 'problem');
    const revert = drafts.find((d) => d.title.startsWith('Revert'))!;
    assert.equal(revert.reverts, perf.headSha);
    assert.equal(revert.kind, undefined);
    assert.deepEqual(perf.links, [{ url: `https://github.com/acme/api/commit/${perf.headSha}`, label: `Commit ${perf.headSha.slice(0, 7)}` }]);
  });

  it('gives no link on a host it does not know, and the same fingerprints on every run', () => {
    const again = groupCommits({ commits: [...commits].reverse(), broughtIn: new Map([[mergeSha, brought]]), repoKey: 'git.internal/x', web: webRepo('git@git.internal:x.git') });
    assert.ok(again.every((d) => d.links.length === 0));
    const twice = groupCommits({ commits, broughtIn: new Map([[mergeSha, brought]]), repoKey: 'git.internal/x', web: undefined });
    assert.deepEqual(twice.map((d) => d.fingerprint), again.map((d) => d.fingerprint));
  });
});

describe('git grouping: squashed pull requests and a local branch', () => {
  const commits = parseLog(read('squash.log'));
  const drafts = groupCommits({ commits, repoKey: 'github.com/acme/api', web: github });

  it('makes each squashed pull request one suggestion, with the kind from its Conventional Commit type', () => {
    const prs = drafts.filter((d) => d.pullRequest !== undefined).sort((a, b) => a.pullRequest! - b.pullRequest!);
    assert.deepEqual(
      prs.map((d) => [d.pullRequest, d.title, d.kind, d.links[0]?.url]),
      [
        [21, 'Add login with SSO', 'shipped', 'https://github.com/acme/api/pull/21'],
        [22, 'Crash on an empty list', 'problem', 'https://github.com/acme/api/pull/22'],
        [23, 'Faster timeline query', 'problem', 'https://github.com/acme/api/pull/23'],
      ],
    );
  });

  it('groups a branch’s commits within a few days that touch the same files, titled by the first', () => {
    const wip = drafts.filter((d) => d.pullRequest === undefined);
    const byTitle = new Map(wip.map((d) => [d.title, d]));
    assert.deepEqual([...byTitle.keys()].sort(), ['Parse the new header', 'Parser: later work', 'Unrelated styling'].sort());
    assert.equal(byTitle.get('Parse the new header')!.shas.length, 2, 'the two parser commits a day apart');
    assert.deepEqual(byTitle.get('Parse the new header')!.subjects, ['Handle a missing header', 'Parse the new header']);
    assert.equal(byTitle.get('Parse the new header')!.branch, 'wip');
    assert.equal(byTitle.get('Parser: later work')!.shas.length, 1, 'nine days later: its own suggestion');
  });
});

describe('git grouping: message forms of each forge', () => {
  const merge = (subject: string, body = '') => pullRequestOf({ subject, body, parents: ['a', 'b'] });
  const single = (subject: string, body = '') => pullRequestOf({ subject, body, parents: ['a'] });
  it('reads the pull request number and title of GitHub, Gitea/Forgejo, Bitbucket, GitLab and Azure DevOps merges', () => {
    assert.deepEqual(merge('Merge pull request #7 from me/x', 'Title here'), { number: 7, title: 'Title here', style: 'merge' });
    assert.deepEqual(merge("Merge pull request 'Fix the thing' (#8) from x into main"), { number: 8, title: 'Fix the thing', style: 'merge' });
    assert.deepEqual(merge('Merged in feature/x (pull request #9)', 'Bitbucket title'), { number: 9, title: 'Bitbucket title', style: 'merge' });
    assert.deepEqual(merge("Merge branch 'x' into 'main'", 'GitLab title\n\nSee merge request group/sub/proj!10'), { number: 10, title: 'GitLab title', style: 'merge' });
    assert.deepEqual(merge('Merged PR 11: Azure title'), { number: 11, title: 'Azure title', style: 'merge' });
    assert.deepEqual(single('Merged PR 12: Azure squash'), { number: 12, title: 'Azure squash', style: 'squash' });
    assert.deepEqual(single('fix: it (#13)'), { number: 13, title: 'fix: it', style: 'squash' });
  });
  it('finds no pull request in plain subjects', () => {
    assert.equal(merge("Merge branch 'main' into feature"), undefined);
    assert.equal(single('Mention #12 in the middle'), undefined);
    assert.equal(single('(#12)'), undefined);
  });
  it('maps Conventional Commit types to kinds and strips the prefix from titles', () => {
    assert.equal(conventional('fix(api)!: x').kind, 'problem');
    assert.equal(conventional('perf: x').kind, 'problem');
    assert.equal(conventional('feat: x').kind, 'shipped');
    assert.equal(conventional('docs: x').kind, undefined);
    assert.equal(conventional('Just words: here').kind, undefined);
    assert.equal(titleFrom('Parser: later work'), 'Parser: later work', 'only Conventional Commit types are prefixes');
    assert.equal(titleFrom('feat(ui): add a button'), 'Add a button');
    assert.equal(titleFrom('x'.repeat(400)).length, 300);
  });
  it('reads the reverted sha only from a revert', () => {
    assert.equal(revertOf({ subject: 'Revert "x"', body: 'This reverts commit 0123456789abcdef0123456789abcdef01234567.' }), '0123456789abcdef0123456789abcdef01234567');
    assert.equal(revertOf({ subject: 'Not a revert', body: 'This reverts commit 0123456789abcdef.' }), undefined);
  });
});
