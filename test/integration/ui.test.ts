// The spy of test/integration/ui.ts reaches the extension: the refusal tests rely on it to read the
// message a person was shown, and the prompt-driven tests to know when a step is on screen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';
import { escape, prompt, start } from './quickInput';
import { ui } from './ui';

describe('UI spy (test support)', () => {
  it('sees the messages the extension shows', async () => {
    const a = await api();
    const mark = ui().mark();
    assert.equal(await vscode.commands.executeCommand('impactLog.revealDatabase'), a.databasePath);
    assert.ok(ui().since(mark, 'info').some((m) => m.text.includes(a.databasePath)), `messages seen: ${JSON.stringify(ui().since(mark))}`);
    const refused = ui().mark();
    assert.equal(await vscode.commands.executeCommand('impactLog.logNote', 'not an object'), undefined);
    assert.equal(ui().errorsSince(refused).length, 1, 'the refusal’s error message');
  });

  it('sees the prompts the extension opens, and Escape closes them', async () => {
    await api();
    const running = start<string>('impactLog.log');
    const p = await prompt(running);
    assert.ok(p, 'no prompt was seen');
    assert.equal(p.kind, 'pick');
    assert.match(p.title, /Log to Impact Log/);
    await escape(running);
    assert.equal(await running, undefined);
  });
});
