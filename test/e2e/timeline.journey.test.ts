// Journey through the sidebar timeline: two entries logged from the command palette appear under
// "Today" in the Impact Log view, newest first; a text filter hides the entries it does not match and
// clearing it brings them back; an entry is deleted from its context menu and restored with the
// notification's Undo button. The log starts with a note and an AI assist written before the
// workbench opens, so the filter and delete tests do not depend on the first test.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useWorkbench, type Workbench } from './workbench';

/** The timeline's rows as the tree shows them: nesting level, label and description. */
async function treeRows(w: Workbench): Promise<{ level: number; label: string; description: string }[]> {
  const out: { level: number; label: string; description: string }[] = [];
  for (const row of await w.sideBar.locator('.monaco-list-row[aria-level]').all()) {
    const text = async (sel: string) => ((await row.locator(sel).count()) > 0 ? (await row.locator(sel).first().innerText()).trim() : '');
    out.push({ level: Number(await row.getAttribute('aria-level')), label: await text('.label-name'), description: await text('.label-description') });
  }
  return out;
}

/** Drags the side bar's edge so that titles and descriptions fit (for the screenshots). */
async function widenSideBar(w: Workbench, width: number): Promise<void> {
  const box = await w.sideBar.boundingBox();
  if (!box || box.width >= width) return;
  const edge = box.x + box.width;
  await w.page.mouse.move(edge + 1, box.y + box.height / 2);
  await w.page.mouse.down();
  await w.page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await w.page.mouse.up();
  await w.page.mouse.move(box.x + width / 2, box.y + box.height - 40);
}

/** The tree row showing `title`. */
const row = (w: Workbench, title: string): Locator => w.sideBar.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: title }).first();

describe('Journey: the timeline', () => {
  // Written before the workbench opens (the filter and delete tests use them).
  const note = 'Paired with Sam on the flaky checkout test';
  const assist = 'Asked Claude for a retry wrapper';
  const wb = useWorkbench({
    name: 'timeline',
    entries: [
      { kind: 'note', input: { title: note } },
      { kind: 'ai-assist', input: { title: assist, verdict: 'discarded', reason: 'invented an API' } },
    ],
  });
  // Logged by the first test, from the command palette.
  const loggedNote = 'Walked Ana through the on-call runbook';
  const loggedAssist = 'Asked Copilot for a date parser';

  // (The title names docs/images/timeline.png's screenshot: scripts/docs-images.mjs.)
  it('shows two entries logged from the command palette under "Today", newest first, with kind and description', async () => {
    const w = wb();
    const before = w.entries().length;
    await w.runCommand('Impact Log: Log Note');
    await w.typeInQuickInput(loggedNote);
    await w.acceptDefaults(() => w.entries().some((e) => e.title === loggedNote));
    await w.runCommand('Impact Log: Log AI Assist');
    await w.typeInQuickInput(loggedAssist, { expect: 'What did you ask the AI for?' });
    await w.pickQuickItem('discarded', { expect: /Verdict/ });
    await w.typeInQuickInput('over-engineered', { expect: /Why\?/ }); // a discard's reason is never skipped by Enter
    await w.acceptDefaults(() => w.entries().some((e) => e.title === loggedAssist));

    await w.openView('Impact Log');
    await widenSideBar(w, 560);
    await row(w, loggedAssist).waitFor({ state: 'visible', timeout: 15_000 });
    await row(w, loggedNote).waitFor({ state: 'visible', timeout: 15_000 });
    const rows = await treeRows(w);
    assert.deepEqual(rows.slice(0, 3), [
      { level: 1, label: 'Today', description: String(before + 2) },
      { level: 2, label: loggedAssist, description: 'AI assist · discarded' },
      { level: 2, label: loggedNote, description: 'Note' },
    ]);
    assert.equal(rows.length, 1 + before + 2, 'one Today group holding every entry');
    assert.equal(await row(w, loggedAssist).locator('.codicon-sparkle').count(), 1, 'the AI assist has no sparkle icon');
    assert.equal(await row(w, loggedNote).locator('.codicon-note').count(), 1, 'the note has no note icon');
  });

  it('filters the note out by text and brings it back by clearing the filter', async () => {
    const w = wb();
    await w.openView('Impact Log');
    await row(w, note).waitFor({ state: 'visible', timeout: 15_000 });
    await w.runCommand('Impact Log: Filter Timeline…');
    await w.pickQuickItem('By text', { expect: 'Filter Timeline' });
    await w.typeInQuickInput('retry', { expect: /Filter Timeline by Text/ });
    await row(w, note).waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok(await row(w, assist).isVisible(), 'the matching entry was filtered out too');
    // A lone view has no header for its description; the filter shows as the view's message.
    await w.sideBar.getByText('Filtered: “retry”').waitFor({ state: 'visible', timeout: 5_000 });
    await w.screenshot('filtered by text');
    assert.deepEqual((await treeRows(w)).map((r) => r.level), [1, 2], 'only Today and the AI assist are shown');

    await w.runCommand('Impact Log: Clear Timeline Filter');
    await row(w, note).waitFor({ state: 'visible', timeout: 10_000 });
    await w.sideBar.getByText('Filtered: “retry”').waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('deletes the note from its context menu and restores it with Undo', async () => {
    const w = wb();
    await w.openView('Impact Log');
    await row(w, note).waitFor({ state: 'visible', timeout: 15_000 });
    const today = String(w.entries().length);
    const less = String(w.entries().length - 1);
    assert.deepEqual((await treeRows(w)).slice(0, 1), [{ level: 1, label: 'Today', description: today }]);
    await row(w, note).click({ button: 'right' });
    const del = w.page.locator('.context-view .monaco-menu .action-item').filter({ hasText: 'Delete Entry' }).first();
    await del.waitFor({ state: 'visible', timeout: 10_000 });
    // The menu can ignore a click that comes right after it opened (the right-click's own release):
    // click again only while the menu is still open and the note still shown (the click did nothing).
    for (let attempt = 1; ; attempt++) {
      await del.click();
      const gone = await row(w, note).waitFor({ state: 'detached', timeout: 3000 }).then(() => true, () => false);
      if (gone) break;
      if (attempt >= 3 || !(await del.isVisible())) throw new Error(`Delete Entry did not delete the note (${attempt} clicks; menu ${(await del.isVisible()) ? 'open' : 'closed'})`);
    }
    assert.equal(w.entries().some((e) => e.title === note), false, 'the note is still live in the database');
    assert.deepEqual((await treeRows(w)).slice(0, 1), [{ level: 1, label: 'Today', description: less }]);

    // Toasts do not pop up in this workbench; the message is in the notification centre (the bell).
    await w.waitForNotificationInCentre(/deleted “Paired with Sam/);
    const message = w.page.locator('.notifications-center .notification-list-item').filter({ hasText: /deleted “Paired with Sam/ }).first();
    await message.getByRole('button', { name: 'Undo' }).click();
    await row(w, note).waitFor({ state: 'visible', timeout: 10_000 });
    await w.waitForEntry((e) => e.title === note);
    assert.deepEqual((await treeRows(w)).slice(0, 1), [{ level: 1, label: 'Today', description: today }]);
    // Leave the populated view in the end-state screenshot, with the note selected.
    await row(w, note).click();
  });
});
