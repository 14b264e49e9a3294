import assert from 'node:assert/strict';
import { webRepo } from '../../../src/git';

/** Remote URL → web links, offline, for each URL form git accepts of each forge; other hosts give none. */
const SHA = '0123456789abcdef0123456789abcdef01234567';
const cases: [string, string | undefined, string | undefined][] = [
  // [remote, commit link, pull request #5 link]
  ['git@github.com:acme/api.git', `https://github.com/acme/api/commit/${SHA}`, 'https://github.com/acme/api/pull/5'],
  ['https://github.com/acme/api.git', `https://github.com/acme/api/commit/${SHA}`, 'https://github.com/acme/api/pull/5'],
  ['https://user:token@github.com/acme/api', `https://github.com/acme/api/commit/${SHA}`, 'https://github.com/acme/api/pull/5'],
  ['ssh://git@github.com:22/acme/api.git', `https://github.com/acme/api/commit/${SHA}`, 'https://github.com/acme/api/pull/5'],
  ['git://github.com/acme/api.git', `https://github.com/acme/api/commit/${SHA}`, 'https://github.com/acme/api/pull/5'],
  ['git@gitlab.com:group/sub/proj.git', `https://gitlab.com/group/sub/proj/-/commit/${SHA}`, 'https://gitlab.com/group/sub/proj/-/merge_requests/5'],
  ['https://gitlab.com/group/proj.git', `https://gitlab.com/group/proj/-/commit/${SHA}`, 'https://gitlab.com/group/proj/-/merge_requests/5'],
  ['git@bitbucket.org:team/repo.git', `https://bitbucket.org/team/repo/commits/${SHA}`, 'https://bitbucket.org/team/repo/pull-requests/5'],
  ['https://me@bitbucket.org/team/repo.git', `https://bitbucket.org/team/repo/commits/${SHA}`, 'https://bitbucket.org/team/repo/pull-requests/5'],
  ['https://dev.azure.com/org/My%20Project/_git/repo', `https://dev.azure.com/org/My%20Project/_git/repo/commit/${SHA}`, 'https://dev.azure.com/org/My%20Project/_git/repo/pullrequest/5'],
  ['https://org@dev.azure.com/org/proj/_git/repo', `https://dev.azure.com/org/proj/_git/repo/commit/${SHA}`, 'https://dev.azure.com/org/proj/_git/repo/pullrequest/5'],
  ['git@ssh.dev.azure.com:v3/org/proj/repo', `https://dev.azure.com/org/proj/_git/repo/commit/${SHA}`, 'https://dev.azure.com/org/proj/_git/repo/pullrequest/5'],
  ['https://org.visualstudio.com/proj/_git/repo', `https://dev.azure.com/org/proj/_git/repo/commit/${SHA}`, 'https://dev.azure.com/org/proj/_git/repo/pullrequest/5'],
  ['https://org.visualstudio.com/DefaultCollection/proj/_git/repo', `https://dev.azure.com/org/proj/_git/repo/commit/${SHA}`, 'https://dev.azure.com/org/proj/_git/repo/pullrequest/5'],
  ['org@vs-ssh.visualstudio.com:v3/org/proj/repo', `https://dev.azure.com/org/proj/_git/repo/commit/${SHA}`, 'https://dev.azure.com/org/proj/_git/repo/pullrequest/5'],
  ['git@codeberg.org:me/tool.git', `https://codeberg.org/me/tool/commit/${SHA}`, 'https://codeberg.org/me/tool/pulls/5'],
  ['https://gitea.com/me/tool.git', `https://gitea.com/me/tool/commit/${SHA}`, 'https://gitea.com/me/tool/pulls/5'],
  ['git@git.internal.example:team/repo.git', undefined, undefined],
  ['https://selfhosted.example/team/repo.git', undefined, undefined],
  ['/home/me/repos/api', undefined, undefined],
  ['C:\\repos\\api', undefined, undefined],
  ['file:///home/me/api.git', undefined, undefined],
  ['git@github.com:only-owner.git', undefined, undefined],
  ['', undefined, undefined],
];

describe('git remote URL → web link', () => {
  for (const [remote, commit, pr] of cases) {
    it(`${remote || '(empty)'} → ${commit ?? 'no link'}`, () => {
      const web = webRepo(remote);
      assert.equal(web?.commit(SHA), commit);
      assert.equal(web?.pullRequest(5), pr);
    });
  }
  it('never puts credentials into a link', () => {
    assert.ok(!webRepo('https://user:secret@github.com/a/b.git')!.base.includes('secret'));
  });
});
