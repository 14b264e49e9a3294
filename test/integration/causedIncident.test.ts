// An incident you caused, linked to the change shipped that caused it: the log command with
// `causedBy` answers that change's follow-up "caused-incident" in the same save, the summary counts
// it, and a bad `causedBy` is refused naming the field with nothing written.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api } from './helpers';
import { ui } from './ui';

// A month of its own, so other suites' entries do not change the denominators.
const RANGE = { from: '2018-07-01', to: '2018-07-31' };
const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

describe('Incident caused by a change', () => {
  it('logging { title, role: "caused", causedBy } answers the change caused-incident with the incident id; the summary says 1 of 2', async () => {
    const store = await (await api()).store();
    const first = await vscode.commands.executeCommand<string>('impactLog.logShipped', { title: `Cache layer ${stamp()}`, occurredAt: '2018-07-10' });
    await vscode.commands.executeCommand<string>('impactLog.logShipped', { title: `Search box ${stamp()}`, occurredAt: '2018-07-12' });
    const incident = await vscode.commands.executeCommand<string>('impactLog.logIncident', { title: `Checkout down ${stamp()}`, role: 'caused', causedBy: first, occurredAt: '2018-07-14' });
    assert.equal(typeof incident, 'string');
    assert.deepEqual(store.followUps.forEntry(first).map((f) => [f.outcome, f.incidentId]), [['caused-incident', incident]]);
    assert.equal((store.get(incident)?.fields as { causedBy?: string }).causedBy, first);

    const dir = mkdtempSync(join(tmpdir(), 'impact-caused-'));
    try {
      const path = await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, path: join(dir, 'summary.md') });
      const md = readFileSync(path, 'utf8');
      assert.match(md, /Incidents you caused per change shipped[^\n]*1 of 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad causedBy (not a UUID, not in the log, not a change shipped) is refused naming the field, and nothing is written', async () => {
    const store = await (await api()).store();
    const note = await vscode.commands.executeCommand<string>('impactLog.logNote', { title: `Note ${stamp()}` });
    const before = store.count();
    for (const causedBy of ['abc', '00000000-0000-4000-8000-00000000dead', note]) {
      for (const command of ['impactLog.logIncident', 'impactLog.log']) {
        const mark = ui().mark();
        const arg = { title: `Bad link ${stamp()}`, role: 'caused', causedBy, ...(command === 'impactLog.log' ? { kind: 'incident' } : {}) };
        assert.equal(await vscode.commands.executeCommand(command, arg), undefined, `${command} ${causedBy}`);
        assert.match(ui().errorsSince(mark).join('\n') || '(no error message)', /causedBy/, `${command} ${causedBy}`);
      }
    }
    assert.equal(store.count(), before);
  });

  it('editing an incident to add causedBy answers that change caused-incident in the same save; a bad one refuses the edit', async () => {
    const store = await (await api()).store();
    const change = await vscode.commands.executeCommand<string>('impactLog.logShipped', { title: `Rate limiter ${stamp()}`, occurredAt: '2018-07-03' });
    const incident = await vscode.commands.executeCommand<string>('impactLog.logIncident', { title: `Throttled checkout ${stamp()}`, role: 'caused', occurredAt: '2018-07-05' });
    assert.deepEqual(store.followUps.forEntry(change), [], 'no answer before the link');

    const note = await vscode.commands.executeCommand<string>('impactLog.logNote', { title: `Note ${stamp()}` });
    const mark = ui().mark();
    assert.equal(await vscode.commands.executeCommand('impactLog.editEntry', { id: incident, causedBy: note }), undefined);
    assert.match(ui().errorsSince(mark).join('\n') || '(no error message)', /causedBy/);
    assert.equal((store.get(incident)?.fields as { causedBy?: string }).causedBy, undefined, 'the refused edit was written');

    assert.equal(await vscode.commands.executeCommand('impactLog.editEntry', { id: incident, causedBy: change }), incident);
    assert.equal((store.get(incident)?.fields as { causedBy?: string }).causedBy, change);
    assert.deepEqual(store.followUps.forEntry(change).map((f) => [f.outcome, f.incidentId]), [['caused-incident', incident]]);
    // An edit that leaves the cause as it is answers nothing again.
    assert.equal(await vscode.commands.executeCommand('impactLog.editEntry', { id: incident, title: `Throttled checkout, renamed ${stamp()}` }), incident);
    assert.equal(store.followUps.forEntry(change).length, 1);
  });

  it('the incident’s tooltip names the change that caused it by its title, not its id', async () => {
    const a = await api();
    const store = await a.store();
    const title = `Retry storm fix ${stamp()}`;
    const change = await vscode.commands.executeCommand<string>('impactLog.logShipped', { title });
    const incident = await vscode.commands.executeCommand<string>('impactLog.logIncident', { title: `Payments down ${stamp()}`, role: 'caused', causedBy: change });
    const tl = a.timeline!;
    const node = await tl.provider.findEntry(incident);
    assert.ok(node, 'the incident is not in the timeline');
    const md = (await tl.provider.resolveTreeItem(tl.provider.getTreeItem(node), node)).tooltip as vscode.MarkdownString;
    // The text as a reader sees it (appendText escapes punctuation and writes spaces as &nbsp;).
    const text = md.value.replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    assert.match(text, /Which change caused it:\*\* Retry storm fix /);
    assert.ok(text.includes(title), `the tooltip does not name “${title}”: ${text}`);
    assert.doesNotMatch(md.value, new RegExp(change), 'the tooltip shows the change’s id');
    assert.ok(store.get(change));
  });
});
