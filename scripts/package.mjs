// Packages the extension as VSIX files with @vscode/vsce.
//   node scripts/package.mjs                        -> one VSIX per platform better-sqlite3 ships a prebuild for,
//                                                      each with only its own prebuild, plus a universal one
//   node scripts/package.mjs --target linux-x64     -> just that one (comma-separate several; 'universal' too)
// The universal VSIX carries no native prebuild: it serves platforms without one (and VS Code hosts
// whose Node-API is too old) through the built-in node:sqlite engine.
// The bundle is built in production mode first. Prints the path of each VSIX written.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const targetIdx = args.indexOf('--target');
const ALL = ['win32-x64', 'win32-arm64', 'linux-x64', 'linux-arm64', 'alpine-x64', 'alpine-arm64', 'darwin-x64', 'darwin-arm64', 'universal'];
const targets = (targetIdx >= 0 ? args[targetIdx + 1].split(',') : ALL).map((t) => (t === 'universal' ? undefined : t));

// vsce target name -> better-sqlite3 prebuild name
const PREBUILD = {
  'win32-x64': 'win32-x64', 'win32-arm64': 'win32-arm64', 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64',
  'alpine-x64': 'linuxmusl-x64', 'alpine-arm64': 'linuxmusl-arm64', 'darwin-x64': 'darwin-x64', 'darwin-arm64': 'darwin-arm64',
};

execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], { stdio: 'inherit' });
mkdirSync(join(root, 'dist-vsix'), { recursive: true });
const ignorePath = join(root, '.vscodeignore');
const baseIgnore = readFileSync(ignorePath, 'utf8');
// Each target swaps this allow-line for its own prebuild; without it every VSIX would ship none.
const PREBUILDS_LINE = '!node_modules/better-sqlite3/prebuilds/*.node';
if (!baseIgnore.split(/\r?\n/).includes(PREBUILDS_LINE)) throw new Error(`.vscodeignore must contain the line ${PREBUILDS_LINE}`);
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
// README images are relative links; vsce rewrites them against the repository. package.json's
// repository is a placeholder until the project is published, so name the base URLs explicitly.
const repoUrl = String(pkg.repository?.url ?? '').replace(/\.git$/, '');
const baseUrls = repoUrl ? ['--baseContentUrl', `${repoUrl}/blob/main`, '--baseImagesUrl', `${repoUrl}/raw/main`] : [];
for (const target of targets) {
  const out = join(root, 'dist-vsix', `${pkg.name}-${target ?? 'universal'}-${pkg.version}.vsix`);
  if (target && !PREBUILD[target]) throw new Error(`unknown target ${target}; one of ${ALL.join(', ')}`);
  const prebuildLine = target ? `!node_modules/better-sqlite3/prebuilds/${PREBUILD[target]}.node` : '';
  // A per-target ignore file in the temp folder, so concurrent packaging runs never race on .vscodeignore.
  const targetIgnore = join(tmpdir(), `impact-log-vscodeignore-${target ?? 'universal'}-${process.pid}`);
  writeFileSync(targetIgnore, baseIgnore.replace(PREBUILDS_LINE, prebuildLine));
  rmSync(out, { force: true });
  execFileSync(process.execPath, [vsce, 'package', '--no-update-package-json', '--no-git-tag-version', '--skip-license', '--ignoreFile', targetIgnore, ...baseUrls, '-o', out, ...(target ? ['--target', target] : [])], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  rmSync(targetIgnore, { force: true });
  console.log(`${out} ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB`);
}
