import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, insightsHtml, makeNonce } from '../../src/ui/insights/html';
import { chartFileContent, checkedSavePath } from '../../src/ui/insights/saveChart';

const ROOT = join(__dirname, '..', '..', '..');
const CSP_SOURCE = 'https://*.vscode-cdn.net';
const page = (nonce = makeNonce()) =>
  insightsHtml({
    cspSource: CSP_SOURCE,
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/insights.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/insights.css',
  });

/** The CSP of the meta tag, as a map of directive -> sources. */
function cspOf(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  const policy = m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('insights: the webview page', () => {
  it('has a strict CSP: nothing by default, scripts only with the nonce, styles and images from the extension', () => {
    const nonce = 'bm9uY2Utb2YtdGhpcy1wYWdl';
    const csp = cspOf(page(nonce));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(csp.get('style-src'), [CSP_SOURCE, `'nonce-${nonce}'`]);
    assert.deepEqual(csp.get('img-src'), [CSP_SOURCE, 'data:']);
    for (const [name, sources] of csp) {
      assert.ok(!sources.includes("'unsafe-inline'") && !sources.includes("'unsafe-eval'") && !sources.includes('*'), `${name}: ${sources.join(' ')}`);
    }
  });

  it('every script carries the nonce, there is no inline script or style, and no URL outside the extension', () => {
    const nonce = makeNonce();
    const html = page(nonce);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`) && /src="[^"]+"/.test(s), s);
    assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, 'no inline script');
    assert.doesNotMatch(html, /<style\b/, 'no inline style element');
    assert.doesNotMatch(html, /\sstyle="/, 'no style attribute');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(urls.filter((u) => !u.startsWith('https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/')), []);
  });

  it('a new nonce for every page, unguessable (128 bits)', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.match(contentSecurityPolicy({ cspSource: 'x', nonce: a }), new RegExp(`'nonce-${a.replace(/[+/]/g, '\\$&')}'`));
  });

  it('the bundled page script loads nothing remote and evaluates no strings', function () {
    let js: string;
    try {
      js = readFileSync(join(ROOT, 'dist', 'webview', 'insights.js'), 'utf8');
    } catch {
      this.skip(); // built by `node scripts/build.mjs` (npm run test:unit builds it first)
    }
    assert.doesNotMatch(js, /\bfetch\s*\(|XMLHttpRequest|WebSocket|importScripts/);
    assert.doesNotMatch(js, /\beval\s*\(|new Function\s*\(/);
    // XML namespaces, and issue links in d3's comments (kept in the unminified build), are words, not resources.
    const words = /^(http:\/\/www\.w3\.org\/|https:\/\/github\.com\/d3\/)/;
    const urls = [...js.matchAll(/https?:\/\/[^\s"'`)]+/g)].map((m) => m[0]).filter((u) => !words.test(u));
    assert.deepEqual(urls, []);
  });

  it('saves only an SVG or a PNG, and only to a local file with the right extension', () => {
    assert.equal(chartFileContent('svg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    assert.throws(() => chartFileContent('svg', '<html><body>hi</body></html>'), /not an SVG/);
    assert.throws(() => chartFileContent('svg', '<svg><script>alert(1)</script></svg>'), /not an SVG/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    assert.deepEqual(chartFileContent('png', `data:image/png;base64,${png.toString('base64')}`), png);
    assert.throws(() => chartFileContent('png', `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`), /not a PNG/);
    assert.throws(() => chartFileContent('png', 'data:text/html;base64,PGI+'), /not a PNG/);
    assert.equal(checkedSavePath({ scheme: 'file', fsPath: '/home/me/chart.svg' }, 'svg'), '/home/me/chart.svg');
    assert.equal(checkedSavePath({ scheme: 'file', fsPath: '/home/me/chart' }, 'png'), '/home/me/chart.png');
    assert.equal(checkedSavePath({ scheme: 'file', fsPath: '/home/me/chart.SVG' }, 'svg'), '/home/me/chart.SVG');
    assert.throws(() => checkedSavePath({ scheme: 'vscode-remote', fsPath: '/x.svg' }, 'svg'), /must be a file on this machine/);
  });
});
