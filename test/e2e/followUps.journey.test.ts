// Journey through follow-ups: a change shipped 31 days ago (imported from another machine) shows
// under "Follow-ups due (1)" at the top of the timeline and in the status bar; it is answered
// "reverted" by keyboard (command, Enter on the entry, the outcome, a note), leaves the queue, and
// the review summary then says so, with its denominator.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useWorkbench, type Workbench } from './workbench';

const DAY = 86_400_000;
const occurredAt = new Date(Date.now() - 31 * DAY).toISOString();
const ENTRY = {
  id: '7c1d4e2f-9a8b-4c3d-8e5f-2a3b4c5d6e7f',
  kind: 'shipped',
  title: 'Saved carts for signed-out users',
  occurredAt,
  createdAt: occurredAt,
  updatedAt: occurredAt,
  deletedAt: null,
  impact: null,
  details: '',
  tags: [],
  links: [],
  context: {},
  fields: { customerVisible: true },
};

/** The active editor's visible text, once it matches `expect`. */
async function editorText(w: Workbench, expect: RegExp, timeout = 20_000): Promise<string> {
  const lines: Locator = w.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (await lines.innerText({ timeout: 1000 }).catch(() => '')).replace(/\u00a0/g, ' ');
    if (expect.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`no editor showing ${String(expect)}; it shows: ${JSON.stringify(text.slice(0, 400))}`);
    await w.page.waitForTimeout(250);
  }
}

describe('Journey: follow up a change shipped a month ago', () => {
  const wb = useWorkbench({
    name: 'follow-ups',
    files: { 'shipped.json': JSON.stringify({ format: 'impact-log', version: 1, exportedAt: occurredAt, entries: [ENTRY] }) },
  });

  it('shows it under "Follow-ups due (1)" first in the timeline', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Import Data from JSON');
    await w.typeInQuickInput(`${w.profile.workspace}/shipped.json`, { settle: true });
    await w.waitForEntry((e) => e.id === ENTRY.id);
    await w.openView('Impact Log');
    const group = w.sideBar.locator('.monaco-list-row[aria-level="1"]').first();
    await group.filter({ hasText: 'Follow-ups due (1)' }).waitFor({ state: 'visible', timeout: 15_000 });
    await w.sideBar.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: ENTRY.title }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await w.page.locator('#workbench\\.parts\\.statusbar [aria-label*="Impact Log: 1 follow-up due"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    await w.screenshot('follow-ups due');
  });

  it('answers it "reverted" by keyboard with a note, and it leaves the queue', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Follow Up: Did It Hold?');
    await w.waitForQuickInput(/Follow up: did it hold\?/);
    await w.submitStep(); // the first due entry
    await w.pickQuickItem('Reverted', { expect: /Did it hold\?/ });
    await w.typeInQuickInput('Rolled back after the cache bug', { expect: /Reverted:/ });
    await w.sideBar.getByText('Follow-ups due (1)').waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('the review summary says so, with its denominator', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Export Review Summary');
    await w.pickQuickItem('Last 12 months', { expect: 'Which period?' });
    // The editor wraps long lines; a wrapped line keeps its space before the break.
    const text = (await editorText(w, /Changes shipped that held/)).replace(/\n/g, '');
    assert.match(text, /\| Changes shipped that held \| 0 of 1 followed up \(1 reverted, 0 unknown\); 0 not followed up yet/);
  });
});
