import assert from 'node:assert/strict';
import { type Event, type GitApi, type GitRepository, gitInfo, SharedWait } from '../../src/git/gitContext';

/**
 * Capturing Git context waits for Git to initialise and a repository to report HEAD. On 0.1.0
 * each log that gave up (Git never initialised, HEAD never reported) left its listener
 * subscribed: one more per log. These fakes count the listeners.
 */

class FakeEmitter<T> {
  readonly listeners = new Set<(e: T) => unknown>();
  readonly event: Event<T> = (l) => {
    this.listeners.add(l);
    return { dispose: () => this.listeners.delete(l) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

function fakeGit(opts: { initialised: boolean; head: boolean }) {
  const state = new FakeEmitter<'uninitialized' | 'initialized'>();
  const repoChange = new FakeEmitter<void>();
  const repoState = { HEAD: opts.head ? { name: 'main', commit: 'a1b2c3d4e5f6' } : undefined, remotes: [{ name: 'origin', fetchUrl: 'git@github.com:acme/shop.git' }], onDidChange: repoChange.event };
  const repo: GitRepository = { rootUri: { fsPath: '/work/shop' }, state: repoState };
  const api = {
    state: opts.initialised ? 'initialized' : 'uninitialized',
    onDidChangeState: state.event,
    getRepository: () => repo,
  } as { state: 'uninitialized' | 'initialized' } & GitApi<string>;
  return { api, state, repoChange, repoState };
}

const gaveUp = () => AbortSignal.abort();

describe('git context: waiting for Git', () => {
  it('leaves no listener behind when Git never initialises, however many logs give up', async () => {
    const g = fakeGit({ initialised: false, head: true });
    for (let i = 0; i < 5; i++) {
      const deadline = new AbortController();
      const info = gitInfo(g.api, 'file', 'dir', deadline.signal);
      assert.equal(g.state.listeners.size, 1, 'one listener while a capture waits');
      deadline.abort();
      assert.equal(await info, undefined);
      assert.equal(g.state.listeners.size, 0, `after ${i + 1} capture(s) gave up`);
    }
  });

  it('leaves no listener behind when a repository never reports HEAD', async () => {
    const g = fakeGit({ initialised: true, head: false });
    for (let i = 0; i < 5; i++) {
      const deadline = new AbortController();
      const info = gitInfo(g.api, 'file', 'dir', deadline.signal);
      await Promise.resolve();
      await Promise.resolve();
      assert.equal(g.repoChange.listeners.size, 1, 'one listener while a capture waits');
      deadline.abort();
      assert.equal(await info, undefined);
      assert.equal(g.repoChange.listeners.size, 0, `after ${i + 1} capture(s) gave up`);
    }
  });

  it('captures waiting together share one listener, and all get the answer once Git is ready', async () => {
    const g = fakeGit({ initialised: false, head: true });
    const deadlines = [new AbortController(), new AbortController(), new AbortController()];
    const infos = deadlines.map((d) => gitInfo(g.api, 'file', 'dir', d.signal));
    assert.equal(g.state.listeners.size, 1);
    deadlines[0]!.abort(); // one gives up: the others still wait on the same listener
    assert.equal(g.state.listeners.size, 1);
    g.state.fire('uninitialized');
    assert.equal(g.state.listeners.size, 1, 'a state change that is not "initialized" wakes nobody');
    g.api.state = 'initialized';
    g.state.fire('initialized');
    assert.equal(g.state.listeners.size, 0);
    const [first, ...rest] = await Promise.all(infos);
    assert.equal(first, undefined);
    for (const info of rest) assert.deepEqual(info, { repo: 'github.com/acme/shop', branch: 'main', commit: 'a1b2c3d4e5f6' });
  });

  it('a repository that reports HEAD after its first status run is read then', async () => {
    const g = fakeGit({ initialised: true, head: false });
    const info = gitInfo(g.api, 'file', 'dir', new AbortController().signal);
    await Promise.resolve();
    await Promise.resolve();
    g.repoState.HEAD = { name: 'feature/x', commit: 'ffff0000ffff' };
    g.repoChange.fire();
    assert.deepEqual(await info, { repo: 'github.com/acme/shop', branch: 'feature/x', commit: 'ffff0000ffff' });
    assert.equal(g.repoChange.listeners.size, 0);
  });

  it('SharedWait: ready at once needs no listener; an already-passed deadline subscribes nothing', async () => {
    const e = new FakeEmitter<void>();
    let ready = true;
    const w = new SharedWait(e.event, () => ready);
    assert.equal(await w.wait(new AbortController().signal), true);
    ready = false;
    assert.equal(await w.wait(gaveUp()), false);
    assert.equal(e.listeners.size, 0);
    assert.equal(w.listening, false);
  });
});
