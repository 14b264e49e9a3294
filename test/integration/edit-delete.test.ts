// Edit, delete and undo in the real extension host, with each argument form the timeline and
// keybindings use: { id, ...changes }, { id } / { ids }, a tree node, and a multi-selection.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';
import { acceptUntilDone, down, escape, start, up } from './quickInput';
import { ui } from './ui';

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

async function logAssist(extra: Record<string, unknown> = {}): Promise<string> {
  const id = await vscode.commands.executeCommand<string>('impactLog.logAiAssist', {
    title: `assist ${stamp()}`,
    verdict: 'discarded',
    reason: 'insecure',
    tool: 'Claude',
    tags: ['auth'],
    links: [{ url: 'https://example.com/pr/1', label: 'PR' }],
    details: 'line one\nline two',
    impact: 'medium',
    occurredAt: '2026-11-20T09:30:15.250Z',
    ...extra,
  });
  assert.equal(typeof id, 'string');
  return id;
}

describe('Edit entry', () => {
  it('applies { id, ...changes } without prompting; null clears a field', async () => {
    const store = await (await api()).store();
    const id = await logAssist();
    const before = store.get(id)!;
    const result = await vscode.commands.executeCommand<string>('impactLog.editEntry', { id, title: 'Email regex, rewritten', verdict: 'adapted', reason: null, tags: 'auth, regex' });
    assert.equal(result, id);
    const after = store.get(id)!;
    assert.equal(after.title, 'Email regex, rewritten');
    assert.deepEqual(after.fields, { verdict: 'adapted', tool: 'Claude' });
    assert.deepEqual(after.tags, ['auth', 'regex']);
    assert.equal(after.details, before.details);
    assert.equal(after.createdAt, before.createdAt);
    assert.ok(after.updatedAt > before.updatedAt, 'updatedAt did not move');
  });

  it('refuses a bad change, an unknown field or an unknown id, and changes nothing', async () => {
    const store = await (await api()).store();
    const id = await logAssist();
    const before = store.get(id);
    const cases: [unknown, RegExp][] = [
      [{ id, verdict: 'maybe' }, /“verdict”/],
      [{ id, title: '' }, /“title”/],
      [{ id, severity: 'high' }, /“severity”/], // a review-catch field, not an AI assist one
      [{ id: '00000000-0000-4000-8000-000000000000', title: 'ghost' }, /00000000-0000-4000-8000-000000000000/],
      [{ id: 'not-a-uuid', title: 'x' }, /“id”/],
    ];
    for (const [arg, says] of cases) {
      const mark = ui().mark();
      assert.equal(await vscode.commands.executeCommand('impactLog.editEntry', arg), undefined, JSON.stringify(arg));
      assert.match(ui().errorsSince(mark).join('\n') || '(no error message)', says);
    }
    assert.deepEqual(store.get(id), before);
  });

  it('opened from a timeline node, Enter through every pre-filled step changes nothing', async function () {
    this.timeout(60_000);
    const store = await (await api()).store();
    const id = await logAssist();
    const before = store.get(id);
    // Steps: title, verdict, reason, tool, then "Edit more fields…" and every other field.
    const { result } = await acceptUntilDone(start<string>('impactLog.editEntry', { entryId: id, label: 'a tree node' }), {
      before: async (step) => {
        if (step === 4) await down();
      },
    });
    assert.equal(result, undefined, 'nothing changed, so nothing was saved');
    assert.deepEqual(store.get(id), before);
  });

  it('changing a pre-filled choice saves only that change', async function () {
    this.timeout(60_000);
    const store = await (await api()).store();
    const id = await logAssist();
    const before = store.get(id)!;
    // Verdict step (step 1): Not set, accepted, adapted, discarded (the current one, active); Up picks "adapted".
    const { result } = await acceptUntilDone(start<string>('impactLog.editEntry', { id }), {
      before: async (step) => {
        if (step === 1) await up();
      },
    });
    assert.equal(result, id);
    const after = store.get(id)!;
    assert.deepEqual(after.fields, { verdict: 'adapted', reason: 'insecure', tool: 'Claude' });
    assert.deepEqual(after.tags, before.tags);
    assert.equal(after.title, before.title);
    assert.deepEqual(after.links, before.links);
    assert.equal(after.details, before.details);
    assert.equal(after.occurredAt, before.occurredAt);
  });
});

