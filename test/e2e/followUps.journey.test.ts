// Journey through follow-ups: a change shipped 31 days ago (seeded before the workbench opens) shows
// under "Follow-ups due (1)" at the top of the timeline and in the status bar; it is answered
// "reverted" by keyboard (command, Enter on the entry, the outcome, a note), leaves the queue, and
// the review summary then says so, with its denominator.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

const DAY = 86_400_000;
const TITLE = 'Saved carts for signed-out users';

describe('Journey: follow up a change shipped a month ago', () => {
  // Written before the workbench opens: a change shipped 31 days ago (its 30-day follow-up is due).
  const wb = useWorkbench({
    name: 'follow-ups',
    entries: [{ kind: 'shipped', input: { title: TITLE, occurredAt: new Date(Date.now() - 31 * DAY).toISOString(), customerVisible: true } }],
  });

  it('shows it under "Follow-ups due (1)" first in the timeline', async () => {
    const w = wb();
    await w.waitForEntry((e) => e.title === TITLE);
    await w.openView('Impact Log');
    const group = w.sideBar.locator('.monaco-list-row[aria-level="1"]').first();
    await group.filter({ hasText: 'Follow-ups due (1)' }).waitFor({ state: 'visible', timeout: 15_000 });
    await w.sideBar.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: TITLE }).first().waitFor({ state: 'visible', timeout: 10_000 });
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
    // The template step: Enter keeps the default, the impact summary.
    await w.waitForQuickInput('Which template?');
    await w.submitStep();
    // The editor wraps long lines; a wrapped line keeps its space before the break.
    const text = (await w.editorText(/Changes shipped that held/)).replace(/\n/g, '');
    assert.match(text, /\| Changes shipped that held \| 0 of 1 followed up \(1 reverted, 0 unknown\); 0 not followed up yet/);
  });
});
