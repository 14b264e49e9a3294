import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../support/tmp';
import { repoRoot } from './support/root';

const run = promisify(execFile);
const PROBE = join(__dirname, 'support', 'networkProbe.js');
const ROOT = repoRoot();
const NETWORK_MODULES = ['http', 'https', 'net', 'tls', 'dns', 'http2', 'dgram'];

interface ProbeResult {
  tripped: { kind: string; what: string; stack: string }[];
  ran: string[];
}

async function probe(...args: string[]): Promise<ProbeResult> {
  const tmp = tempDir();
  try {
    const { stdout } = await run(process.execPath, [PROBE, tmp.dir, ...args], { maxBuffer: 10 * 1024 * 1024 });
    return JSON.parse(stdout) as ProbeResult;
  } finally {
    tmp.cleanup();
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('security: no network, no generated code', function () {
  this.timeout(120_000);

  it('the tripwires work: a probe that loads https and dns, calls fetch and builds a Function is caught', async () => {
    const { tripped } = await probe('--self-test');
    const what = new Set(tripped.map((t) => t.what));
    for (const w of ['node:https', 'dns', 'fetch', 'new Function()']) assert.ok(what.has(w), `${w} was not caught: ${[...what].join(', ')}`);
  });

  it('logging, editing, searching, summarising, exporting, importing, backing up, restoring and recovering load no network module, call no fetch and generate no code (both engines)', async () => {
    const { tripped, ran } = await probe();
    assert.deepEqual(tripped.map((t) => `${t.kind} ${t.what}\n${t.stack}`), []);
    for (const step of ['store:better-sqlite3', 'store:node:sqlite', 'export:markdown,json,csv', 'import', 'backup+restore', 'recovery']) {
      assert.ok(ran.includes(step), `the probe ran ${step}`);
    }
  });

  it('no source file names a network module, fetch, eval or Function', () => {
    const net = new RegExp(`from ['"](node:)?(${NETWORK_MODULES.join('|')})['"]|require\\(['"](node:)?(${NETWORK_MODULES.join('|')})['"]\\)`);
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (net.test(text)) offenders.push(`${file}: network module`);
      if (/\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b/.test(text)) offenders.push(`${file}: fetch / XHR / WebSocket`);
      if (/\beval\s*\(|\bnew\s+Function\b|[^.\w]Function\s*\(/.test(text)) offenders.push(`${file}: eval / Function`);
    }
    assert.deepEqual(offenders, []);
  });

  it('the extension bundles (the shell and the core) require no network module', function () {
    const bundles = ['extension.js', 'core.js'].map((b) => join(ROOT, 'dist', b));
    if (!bundles.every((b) => existsSync(b))) this.skip();
    for (const bundle of bundles) {
      const text = readFileSync(bundle, 'utf8');
      const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!.replace(/^node:/, ''));
      assert.deepEqual(required.filter((r) => NETWORK_MODULES.includes(r)), [], `network modules in ${bundle}`);
      assert.doesNotMatch(text, /\bfetch\s*\(/, `fetch in ${bundle}`);
    }
  });

  it('any webview has a strict Content-Security-Policy and runs scripts only with a nonce', () => {
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      if (!/createWebviewPanel|registerWebviewViewProvider|webview\.html\s*=/.test(text)) continue;
      assert.match(text, /Content-Security-Policy/, `${file} sets a Content-Security-Policy`);
      assert.match(text, /default-src 'none'/, `${file}: default-src 'none'`);
      assert.doesNotMatch(text, /<script(?![^>]*nonce=)/, `${file}: every script has a nonce`);
    }
  });
});

describe('security: a workspace cannot reach the log', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces?: { supported: boolean | string }; virtualWorkspaces?: boolean | { supported: boolean } };
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    activationEvents?: string[];
  };
  const props = pkg.contributes.configuration.properties;

  it('settings that locate the log or its backups are machine-scoped, so a repository’s .vscode/settings.json cannot redirect them', () => {
    for (const key of ['impactLog.databasePath', 'impactLog.backup.folder']) {
      assert.ok(props[key], `${key} is declared`);
      assert.equal(props[key].scope, 'machine', `${key} scope`);
    }
  });

  it('no setting can be set by a workspace (every one is application- or machine-scoped)', () => {
    for (const [key, def] of Object.entries(props)) assert.ok(['application', 'machine'].includes(def.scope ?? 'window'), `${key} has scope ${def.scope ?? 'window (default)'}`);
  });

  it('declares full support for untrusted (Restricted Mode) and virtual workspaces, and the docs explain why', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces?.supported, true);
    const virtual = pkg.capabilities.virtualWorkspaces;
    assert.ok(virtual === true || (typeof virtual === 'object' && virtual.supported), 'virtualWorkspaces');
    const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => join('docs', f))]
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(ROOT, f), 'utf8'))
      .join('\n');
    assert.match(docs, /Restricted Mode/, 'the docs say how the extension behaves in Restricted Mode');
    assert.match(docs, /virtual workspace/i, 'the docs say how the extension behaves in virtual workspaces');
  });

  it('activates on no wildcard', () => {
    assert.ok(!(pkg.activationEvents ?? []).includes('*'));
  });
});
