import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseNewEntry } from '../../src/domain';
import { EntryStore } from '../../src/storage';
import { type OpenResult, openWithRecovery } from '../../src/storage/recovery';
import { type SessionTarget, StoreSession } from '../../src/storage/session';
import { tempDir } from './support/tmp';

/**
 * StoreSession, behind the UI's StoreHandle: the store of the file the database path setting
 * names. The setting can change while an open is in progress (opening takes a lock, maybe a
 * recovery); writes must then go to the new file, never to the old one.
 */

/** A promise and the function that settles it: the test decides when an open completes. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

const count = async (path: string) => {
  const s = await EntryStore.open({ path });
  try {
    return s.count();
  } finally {
    s.close();
  }
};

describe('the store of the configured database path (StoreSession)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let target: SessionTarget;
  /** Every store opened, in order, and whether the session closed it. */
  let opened: { path: string; store: EntryStore; closed: boolean }[];
  /** Opens of these paths wait for their gate. */
  let gates: Map<string, ReturnType<typeof gate>>;
  let failing: Set<string>;

  const openAt = async (t: SessionTarget): Promise<OpenResult> => {
    await gates.get(t.path)?.wait;
    if (failing.has(t.path)) throw new Error(`cannot open ${t.path}`);
    const result = await openWithRecovery({ path: t.path, backupFolder: t.backupFolder });
    const record = { path: t.path, store: result.store, closed: false };
    const close = result.store.close.bind(result.store);
    result.store.close = () => {
      record.closed = true;
      close();
    };
    opened.push(record);
    return result;
  };
  const at = (name: string): SessionTarget => ({ path: join(tmp.dir, name, 'impact-log.sqlite'), backupFolder: join(tmp.dir, name, 'backups') });

  beforeEach(() => {
    tmp = tempDir();
    target = at('old');
    opened = [];
    gates = new Map();
    failing = new Set();
  });
  afterEach(() => {
    for (const o of opened) if (!o.closed) o.store.close();
    tmp.cleanup();
  });

  it('opens on first use and hands every caller the same store', async () => {
    const session = new StoreSession(() => target, openAt);
    const [a, b] = await Promise.all([session.get(), session.get()]);
    assert.equal(a, b);
    assert.equal(await session.get(), a);
    assert.equal(opened.length, 1);
    session.dispose();
    assert.equal(opened[0]!.closed, true);
  });

  for (const how of ['the handle closes the session when the setting changes', 'the setting changed, nothing else told the session']) {
    it(`writes go to the new path when the setting changes while the old file is being opened (${how})`, async () => {
      const superseded: string[] = [];
      const session = new StoreSession(() => target, openAt, { superseded: (r) => superseded.push(r.store.path) });
      const g = gate();
      gates.set(at('old').path, g);
      const pending = session.get(); // a command started before the change
      target = at('new');
      if (how.startsWith('the handle')) session.close();
      g.open();
      const store = await pending;
      assert.equal(store.path, at('new').path, 'the waiting caller gets the store of the new path');
      store.add(parseNewEntry('note', { title: 'written after the change' }));
      assert.equal(await session.get(), store);
      assert.deepEqual(
        opened.map((o) => [o.path, o.closed]),
        [
          [at('old').path, true],
          [at('new').path, false],
        ],
        'the old file was closed as soon as it had opened',
      );
      assert.deepEqual(superseded, [at('old').path]);
      session.dispose();
      assert.equal(await count(at('new').path), 1);
      assert.equal(await count(at('old').path), 0, 'nothing was written to the old file');
    });
  }

  it('an open of the old path that fails after the change does not fail the caller: the new path is opened', async () => {
    const session = new StoreSession(() => target, openAt);
    const g = gate();
    gates.set(at('old').path, g);
    failing.add(at('old').path);
    const pending = session.get();
    target = at('new');
    g.open();
    assert.equal((await pending).path, at('new').path);
    session.dispose();
  });

  it('an open that fails for the current path is reported to the caller, and the next use tries again', async () => {
    const session = new StoreSession(() => target, openAt);
    failing.add(at('old').path);
    await assert.rejects(session.get(), /cannot open/);
    failing.clear();
    assert.equal((await session.get()).path, at('old').path);
    session.dispose();
  });

  it('shut down while opening: the file opened is closed and the caller is told', async () => {
    const session = new StoreSession(() => target, openAt);
    const g = gate();
    gates.set(at('old').path, g);
    const pending = session.get();
    session.dispose();
    g.open();
    await assert.rejects(pending, /shut down/);
    assert.deepEqual(
      opened.map((o) => o.closed),
      [true],
    );
  });
});
