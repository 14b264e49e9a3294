// The integration suites in desktop VS Code (Electron) with @vscode/test-electron, for machines that
// have VS Code >= 1.101 installed. Same `run()` entry (out/test/integration/index.js) and the same
// packaged VSIX as `npm run test:vscode`; only the host differs.
//
//   node scripts/test-electron.mjs --code "/usr/share/code/code"          (Linux)
//   node scripts/test-electron.mjs --code "/Applications/Visual Studio Code.app/Contents/MacOS/Electron"
//   VSCODE_EXECUTABLE_PATH=... node scripts/test-electron.mjs
// Flags: --no-package  reuse the newest VSIX in dist-vsix/;  --target <vsce target>  (default: this
//        machine's, e.g. darwin-arm64);  --grep <regexp>;  --download  let test-electron download
//        VS Code stable instead (needs internet access to update.code.visualstudio.com).
// It never downloads unless asked: on the project's CI machines only the npm registry is reachable.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliPathFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION_ID = 'impact-log.impact-log';
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

function defaultTarget() {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  return `${process.platform}-${arch}`;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
  return r.stdout;
}

async function main() {
  let code = option('--code') ?? process.env.VSCODE_EXECUTABLE_PATH;
  if (!code && argv.includes('--download')) code = await downloadAndUnzipVSCode('stable');
  if (!code || !existsSync(code)) {
    console.error('Pass the VS Code executable: --code <path> or VSCODE_EXECUTABLE_PATH (or --download where VS Code can be downloaded).');
    return 2;
  }
  const target = option('--target') ?? defaultTarget();
  let vsix;
  if (argv.includes('--no-package')) {
    vsix = readdirSync(join(ROOT, 'dist-vsix'))
      .filter((f) => f.endsWith('.vsix') && f.includes(`-${target}-`))
      .map((f) => join(ROOT, 'dist-vsix', f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (!vsix) throw new Error(`--no-package: no ${target} VSIX in dist-vsix/`);
  } else {
    vsix = run(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--target', target]).match(/^(\S+\.vsix) /m)?.[1];
    if (!vsix) throw new Error('scripts/package.mjs printed no VSIX path');
  }
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--tests']);

  const base = mkdtempSync(join(tmpdir(), 'impact-log-electron-'));
  const userDataDir = join(base, 'user-data');
  const installed = join(base, 'under-test');
  const workspace = join(base, 'workspace');
  for (const d of [join(userDataDir, 'User'), installed, join(base, 'extensions'), workspace]) mkdirSync(d, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoUpdate': false }, null, 2),
  );
  const report = join(base, 'report.json');
  try {
    // Unpack the VSIX with VS Code's own installer; the installed folder is the extension under test.
    const cli = resolveCliPathFromVSCodeExecutablePath(code);
    const inst = spawnSync(cli, ['--extensions-dir', installed, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (inst.status !== 0) throw new Error(`installing ${vsix} failed`);
    const folder = readdirSync(installed).find((f) => f.startsWith(`${EXTENSION_ID}-`));
    if (!folder) throw new Error(`no ${EXTENSION_ID}-* folder after installing ${vsix}`);

    const exit = await runTests({
      vscodeExecutablePath: code,
      extensionDevelopmentPath: join(installed, folder),
      extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: { IMPACT_LOG_TEST_REPORT: report, ...(option('--grep') ? { IMPACT_LOG_TEST_GREP: option('--grep') } : {}) },
      launchArgs: [
        workspace,
        '--user-data-dir', userDataDir,
        '--extensions-dir', join(base, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
      ],
    }).catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      return 1;
    });
    const r = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
    console.log(r ? `integration (electron): ${r.passes} passed, ${r.failures} failed` : 'integration (electron): no report written');
    return exit === 0 && r && r.failures === 0 ? 0 : 1;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
