// Packages the extension as a VSIX with @vscode/vsce.
//   node scripts/package.mjs                       -> dist-vsix/impact-log-<version>.vsix (all prebuilds)
//   node scripts/package.mjs --target linux-x64    -> only that platform's better-sqlite3 prebuild
// The bundle is built in production mode first. Prints the path of each VSIX written.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const targetIdx = args.indexOf('--target');
const targets = targetIdx >= 0 ? args[targetIdx + 1].split(',') : [undefined];

// vsce target name -> better-sqlite3 prebuild name
const PREBUILD = {
  'win32-x64': 'win32-x64', 'win32-arm64': 'win32-arm64', 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64',
  'alpine-x64': 'linuxmusl-x64', 'alpine-arm64': 'linuxmusl-arm64', 'darwin-x64': 'darwin-x64', 'darwin-arm64': 'darwin-arm64',
};

execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], { stdio: 'inherit' });
mkdirSync(join(root, 'dist-vsix'), { recursive: true });
const ignorePath = join(root, '.vscodeignore');
const baseIgnore = readFileSync(ignorePath, 'utf8');
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
try {
  for (const target of targets) {
    const out = join(root, 'dist-vsix', `${pkg.name}-${target ?? 'universal'}-${pkg.version}.vsix`);
    if (target) {
      if (!PREBUILD[target]) throw new Error(`unknown target ${target}; one of ${Object.keys(PREBUILD).join(', ')}`);
      writeFileSync(ignorePath, baseIgnore.replace('!node_modules/better-sqlite3/prebuilds/*.node', `!node_modules/better-sqlite3/prebuilds/${PREBUILD[target]}.node`));
    }
    rmSync(out, { force: true });
    execFileSync(process.execPath, [vsce, 'package', '--no-update-package-json', '--no-git-tag-version', '--skip-license', '-o', out, ...(target ? ['--target', target] : [])], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    writeFileSync(ignorePath, baseIgnore);
    console.log(`${out} ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB`);
  }
} finally {
  writeFileSync(ignorePath, baseIgnore);
}
