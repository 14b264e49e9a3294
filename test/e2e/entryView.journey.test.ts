// Journey by keyboard (#14 points 3, 4 and 8): log from a selection, focus the timeline, Enter on
// the row shows the entry (read-only, with its actions); its Open location button opens the file
// at the lines; F2 renames; Delete then Ctrl+Z restores; an export's save dialog proposes a folder
// outside the workspace, and the next export remembers the folder chosen.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { useWorkbench, type Workbench } from './workbench';

const NOTES = ['# Checkout notes', 'The retry loop never backs off.', 'It hammers the payment API on a 502.', 'Fixed by capping retries at three.', ''].join('\n');

/** The entry view's page (a webview: an iframe holding the page's own frame). */
const entryPage = (w: Workbench): FrameLocator => w.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/** The timeline's entry row showing `title`. */
const row = (w: Workbench, title: string): Locator => w.sideBar.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: title }).first();

/** Waits until `probe` returns true (polling; no fixed sleep stands in for a condition). */
async function until(what: string, probe: () => Promise<boolean> | boolean, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The label of the timeline row that has keyboard focus (the side bar's tree has DOM focus), or ''. */
async function focusedRow(w: Workbench): Promise<string> {
  // Runs in the page (a string, as this project's TypeScript has no DOM types).
  return w.page.evaluate<string>(`(() => {
    const active = document.activeElement;
    const side = document.getElementById('workbench.parts.sidebar');
    if (!active || !side || !side.contains(active)) return '';
    const list = active.closest('.monaco-list') || active.querySelector('.monaco-list');
    const id = (list || active).getAttribute('aria-activedescendant');
    const row = (id ? document.getElementById(id) : null) || (list ? list.querySelector('.monaco-list-row.focused') : null);
    const label = row ? row.querySelector('.label-name') : null;
    return label ? label.textContent.trim() : '';
  })()`);
}

/**
 * Puts the keyboard focus in the timeline: its Focus command from the palette, and if the focus is
 * not there after that, View: Focus into Primary Side Bar (Ctrl+0).
 */
async function focusTimeline(w: Workbench): Promise<void> {
  const inSideBar = () => w.page.evaluate<boolean>(`(() => { const s = document.getElementById('workbench.parts.sidebar'); return !!s && s.contains(document.activeElement); })()`);
  await w.runCommand('Impact Log: Focus on Timeline View');
  try {
    await until('the side bar to have the focus', inSideBar, 3_000);
  } catch {
    await w.page.keyboard.press('Control+0');
    await until('the side bar to have the focus', inSideBar, 10_000).catch(async (err: Error) => {
      throw new Error(`${err.message}; focus: ${await focusInfo(w)}`);
    });
  }
  // A tree that gets the focus with no row focused yet: Home focuses the first row.
  if ((await focusedRow(w)) === '') await w.page.keyboard.press('Home');
  await until('a focused row in the timeline', async () => (await focusedRow(w)) !== '', 5_000).catch(async (err: Error) => {
    throw new Error(`${err.message}; focus: ${await focusInfo(w)}`);
  });
}

/** Where the keyboard focus is, for a failure message. */
const focusInfo = (w: Workbench): Promise<string> =>
  w.page.evaluate<string>(`(() => {
    const a = document.activeElement;
    return a ? a.tagName + '.' + String(a.className).slice(0, 80) + ' activedescendant=' + a.getAttribute('aria-activedescendant') : 'none';
  })()`);

describe('Journey: open an entry by keyboard, and export outside the workspace', function () {
  const wb = useWorkbench({ name: 'entry-view', files: { 'checkout/notes.md': NOTES } });
  const title = 'It hammers the payment API on a 502.';
  const renamed = 'Capped the checkout retries at three';

  it('logs from a selection, then Enter on its timeline row shows the entry with its actions', async () => {
    const w = wb();
    // Open the file (Quick Open) and select lines 3–4 with the keyboard.
    await w.page.keyboard.press('Control+P');
    await w.typeInQuickInput('notes.md', { submit: false });
    await w.page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'notes.md' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await w.page.keyboard.press('Enter');
    await w.page.locator('.tabs-container .tab.active').filter({ hasText: 'notes.md' }).waitFor({ state: 'visible', timeout: 15_000 });
    // Go to line 3 (Ctrl+G), then select to the end of line 4; the status bar confirms the selection.
    await w.page.keyboard.press('Control+G');
    await w.typeInQuickInput(':3', { submit: false });
    await w.page.keyboard.press('Enter');
    await w.waitForStatusBarText(/Ln 3, Col 1$/);
    await w.page.keyboard.press('Shift+ArrowDown');
    await w.page.keyboard.press('Shift+End');
    await w.waitForStatusBarText(/Ln 4, Col \d+ \(\d+ selected\)/);
    await w.runCommand('Impact Log: Log from Selection');
    await w.pickQuickItem('Note', { expect: 'What kind of entry?' });
    await until('the title step, pre-filled from the selection', async () => (await w.quickInputState()).value === title);
    await w.acceptDefaults();
    const logged = await w.waitForEntry((e) => e.title === title);
    assert.equal(logged.context.file, 'checkout/notes.md');
    assert.equal(logged.context.startLine, 3);
    assert.equal(logged.context.endLine, 4);

    // Focus the timeline from the palette and walk to the row with the arrow keys.
    await focusTimeline(w);
    await row(w, title).waitFor({ state: 'visible', timeout: 15_000 });
    for (let i = 0; i < 5 && (await focusedRow(w)) !== title; i++) await w.page.keyboard.press('ArrowDown');
    assert.equal(await focusedRow(w), title);
    await w.page.keyboard.press('Enter');

    const page = entryPage(w);
    await page.locator('h1').filter({ hasText: title }).waitFor({ state: 'visible', timeout: 20_000 });
    for (const name of ['Edit', 'Rename', 'Open checkout/notes.md:3–4', 'Copy as Markdown', 'Delete']) {
      await page.getByRole('button', { name, exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
    }
    // The timeline keeps the focus, so the next key still acts on the row.
    assert.equal(await focusedRow(w), title);
  });

  it('the view’s Open location opens the file with the logged lines selected', async () => {
    const w = wb();
    await entryPage(w).getByRole('button', { name: 'Open checkout/notes.md:3–4' }).click();
    await w.page.locator('.tabs-container .tab.active').filter({ hasText: 'notes.md' }).waitFor({ state: 'visible', timeout: 15_000 });
    // The status bar shows the selection: line 3 to line 4 ("Ln 4, Col …(2 lines… selected)").
    await w.waitForStatusBarText(/Ln 4, Col \d+ \(\d+ selected\)/);
  });

  it('F2 in the timeline renames the entry; Delete then Ctrl+Z deletes and restores it', async () => {
    const w = wb();
    await focusTimeline(w);
    await until('the row to have the focus', async () => (await focusedRow(w)) === title);
    await w.page.keyboard.press('F2');
    await w.typeInQuickInput(renamed, { expect: 'Rename entry' });
    await w.waitForEntry((e) => e.title === renamed);
    await row(w, renamed).waitFor({ state: 'visible', timeout: 10_000 });
    await entryPage(w).locator('h1').filter({ hasText: renamed }).waitFor({ state: 'visible', timeout: 10_000 });

    await until('the renamed row to have the focus', async () => (await focusedRow(w)) === renamed);
    await w.page.keyboard.press('Delete');
    await row(w, renamed).waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(w.entries().some((e) => e.title === renamed), false);
    await focusTimeline(w);
    await w.page.keyboard.press('Control+Z');
    await w.waitForEntry((e) => e.title === renamed);
    await row(w, renamed).waitFor({ state: 'visible', timeout: 10_000 });
    // Leave the entry open beside the timeline for the end-state screenshot.
    await until('a focused row', async () => (await focusedRow(w)) !== '');
    for (let i = 0; i < 5 && (await focusedRow(w)) !== renamed; i++) await w.page.keyboard.press('ArrowDown');
    await w.page.keyboard.press('Enter');
    await entryPage(w).locator('h1').filter({ hasText: renamed }).waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('an export proposes a folder outside the workspace, then remembers the folder the user chose', async () => {
    const w = wb();
    const home = homedir();
    const expected = existsSync(join(home, 'Documents')) ? join(home, 'Documents') : home;
    await w.runCommand('Impact Log: Export Data (JSON or CSV)…');
    await w.pickQuickItem('JSON', { expect: 'Which format?' });
    await w.pickQuickItem('Everything', { expect: 'Which period?' });
    await w.waitForQuickInput();
    let proposed = '';
    await until('the save dialog to propose a file', async () => /impact-log-.*\.json$/.test((proposed = (await w.quickInputState()).value)));
    assert.ok(!proposed.startsWith(w.profile.workspace), `the dialog proposed ${proposed}, inside the workspace ${w.profile.workspace}`);
    assert.match(proposed, new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/impact-log-\\d{4}-\\d{2}-\\d{2}\\.json$`));

    // Save somewhere else (a folder of this journey's profile, not the real home folder).
    const chosen = join(w.profile.base, 'exports');
    mkdirSync(chosen, { recursive: true });
    await w.typeInQuickInput(join(chosen, 'log.json'), { settle: true });
    await until('the export file', () => existsSync(join(chosen, 'log.json')));
    await w.runCommand('Notifications: Show Notifications');
    const message = w.page.locator('.notifications-center .notification-list-item').filter({ hasText: /exported 1 entry to .*log\.json/ }).first();
    await message.waitFor({ state: 'visible', timeout: 10_000 });
    await message.getByRole('button', { name: 'Open' }).waitFor({ state: 'visible', timeout: 5_000 });
    await message.getByRole('button', { name: 'Reveal in File Manager' }).waitFor({ state: 'visible', timeout: 5_000 });
    await w.runCommand('Notifications: Clear All Notifications');

    await w.runCommand('Impact Log: Export Data (JSON or CSV)…');
    await w.pickQuickItem('CSV', { expect: 'Which format?' });
    await w.pickQuickItem('Everything', { expect: 'Which period?' });
    await w.waitForQuickInput();
    await until('the save dialog to propose the folder chosen last time', async () => (await w.quickInputState()).value.startsWith(`${chosen}/impact-log-`));
    await w.page.keyboard.press('Escape');
  });
});
