// Journey through the weekly reflection (#16): the extension host's reflection clock is started 15
// seconds before this week's slot (Friday 16:00) with the test hook IMPACT_LOG_TEST_NOW (the
// browser's clock is not the extension host's). "Anything worth logging this week?" appears once,
// with Review now / Snooze until Monday / Turn off; a second window on the same log shows nothing
// that week, nor does a reload; Review now opens one quick pick grouped into this week's
// suggestions and the entries without evidence.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { slotInWeek, TEST_NOW_VARIABLE, weekKey } from '../../src/domain/reflection';
import { poll, useWorkbench, type Workbench } from './workbench';

const QUESTION = /Anything worth logging this week\?/;
const SETTINGS = { 'impactLog.reflection.enabled': true, 'impactLog.reflection.day': 'friday', 'impactLog.reflection.time': '16:00' };
/** This week's slot, and the extension host's clock 15 s before it (each window's clock starts there). */
const slot = slotInWeek(Date.now(), { day: 'friday', time: '16:00' });
const fakeStart = slot - 15_000;
const NOTE = 'Paired with Sam on the flaky checkout test';
const SUGGESTION = 'Retry the payment webhook';
/** The line a window writes to the output channel when it finds this week already shown (or reviewed). */
const QUIET = /The weekly reflection was already shown or reviewed this week/;

/** The reflection's record in the log's meta table. */
function reflectionState(w: Workbench): { shownWeek?: string; reviewedWeek?: string } {
  if (!existsSync(w.databasePath)) return {};
  const db = new Database(w.databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'reflection.state'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { shownWeek?: string; reviewedWeek?: string }) : {};
  } finally {
    db.close();
  }
}

/** The texts of the notification centre's items (opening the centre if needed). */
async function centreItems(w: Workbench): Promise<string[]> {
  const centre = w.page.locator('.notifications-center');
  if (!(await centre.isVisible())) {
    await w.runCommand('Notifications: Show Notifications');
    await centre.waitFor({ state: 'visible', timeout: 10_000 });
  }
  return (await centre.locator('.notification-list-item').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

describe('Journey: the weekly reflection at a faked time', () => {
  const wb = useWorkbench({
    name: 'reflection',
    settings: SETTINGS,
    env: { [TEST_NOW_VARIABLE]: new Date(fakeStart).toISOString() },
    entries: [{ kind: 'note', input: { title: NOTE } }],
    seed: (store) => {
      const sha = 'abcdef1234567890abcdef1234567890abcdef12';
      store.suggestions.offer([
        {
          fingerprint: 'acme/widgets#pr:7',
          repoRoot: '/nowhere/widgets',
          repoName: 'acme/widgets',
          kind: 'shipped',
          title: SUGGESTION,
          occurredAt: Date.now() - 60_000,
          shas: [sha],
          headSha: sha,
          pullRequest: 7,
          branch: 'main',
          links: [{ url: 'https://github.com/acme/widgets/pull/7', label: 'Pull request #7' }],
          subjects: ['feat: retry the payment webhook (#7)'],
          reverts: undefined,
        },
      ]);
    },
  });

  it('shows "Anything worth logging this week?" once, with Review now, Snooze until Monday and Turn off', async () => {
    const w = wb();
    const text = await w.waitForNotificationInCentre(QUESTION, 90_000);
    for (const button of ['Review now', 'Snooze until Monday', 'Turn off']) assert.ok(text.includes(button), `no "${button}" in ${JSON.stringify(text)}`);
    assert.equal(reflectionState(w).shownWeek, weekKey(slot), 'the week is recorded as shown');
    assert.equal((await centreItems(w)).filter((t) => QUESTION.test(t)).length, 1, 'shown more than once');
  });

  it('a second window on the same log shows nothing that week', async () => {
    const w = wb();
    const quietBefore = w.outputChannelLines(QUIET).length;
    const other = await w.openAnotherWindow();
    try {
      // Wait until the second window's scheduler has looked at the log and decided (it says so in the
      // output channel), then check it showed nothing.
      await poll(() => w.outputChannelLines(QUIET).length > quietBefore, () => `the second window's scheduler to say it stays quiet; the channel says: ${JSON.stringify(w.outputChannelLines(/reflection/i))}`, 90_000, 250);
      const items = await centreItems(other);
      assert.equal(items.filter((t) => QUESTION.test(t)).length, 0, `the second window showed it too: ${JSON.stringify(items)}`);
    } finally {
      await other.close();
    }
    assert.equal((await centreItems(w)).filter((t) => QUESTION.test(t)).length, 1, 'the first window’s notification is gone or doubled');
  });

  it('Review now opens one quick pick grouped into this week’s suggestions and entries without evidence', async () => {
    const w = wb();
    await centreItems(w);
    const item = w.page.locator('.notifications-center .notification-list-item').filter({ hasText: QUESTION }).first();
    await item.getByRole('button', { name: 'Review now' }).click();
    await w.waitForQuickInput(QUESTION);
    // A group's label shows on its first row (the quick pick's separators).
    const rowOf = (text: string) => w.quickInput.locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
    await rowOf(SUGGESTION).waitFor({ state: 'visible', timeout: 10_000 });
    const rows = (await w.quickInput.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    const at = (text: string) => rows.findIndex((r) => r.includes(text));
    assert.ok(rows[at(SUGGESTION)]!.includes('This week’s suggestions from Git'), `the suggestion is not under "This week’s suggestions from Git": ${JSON.stringify(rows)}`);
    assert.ok(rows[at(NOTE)]!.includes('Entries without evidence (add a link)'), `the entry without a link is not under "Entries without evidence": ${JSON.stringify(rows)}`);
    assert.ok(at(SUGGESTION) < at(NOTE), `the groups are out of order: ${JSON.stringify(rows)}`);
    assert.equal(reflectionState(w).reviewedWeek, weekKey(slot), 'the week is recorded as reviewed');
    await w.screenshot('review now');
    await w.page.keyboard.press('Escape');
    await w.waitForQuickInputClosed();
  });

  it('a reload in the same week shows nothing', async () => {
    const w = wb();
    const quietBefore = w.outputChannelLines(QUIET).length;
    await w.reloadWindow();
    await poll(() => w.outputChannelLines(QUIET).length > quietBefore, () => `the reloaded window's scheduler to say it stays quiet; the channel says: ${JSON.stringify(w.outputChannelLines(/reflection/i))}`, 90_000, 250);
    const items = await centreItems(w);
    assert.equal(items.filter((t) => QUESTION.test(t)).length, 0, `shown again after the reload: ${JSON.stringify(items)}`);
  });
});