describe('Delete entry and undo', () => {
  it('soft-deletes { id }, returns the ids, and Undo Delete restores it', async () => {
    const store = await (await api()).store();
    const id = await logAssist();
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.deleteEntry', { id }), [id]);
    assert.notEqual(store.get(id)?.deletedAt, null);
    assert.equal(store.list({}, { limit: 10_000 }).some((e) => e.id === id), false, 'a deleted entry is still listed');
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.undoDelete'), [id]);
    assert.equal(store.get(id)?.deletedAt, null);
  });

  it('deletes { ids } together, and undo restores them together', async () => {
    const store = await (await api()).store();
    const ids = [await logAssist(), await logAssist()];
    assert.deepEqual(new Set(await vscode.commands.executeCommand<string[]>('impactLog.deleteEntry', { ids })), new Set(ids));
    assert.deepEqual(new Set(await vscode.commands.executeCommand<string[]>('impactLog.undoDelete')), new Set(ids));
    for (const id of ids) assert.equal(store.get(id)?.deletedAt, null);
  });

  it('deletes a tree node, and every node of a multi-selection', async () => {
    const store = await (await api()).store();
    const [a, b, c] = [await logAssist(), await logAssist(), await logAssist()];
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.deleteEntry', { entryId: a }), [a]);
    const deleted = await vscode.commands.executeCommand<string[]>('impactLog.deleteEntry', { entryId: b }, [{ entryId: b }, { entryId: c }]);
    assert.deepEqual(new Set(deleted), new Set([b, c]));
    for (const id of [a, b, c]) assert.notEqual(store.get(id)?.deletedAt, null);
    // Undo restores the last deletion only.
    assert.deepEqual(new Set(await vscode.commands.executeCommand<string[]>('impactLog.undoDelete')), new Set([b, c]));
    assert.notEqual(store.get(a)?.deletedAt, null);
  });

  it('with no argument offers the recent entries: Enter deletes the highlighted (newest) one', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const id = await logAssist({ occurredAt: new Date(Date.now() + 60_000).toISOString() });
    assert.equal(store.list({}, { limit: 1 })[0]?.id, id, 'the new entry should be the newest');
    const { result } = await acceptUntilDone(start<string[]>('impactLog.deleteEntry'), { maxSteps: 3 });
    assert.deepEqual(result, [id]);
    assert.deepEqual(await vscode.commands.executeCommand('impactLog.undoDelete'), [id]);
  });

  it('Escape in the entry list deletes nothing', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const before = store.count();
    const running = start<string[]>('impactLog.deleteEntry');
    await escape(running);
    assert.equal(await running, undefined);
    assert.equal(store.count(), before);
  });

  it('refuses a bad argument and deletes nothing', async () => {
    const store = await (await api()).store();
    const id = await logAssist();
    const cases: [unknown, RegExp][] = [
      [{ id: 'nope' }, /“id”/],
      [{ id, ids: [id] }, /“ids”|“id”/],
      [{ ids: [] }, /“ids”/],
      ['just text', /object/],
      [{ id, force: true }, /“force”/],
    ];
    for (const [arg, says] of cases) {
      const mark = ui().mark();
      assert.equal(await vscode.commands.executeCommand('impactLog.deleteEntry', arg), undefined, JSON.stringify(arg));
      assert.match(ui().errorsSince(mark).join('\n') || '(no error message)', says);
    }
    assert.equal(store.get(id)?.deletedAt, null);
  });
});
