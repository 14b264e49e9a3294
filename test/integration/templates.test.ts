// Review-form templates in the real extension host: the export command with `template`, plain
// text, a custom template file, and templates and arguments that are refused without writing.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { displayDate, userLocale } from '../../src/domain/format';

const dir = mkdtempSync(join(tmpdir(), 'impact-log-templates-'));
const file = (name: string) => join(dir, name);
// A month long ago that no other suite writes to, so its contents are known.
const RANGE = { from: '2018-05-01', to: '2018-05-31' };
/** An entry's day as a summary shows it: in the user's locale (the period label and a custom template's model keep ISO days). */
const day = (iso: string) => displayDate(Date.parse(iso), { locale: userLocale(vscode.env.language, Intl.DateTimeFormat().resolvedOptions().locale) });

describe('Review templates', () => {
  before(async () => {
    await vscode.commands.executeCommand('impactLog.logProblem', {
      title: 'Stopped duplicate invoices on retry',
      occurredAt: '2018-05-07T10:00:00Z',
      impact: 'high',
      whatWasWrong: 'Retries sent a second invoice.',
      fix: 'An idempotency key per invoice.',
      links: ['https://example.com/pr/77'],
      tags: ['billing'],
    });
    await vscode.commands.executeCommand('impactLog.logNote', { title: 'Mentored the new on-call engineer', occurredAt: '2018-05-15T10:00:00Z', impact: 'medium', category: 'mentoring' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exportSummary { template: "star", path } writes STAR stories, the first with its own fields and its gap listed', async () => {
    const path = file('star.md');
    const result = await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, template: 'star', path });
    assert.equal(result, path);
    const md = readFileSync(path, 'utf8');
    assert.ok(md.startsWith('# STAR stories — 2018-05-01 to 2018-05-31\n'), md.slice(0, 120));
    assert.ok(
      md.includes(
        `## Story 1\n\n**Stopped duplicate invoices on retry** — ${day('2018-05-07T10:00:00Z')} · Problem solved · high impact · [example.com/pr/77](https://example.com/pr/77)\n\n- **Situation:** Retries sent a second invoice.\n- **Task:** Stopped duplicate invoices on retry\n- **Action:** An idempotency key per invoice.\n- **Result:** \\[not recorded\\]`,
      ),
      md,
    );
    assert.match(md, /- Story 1, Stopped duplicate invoices on retry: Result\n/);
  });

  it('format "text" writes plain text with links as "title (url)"', async () => {
    const path = file('brag.txt');
    assert.equal(await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, template: 'brag-document', path }), path);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('Brag document — 2018-05-01 to 2018-05-31\n\n'), text.slice(0, 120));
    assert.ok(text.includes(`\n\nCollaboration & mentorship\n\n• ${day('2018-05-15T10:00:00Z')} — Mentored the new on-call engineer · mentoring · medium impact\n`), text);
    assert.ok(text.includes('example.com/pr/77 (https://example.com/pr/77)') || text.includes('https://example.com/pr/77'));
    assert.doesNotMatch(text, /^#|\*\*|\]\(/m);
  });

  it('a custom template file renders over the summary model, escaped for Markdown', async () => {
    const tpl = file('mine.mustache');
    writeFileSync(tpl, '# {{period.label}}\n\n{{#highlights}}\n- {{title}} ({{date}}) {{linkList}}\n{{/highlights}}\n');
    const path = file('custom.md');
    assert.equal(await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, templatePath: tpl, path }), path);
    assert.equal(readFileSync(path, 'utf8'), '# 2018-05-01 to 2018-05-31\n\n- Stopped duplicate invoices on retry (2018-05-07) [example.com/pr/77](https://example.com/pr/77)\n- Mentored the new on-call engineer (2018-05-15) \n');
  });

  it('a broken template is refused and nothing is written', async () => {
    const tpl = file('broken.mustache');
    writeFileSync(tpl, '# Review\n\n{{#highlights}}\n- {{titel}}\n');
    const path = file('never.md');
    assert.equal(await vscode.commands.executeCommand('impactLog.exportSummary', { ...RANGE, templatePath: tpl, path }), undefined);
    assert.equal(existsSync(path), false);
    writeFileSync(tpl, '{{#highlights}}\n{{titel}}\n{{/highlights}}\n');
    assert.equal(await vscode.commands.executeCommand('impactLog.exportSummary', { ...RANGE, templatePath: tpl, path }), undefined);
    assert.equal(existsSync(path), false);
  });

  it('a bad template argument is refused and nothing is written', async () => {
    const path = file('never2.md');
    for (const arg of [{ template: 'okr' }, { template: 'star', format: 'csv' }, { templatePath: 'relative.mustache' }, { template: 'star', templatePath: file('x') }, { templatePath: file('missing.mustache') }]) {
      assert.equal(await vscode.commands.executeCommand('impactLog.exportSummary', { ...RANGE, ...arg, path }), undefined, JSON.stringify(arg));
      assert.equal(existsSync(path), false, JSON.stringify(arg));
    }
  });
});
