import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fakeContext, installFakeVscode, registeredCommands, stubbed } from './fakeVscode';
import { nowMs } from './stats';

/**
 * One activation, in a fresh process (so nothing is loaded yet, as in a new extension host):
 *   node activation.js bundle <dist/extension.js> <scratch dir>   require + activate() with a fake context
 *   node activation.js zod <zod-only bundle>                       require of zod alone, for its share
 * Prints one JSON line.
 */

interface Extension {
  activate(ctx: unknown): unknown;
  deactivate?(): unknown;
}

function activation(bundle: string, dir: string): void {
  installFakeVscode();
  const t0 = nowMs();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(bundle) as Extension;
  const t1 = nowMs();
  const context = fakeContext(dir, dirname(dirname(bundle)));
  ext.activate(context);
  const t2 = nowMs();
  const globalDir = join(dir, 'global');
  const openedDatabase = existsSync(globalDir) && readdirSync(globalDir).some((f) => f.endsWith('.sqlite'));
  const loadedSqlite = Object.keys(require.cache).some((k) => k.includes('better-sqlite3'));
  for (const s of context.subscriptions as { dispose(): unknown }[]) s.dispose();
  ext.deactivate?.();
  console.log(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, openedDatabase, loadedSqlite, stubbedApi: [...stubbed].sort(), commands: registeredCommands.length }));
}

function zodOnly(bundle: string): void {
  const t0 = nowMs();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(bundle);
  console.log(JSON.stringify({ requireMs: nowMs() - t0 }));
}

const [mode, bundle, dir] = process.argv.slice(2);
if (mode === 'bundle' && bundle && dir) activation(bundle, dir);
else if (mode === 'zod' && bundle) zodOnly(bundle);
else {
  console.error('usage: activation.js bundle <extension.js> <dir> | zod <zod bundle>');
  process.exitCode = 2;
}
// The timeline or a status bar may have started timers; this child has printed all it has to say.
process.exit();
