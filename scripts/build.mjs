// Builds the extension with esbuild into two bundles: dist/extension.js, the small shell VS Code
// activates (src/extension.ts: it imports only `vscode`), and dist/core.js, everything else
// (src/core.ts), which the shell loads right after activation or on the first command
// (src/shell/lazyCore.ts). With --tests it also transpiles src/ and test/ file by file into out/
// for mocha (unit tests in Node, integration tests in the extension host). Type checking is a
// separate step: `npm run typecheck`.
// Flags: --tests  also build out/;  --production  minify the bundles, no source maps.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  // dist/importWorker.js: the import of a large file, in a worker thread (src/importWorker.ts).
  entryPoints: { extension: 'src/extension.ts', core: 'src/core.ts', importWorker: 'src/importWorker.ts' },
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
// The Insights page's script and stylesheet (Observable Plot and the d3 modules it uses, bundled):
// dist/webview/ is the only folder the webview may load from (src/ui/insights/panel.ts).
const page = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { insights: 'src/webview/insights/main.mts' },
  outdir: 'dist/webview',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
// Plot and d3 are ISC-licensed: their notices travel with the bundle, one file for every package in it.
const bundled = new Set(Object.keys(page.metafile.inputs).map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1]).filter(Boolean));
const notices = [...bundled].sort().map((name) => {
  const dir = join(root, 'node_modules', name);
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return `${name}@${version} (${license})\n\n${file ? readFileSync(join(dir, file), 'utf8').trim() : 'no licence file'}\n`;
});
writeFileSync(join(root, 'dist', 'webview', 'THIRD-PARTY-NOTICES.txt'), `Bundled into insights.js:\n\n${notices.join('\n---\n\n')}`);
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
