import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID } from './helpers';
import { ui } from './ui';

describe('Store and the log commands', () => {
  it('keeps the log in the extension global storage', async () => {
    const a = await api();
    await a.store();
    // VS Code's layout: <user data>/User/globalStorage/<publisher.name>/
    assert.equal(basename(dirname(a.databasePath)), EXTENSION_ID);
    assert.equal(basename(dirname(dirname(a.databasePath))), 'globalStorage');
    assert.ok(existsSync(a.databasePath), `${a.databasePath} was not created`);
  });

  it('logs an AI assist from an argument object and the store returns it', async () => {
    const a = await api();
    const title = `Kept the hand-written parser ${Date.now()}`;
    const id = await vscode.commands.executeCommand<string | undefined>('impactLog.logAiAssist', {
      title,
      verdict: 'discarded',
      reason: 'invented an API',
    });
    assert.equal(typeof id, 'string', 'the command returned no id');
    const entry = (await a.store()).get(id!);
    assert.ok(entry, `the store has no entry ${id}`);
    assert.equal(entry.kind, 'ai-assist');
    assert.equal(entry.title, title);
    assert.equal(entry.fields.verdict, 'discarded');
    assert.equal(entry.fields.reason, 'invented an API');
    assert.equal(entry.deletedAt, null);
  });

  it('rejects a bad argument and writes nothing', async () => {
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    const mark = ui().mark();
    const id = await vscode.commands.executeCommand<string | undefined>('impactLog.logAiAssist', { title: 'x', verdict: 'maybe' });
    assert.equal(id, undefined);
    assert.deepEqual(ui().errorsSince(mark).map((m) => /“verdict”/.test(m) && /Nothing was saved/.test(m)), [true], `the message shown: ${JSON.stringify(ui().errorsSince(mark))}`);
    assert.equal(store.count({ deleted: 'include' }), before);
    assert.equal(store.list({ deleted: 'include' }, { limit: 1000 }).filter((e) => e.title === 'x').length, 0);
  });
});
