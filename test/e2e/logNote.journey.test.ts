// Journeys through the real workbench: a new user opens the Impact Log view, then logs a note from
// the command palette with the keyboard only.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('Journey: first note from the command palette', () => {
  const wb = useWorkbench({ name: 'log-note' });

  it('a new install shows the empty log in the Impact Log view', async () => {
    const side = await wb().openView('Impact Log');
    await side.getByText('Keep a private record of the work that mattered').waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok(await side.getByRole('button', { name: /Log an Entry/ }).isVisible(), 'the empty state offers no "Log an Entry" button');
    assert.deepEqual(wb().entries(), []);
  });

  it('logs a note: Control+Shift+P, "Impact Log: Log Note", a title, Enter', async () => {
    const title = 'Walked Priya through the release checklist';
    const before = wb().entries().length;
    await wb().runCommand('Impact Log: Log Note');
    await wb().typeInQuickInput(title);
    await wb().acceptDefaults(() => wb().entries().some((e) => e.title === title));
    const entry = await wb().waitForEntry((e) => e.title === title);
    assert.equal(entry.kind, 'note');
    assert.equal(entry.deletedAt, null);
    assert.equal(entry.context.workspaceFolder, 'workspace', 'the workspace folder was not captured');
    assert.equal(wb().entries().length, before + 1, 'more than one entry was written');
    // The view that showed the empty state now lists the new entry.
    const side = await wb().openView('Impact Log');
    await side.getByText(title).first().waitFor({ state: 'visible', timeout: 15_000 });
  });
});
