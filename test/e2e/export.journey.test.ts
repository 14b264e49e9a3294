// Journey through the real workbench: review season. Export "Last quarter" from the command palette
// and read the Markdown summary in the editor tab that opens; then this quarter, with an entry in it.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useWorkbench, type Workbench } from './workbench';

/** The active editor's tab and its visible text (Monaco renders the lines it shows). */
async function activeEditor(w: Workbench, expect: RegExp, timeout = 20_000): Promise<{ tab: string; text: string }> {
  const tab: Locator = w.page.locator('.tabs-container .tab.active').first();
  const lines: Locator = w.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (await lines.innerText({ timeout: 1000 }).catch(() => '')).replace(/\u00a0/g, ' ');
    if (expect.test(text)) return { tab: (await tab.innerText({ timeout: 1000 }).catch(() => '')).trim(), text };
    if (Date.now() > deadline) throw new Error(`no editor showing ${String(expect)}; it shows: ${JSON.stringify(text.slice(0, 300))}; notifications: ${JSON.stringify(await w.notifications())}`);
    await w.page.waitForTimeout(250);
  }
}

describe('Journey: export a review summary', () => {
  const wb = useWorkbench({ name: 'export-summary' });

  it('exports "Last quarter" from the command palette and sees the Markdown summary open in a new tab', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Export Review Summary');
    await w.waitForQuickInput('Which period?');
    await w.pickQuickItem('Last quarter');
    const { tab, text } = await activeEditor(w, /# Impact summary — Q\d FY\d{4} \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)/);
    assert.match(tab, /Untitled/, 'an untitled tab, ready to save');
    assert.match(text, /## At a glance/);
    // The language mode in the status bar says Markdown.
    await w.waitForStatusBarText(/^Markdown$/);
  });

  it('logs a problem, then exports "This quarter": the summary lists it', async () => {
    const w = wb();
    const title = 'Cut checkout latency from 2.1 s to 300 ms';
    await w.runCommand('Impact Log: Log Problem Solved');
    await w.typeInQuickInput(title, { expect: 'What problem did you solve?' });
    await w.acceptDefaults();
    await w.waitForEntry((e) => e.title === title);
    await w.runCommand('Impact Log: Export Review Summary');
    await w.pickQuickItem('This quarter', { expect: 'Which period?' });
    const { text } = await activeEditor(w, /# Impact summary — Q\d FY\d{4}/);
    assert.match(text, /\| Problems solved \| 1 /);
  });
});
