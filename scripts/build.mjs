// Builds the extension with esbuild into two bundles: dist/extension.js, the small shell VS Code
// activates (src/extension.ts: it imports only `vscode`), and dist/core.js, everything else
// (src/core.ts), which the shell loads right after activation or on the first command
// (src/shell/lazyCore.ts). With --tests it also transpiles src/ and test/ file by file into out/
// for mocha (unit tests in Node, integration tests in the extension host). Type checking is a
// separate step: `npm run typecheck`.
// Flags: --tests  also build out/;  --production  minify the bundles, no source maps.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zodWithoutLocales } from './zod-no-locales.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

const zod = zodWithoutLocales();
const shellEntry = join(root, 'src', 'extension.ts');
/** The shell requires the core at run time, from beside itself: keep that one `./core.js` out of its bundle (zod has a `./core.js` of its own). */
const coreStaysOut = {
  name: 'core-stays-out',
  setup(build) {
    build.onResolve({ filter: /^\.\/core\.js$/ }, (a) => (a.importer === shellEntry ? { path: './core.js', external: true } : undefined));
  },
};

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { extension: 'src/extension.ts', core: 'src/core.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // better-sqlite3 finds its prebuilt addon relative to its own files, so it ships unbundled.
  external: ['vscode', 'better-sqlite3'],
  plugins: [zod.plugin, coreStaysOut],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: false,
});
if (!zod.state.dropped) console.warn("build: zod's locales index was not found where expected, so the bundle carries every language (see scripts/zod-no-locales.mjs)");

if (args.has('--tests')) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = join(dir, name);
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(rel);
    }
  };
  walk('src');
  walk('test');
  rmSync(join(root, 'out'), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: files,
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
