import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultExportFolder, exportFileName, isInside } from '../../src/domain/exportFolder';
import { statusLabel, statusText } from '../../src/domain/format';
import { entryLocation, locationCandidates, locationText, missingLocationMessage } from '../../src/domain/location';
import { offerTyped, tagsPlaceholder } from '../../src/domain/suggestionStep';
import { contentSecurityPolicy, entryContent, entryPage, escapeHtml } from '../../src/ui/entryView/html';
import { entry } from './support/summaryFixture';

/**
 * #14 points 3, 4 and 8 where they are decided in plain data: the entry view's page, where the
 * file an entry was logged from may be now, where an export's save dialog starts, and the words of
 * the status bar and the tags step.
 */

const HOME = '/home/sam';
const folders = (...existing: string[]) => (p: string) => existing.includes(p);

describe('where an export is saved by default', () => {
  it('is the folder the user chose for the last export, even inside a workspace (they picked it)', () => {
    const last = '/home/sam/src/shop/exports';
    assert.equal(defaultExportFolder({ last, home: HOME, workspaceFolders: ['/home/sam/src/shop'], isFolder: folders(last, join(HOME, 'Documents')) }), last);
  });

  it('else ~/Documents when it exists, else the home folder; never the workspace folder', () => {
    const ws = ['/home/sam/src/shop'];
    assert.equal(defaultExportFolder({ last: undefined, home: HOME, workspaceFolders: ws, isFolder: folders(join(HOME, 'Documents')) }), join(HOME, 'Documents'));
    assert.equal(defaultExportFolder({ last: undefined, home: HOME, workspaceFolders: ws, isFolder: folders() }), HOME);
    for (const f of [defaultExportFolder({ last: undefined, home: HOME, workspaceFolders: ws, isFolder: folders(join(HOME, 'Documents')) })]) {
      assert.ok(!ws.some((w) => isInside(f, w)), `${f} is inside the workspace`);
    }
  });

  it('forgets a last folder that is gone (or not absolute), and skips a Documents folder inside the open workspace', () => {
    assert.equal(defaultExportFolder({ last: '/media/usb/exports', home: HOME, workspaceFolders: [], isFolder: folders(join(HOME, 'Documents')) }), join(HOME, 'Documents'));
    assert.equal(defaultExportFolder({ last: 'exports', home: HOME, workspaceFolders: [], isFolder: folders('exports') }), HOME);
    assert.equal(defaultExportFolder({ last: undefined, home: HOME, workspaceFolders: [HOME], isFolder: folders(join(HOME, 'Documents')) }), HOME);
  });

  it('tells inside from a sibling with the same prefix', () => {
    assert.equal(isInside('/home/sam/src/shop/a', '/home/sam/src/shop'), true);
    assert.equal(isInside('/home/sam/src/shop', '/home/sam/src/shop'), true);
    assert.equal(isInside('/home/sam/src/shop-exports', '/home/sam/src/shop'), false);
  });

  it('proposes a file named after the period, or today for everything', () => {
    assert.equal(exportFileName('json', { fromDate: '2026-07-01', toDate: '2026-12-31' }, '2026-12-01'), 'impact-log-2026-07-01-to-2026-12-31.json');
    assert.equal(exportFileName('csv', undefined, '2026-12-01'), 'impact-log-2026-12-01.csv');
  });
});

