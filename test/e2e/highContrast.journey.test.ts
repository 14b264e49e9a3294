// Journey in the High Contrast theme, by keyboard only (#20 point 3): log a bug caught in review from the command
// palette, move the focus into the timeline and walk to the new row with the arrow keys, and check
// what a screen reader is given: the row's aria-label says the kind, the title, the date and the
// outcome in words; the group says what its number counts; the status bar says what it counts.
// No mouse: the palette (Ctrl+Shift+P), typing, Enter, Home and the arrow keys. Its screenshot is the
// README's docs/images/high-contrast-timeline.png (scripts/docs-images.mjs).
import * as assert from 'node:assert/strict';
import { poll, useWorkbench, type Workbench } from './workbench';

/** The timeline row that has keyboard focus (the side bar's tree has DOM focus): its aria-label, name and description. */
async function focusedRow(w: Workbench): Promise<{ aria: string; name: string; description: string; level: string }> {
  // Runs in the page (a string, as this project's TypeScript has no DOM types).
  return w.page.evaluate<{ aria: string; name: string; description: string; level: string }>(`(() => {
    const none = { aria: '', name: '', description: '', level: '' };
    const active = document.activeElement;
    const side = document.getElementById('workbench.parts.sidebar');
    if (!active || !side || !side.contains(active)) return none;
    const list = active.closest('.monaco-list') || active.querySelector('.monaco-list');
    const id = (list || active).getAttribute('aria-activedescendant');
    const row = (id ? document.getElementById(id) : null) || (list ? list.querySelector('.monaco-list-row.focused') : null);
    if (!row) return none;
    const text = (sel) => { const e = row.querySelector(sel); return e ? e.textContent.trim() : ''; };
    return { aria: row.getAttribute('aria-label') || '', name: text('.label-name'), description: text('.label-description'), level: row.getAttribute('aria-level') || '' };
  })()`);
}

/** The keyboard focus in the timeline, on its first row: the view's Focus command from the palette, then Home. */
async function focusTimeline(w: Workbench): Promise<void> {
  // The tree repaints after a write (and may drop the focus with the row it re-creates): try again then.
  for (let attempt = 1; ; attempt++) {
    try {
      await w.runCommand('Impact Log: Focus on Timeline View');
      await poll(() => w.keyboardInSideBar(), () => 'the side bar to have the focus', 5_000);
      await w.page.keyboard.press('Home');
      await poll(async () => (await focusedRow(w)).level === '1', () => 'the first row of the timeline focused', 3_000);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

describe('Journey: High Contrast, by keyboard only', () => {
  // Two entries before the workbench opens, so the walk passes rows that are not the one logged.
  const wb = useWorkbench({
    name: 'high-contrast',
    settings: { 'workbench.colorTheme': 'Default High Contrast' },
    entries: [
      { kind: 'note', input: { title: 'Walked Priya through the release checklist', occurredAt: new Date(Date.now() - 60_000).toISOString() } },
      { kind: 'ai-assist', input: { title: 'Asked for an email regex', occurredAt: new Date(Date.now() - 120_000).toISOString(), verdict: 'discarded', reason: 'insecure' } },
    ],
  });
  const title = 'SQL built by string concatenation in the search endpoint';

  // Its screenshot "the entry found by keyboard in high contrast" is docs/images/high-contrast-timeline.png (scripts/docs-images.mjs).
  it('logs a review catch and finds it in the timeline by keyboard; the row tells a screen reader its kind, title, date and outcome', async () => {
    const w = wb();
    await w.page.locator('.monaco-workbench.hc-black').waitFor({ state: 'attached', timeout: 15_000 });

    await w.runCommand('Impact Log: Log Bug Caught in Review');
    await w.typeInQuickInput(title, { expect: 'What did you catch?' });
    await w.pickQuickItem('critical', { expect: /Severity/ });
    await w.pickQuickItem('security', { expect: /Category/ });
    await w.acceptDefaults(() => w.entries().some((e) => e.title === title));
    const stored = w.entries().find((e) => e.title === title)!;

    await focusTimeline(w);
    assert.deepEqual(
      { ...(await focusedRow(w)), aria: (await focusedRow(w)).aria.replace(/\d+/, 'N') },
      { aria: 'Today, N entries', name: 'Today', description: '3', level: '1' },
      'the group says what its number counts',
    );
    // Walk down with the arrow keys to the new row (at most past every row there is).
    for (let i = 0; i < 6 && (await focusedRow(w)).name !== title; i++) {
      const before = await focusedRow(w);
      await w.page.keyboard.press('ArrowDown');
      await poll(async () => (await focusedRow(w)).aria !== before.aria, () => 'the focus to move', 3_000).catch(() => undefined);
    }
    const found = await focusedRow(w);
    assert.equal(found.name, title, `the walk ended on ${JSON.stringify(found)}`);
    assert.equal(found.level, '2');
    // The kind in words beside the icon, for people who see the row.
    assert.match(found.description, /^Bug caught in review · critical\b/);
    // What a screen reader says: kind, title, the date (today, in the user's locale), then the answers in words.
    const day = String(new Date(stored.occurredAt).getDate());
    const year = String(new Date(stored.occurredAt).getFullYear());
    assert.match(found.aria, new RegExp(`^Bug caught in review: ${title}, `), found.aria);
    assert.ok(found.aria.includes(day) && found.aria.includes(year), `the date is in the label: ${found.aria}`);
    assert.match(found.aria, /, critical severity, security$/, `the outcome in words: ${found.aria}`);
    // The other rows say their kind too.
    await w.page.keyboard.press('Home');
    await w.page.keyboard.press('ArrowDown');
    await poll(async () => (await focusedRow(w)).level === '2', () => 'the first entry focused', 3_000);
    const labels: string[] = [];
    for (let i = 0; i < 3; i++) {
      labels.push((await focusedRow(w)).aria);
      const before = labels[labels.length - 1];
      await w.page.keyboard.press('ArrowDown');
      await poll(async () => (await focusedRow(w)).aria !== before, () => 'the focus to move', 2_000).catch(() => undefined);
    }
    assert.deepEqual(
      labels.map((l) => l.split(':')[0]).sort(),
      ['AI assist', 'Bug caught in review', 'Note'],
      `every row names its kind: ${JSON.stringify(labels)}`,
    );
    assert.ok(labels.some((l) => /^AI assist: Asked for an email regex, .*, discarded, “insecure”/.test(l)), `the AI assist's verdict and reason: ${JSON.stringify(labels)}`);

    // The status bar counts the review catch (not the note or the AI assist), in words.
    await w.page.locator('#workbench\\.parts\\.statusbar [aria-label^="Impact Log: 1 outcome this week"]').first().waitFor({ state: 'attached', timeout: 15_000 });
    // For the screenshot: the side bar wide enough for the descriptions (from the palette, not by dragging its edge), back on the new row.
    for (let i = 0; i < 8 && ((await w.sideBar.boundingBox())?.width ?? 0) < 560; i++) await w.runCommand('Increase Current View Size'); // the focused part: the side bar
    await poll(() => w.keyboardInSideBar(), () => 'the side bar to keep the focus', 5_000);
    for (let i = 0; i < 4 && (await focusedRow(w)).name !== title; i++) {
      const before = await focusedRow(w);
      await w.page.keyboard.press('ArrowUp');
      await poll(async () => (await focusedRow(w)).aria !== before.aria, () => 'the focus to move', 2_000).catch(() => undefined);
    }
    assert.equal((await focusedRow(w)).name, title);
    await w.screenshot('the entry found by keyboard in high contrast');
  });
});
