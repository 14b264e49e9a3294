// Escape in the log flow after more than the title was answered asks "Discard this entry?": Enter
// keeps editing (the same step again, answers kept), Escape again discards (nothing written).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';
import { acceptUntilDone, down, escape, sleep, start } from './quickInput';

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

describe('Log flow: Escape asks before discarding', () => {
  it('after answering a step, Escape then Enter keeps editing, and the entry is logged with that answer', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const title = `kept ${stamp()}`;
    // Kind (Enter: Problem solved), customer-visible (Down, Enter: "Yes"), Escape on AI involvement,
    // Enter on "Keep editing", AI involvement again (Enter: Skip), "Log it".
    const { result: id, presses } = await acceptUntilDone(start<string>('impactLog.log', { title }), {
      before: async (step) => {
        if (step === 1) await down();
        if (step === 2) {
          await escape();
          await sleep(400);
        }
      },
    });
    assert.equal(presses, 5);
    const e = store.get(id!);
    assert.equal(e?.title, title);
    assert.deepEqual(e?.fields, { customerVisible: true });
  });

  it('after answering a step, Escape twice discards and writes nothing', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    const running = start<string>('impactLog.log', { title: `discarded ${stamp()}` });
    await sleep(600);
    await down(); // AI assist
    await accept();
    await sleep(600);
    await down(); // accepted
    await accept();
    await sleep(600);
    await escape(); // on Tool: asks first
    await sleep(600);
    const early = await Promise.race([running.then(() => 'left without asking'), sleep(300).then(() => 'asking')]);
    assert.equal(early, 'asking');
    await escape(); // discards
    assert.equal(await running, undefined);
    assert.equal(store.count({ deleted: 'include' }), before);
  });

  it('with nothing but the title, Escape leaves at once', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    const running = start<string>('impactLog.log', { title: `only a title ${stamp()}` });
    await sleep(600);
    await accept(); // Problem solved
    await sleep(600);
    await escape(); // on customer-visible
    assert.equal(await Promise.race([running, sleep(5000).then(() => 'still asking')]), undefined);
    assert.equal(store.count({ deleted: 'include' }), before);
  });
});

async function accept(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}
