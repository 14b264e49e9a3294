// The default keybinding for impactLog.log must not clash with one of VS Code's own defaults (or
// another built-in extension's). The workbench's Default Keyboard Shortcuts (JSON) lists them all.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension, waitFor } from './helpers';

/** "Ctrl+Shift+Alt+L" and "ctrl+alt+shift+l" are the same chord. */
const chord = (k: string) => k.trim().toLowerCase().split('+').sort().join('+');

describe('Default keybinding', () => {
  it('impactLog.log is bound to a chord that no default binding uses, not even as a chord prefix', async function () {
    this.timeout(30_000);
    await api();
    const ours = (extension().packageJSON as { contributes: { keybindings: { command: string; key: string }[] } }).contributes.keybindings.find((k) => k.command === 'impactLog.log');
    assert.ok(ours, 'package.json binds no key to impactLog.log');
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const text = await waitFor('the Default Keyboard Shortcuts (JSON) editor', () => {
      const t = vscode.window.activeTextEditor?.document.getText() ?? '';
      return t.includes('"command"') && t;
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const bindings = [...text.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: m[1]!, command: m[2]! }));
    assert.ok(bindings.length > 500, `only ${bindings.length} default bindings found`);
    const mine = chord(ours.key);
    const clashes = bindings.filter((b) => b.command !== 'impactLog.log' && b.key.split(' ').map(chord)[0] === mine);
    assert.deepEqual(clashes, [], `${ours.key} is also bound to: ${clashes.map((c) => `${c.command} (${c.key})`).join(', ')}`);
    // Our binding is in the list VS Code resolved (so it is active under this key).
    assert.ok(bindings.some((b) => b.command === 'impactLog.log' && chord(b.key) === mine), 'impactLog.log is not among the resolved default bindings');
  });
});