describe('the place an entry was logged from', () => {
  it('reads the file and lines, and writes them as README.md:1–3', () => {
    const l = entryLocation({ file: 'README.md', startLine: 1, endLine: 3, workspaceFolder: 'shop' })!;
    assert.equal(locationText(l), 'README.md:1–3');
    assert.equal(locationText(entryLocation({ file: 'a.ts', startLine: 4, endLine: 4 })!), 'a.ts:4');
    assert.equal(locationText(entryLocation({ file: 'a.ts' })!), 'a.ts');
    assert.equal(entryLocation({ repo: 'acme/shop' }), undefined, 'no file, no location');
  });

  it('looks in the folder it was logged in first, then the others; a multi-root path loses its folder prefix', () => {
    const open = [
      { name: 'docs', path: '/w/docs' },
      { name: 'shop', path: '/w/shop' },
    ];
    assert.deepEqual(locationCandidates(entryLocation({ file: 'README.md', workspaceFolder: 'shop' })!, open), ['/w/shop/README.md', '/w/docs/README.md']);
    assert.deepEqual(locationCandidates(entryLocation({ file: 'shop/src/a.ts', workspaceFolder: 'shop' })!, open), ['/w/shop/src/a.ts', '/w/shop/shop/src/a.ts', '/w/docs/shop/src/a.ts']);
  });

  it('never proposes a path outside the open folders', () => {
    const open = [{ name: 'shop', path: '/w/shop' }];
    assert.deepEqual(locationCandidates(entryLocation({ file: '../../etc/passwd' })!, open), []);
    assert.deepEqual(locationCandidates(entryLocation({ file: '/etc/passwd' })!, open), []);
  });

  it('says what to do when the file is not there', () => {
    const l = entryLocation({ file: 'README.md', startLine: 1, endLine: 3, workspaceFolder: 'shop' })!;
    assert.match(missingLocationMessage(l, 1), /README\.md:1–3 \(logged in the workspace folder “shop”\) is not in the open workspace folders.*Open the folder it was logged in/);
    assert.match(missingLocationMessage(l, 0), /no folder is open/);
  });
});

