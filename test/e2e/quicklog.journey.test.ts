// Journeys through the real workbench, keyboard only: an AI assist discarded with a reason, a bug
// caught in review, and the shortest path to a logged problem (keystrokes counted). The status bar's
// count has its own journey (statusBar.journey.test.ts), with entries it sets up itself.
import * as assert from 'node:assert/strict';
import { useWorkbench, type Workbench } from './workbench';

/**
 * Counts every keystroke a person makes, typed text included. Each key waits for its effect before the
 * next one (the quick input moving on, the palette opening), instead of a pause.
 */
function keystrokes(w: Workbench) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    /** A key that opens a quick input (the palette, a keybinding): waits for one matching `expect`. */
    async open(key: string, expect?: string) {
      count++;
      await w.page.keyboard.press(key);
      await w.waitForQuickInput(expect);
    },
    /** Enter on the current step: waits until the quick input moved on (next step, or closed). */
    async enter() {
      count++;
      await w.submitStep();
    },
    /** Takes back `n` counted keystrokes (text a person does not type, e.g. the palette's own ">"). */
    uncount(n: number) {
      count -= n;
    },
    /** Types `text` into the open quick input (one keystroke a character), checking it arrived. */
    async type(text: string) {
      count += text.length;
      await w.typeInQuickInput(text, { submit: false });
    },
  };
}

/** Enter until the entry titled `title` is written (the quick input closes after the last step); returns the presses. */
async function enterUntilLogged(w: Workbench, k: ReturnType<typeof keystrokes>, title: string): Promise<number> {
  let enters = 0;
  while (!w.entries().some((e) => e.title === title)) {
    if ((await w.quickInputState()).visible) {
      assert.ok(enters < 10, `still asking after ${enters} presses of Enter`);
      await k.enter();
      enters++;
    } else {
      await w.waitForEntry((e) => e.title === title);
    }
  }
  return enters;
}

