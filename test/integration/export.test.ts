// Export and import in the real extension host: the summary written to a path, opened in an
// editor, the period picker's default, JSON/CSV data export, and import round trips.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api } from './helpers';
import { acceptUntilDone, start } from './quickInput';
import { ui } from './ui';

const dir = mkdtempSync(join(tmpdir(), 'impact-log-export-'));
const file = (name: string) => join(dir, name);
// A month long ago that no other suite writes to, so its numbers are known.
const RANGE = { from: '2019-03-01', to: '2019-03-31' };

interface ExportedEntry {
  id: string;
  kind: string;
  title: string;
  updatedAt: string;
  fields: Record<string, unknown>;
}
interface ExportedFile {
  format: string;
  version: number;
  entries: ExportedEntry[];
}

describe('Export and import', () => {
  const titles = {
    problem: 'Fixed the | pipe in `invoice` <totals>',
    review: 'Caught an SQL injection in search',
    assist: 'Copilot suggested eval() for config',
  };

  before(async () => {
    await vscode.commands.executeCommand('impactLog.logProblem', {
      title: titles.problem, occurredAt: '2019-03-05T10:00:00Z', impact: 'high', customerVisible: true,
      identifiedAt: '2019-03-01T10:00:00Z', resolvedAt: '2019-03-03T10:00:00Z', aiInvolvement: 'assisted', links: ['https://example.com/pr/1'],
    });
    await vscode.commands.executeCommand('impactLog.logReviewCatch', {
      title: titles.review, occurredAt: '2019-03-12T10:00:00Z', severity: 'critical', category: 'security', links: ['https://example.com/pr/2#r1'],
    });
    await vscode.commands.executeCommand('impactLog.logAiAssist', { title: titles.assist, occurredAt: '2019-03-20T10:00:00Z', verdict: 'discarded', reason: 'insecure' });
  });

  it('exportSummary with a path writes the Markdown summary there and returns the path', async () => {
    const path = file('summary.md');
    const result = await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, path });
    assert.equal(result, path);
    const md = readFileSync(path, 'utf8');
    assert.ok(md.startsWith('# Impact summary — 2019-03-01 to 2019-03-31\n'), md.slice(0, 120));
    assert.match(md, /\| Problems solved \| 1 \(1 customer-visible\) \|/);
    assert.match(md, /\| Median time from problem identified to fix \| 2 days \(n = 1 with both dates\) \|/);
    assert.match(md, /\| AI assists logged \| 1: 0 accepted, 0 adapted, 1 discarded \|/);
    assert.match(md, /Fixed the \\\| pipe in \\`invoice\\` \\<totals>/, 'the title is escaped');
    assert.match(md, /\[PR #1\]\(https:\/\/example\.com\/pr\/1\)|\[example\.com\/pr\/1\]\(https:\/\/example\.com\/pr\/1\)/);
    assert.match(md, /## AI judgment/);
    const store = await (await api()).store();
    assert.ok(Number(store.getMeta('lastSummaryExportAt')) > Date.now() - 60_000, 'the export time is recorded');
  });

  it('exportSummary writes JSON or CSV when asked (or when the path says so)', async () => {
    const json = await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, path: file('summary.json') });
    const doc = JSON.parse(readFileSync(json, 'utf8')) as ExportedFile & { period: { from: string; to: string } };
    assert.equal(doc.format, 'impact-log');
    assert.deepEqual(doc.entries.map((e) => e.title).sort(), Object.values(titles).sort());
    assert.deepEqual([doc.period.from, doc.period.to], [RANGE.from, RANGE.to]);
    const csv = await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, format: 'csv', path: file('summary.txt') });
    const text = readFileSync(csv, 'utf8');
    assert.ok(text.startsWith('\uFEFFid,kind,title,'));
    assert.equal(text.trimEnd().split('\r\n').length, 4, 'header + 3 rows');
  });

  it('exportSummary without a path opens the summary in an untitled Markdown editor', async () => {
    const uri = await vscode.commands.executeCommand<string>('impactLog.exportSummary', RANGE);
    assert.ok(uri?.startsWith('untitled:'), String(uri));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.uri.toString(), uri);
    assert.equal(editor.document.languageId, 'markdown');
    assert.ok(editor.document.getText().includes(titles.review));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the period picker pre-selects the default period from the settings', async () => {
    const config = vscode.workspace.getConfiguration('impactLog');
    // The extension re-reads its settings on the change event; ours fires in the same dispatch.
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('impactLog.review.defaultPeriod')) {
          sub.dispose();
          resolve();
        }
      });
    });
    await config.update('review.defaultPeriod', 'yearToDate', vscode.ConfigurationTarget.Global);
    try {
      await changed;
      const { result } = await acceptUntilDone(start<string>('impactLog.exportSummary'));
      assert.ok(result?.startsWith('untitled:'));
      const text = vscode.window.activeTextEditor?.document.getText() ?? '';
      assert.match(text, /^# Impact summary — FY\d{4}( to date)? \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await config.update('review.defaultPeriod', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('"since last export" is available after an export', async () => {
    assert.ok(await vscode.commands.executeCommand<string>('impactLog.exportSummary', { ...RANGE, path: file('before-since.md') }), 'the first export');
    const path = await vscode.commands.executeCommand<string>('impactLog.exportSummary', { period: 'sinceLastExport', path: file('since.md') });
    assert.match(readFileSync(path, 'utf8'), /^# Impact summary — Since last export \(/);
  });

  const bad: [string, unknown, RegExp][] = [
    ['an unknown preset', { period: 'lastYear', path: file('bad1.md') }, /“period”/],
    ['from without to', { from: '2019-03-01', path: file('bad2.md') }, /“to”/],
    ['an impossible date', { from: '2019-02-30', to: '2019-03-01', path: file('bad3.md') }, /“from”/],
    ['a relative path', { ...RANGE, path: 'summary.md' }, /“path”/],
    ['an unknown format', { ...RANGE, format: 'pdf', path: file('bad4.pdf') }, /“format”/],
    ['a period and a range at once', { ...RANGE, period: 'lastHalf', path: file('bad5.md') }, /period/],
  ];
  for (const [what, arg, says] of bad) {
    it(`exportSummary with ${what} writes nothing, returns undefined and says what is wrong`, async () => {
      const mark = ui().mark();
      const result = await vscode.commands.executeCommand('impactLog.exportSummary', arg);
      assert.equal(result, undefined);
      assert.match(ui().errorsSince(mark).join('\n') || '(no error message)', says);
      for (let i = 1; i <= 5; i++) assert.ok(!existsSync(file(`bad${i}.md`)));
    });
  }

  it('exportData writes all entries as JSON; importing that file again changes nothing', async () => {
    const store = await (await api()).store();
    const path = await vscode.commands.executeCommand<string>('impactLog.exportData', { format: 'json', path: file('all.json') });
    const doc = JSON.parse(readFileSync(path, 'utf8')) as ExportedFile;
    assert.equal(doc.entries.length, store.count());
    const before = store.list({ deleted: 'include' });
    type Counts = { added: number; updated: number; skipped: number };
    const { followUps, ...entries } = (await vscode.commands.executeCommand<Counts & { followUps?: Counts }>('impactLog.importData', { path }));
    assert.deepEqual(entries, { added: 0, updated: 0, skipped: doc.entries.length });
    // Follow-ups answered by other suites' entries come back as they are: none added or changed.
    if (followUps !== undefined) assert.deepEqual([followUps.added, followUps.updated], [0, 0], `follow-ups: ${JSON.stringify(followUps)}`);
    assert.deepEqual(store.list({ deleted: 'include' }), before);
  });

  it('a file over 16 MiB is imported in a worker thread (dist/importWorker.js in the VSIX), with the counts; again, it changes nothing', async function () {
    this.timeout(180_000);
    const store = await (await api()).store();
    const path = await vscode.commands.executeCommand<string>('impactLog.exportData', { format: 'json', path: file('for-large.json') });
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, unknown>[] } & Record<string, unknown>;
    const model = doc.entries.find((e) => e.kind === 'ai-assist') ?? doc.entries[0]!;
    // 18,000 entries deleted long ago: over the 16 MiB threshold, and nothing any other suite shows or counts.
    const details = 'A long note. '.repeat(80);
    const many = Array.from({ length: 18_000 }, (_, i) => ({ ...model, id: randomUUID(), title: `large import ${i}`, details, occurredAt: '1990-01-02T10:00:00.000Z', createdAt: '1990-01-02T10:00:00.000Z', updatedAt: '1990-01-03T10:00:00.000Z', deletedAt: '1990-01-03T10:00:00.000Z' }));
    const large = file('large.json');
    // Without the export's follow-ups: they answer other suites' entries, which are not in this file.
    writeFileSync(large, JSON.stringify({ ...doc, entries: many, followUps: [] }));
    assert.ok(statSync(large).size > 16 * 1024 * 1024, `${statSync(large).size} bytes`);
    const before = store.count({ deleted: 'include' });
    type Counts = { added: number; updated: number; skipped: number };
    const r = await vscode.commands.executeCommand<Counts>('impactLog.importData', { path: large });
    assert.deepEqual(r, { added: many.length, updated: 0, skipped: 0 });
    assert.equal(store.count({ deleted: 'include' }), before + many.length, 'the extension\'s own connection sees what the worker wrote');
    assert.deepEqual(await vscode.commands.executeCommand<Counts>('impactLog.importData', { path: large }), { added: 0, updated: 0, skipped: many.length });
  });

  it('import round trip: an edit made elsewhere (newer) and a new entry come in; older copies do not', async () => {
    const store = await (await api()).store();
    const path = await vscode.commands.executeCommand<string>('impactLog.exportData', { format: 'json', ...RANGE, path: file('march.json') });
    const doc = JSON.parse(readFileSync(path, 'utf8')) as ExportedFile;
    assert.equal(doc.entries.length, 3);
    const [first, second] = doc.entries;
    const later = new Date(Date.now() + 60_000).toISOString();
    first!.title = 'Edited on my other laptop';
    first!.updatedAt = later;
    second!.title = 'An older copy';
    second!.updatedAt = '2019-01-01T00:00:00.000Z';
    const fresh = { ...second!, id: randomUUID(), title: 'Logged on my other laptop', updatedAt: later };
    writeFileSync(file('edited.json'), JSON.stringify({ ...doc, entries: [...doc.entries, fresh] }));
    const { followUps: _answers, ...result } = (await vscode.commands.executeCommand<Record<string, unknown>>('impactLog.importData', { path: file('edited.json') }));
    assert.deepEqual(result, { added: 1, updated: 1, skipped: 2 });
    assert.equal(store.get(first!.id)?.title, 'Edited on my other laptop');
    assert.notEqual(store.get(second!.id)?.title, 'An older copy');
    assert.equal(store.get(fresh.id)?.title, 'Logged on my other laptop');
  });

  it('an invalid file is refused with the entry and field named, and nothing is written', async () => {
    const store = await (await api()).store();
    const exported = await vscode.commands.executeCommand<string>('impactLog.exportData', { format: 'json', ...RANGE, path: file('march-for-broken.json') });
    const doc = JSON.parse(readFileSync(exported, 'utf8')) as ExportedFile;
    const fresh = { ...doc.entries[0]!, id: randomUUID(), title: 'Should not arrive' };
    const assist = doc.entries.find((e) => e.kind === 'ai-assist');
    assert.ok(assist, 'the export holds the AI assist');
    const broken = { ...assist, id: randomUUID(), fields: { verdict: 'maybe' } };
    writeFileSync(file('broken.json'), JSON.stringify({ ...doc, entries: [fresh, broken] }));
    const count = store.count({ deleted: 'include' });
    const cases: [string, RegExp][] = [
      [file('broken.json'), /entries\[1\]\.fields\.verdict/],
      [file('missing.json'), /missing\.json/],
      ['relative.json', /“path”/],
    ];
    for (const [path, says] of cases) {
      const mark = ui().mark();
      assert.equal(await vscode.commands.executeCommand('impactLog.importData', { path }), undefined, path);
      const shown = ui().errorsSince(mark).join('\n') || '(no error message)';
      assert.match(shown, says);
      assert.match(shown, /Nothing was saved/);
    }
    assert.equal(store.count({ deleted: 'include' }), count);
    assert.equal(store.get(fresh.id), undefined);
  });

  it('exportData as CSV has a header and one row per entry; omitFields leaves links out', async () => {
    const store = await (await api()).store();
    const path = await vscode.commands.executeCommand<string>('impactLog.exportData', { path: file('all.csv'), omitFields: ['links'] });
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('\uFEFFid,kind,title,'));
    assert.doesNotMatch(text.split('\r\n')[0]!, /,links,/);
    assert.doesNotMatch(text, /https:\/\/example\.com\/pr\/1/);
    assert.ok(text.split('\r\n').length - 2 >= store.count(), 'a row per entry');
  });

  it('exportData asks for the format, the scope and the file, and Enter through the defaults exports everything as JSON', async () => {
    const store = await (await api()).store();
    const { result: path } = await acceptUntilDone(start<string>('impactLog.exportData'));
    assert.ok(path, 'nothing was exported');
    try {
      assert.match(path, /impact-log-\d{4}-\d{2}-\d{2}\.json$/);
      const doc = JSON.parse(readFileSync(path, 'utf8')) as ExportedFile;
      assert.equal(doc.entries.length, store.count());
      assert.equal((doc as { period?: unknown }).period, undefined, 'everything, not a period');
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('revealDatabase returns the database path (and shows it where the OS file manager is out of reach)', async () => {
    const a = await api();
    assert.equal(await vscode.commands.executeCommand('impactLog.revealDatabase'), a.databasePath);
    assert.ok(existsSync(a.databasePath));
  });
});
