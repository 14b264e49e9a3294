import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { fakeContext, installFakeVscode, registeredCommands, stubbed } from './fakeVscode';
import { cpuMs, nowMs } from './stats';

/**
 * One activation, in a fresh process (so nothing is loaded yet, as in a new extension host):
 *   node activation.js bundle <dist/extension.js> <scratch dir>   require + activate() with a fake context
 *   node activation.js zod <zod-only bundle>                       require of zod alone, for its share
 *   node activation.js compile <dist/extension.js>                 compile without running
 * Prints one JSON line.
 */

interface Extension {
  activate(ctx: unknown): unknown;
  deactivate?(): unknown;
}

async function activation(bundle: string, dir: string): Promise<void> {
  installFakeVscode();
  const globalDir = join(dir, 'global');
  const opened = () => existsSync(globalDir) && readdirSync(globalDir).some((f) => f.endsWith('.sqlite'));
  const sqliteLoaded = () => Object.keys(require.cache).some((k) => k.includes('better-sqlite3'));
  const [t0, c0] = [nowMs(), cpuMs()];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(bundle) as Extension;
  const [t1, c1] = [nowMs(), cpuMs()];
  const context = fakeContext(dir, dirname(dirname(bundle)));
  ext.activate(context);
  const [t2, c2] = [nowMs(), cpuMs()];
  const during = { openedDatabase: opened(), loadedSqlite: sqliteLoaded() };
  // Work activate() queued for right after it returns (promise callbacks) still runs before the
  // extension host moves on: wait until the event loop is free, then look again.
  await new Promise((resolve) => setImmediate(resolve));
  const t3 = nowMs();
  const after = { openedDatabase: opened(), loadedSqlite: sqliteLoaded() };
  for (const s of context.subscriptions as { dispose(): unknown }[]) s.dispose();
  ext.deactivate?.();
  console.log(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, settleMs: t3 - t2, cpu: { requireMs: c1 - c0, activateMs: c2 - c1 }, ...during, after, stubbedApi: [...stubbed].sort(), commands: registeredCommands.length }));
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
if (mode === 'bundle' && bundle && dir) {
  activation(bundle, dir).then(done, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else if (mode === 'zod' && bundle) {
  zodOnly(bundle);
  done();
} else if (mode === 'compile' && bundle) {
  compileOnly(bundle);
  done();
} else {
  console.error('usage: activation.js bundle <extension.js> <dir> | zod <zod bundle>');
  process.exit(2);
}
