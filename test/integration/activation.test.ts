import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, contributedCommands, extension } from './helpers';

describe('Activation', () => {
  it('activates and returns its API', async () => {
    const a = await api();
    assert.equal(extension().isActive, true);
    assert.equal(typeof a.databasePath, 'string');
    assert.equal(typeof a.store, 'function');
  });

  it('registers every command contributed in package.json', async () => {
    await api();
    const declared = contributedCommands().map((c) => c.command);
    assert.ok(declared.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('ships the native SQLite binding, so the store does not fall back to node:sqlite', async () => {
    const ext = extension();
    const prebuild = join(ext.extensionPath, 'node_modules', 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`);
    assert.ok(existsSync(prebuild), `missing from the installed extension: ${prebuild}`);
    const store = await (await api()).store();
    assert.equal(store.engine, 'better-sqlite3', `fell back: ${store.fallbackReason ?? '(no reason)'}`);
  });
});
