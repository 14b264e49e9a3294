// Journey through suggestions from Git history (#16): the workspace folder is a real Git repository
// (built before the workbench opens) with three squash-merged pull requests of mine and one of a
// colleague's, and a GitHub `origin`. "Suggest Entries from Git History" for this quarter, run from
// the palette by keyboard, puts one suggestion per pull request of mine in the timeline's
// "Suggestions (3)" group; one is accepted by keyboard only (Enter on its row, Enter through the
// pre-filled log flow) and shows in the timeline as an entry with its pull request's link; running
// it again offers nothing new.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FrameLocator, Locator } from 'playwright-core';
import { poll, useWorkbench, type Workbench } from './workbench';

const ME = 'me@example.com';
const REMOTE = 'git@github.com:acme/widgets.git';
/** Squash merges: subject, file, seconds ago, author. */
const COMMITS = [
  ['feat(export): add the CSV export (#101)', 'export.ts', 40, ME],
  ['fix: crash on an empty log (#102)', 'log.ts', 30, ME],
  ['perf: faster timeline (#103)', 'timeline.ts', 20, ME],
  ['feat: a colleague’s change (#104)', 'other.ts', 10, 'sam@example.com'],
] as const;
const ACCEPTED = 'Add the CSV export';

/** Builds the repository in `dir`: git's own config only (no system or global file), my user.email, a GitHub origin. */
function buildRepository(dir: string): void {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Me', GIT_COMMITTER_NAME: 'Me' };
  const git = (args: string[], extra: Record<string, string> = {}) => execFileSync('git', args, { cwd: dir, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.email', ME]);
  git(['config', 'user.name', 'Me']);
  git(['remote', 'add', 'origin', REMOTE]);
  for (const [subject, file, secondsAgo, email] of COMMITS) {
    writeFileSync(join(dir, file), `// ${subject}\n`);
    git(['add', file]);
    const when = new Date(Date.now() - secondsAgo * 1000).toISOString();
    git(['commit', '-q', '-m', subject], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_EMAIL: email });
  }
}

/** The suggestions table (read-only), as the extension stored it. */
function storedSuggestions(w: Workbench): { title: string; status: string }[] {
  if (!existsSync(w.databasePath)) return [];
  const db = new Database(w.databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT title, status FROM suggestions ORDER BY title').all() as { title: string; status: string }[];
  } finally {
    db.close();
  }
}

/** The timeline's top-level row whose label starts with `text`. */
const group = (w: Workbench, text: string | RegExp): Locator => w.sideBar.locator('.monaco-list-row[aria-level="1"]').filter({ hasText: text }).first();
/** A second-level row (an entry or a suggestion) showing `title`. */
const row = (w: Workbench, title: string): Locator => w.sideBar.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: title }).first();
/** The entry view's page (a webview: an iframe holding the page's own frame). */
const entryPage = (w: Workbench): FrameLocator => w.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function suggestThisQuarter(w: Workbench): Promise<void> {
  await w.runCommand('Impact Log: Suggest Entries from Git History');
  await w.pickQuickItem('This quarter', { expect: 'Read your commits of which period?' });
}

describe('Journey: suggestions from Git history', () => {
  const wb = useWorkbench({ name: 'suggest-from-git', workspace: buildRepository });

  it('offers one suggestion per squash-merged pull request of mine in "Suggestions (3)"', async () => {
    const w = wb();
    // VS Code's Git extension has found the repository: its status bar shows the branch.
    await w.page.locator('#workbench\\.parts\\.statusbar .statusbar-item').filter({ hasText: /^\s*main\*?\s*$/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await suggestThisQuarter(w);
    const said = await w.waitForNotificationInCentre(/new suggestions? from Git/, 60_000);
    assert.match(said, /3 new suggestions from Git for Q[1-4] /);
    assert.deepEqual(storedSuggestions(w), [
      { title: 'Add the CSV export', status: 'new' },
      { title: 'Crash on an empty log', status: 'new' },
      { title: 'Faster timeline', status: 'new' },
    ]);
    await w.clearNotifications();

    await w.openView('Impact Log');
    await group(w, 'Suggestions (3)').waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('accepts one by keyboard only: Enter on its row, Enter through the pre-filled log flow; the entry has its link', async () => {
    const w = wb();
    await w.openView('Impact Log');
    await group(w, 'Suggestions (3)').waitFor({ state: 'visible', timeout: 15_000 });
    await w.focusTimeline();
    await w.arrowDownTo('Suggestions (3)');
    // Collapsed at first: ArrowRight opens it (checked: its suggestions show), ArrowDown walks to the one.
    await w.page.keyboard.press('ArrowRight');
    await row(w, ACCEPTED).waitFor({ state: 'visible', timeout: 10_000 });
    for (const title of ['Crash on an empty log', 'Faster timeline']) assert.ok(await row(w, title).isVisible(), `the suggestion "${title}" is not shown`);
    assert.equal(await row(w, 'colleague').count(), 0, 'a colleague’s pull request was suggested');
    await w.arrowDownTo(ACCEPTED);
    await w.page.keyboard.press('Enter');
    // The log flow opens pre-filled (kind from `feat`, the title, the link, occurred at the merge time).
    const first = await w.waitForQuickInput();
    assert.equal(first.value, ACCEPTED, 'the flow’s first step holds the suggestion’s title');
    await w.acceptDefaults(() => w.entries().some((e) => e.title === ACCEPTED));

    const entry = await w.waitForEntry((e) => e.title === ACCEPTED);
    assert.equal(entry.kind, 'shipped');
    assert.deepEqual(entry.links.map((l) => l.url), ['https://github.com/acme/widgets/pull/101']);
    assert.equal(typeof entry.context.commit, 'string');
    await group(w, 'Suggestions (2)').waitFor({ state: 'visible', timeout: 15_000 });
    await poll(() => storedSuggestions(w).find((s) => s.title === ACCEPTED)?.status === 'accepted', () => `the suggestion marked accepted: ${JSON.stringify(storedSuggestions(w))}`);

    // In the timeline as an entry (under Today): Enter on it shows the entry with its link.
    await w.sideBar.locator('.monaco-list-row[aria-level="1"]').filter({ hasText: 'Today' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await row(w, ACCEPTED).waitFor({ state: 'visible', timeout: 15_000 });
    await w.focusTimeline();
    await w.page.keyboard.press('Home');
    await w.arrowDownTo(ACCEPTED, 30);
    await w.page.keyboard.press('Enter');
    const page = entryPage(w);
    await page.locator('h1').filter({ hasText: ACCEPTED }).waitFor({ state: 'visible', timeout: 20_000 });
    await page.getByRole('button', { name: 'Pull request #101' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.url').filter({ hasText: 'https://github.com/acme/widgets/pull/101' }).first().waitFor({ state: 'visible', timeout: 5_000 });
  });

  it('running it again offers nothing new', async () => {
    const w = wb();
    const before = storedSuggestions(w);
    await suggestThisQuarter(w);
    const said = await w.waitForNotificationInCentre(/suggestions? from Git/, 60_000);
    assert.match(said, /No new suggestions from Git for Q[1-4] .*: everything was already suggested or logged/);
    assert.deepEqual(storedSuggestions(w), before);
    assert.equal(w.entries().filter((e) => e.title === ACCEPTED).length, 1);
    await w.clearNotifications();
    await w.openView('Impact Log');
    await group(w, 'Suggestions (2)').waitFor({ state: 'visible', timeout: 15_000 });
  });
});
