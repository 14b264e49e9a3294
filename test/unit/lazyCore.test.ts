import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lazyApi } from '../../src/shell/api';
import { contributedCommandIds, CoreLoadError, LazyCore, type ShellHost } from '../../src/shell/lazyCore';
import type { CoreApi } from '../../src/ui/api';
import { repoRoot } from './reliability/support/root';
import { requireBuilt } from './support/build';

const run = promisify(execFile);

/** VS Code's command registry as far as the shell uses it: one handler per id, as the real one insists. */
class Registry {
  readonly handlers = new Map<string, (...args: unknown[]) => unknown>();

  register(id: string, handler: (...args: unknown[]) => unknown): { dispose(): void } {
    if (this.handlers.has(id)) throw new Error(`command '${id}' already exists`);
    this.handlers.set(id, handler);
    return { dispose: () => this.handlers.get(id) === handler && this.handlers.delete(id) };
  }

  async execute(id: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(`command '${id}' not found`);
    return await handler(...args);
  }
}

const IDS = ['impactLog.log', 'impactLog.exportData'];

/** A shell over a fake registry, with a core that registers the real commands (or fails as told). */
function shell(opts: { failLoad?: Error; failStart?: Error } = {}) {
  const registry = new Registry();
  const reported: CoreLoadError[] = [];
  const calls: { id: string; args: unknown[] }[] = [];
  let loads = 0;
  let starts = 0;
  const host: ShellHost = {
    registerCommand: (id, handler) => registry.register(id, handler),
    executeCommand: (id, ...args) => registry.execute(id, ...args),
    reportError: (err) => reported.push(err),
  };
  const api: CoreApi = { databasePath: '/data/impact-log.sqlite', store: () => Promise.reject(new Error('no store in this test')), timeline: undefined, chatTools: {} };
  const core = new LazyCore(host, {
    name: 'dist/core.js',
    load: () => {
      loads++;
      if (opts.failLoad) throw opts.failLoad;
      return { ids: IDS };
    },
    start: (mod) => {
      starts++;
      if (opts.failStart) throw opts.failStart;
      for (const id of mod.ids) {
        registry.register(id, (...args: unknown[]) => {
          calls.push({ id, args });
          return `${id} ran`;
        });
      }
      return api;
    },
  });
  const trampolines = core.registerTrampolines(IDS);
  return { registry, reported, calls, core, api, trampolines, counts: () => ({ loads, starts }) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('two-stage activation (src/shell/lazyCore.ts)', () => {
  it('registers a stand-in for every contributed command without loading the core', () => {
    const s = shell();
    assert.deepEqual([...s.registry.handlers.keys()], IDS);
    assert.deepEqual(s.counts(), { loads: 0, starts: 0 });
    assert.equal(s.core.loaded, false);
  });

  it('a command run before the core loads loads it once, then runs the real command with the same arguments and returns its result', async () => {
    const s = shell();
    const arg = { kind: 'problem', title: 'Fixed the flaky deploy' };
    const result = await s.registry.execute('impactLog.log', arg, 2);
    assert.equal(result, 'impactLog.log ran');
    assert.deepEqual(s.calls, [{ id: 'impactLog.log', args: [arg, 2] }]);
    assert.equal(s.calls[0]!.args[0], arg, 'the very same argument object reaches the command');
    assert.deepEqual(s.counts(), { loads: 1, starts: 1 });
    // The stand-ins made way: the next call goes straight to the core.
    assert.equal(await s.registry.execute('impactLog.exportData'), 'impactLog.exportData ran');
    assert.deepEqual(s.counts(), { loads: 1, starts: 1 });
    assert.deepEqual(s.reported, []);
  });

  it('commands run at the same time load the core once and each runs once', async () => {
    const s = shell();
    const results = await Promise.all([s.registry.execute('impactLog.log', 'a'), s.registry.execute('impactLog.exportData', 'b'), s.core.ready()]);
    assert.deepEqual(results.slice(0, 2), ['impactLog.log ran', 'impactLog.exportData ran']);
    assert.equal(results[2], s.api);
    assert.deepEqual(s.counts(), { loads: 1, starts: 1 });
    assert.deepEqual(
      s.calls.map((c) => `${c.id}(${String(c.args)})`).sort(),
      ['impactLog.exportData(b)', 'impactLog.log(a)'],
    );
  });

  it('loads the core by itself right after activation, without any command', async () => {
    const s = shell();
    s.core.loadSoon();
    assert.equal(s.core.loaded, false, 'activation does not wait for the core');
    await nextTurn();
    await nextTurn();
    assert.equal(s.core.loaded, true);
    assert.equal(await s.registry.execute('impactLog.log'), 'impactLog.log ran');
    assert.deepEqual(s.counts(), { loads: 1, starts: 1 });
  });

  it('does not load the core once the extension is deactivated', async () => {
    const s = shell();
    const soon = s.core.loadSoon();
    soon.dispose();
    s.trampolines.dispose();
    await nextTurn();
    assert.deepEqual(s.counts(), { loads: 0, starts: 0 });
    assert.deepEqual([...s.registry.handlers.keys()], [], 'the stand-ins are gone');
  });

  it('a core that cannot be loaded is reported naming the file and the cause; the command resolves to undefined and stays available', async () => {
    const s = shell({ failLoad: new Error("Cannot find module './core.js'") });
    assert.equal(await s.registry.execute('impactLog.log', 'x'), undefined);
    assert.equal(s.reported.length, 1);
    const err = s.reported[0]!;
    assert.equal(err.step, 'load');
    assert.match(err.message, /could not load its code \(dist\/core\.js\): Cannot find module '\.\/core\.js'/);
    assert.match(err.detail, /at /, 'the log gets the stack');
    // Still registered: running it again says so again (it cannot run) without loading again.
    assert.equal(await s.registry.execute('impactLog.log', 'x'), undefined);
    assert.equal(s.reported.length, 2);
    assert.deepEqual(s.counts(), { loads: 1, starts: 0 });
    assert.deepEqual(s.calls, []);
    await assert.rejects(s.core.ready(), CoreLoadError);
  });

  it('a core that fails while starting is reported once as a start-up failure, and the API says so', async () => {
    const s = shell({ failStart: new Error('database folder is not writable') });
    const api = lazyApi(s.core);
    await assert.rejects(api.ready(), (err: unknown) => err instanceof CoreLoadError && err.step === 'start' && /database folder is not writable/.test(err.message));
    await assert.rejects(api.store(), CoreLoadError);
    assert.throws(() => api.databasePath, CoreLoadError);
    assert.equal(s.reported.length, 1, 'reported when it failed, not again for each API call');
    assert.match(s.reported[0]!.message, /could not start/);
  });

  it('the API waits for the core (ready, store) or loads it on the spot (databasePath)', async () => {
    const s = shell();
    const api = lazyApi(s.core);
    assert.deepEqual(s.counts(), { loads: 0, starts: 0 }, 'creating the API loads nothing');
    assert.equal(api.databasePath, '/data/impact-log.sqlite');
    assert.deepEqual(s.counts(), { loads: 1, starts: 1 });
    await api.ready();
    await assert.rejects(api.store(), /no store in this test/, "store() is the core's");
    assert.deepEqual(s.counts(), { loads: 1, starts: 1 });
  });

  it('reads the command ids from the manifest, ignoring malformed entries', () => {
    const manifest = { contributes: { commands: [{ command: 'impactLog.log', title: 'Log' }, { title: 'no id' }, null, { command: 3 }, { command: 'impactLog.undoDelete' }] } };
    assert.deepEqual(contributedCommandIds(manifest), ['impactLog.log', 'impactLog.undoDelete']);
    assert.deepEqual(contributedCommandIds({}), []);
    assert.deepEqual(contributedCommandIds(undefined), []);
  });
});

describe('the built bundles (dist/extension.js, then dist/core.js), in a fresh process with a fake vscode', () => {
  const root = repoRoot();
  const shellBundle = join(root, 'dist', 'extension.js');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown;

  it('the shell activates without the core, the database or SQLite, with a stand-in for every contributed command; then its core loads and registers each for real', async function () {
    requireBuilt(this, root, [shellBundle, join(root, 'dist', 'core.js'), join(root, 'out', 'test', 'bench', 'activation.js')]);
    const dir = mkdtempSync(join(tmpdir(), 'impact-log-shell-'));
    try {
      const { stdout } = await run(process.execPath, [join(root, 'out', 'test', 'bench', 'activation.js'), 'shell', shellBundle, dir]);
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as {
        loadedCore: boolean;
        openedDatabase: boolean;
        loadedSqlite: boolean;
        commands: string[];
        after: { loadedCore: boolean };
        commandsAfter: string[];
      };
      const ids = contributedCommandIds(manifest);
      assert.ok(ids.length >= 20, `the manifest contributes ${ids.length} commands`);
      assert.deepEqual({ core: r.loadedCore, database: r.openedDatabase, sqlite: r.loadedSqlite }, { core: false, database: false, sqlite: false });
      assert.deepEqual([...r.commands].sort(), [...ids].sort(), 'one stand-in per contributed command, registered by activate()');
      assert.equal(r.after.loadedCore, true, 'the core loads once activation is over');
      const byCore = new Set(r.commandsAfter.slice(r.commands.length));
      assert.deepEqual(ids.filter((id) => !byCore.has(id)), [], 'contributed commands the core did not register');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
