// Builds the extension with esbuild into two bundles: dist/extension.js, the small shell VS Code
// activates (src/extension.ts: it imports only `vscode`), and dist/core.js, everything else
// (src/core.ts), which the shell loads right after activation or on the first command
// (src/shell/lazyCore.ts). With --tests it also transpiles src/ and test/ file by file into out/
// for mocha (unit tests in Node, integration tests in the extension host). Type checking is a
// separate step: `npm run typecheck`.
// Flags: --tests  also build out/;  --production  minify the bundles, no source maps.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/**
 * zod bundles its error messages in ~40 languages (`z.locales`, about 45 % of our bundle). Our
 * messages are our own (src/domain/validation.ts) and zod's English default is imported on its
 * own (`locales/en.js`), so the index of all languages becomes an empty module.
 */
let droppedZodLocales = false;
const noZodLocales = {
  name: 'no-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (a) => {
      if (!a.importer.includes(`${sep}node_modules${sep}zod${sep}`)) return undefined;
      droppedZodLocales = true;
      return { path: 'zod-locales', namespace: 'empty' };
    });
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
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
  // better-sqlite3 finds its prebuilt addon relative to its own files, so it ships unbundled. The
  // shell requires the core at run time, from beside itself.
  external: ['vscode', 'better-sqlite3', './core.js'],
  plugins: [noZodLocales],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: false,
});
if (!droppedZodLocales) console.warn('build: zod\'s locales index was not found where expected; the bundle carries every language (check zod\'s layout and the no-zod-locales plugin)');

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
