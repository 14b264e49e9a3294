import assert from 'node:assert/strict';
import { repoFromRemote, selectionLines, titleFromSelection } from '../../src/domain/capture';
import { weekRange } from '../../src/domain/week';

describe('title from a selection', () => {
  it('takes the first non-blank line, trimmed', () => {
    assert.equal(titleFromSelection('\n\n   const total = items.reduce(sum);  \nreturn total;'), 'const total = items.reduce(sum);');
  });

  it('drops leading comment markers and a closing one', () => {
    assert.equal(titleFromSelection('// TODO: escape the user name'), 'TODO: escape the user name');
    assert.equal(titleFromSelection('# retry on 503'), 'retry on 503');
    assert.equal(titleFromSelection('/* cache is never invalidated */'), 'cache is never invalidated');
    assert.equal(titleFromSelection('  * \n * race between the two writers'), 'race between the two writers');
    assert.equal(titleFromSelection('-- missing index on orders.user_id'), 'missing index on orders.user_id');
  });

  it('shortens a long line to fit a title', () => {
    const t = titleFromSelection('x'.repeat(1000));
    assert.equal(t.length, 300);
    assert.ok(t.endsWith('…'));
  });

  it('is empty for a blank selection', () => {
    assert.equal(titleFromSelection('  \n\t\n'), '');
  });
});

describe('selection line range', () => {
  it('is 1-based and inclusive', () => {
    assert.deepEqual(selectionLines({ line: 9, character: 4 }, { line: 11, character: 2 }), { startLine: 10, endLine: 12 });
  });
  it('does not count the line a whole-line selection ends on', () => {
    assert.deepEqual(selectionLines({ line: 9, character: 0 }, { line: 12, character: 0 }), { startLine: 10, endLine: 12 });
  });
  it('handles a selection within one line', () => {
    assert.deepEqual(selectionLines({ line: 0, character: 3 }, { line: 0, character: 7 }), { startLine: 1, endLine: 1 });
  });
});

describe('repository name from a remote', () => {
  it('reads scp-like SSH remotes', () => {
    assert.equal(repoFromRemote('git@github.com:acme/api.git'), 'github.com/acme/api');
  });
  it('reads HTTPS remotes and drops credentials', () => {
    assert.equal(repoFromRemote('https://alice:ghp_secret@github.com/acme/api.git'), 'github.com/acme/api');
    assert.equal(repoFromRemote('https://dev.azure.com/org/project/_git/repo'), 'dev.azure.com/org/project/_git/repo');
  });
  it('reads ssh:// remotes with a port', () => {
    assert.equal(repoFromRemote('ssh://git@gitlab.example.com:2222/team/app.git'), 'gitlab.example.com/team/app');
  });
  it('uses the folder name of a local remote', () => {
    assert.equal(repoFromRemote('/srv/git/app.git'), 'app');
    assert.equal(repoFromRemote('file:///srv/git/app.git'), 'app');
    assert.equal(repoFromRemote('C:\\repos\\app'), 'app');
  });
  it('gives nothing for an empty remote', () => {
    assert.equal(repoFromRemote('  '), undefined);
  });
});

describe('this week (starting Monday)', () => {
  it('runs from Monday 00:00 to the next Monday, local time', () => {
    const { from, to } = weekRange(new Date(2026, 10, 26, 15, 30).getTime(), 1); // Thursday 26 Nov 2026
    assert.equal(from, new Date(2026, 10, 23).getTime());
    assert.equal(to, new Date(2026, 10, 30).getTime());
  });
  it('puts Sunday evening in the week that began on the Monday before', () => {
    const { from } = weekRange(new Date(2026, 10, 29, 23, 59).getTime(), 1);
    assert.equal(from, new Date(2026, 10, 23).getTime());
  });
  it('starts a new week at Monday midnight', () => {
    const monday = new Date(2026, 10, 30).getTime();
    assert.equal(weekRange(monday, 1).from, monday);
  });
});
