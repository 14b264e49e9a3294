import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { fakeContext, fakeOutputChannel, installFakeVscode, registeredCommands, stubbed } from './fakeVscode';
import { cpuMs, nowMs } from './stats';

/**
 * One activation, in a fresh process (so nothing is loaded yet, as in a new extension host). The
 * extension activates in two stages (src/shell/lazyCore.ts): a small shell, then the core.
 *   node activation.js shell <dist/extension.js> <scratch dir>   require + activate() of the shell with a fake
 *                                                                context, then its core through api.ready()
 *   node activation.js core <dist/core.js> <scratch dir>         require + activate() of the core alone
 *   node activation.js zod <zod-only bundle>                     require of zod alone, for its share
 *   node activation.js compile <bundle>                          compile without running
 * The bundles must sit in the repository (so `better-sqlite3` resolves), the core beside the shell.
 * Prints one JSON line.
 */

interface Shell {
  activate(ctx: unknown): { ready(): Promise<void> };
  deactivate?(): unknown;
}
interface Core {
  activate(ctx: unknown, output: unknown): unknown;
}

/** The repository (the extension's folder): the nearest folder above the bundle with a package.json. */
function extensionRoot(bundle: string): string {
  for (let dir = dirname(bundle); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${bundle}`);
  }
}

function probes(dir: string, core: string) {
  const globalDir = join(dir, 'global');
  return {
    opened: () => existsSync(globalDir) && readdirSync(globalDir).some((f) => f.endsWith('.sqlite')),
    sqliteLoaded: () => Object.keys(require.cache).some((k) => k.includes('better-sqlite3')),
    coreLoaded: () => Object.keys(require.cache).includes(core),
  };
}

/** Work queued by an activate() (promise callbacks, setImmediate) runs before the host moves on: wait until the event loop is free. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function shellActivation(bundle: string, dir: string): Promise<void> {
  installFakeVscode();
  const p = probes(dir, join(dirname(bundle), 'core.js'));
  // VS Code hands over the context (the manifest already parsed): not the extension's cost.
  const context = fakeContext(dir, extensionRoot(bundle));
  const [t0, c0] = [nowMs(), cpuMs()];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(bundle) as Shell;
  const [t1, c1] = [nowMs(), cpuMs()];
  const api = ext.activate(context);
  const [t2, c2] = [nowMs(), cpuMs()];
  const during = { openedDatabase: p.opened(), loadedSqlite: p.sqliteLoaded(), loadedCore: p.coreLoaded(), commands: [...registeredCommands] };
  // The core, as the shell loads it right after activation (or on the first command).
  await api.ready();
  const [t3, c3] = [nowMs(), cpuMs()];
  await settle();
  const t4 = nowMs();
  const after = { openedDatabase: p.opened(), loadedSqlite: p.sqliteLoaded(), loadedCore: p.coreLoaded() };
  for (const s of context.subscriptions as { dispose(): unknown }[]) s.dispose();
  ext.deactivate?.();
  console.log(
    JSON.stringify({
      requireMs: t1 - t0,
      activateMs: t2 - t1,
      readyMs: t3 - t2,
      settleMs: t4 - t3,
      cpu: { requireMs: c1 - c0, activateMs: c2 - c1, readyMs: c3 - c2 },
      ...during,
      after,
      stubbedApi: [...stubbed].sort(),
      // Every registration so far, stand-ins first: the core's come after.
      commandsAfter: [...registeredCommands],
    }),
  );
}

/** The core alone, as the shell loads it: require + activate with the shell's output channel. */
function coreActivation(bundle: string, dir: string): void {
  installFakeVscode();
  const [context, output] = [fakeContext(dir, extensionRoot(bundle)), fakeOutputChannel()];
  const [t0, c0] = [nowMs(), cpuMs()];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(bundle) as Core;
  const [t1, c1] = [nowMs(), cpuMs()];
  core.activate(context, output);
  const [t2, c2] = [nowMs(), cpuMs()];
  for (const s of context.subscriptions as { dispose(): unknown }[]) s.dispose();
  console.log(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, cpu: { requireMs: c1 - c0, activateMs: c2 - c1 } }));
}

/** Compiling the bundle without running it: the floor for any lazy loading that keeps one bundle. */
function compileOnly(bundle: string): void {
  const source = readFileSync(bundle, 'utf8');
  const [t0, c0] = [nowMs(), cpuMs()];
  new Script(Module.wrap(source), { filename: bundle });
  console.log(JSON.stringify({ compileMs: nowMs() - t0, cpuMs: cpuMs() - c0 }));
}

function zodOnly(bundle: string): void {
  const [t0, c0] = [nowMs(), cpuMs()];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(bundle);
  console.log(JSON.stringify({ requireMs: nowMs() - t0, cpuMs: cpuMs() - c0 }));
}

const [mode, bundle, dir] = process.argv.slice(2);
// The timeline or the status bar may have started timers; once the child has printed its line, it is done.
const done = () => process.exit();
if (mode === 'shell' && bundle && dir) {
  shellActivation(bundle, dir).then(done, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else if (mode === 'core' && bundle && dir) {
  coreActivation(bundle, dir);
  done();
} else if (mode === 'zod' && bundle) {
  zodOnly(bundle);
  done();
} else if (mode === 'compile' && bundle) {
  compileOnly(bundle);
  done();
} else {
  console.error('usage: activation.js shell <extension.js> <dir> | core <core.js> <dir> | zod <zod bundle> | compile <bundle>');
  process.exit(2);
}