describe('the entry view page', () => {
  const opts = { nonce: 'n0nce', cspSource: 'https://webview.example', dateStyle: { locale: 'en-GB' } };

  it('shows the whole entry with Edit, Rename, Open location, Open link, Copy and Delete', () => {
    const e = entry('problem', {
      title: 'Fixed the flaky login test',
      occurredAt: '2026-09-14T13:30:00Z',
      whatWasWrong: 'A race between the session cookie and the redirect.',
      fix: 'Awaited the cookie write.',
      impact: 'medium',
      tags: ['auth'],
      links: [{ url: 'https://git.example.com/acme/shop/pull/7', label: 'PR #7' }],
      context: { workspaceFolder: 'shop', file: 'README.md', startLine: 1, endLine: 3 },
    });
    const html = entryPage(e, opts);
    assert.match(html, /<h1>Fixed the flaky login test<\/h1>/);
    assert.match(html, /<dt>What was wrong<\/dt><dd>A race between the session cookie and the redirect\.<\/dd>/);
    assert.match(html, /<dt>The fix<\/dt><dd>Awaited the cookie write\.<\/dd>/);
    assert.match(html, /<dt>Impact<\/dt><dd>medium<\/dd>/);
    assert.match(html, /#auth/);
    for (const [action, label] of [
      ['edit', 'Edit'],
      ['rename', 'Rename'],
      ['openLocation', 'Open README.md:1–3'],
      ['openLinks', 'Open link'],
      ['copy', 'Copy as Markdown'],
      ['delete', 'Delete'],
    ]) {
      assert.match(html, new RegExp(`<button type="button" data-action="${action}"[^>]*>${label}</button>`), `no ${label} button`);
    }
    assert.match(html, /data-action="openLink" class="link" data-index="0">PR #7</);
  });

  it('offers Open location only with a file, and Open link only with a link', () => {
    const html = entryPage(entry('note', { title: 'Mentored a new hire', context: { repo: 'acme/shop' } }), opts);
    assert.doesNotMatch(html, /data-action="openLocation"/);
    assert.doesNotMatch(html, /data-action="openLinks"/);
    assert.doesNotMatch(html, /data-action="openLink"/);
    assert.match(entryPage(entry('note', { title: 't', links: ['https://a.example', 'https://b.example'] }), opts), /data-action="openLinks">Open links \(2\)</);
  });

  it('escapes every piece of user text, so a title cannot add markup or script', () => {
    const html = entryPage(entry('note', { title: '<img src=x onerror=alert(1)>', details: '</div><script>alert(2)</script>', tags: ['"><b>'] }), opts);
    assert.doesNotMatch(html, /<img|<script>alert|<b>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.equal(escapeHtml(`<a href="x" title='y'>&`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
  });

  it('allows nothing but its own style and its one script, by nonce', () => {
    const html = entryPage(entry('note', { title: 't' }), opts);
    assert.equal(contentSecurityPolicy(opts).split(';')[0], "default-src 'none'");
    assert.match(html, /script-src &#39;nonce-n0nce&#39;/);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [' nonce="n0nce"']);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
  });

  it('announces a deletion with the entry’s title (escaped) and an Undo button that takes the page’s focus', () => {
    const html = entryPage(entry('note', { title: 'Gone <b>now</b>' }, { deletedAt: '2026-11-30T10:00:00Z' }), { ...opts, undoKey: 'Cmd+Z' });
    assert.match(html, /<p role="status" aria-live="polite">Deleted “Gone &lt;b&gt;now&lt;\/b&gt;”\.<\/p>/);
    assert.match(html, /<button type="button" data-action="undo" class="primary">Undo<\/button>/);
    assert.match(html, /Cmd\+Z here or in the timeline also undoes it/);
    assert.match(html, /querySelector\('button\[data-action="undo"\]'\)/);
    assert.match(html, /if \(undo && document\.hasFocus\(\)/, 'the page takes the focus for Undo only when it has the keyboard already');
    for (const action of ['edit', 'rename', 'delete', 'copy']) assert.doesNotMatch(html, new RegExp(`<button [^>]*data-action="${action}"`));
  });

  it('holds what changes in one place, so a change is sent to the open page instead of reloading it', () => {
    const e = entry('note', { title: 'Kept the page' });
    const content = entryContent(e, opts);
    assert.ok(entryPage(e, opts).includes(`<div id="content">${content}</div>`));
    assert.notEqual(entryContent({ ...e, title: 'Renamed' }, opts), content, 'a rename changes the content');
    assert.equal(entryContent(e, { ...opts, undoKey: 'Cmd+Z' }), content, 'an unrelated option does not');
    assert.match(entryPage(e, opts), new RegExp(`postMessage\\(\\{ ready: "${opts.nonce}" \\}\\)`), 'the page says it is loaded, with its nonce');
  });

  it('is in the user’s language (lang), and never lets a malformed one into the markup', () => {
    assert.match(entryPage(entry('note', { title: 't' }), { ...opts, lang: 'de' }), /<html lang="de">/);
    assert.match(entryPage(entry('note', { title: 't' }), { ...opts, lang: 'pt-BR' }), /<html lang="pt-BR">/);
    assert.match(entryPage(entry('note', { title: 't' }), { ...opts, lang: '"><script>' }), /<html lang="en">/);
  });

  it('an entry that no longer exists at all has no Undo', () => {
    const html = entryPage(undefined, opts);
    assert.match(html, /This entry no longer exists/);
    assert.doesNotMatch(html, /<button/);
  });
});

describe('small words (#14 point 8)', () => {
  it('the status bar says what the number is, with an accessible label', () => {
    assert.equal(statusText(3), '$(checklist) 3 this week');
    assert.equal(statusLabel(3), 'Impact Log: 3 outcomes this week');
    assert.equal(statusLabel(1), 'Impact Log: 1 outcome this week');
  });

  it('the tags hint fits the quick input (under 45 characters), and “Add what you typed” needs typed text', () => {
    assert.ok(tagsPlaceholder('Tags').length <= 45, tagsPlaceholder('Tags'));
    assert.equal(offerTyped(''), false);
    assert.equal(offerTyped('   '), false);
    assert.equal(offerTyped('auth'), true);
  });
});