describe('Journey: quick log with the keyboard', () => {
  const wb = useWorkbench({ name: 'quick-log' });

  it('logs an AI assist, discarded with a reason, from the command palette', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Log AI Assist');
    await w.typeInQuickInput('Asked for an email validation regex', { expect: 'What did you ask the AI for?' });
    await w.waitForQuickInput(/Verdict/);
    const steps = await w.quickInputState();
    assert.match(steps.title, /Log AI assist/);
    await w.pickQuickItem('discarded', { expect: /Verdict/ });
    // The reason step appears only for adapted or discarded assists, with suggestions. Its first item
    // is a reason to type: Enter on the empty input asks for one instead of skipping.
    await w.waitForQuickInput(/Why\?/);
    assert.match((await w.quickInputState()).focused, /Type a reason/);
    await w.page.keyboard.press('Enter');
    await w.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Type a reason above' }).first().waitFor({ state: 'visible', timeout: 5000 });
    assert.match((await w.quickInputState()).title, /Log AI assist/, 'Enter on an empty reason moved on');
    await w.typeInQuickInput('invented an API', { expect: /Why\?/ });
    await w.typeInQuickInput('Claude', { expect: /Tool/ });
    await w.waitForQuickInput(/Log it now/);
    assert.match((await w.quickInputState()).focused, /Log it/);
    await w.submitStep();
    const e = await w.waitForEntry((x) => x.title === 'Asked for an email validation regex');
    assert.equal(e.kind, 'ai-assist');
    assert.deepEqual(e.fields, { verdict: 'discarded', reason: 'invented an API', tool: 'Claude' });
    assert.equal(e.context.workspaceFolder, 'workspace');
    await w.waitForStatusBarText(/Logged AI assist/);
  });

  it('logs a bug caught in review with severity, category and, after "Add more details…", tags, a link and impact', async () => {
    const w = wb();
    assert.equal(w.entries().filter((x) => x.kind === 'review-catch').length, 0);
    await w.runCommand('Impact Log: Log Bug Caught in Review');
    await w.typeInQuickInput('SQL built by string concatenation in the search endpoint', { expect: 'What did you catch?' });
    await w.pickQuickItem('critical', { expect: /Severity/ });
    await w.pickQuickItem('security', { expect: /Category/ });
    await w.waitForQuickInput(/Whose code/);
    await w.submitStep(); // Enter on "Skip"
    await w.waitForQuickInput(/Log it now/);
    await w.page.keyboard.press('ArrowDown'); // "Add more details…"
    await w.submitStep();
    await w.pickQuickItem('Yes', { expect: /reached production/ });
    // Tags: one per Enter, then Enter on "Done".
    await w.typeInQuickInput('sql', { expect: /Tags/ });
    await w.typeInQuickInput('Injection', { expect: /Tags/ });
    await w.waitForQuickInput(/Tags/);
    assert.match((await w.quickInputState()).focused, /Done.*sql, Injection/);
    await w.submitStep();
    // A link without https:// gets it, and the prompt says so before saving.
    await w.typeInQuickInput('git.example.com/acme/api/pull/7', { expect: /Evidence links/, submit: false });
    await w.waitForQuickInput(/Will be saved as https:\/\/git\.example\.com\/acme\/api\/pull\/7/);
    await w.submitStep();
    await w.pickQuickItem('high', { expect: /Impact/ });
    // "tomorrow" warns (still allowed); "yesterday" is shown as the day it means.
    await w.typeInQuickInput('tomorrow', { expect: /When/, submit: false });
    await w.waitForQuickInput(/that is in the future; Enter keeps it/);
    await w.typeInQuickInput('yesterday', { expect: /in the future/, submit: false }); // the note stands where the prompt was
    // In the user's locale: `Mon, 30 Nov 2026` (en-GB) or `Mon, Nov 30, 2026` (en-US, this machine's).
    await w.waitForQuickInput(/Means (Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2},) \d{4}/);
    await w.submitStep();
    await w.waitForQuickInput(/Details/);
    await w.submitStep(); // none
    const e = await w.waitForEntry((x) => x.title === 'SQL built by string concatenation in the search endpoint');
    assert.equal(e.kind, 'review-catch');
    assert.deepEqual(e.fields, { severity: 'critical', category: 'security', wouldReachProduction: true });
    assert.deepEqual(e.tags, ['sql', 'injection']);
    assert.deepEqual(e.links, [{ url: 'https://git.example.com/acme/api/pull/7' }]);
    assert.equal(e.impact, 'high');
    const today = new Date();
    assert.equal(e.occurredAt, new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1).getTime(), 'yesterday, at midnight in this time zone');
    assert.equal(w.entries().filter((x) => x.kind === 'review-catch').length, 1, 'one review catch was written');
  });

  it('shows an inline validation message and goes Back a step without losing answers', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Log Incident');
    await w.waitForQuickInput('What happened?');
    await w.page.keyboard.press('Enter'); // empty title
    await w.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: 'must not be empty' }).waitFor({ state: 'visible', timeout: 5000 });
    await w.typeInQuickInput('Checkout latency spike after the cache deploy');
    await w.pickQuickItem('handled', { expect: /Your role/ });
    await w.typeInQuickInput('twenty', { submit: false, expect: /Minutes to mitigate/ });
    await w.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: 'whole number' }).waitFor({ state: 'visible', timeout: 5000 });
    await w.typeInQuickInput('20');
    await w.waitForQuickInput(/Log it now/);
    // Back (the quick input's Back button) returns to the minutes step with the answer kept.
    await w.page.locator('.quick-input-widget .quick-input-titlebar .action-label.codicon-quick-input-back, .quick-input-widget [aria-label="Back"]').first().click();
    await w.waitForQuickInput(/Minutes to mitigate/);
    assert.equal((await w.quickInputState()).value, '20');
    await w.submitStep();
    await w.waitForQuickInput(/Log it now/);
    await w.submitStep();
    const e = await w.waitForEntry((x) => x.title === 'Checkout latency spike after the cache deploy');
    assert.deepEqual(e.fields, { role: 'handled', minutesToMitigate: 20 });
  });

  it('Escape in the middle writes nothing', async () => {
    const w = wb();
    const before = w.entries().length;
    await w.runCommand('Impact Log: Log Problem Solved');
    await w.typeInQuickInput('This one is abandoned');
    await w.waitForQuickInput(/Customer-visible/);
    await w.page.keyboard.press('Escape');
    await w.waitForQuickInputClosed();
    assert.equal(w.entries().length, before);
  });

  it('the shortest path to a logged problem: the keybinding, Enter, a title, Enter through the defaults', async () => {
    const w = wb();
    const title = 'Fixed the flaky login test';
    const k = keystrokes(w);
    await k.open('Control+Alt+Shift+J', 'What kind of entry?');
    assert.match((await w.quickInputState()).focused, /Problem solved/);
    await k.enter();
    await w.waitForQuickInput('What problem did you solve?');
    await k.type(title);
    const enters = await enterUntilLogged(w, k, title);
    const e = await w.waitForEntry((x) => x.title === title);
    assert.equal(e.kind, 'problem');
    assert.equal(enters, 4, 'title, customer-visible, AI involvement, "Log it"');
    const overhead = k.count - title.length;
    console.log(`      shortest path to a logged problem: ${k.count} keystrokes = ${title.length} for the title + ${overhead} (Ctrl+Alt+Shift+J, Enter, then ${enters}× Enter)`);
    assert.equal(overhead, 6);
  });

  it('the same from the command palette: Ctrl+Shift+P, "log problem", Enter, a title, Enter through the defaults', async () => {
    const w = wb();
    const title = 'Stopped duplicate invoice emails';
    const query = 'log problem';
    const k = keystrokes(w);
    await k.open('Control+Shift+P');
    // The palette starts with ">"; the query is typed after it.
    await k.type(`>${query}`);
    k.uncount(1);
    await w.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').filter({ hasText: 'Impact Log: Log Problem Solved' }).waitFor({ state: 'visible', timeout: 10_000 });
    await k.enter();
    await w.waitForQuickInput('What problem did you solve?');
    await k.type(title);
    const enters = await enterUntilLogged(w, k, title);
    console.log(`      from the palette: ${k.count} keystrokes = ${title.length} for the title + ${k.count - title.length} (Ctrl+Shift+P, "${query}", Enter, then ${enters}× Enter)`);
    assert.equal(k.count - title.length, 1 + query.length + 1 + 4);
  });

  it('Log Entry… from the command palette offers the six kinds over the timeline; Escape writes nothing', async () => {
    const w = wb();
    const before = w.entries().length;
    await w.openView('Impact Log');
    await w.runCommand('Impact Log: Log Entry…');
    await w.waitForQuickInput('What kind of entry?');
    assert.match((await w.quickInputState()).title, /Log to Impact Log/);
    const rows = w.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Note' }).first().waitFor({ state: 'visible', timeout: 5000 });
    const labels = (await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(labels, ['Problem solved', 'AI assist', 'Bug caught in review', 'Change shipped', 'Incident', 'Note']);
    // Mid-flow, for the README: scripts/docs-images.mjs copies it to docs/images/palette.png.
    await w.screenshot('mid-flow: the kind pick list');
    await w.page.keyboard.press('Escape');
    await w.waitForQuickInputClosed();
    assert.equal(w.entries().length, before);
  });
});
