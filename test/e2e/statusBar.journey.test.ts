// Journey: the status bar counts this week's outcomes (problems solved, bugs caught in review, changes
// shipped, incidents; not AI assists or notes, not last month's), and a click starts a log. The log
// starts with entries this journey puts there itself, so the count does not depend on any other test.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

const now = () => new Date().toISOString();
const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();

describe('Journey: the status bar', () => {
  const wb = useWorkbench({
    name: 'status-bar',
    entries: [
      { kind: 'problem', input: { title: 'Fixed the flaky login test', occurredAt: now() } },
      { kind: 'problem', input: { title: 'Stopped duplicate invoice emails', occurredAt: now() } },
      { kind: 'review-catch', input: { title: 'SQL built by string concatenation', occurredAt: now(), severity: 'critical' } },
      { kind: 'incident', input: { title: 'Checkout latency spike', occurredAt: now(), role: 'handled' } },
      // Not outcomes, or not this week:
      { kind: 'ai-assist', input: { title: 'Asked for an email regex', occurredAt: now(), verdict: 'discarded', reason: 'insecure' } },
      { kind: 'note', input: { title: 'Walked Priya through the release checklist', occurredAt: now() } },
      { kind: 'problem', input: { title: 'Fixed last month’s cache bug', occurredAt: longAgo } },
    ],
  });

  it('counts this week’s outcomes, and a click starts a log', async () => {
    const w = wb();
    assert.equal(w.entries().length, 7, 'the seeded log');
    const item = w.page.locator('#workbench\\.parts\\.statusbar [aria-label^="Impact Log: 4 outcomes this week"]').first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    await item.click();
    await w.waitForQuickInput('What kind of entry?');
    await w.page.keyboard.press('Escape');
    await w.waitForQuickInputClosed();
    assert.equal(w.entries().length, 7, 'Escape wrote nothing');
  });

  it('counts a problem logged now at once', async () => {
    const w = wb();
    const title = 'Cut checkout latency from 2.1 s to 300 ms';
    await w.statusBarItem().waitFor({ state: 'visible', timeout: 15_000 });
    const before = Number(/Impact Log: (\d+) outcome/.exec((await w.statusBarItem().getAttribute('aria-label')) ?? '')?.[1]);
    assert.ok(Number.isInteger(before), 'the status bar shows a count');
    await w.runCommand('Impact Log: Log Problem Solved');
    await w.typeInQuickInput(title, { expect: 'What problem did you solve?' });
    await w.acceptDefaults(() => w.entries().some((e) => e.title === title));
    await w.page.locator(`#workbench\\.parts\\.statusbar [aria-label^="Impact Log: ${before + 1} outcomes this week"]`).first().waitFor({ state: 'visible', timeout: 15_000 });
  });
});
