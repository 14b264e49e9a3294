// Journey through the real workbench: review season. Export "Last quarter" from the command palette
// and read the Markdown summary in the editor tab that opens; then this quarter, with an entry in it
// (the empty default period is not the one highlighted).
import * as assert from 'node:assert/strict';
import { useWorkbench, type Workbench } from './workbench';

/** "(YYYY-MM-DD to " of a quarter's summary heading: `offset` 0 is this quarter, -1 the last one (local time, as the extension reads it). */
function quarterStart(offset: number): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3 + offset * 3, 1);
  return `(${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01 to `;
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ENTRY = {
  id: '5b0c3c1e-8f7a-4d2b-9c55-1e2f3a4b5c6d',
  kind: 'ai-assist',
  title: 'Copilot proposed eval() for the config parser',
  occurredAt: '2026-08-21T10:00:00.000Z',
  createdAt: '2026-08-21T10:00:00.000Z',
  updatedAt: '2026-08-21T10:00:00.000Z',
  deletedAt: null,
  impact: null,
  details: '',
  tags: [],
  links: [],
  context: {},
  fields: { verdict: 'discarded', reason: 'insecure' },
};
const file = (entries: unknown[]) => JSON.stringify({ format: 'impact-log', version: 1, exportedAt: '2026-11-01T00:00:00.000Z', entries });

/** Import Data from JSON, choosing `name` (in the workspace) in the file dialog; returns the notification shown. */
async function importFile(w: Workbench, name: string, expect: RegExp): Promise<string> {
  await w.runCommand('Impact Log: Import Data from JSON');
  // The dialog is the extension's showOpenDialog, titled by it: the command reached the extension.
  await w.chooseFileInDialog('Import Impact Log data', `${w.profile.workspace}/${name}`);
  const message = await w.waitForNotificationInCentre(expect);
  await w.clearNotifications();
  return message;
}

describe('Journey: export a review summary', function () {
  const wb = useWorkbench({
    name: 'export-summary',
    files: {
      'from-laptop.json': file([ENTRY]),
      'broken.json': file([{ ...ENTRY, id: '6b0c3c1e-8f7a-4d2b-9c55-1e2f3a4b5c6d', title: 'Never imported' }, { ...ENTRY, fields: { verdict: 'maybe' } }]),
    },
  });

  it('exports "Last quarter" from the command palette and sees the Markdown summary open in a new tab', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Export Review Summary');
    await w.waitForQuickInput('Which period?');
    await w.pickQuickItem('Last quarter');
    await w.pickQuickItem('Impact summary', { expect: 'Which template?' });
    // The heading names last quarter's dates: an editor left open by another test cannot pass for it.
    const text = await w.editorText(new RegExp(`# Impact summary — Q\\d FY\\d{4} ${escapeRe(quarterStart(-1))}\\d{4}-\\d{2}-\\d{2}\\)`));
    const tab = await w.activeTabLabel();
    assert.match(tab, /Untitled/, 'an untitled tab, ready to save');
    assert.match(text, /## At a glance/);
    // The language mode in the status bar says Markdown.
    await w.waitForStatusBarText(/^Markdown$/);
  });

  it('logs a problem, then exports "This quarter": the summary lists it', async () => {
    const w = wb();
    const title = 'Cut checkout latency from 2.1 s to 300 ms';
    await w.runCommand('Impact Log: Log Problem Solved');
    await w.typeInQuickInput(title, { expect: 'What problem did you solve?' });
    await w.acceptDefaults(() => w.entries().some((e) => e.title === title));
    await w.runCommand('Impact Log: Export Review Summary');
    // The default period (last half-year) is empty in this fresh log: the nearest one with the entry is highlighted, counts shown.
    await w.waitForQuickInput('Which period?');
    assert.match((await w.quickInputState()).focused, /This half-year.*1 entry/);
    await w.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: /Last half-year.*0 entries · your default/ }).first().waitFor({ state: 'visible', timeout: 5000 });
    await w.pickQuickItem('This quarter', { expect: 'Which period?' });
    await w.pickQuickItem('Impact summary', { expect: 'Which template?' });
    // This quarter's heading, not the summary of last quarter the test before left open in another tab.
    const text = await w.editorText(new RegExp(`# Impact summary — Q\\d FY\\d{4}( to date)? ${escapeRe(quarterStart(0))}`));
    assert.match(text, /\| Problems solved \| 1 /);
  });

  it('imports a broken file: the message names the entry and field, and nothing is written', async () => {
    const w = wb();
    const before = w.entries().length;
    const message = await importFile(w, 'broken.json', /Import file/);
    assert.match(message, /entries\[1\]\.fields\.verdict/);
    assert.match(message, /Nothing was saved/);
    assert.equal(w.entries().length, before);
  });

  it('imports a file from another machine and reports what it added', async () => {
    const w = wb();
    assert.equal(w.entries().some((x) => x.id === ENTRY.id), false, 'the entry is in the log before the import');
    assert.match(await importFile(w, 'from-laptop.json', /imported .*from-laptop\.json/), /1 added, 0 updated, 0 skipped/);
    const e = await w.waitForEntry((x) => x.id === ENTRY.id);
    assert.deepEqual(e.fields, ENTRY.fields);
  });
});
