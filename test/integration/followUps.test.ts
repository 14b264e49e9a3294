// Follow-ups in the real extension host: impactLog.followUp with good and bad arguments, the
// keyboard path (three Enter presses answer the first due follow-up), snooze, and the status bar.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_CHECKPOINTS } from '../../src/domain/followUps';
import { api } from './helpers';
import { acceptUntilDone, start } from './quickInput';
import { ui } from './ui';

const DAY = 86_400_000;
const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const dueCtx = () => ({ cfg: { enabled: true, checkpoints: DEFAULT_CHECKPOINTS }, now: Date.now(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });

async function logShipped(title: string, occurredAt: string): Promise<string> {
  const id = await vscode.commands.executeCommand<string>('impactLog.logShipped', { title, occurredAt });
  assert.equal(typeof id, 'string');
  return id;
}

describe('Follow-ups', () => {
  it('a change shipped 31 days ago is due; impactLog.followUp with an argument records the answer and returns the id', async () => {
    const store = await (await api()).store();
    const id = await logShipped(`Shipped ${stamp()}`, daysAgo(31));
    assert.ok(store.followUps.due(dueCtx(), 10_000).some((d) => d.entry.id === id && d.checkpoint === 30));
    const result = await vscode.commands.executeCommand<string>('impactLog.followUp', { id, outcome: 'reverted', evidence: 'https://git.example.com/acme/shop/commit/abc1234', note: 'Rolled back' });
    assert.equal(result, id);
    assert.deepEqual(
      store.followUps.forEntry(id).map((f) => [f.checkpoint, f.outcome, f.evidence, f.note]),
      [[30, 'reverted', 'https://git.example.com/acme/shop/commit/abc1234', 'Rolled back']],
    );
    assert.ok(!store.followUps.due(dueCtx(), 10_000).some((d) => d.entry.id === id), 'answered: no longer due');
  });

  it('refuses a bad argument (unknown outcome, bad link, not an object, a note entry) and writes nothing', async () => {
    const store = await (await api()).store();
    const id = await logShipped(`Shipped ${stamp()}`, daysAgo(31));
    const note = await vscode.commands.executeCommand<string>('impactLog.logNote', { title: `Note ${stamp()}`, occurredAt: daysAgo(40) });
    const cases: [string, unknown, RegExp][] = [
      ['impactLog.followUp', { id, outcome: 'fine' }, /outcome/],
      ['impactLog.followUp', { id, outcome: 'held', evidence: 'javascript:alert(1)' }, /evidence/],
      ['impactLog.followUp', { id, outcome: 'held', extra: 1 }, /extra/],
      ['impactLog.followUp', 'held', /argument/],
      ['impactLog.followUp', { id: note, outcome: 'held' }, /id/],
      ['impactLog.followUp', { id: 'not-a-uuid', outcome: 'held' }, /id/],
      // A wrong type is refused before any prompt (no entry picker opens for it).
      ['impactLog.followUp', { note: 42 }, /note/],
      ['impactLog.followUpHeld', { id, outcome: 'reverted' }, /outcome/],
      ['impactLog.snoozeFollowUp', { id, days: 'seven' }, /days/],
      ['impactLog.excludeFollowUp', { id, excluded: 'yes' }, /excluded/],
    ];
    for (const [command, bad, says] of cases) {
      const mark = ui().mark();
      assert.equal(await vscode.commands.executeCommand(command, bad), undefined, `${command} ${JSON.stringify(bad)}`);
      assert.match(ui().errorsSince(mark).join('\n') || '(no error message)', says, `${command} ${JSON.stringify(bad)}`);
    }
    assert.deepEqual(store.followUps.forEntry(id), []);
    assert.equal(store.followUps.stateOf(id), undefined, 'no snooze or exclusion written');
    assert.deepEqual(store.followUps.forEntry(note), []);
  });

  it('by keyboard: three Enter presses after the command answer the first due follow-up "held"', async () => {
    const store = await (await api()).store();
    await logShipped(`Shipped long ago ${stamp()}`, daysAgo(59));
    const first = store.followUps.due(dueCtx(), 1)[0];
    assert.ok(first, 'a follow-up is due');
    const { result, presses } = await acceptUntilDone(start<string>('impactLog.followUp'));
    assert.equal(result, first.entry.id);
    assert.equal(presses, 3, 'entry, outcome, note');
    assert.deepEqual(store.followUps.forEntry(first.entry.id).map((f) => f.outcome), ['held']);
  });

  it('the weekly reflection lists the follow-ups due: Enter on Review Now, then on the outcome and the note, answers the longest due "held"', async () => {
    const store = await (await api()).store();
    // This week's suggestions come first in the pick: none, so the first item is a follow-up.
    const week = { from: Date.now() - 8 * DAY, to: Date.now() + DAY };
    store.suggestions.dismiss(store.suggestions.list(week).map((x) => x.id));
    await logShipped(`Shipped for the reflection ${stamp()}`, daysAgo(89));
    const first = store.followUps.due(dueCtx(), 1)[0];
    assert.ok(first, 'a follow-up is due');
    const { result, presses } = await acceptUntilDone(start<string>('impactLog.reviewNow'));
    assert.equal(result, 'impactLog.followUp', 'the picked item answered a follow-up');
    assert.equal(presses, 3, 'review pick, outcome, note');
    assert.deepEqual(store.followUps.forEntry(first.entry.id).map((f) => [f.checkpoint, f.outcome]), [[first.checkpoint, 'held']]);
  });

  it('impactLog.snoozeFollowUp takes an entry off the queue for a week and returns its id', async () => {
    const store = await (await api()).store();
    const id = await logShipped(`Shipped ${stamp()}`, daysAgo(33));
    const before = store.followUps.countDue(dueCtx());
    assert.equal(await vscode.commands.executeCommand('impactLog.snoozeFollowUp', { id }), id);
    assert.equal(store.followUps.countDue(dueCtx()), before - 1);
    assert.equal(await vscode.commands.executeCommand('impactLog.snoozeFollowUp', { id, days: 0 }), undefined, 'days must be at least 1');
  });

  it('the timeline shows "Follow-ups due (N)" first; its row answers with one click and leaves the group', async () => {
    const a = await api();
    const store = await a.store();
    const provider = a.timeline!.provider;
    const id = await logShipped(`Shipped ${stamp()}`, daysAgo(45));
    provider.refresh();
    const roots = await provider.getChildren();
    const first = roots[0]!.getTreeItem();
    const n = store.followUps.countDue(dueCtx());
    assert.equal(first.label, `Follow-ups due (${n})`);
    const rows = await provider.getChildren(roots[0]);
    const row = rows.find((r) => 'entryId' in r && r.entryId === id);
    assert.ok(row, 'the entry is in the group');
    assert.equal(row.getTreeItem().contextValue, 'followUpDue');
    assert.equal(await vscode.commands.executeCommand('impactLog.followUpHeld', row), id);
    assert.deepEqual(store.followUps.forEntry(id).map((f) => f.outcome), ['held']);
    provider.refresh();
    const after = await provider.getChildren();
    const group = after.find((r) => r.id === 'group:followUpsDue');
    const left = group ? await provider.getChildren(group) : [];
    assert.ok(!left.some((r) => 'entryId' in r && r.entryId === id), 'answered: gone from the group');
  });

  it('after answering "reverted", the exported summary says so with its denominator and lists the evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-log-fu-'));
    try {
      const title = `Reverted change ${stamp()}`;
      const occurred = daysAgo(31);
      const id = await logShipped(title, occurred);
      await vscode.commands.executeCommand('impactLog.followUp', { id, outcome: 'reverted', evidence: 'https://git.example.com/acme/shop/commit/def5678' });
      const local = new Date(Date.parse(occurred));
      const day = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
      const path = await vscode.commands.executeCommand<string>('impactLog.exportSummary', { from: day, to: day, path: join(dir, 'summary.md') });
      const md = readFileSync(path, 'utf8');
      assert.match(md, /\| Changes shipped that held \| \d+ of \d+ followed up \(\d*.*reverted.*\d+ unknown\); \d+ not followed up yet \|/);
      assert.match(md, new RegExp(`${title} · change shipped · reverted \\(30-day follow-up\\) · \\[evidence\\]\\(https://git\\.example\\.com/acme/shop/commit/def5678\\)`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
