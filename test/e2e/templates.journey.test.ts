// Journey through the real workbench: review season with a form that asks for STAR stories. Start with
// an entry of this quarter (seeded), export "This quarter" from the command palette, pick the STAR
// template, and read the first story in the editor tab that opens.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('Journey: export STAR stories for a review form', function () {
  // Written before the workbench opens: a problem solved today (so in "This quarter").
  const wb = useWorkbench({
    name: 'export-star',
    entries: [
      {
        kind: 'problem',
        input: {
          title: 'Stopped duplicate invoices on retry',
          impact: 'high',
          tags: ['billing'],
          links: ['https://example.com/pr/77'],
          whatWasWrong: 'Retries sent a second invoice.',
          fix: 'An idempotency key per invoice.',
        },
      },
    ],
  });

  it('picks the STAR template after the period and sees the first story in the editor', async () => {
    const w = wb();
    await w.waitForEntry((e) => e.title === 'Stopped duplicate invoices on retry');
    await w.runCommand('Impact Log: Export Review Summary');
    await w.pickQuickItem('This quarter', { expect: 'Which period?' });
    await w.pickQuickItem('STAR stories', { expect: 'Which template?' });
    const text = await w.editorText(/## Story 1/);
    assert.match(text, /# STAR stories — Q\d FY\d{4}/);
    assert.match(text, /\*\*Stopped duplicate invoices on retry\*\*/);
    assert.match(text, /- \*\*Situation:\*\* Retries sent a second invoice\./);
    assert.match(text, /- \*\*Action:\*\* An idempotency key per invoice\./);
    assert.match(text, /- \*\*Result:\*\* \\\[not recorded\\\]/);
  });
});
