// Escape in the log flow after more than the title was answered asks "Discard this entry?": Enter
// keeps editing (the same step again, answers kept), Escape again discards (nothing written).
import * as assert from 'node:assert/strict';
import { api } from './helpers';
import { acceptSteps, acceptUntilDone, down, escape, press, prompt, start } from './quickInput';

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

describe('Log flow: Escape asks before discarding', () => {
  it('after answering a step, Escape then Enter keeps editing, and the entry is logged with that answer', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const title = `kept ${stamp()}`;
    // Kind (Enter: Problem solved), customer-visible (Down, Enter: "Yes"), then Escape on AI involvement.
    const running = start<string>('impactLog.log', { title });
    await acceptSteps(running, 2, { before: async (step) => (step === 1 ? down() : undefined) });
    const aiInvolvement = await prompt(running, 'the AI involvement step');
    assert.ok(aiInvolvement, 'the flow is still asking after customer-visible');
    await escape(running);
    const question = await prompt(running, 'the “Discard this entry?” question');
    assert.ok(question && question !== aiInvolvement, 'Escape after answering a step asked before leaving');
    await press(question, running); // Enter: keep editing
    // Back on AI involvement (Enter: Skip), then "Log it".
    const { result: id, presses } = await acceptUntilDone(running);
    assert.equal(presses, 2);
    const e = store.get(id!);
    assert.equal(e?.title, title);
    assert.deepEqual(e?.fields, { customerVisible: true });
  });

  it('after answering a step, Escape twice discards and writes nothing', async function () {
    this.timeout(60_000);
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    const running = start<string>('impactLog.log', { title: `discarded ${stamp()}` });
    // Kind (Down, Enter: AI assist), verdict (Down, Enter: accepted).
    await acceptSteps(running, 2, { before: () => down() });
    const tool = await prompt(running, 'the Tool step');
    assert.ok(tool, 'the flow is still asking after the verdict');
    await escape(running); // on Tool: asks first
    const question = await prompt(running, 'the “Discard this entry?” question');
    assert.ok(question, 'Escape after answering a step asked before leaving (the command did not end)');
    assert.notEqual(question, tool);
    await escape(running); // discards
    assert.equal(await running, undefined);
    assert.equal(store.count({ deleted: 'include' }), before);
  });

  it('with nothing but the title, Escape leaves at once', async function () {
    this.timeout(60_000);
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    const running = start<string>('impactLog.log', { title: `only a title ${stamp()}` });
    await acceptSteps(running, 1); // Problem solved
    await escape(running); // on customer-visible
    // Nothing else is asked: the command ends (a question would be a live prompt instead).
    const next = await prompt(running, 'the command to end');
    assert.equal(next, undefined, `Escape with only a title asked “${next?.title}” instead of leaving`);
    assert.equal(await running, undefined);
    assert.equal(store.count({ deleted: 'include' }), before);
  });
});
