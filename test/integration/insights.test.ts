// The Insights panel in the extension host: the command opens one webview panel (and reuses it),
// a bad argument is refused with the field named and opens nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';

/** Tabs showing the Insights webview (VS Code prefixes a panel's view type with `mainThreadWebview-`). */
function insightsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('impactLog.insights'));
}

/** Resolves with `fn()` once it is defined: checked now and on every change of the editor tabs. */
function until<T>(fn: () => T | undefined, what: string, timeout = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = fn();
      if (v === undefined) return;
      done();
      resolve(v);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeout);
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

describe('Insights panel', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('impactLog.showInsights opens one panel for the period it is given, and a second call reuses it', async function () {
    this.timeout(30_000);
    await api();
    const label = await vscode.commands.executeCommand<string>('impactLog.showInsights', { from: '2026-07-01', to: '2026-12-31' });
    assert.match(label, /2026-07-01 to 2026-12-31/);
    const tab = await until(() => insightsTabs()[0], 'the Insights tab');
    assert.match(tab.label, /Insights/);
    await vscode.commands.executeCommand('impactLog.showInsights', { period: 'lastQuarter' });
    assert.equal(insightsTabs().length, 1, 'one Insights panel');
  });

  it('a bad argument is refused and opens nothing', async function () {
    this.timeout(30_000);
    await api();
    const result = await vscode.commands.executeCommand('impactLog.showInsights', { period: 'lastHalf', from: '2026-01-01' });
    assert.equal(result, undefined);
    const notShown = await vscode.commands.executeCommand('impactLog.showInsights', { format: 'csv' });
    assert.equal(notShown, undefined);
    assert.equal(insightsTabs().length, 0);
  });
});
