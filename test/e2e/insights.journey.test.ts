// Journey through the real workbench: review season, as pictures. Open Insights from the command
// palette on the golden log, switch it to H2 2026 with the page's own button, read the accessible
// table inside the webview and check it against the summary, filter the timeline from a bar, and
// take the README screenshots in a dark, a light and a high-contrast theme.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { Entry } from '../../src/domain';
import { DEFAULT_CHECKPOINTS, type FollowUp } from '../../src/domain/followUps';
import { resolvePeriod } from '../../src/domain/periods';
import { buildSummary } from '../../src/domain/summary';
import { EntryStore } from '../../src/storage';
import { currentEntries, entry, previousEntries } from '../unit/support/summaryFixture';
import { waitInFrame, webviewFrame } from './webview';
import { poll, useWorkbench, type Workbench } from './workbench';

const FROM = '2026-07-01';
const TO = '2026-12-31';

/** The repository (the nearest folder above with the extension's package.json; tests run from a copy of out/ under test-output/). */
function repoRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'impact-log') return dir;
  }
  throw new Error(`no impact-log package.json above ${__dirname}`);
}

/** The cells of a table row in the Insights page (the row header first). */
async function rowCells(f: Frame, tableId: string, row: string): Promise<string[]> {
  return f.locator(`#${tableId} ${row}`).first().locator('th, td').allInnerTexts();
}

/** Cells as a screen reader gets them, whether or not the table is shown on screen. */
async function rowText(f: Frame, tableId: string, row: string): Promise<string[]> {
  return f.locator(`#${tableId} ${row}`).first().locator('th, td').allTextContents();
}

/** Picks a colour theme as a person would: the palette's Preferences: Color Theme, then the theme's name and Enter. */
async function setTheme(w: Workbench, theme: string): Promise<void> {
  await w.page.keyboard.press('Control+Shift+P');
  await w.quickInput.waitFor({ state: 'visible', timeout: 10_000 });
  await w.page.keyboard.type('Preferences: Color Theme', { delay: 10 });
  // "Browse Color Themes in Marketplace" may be listed first: choose the picker itself.
  await w.quickInput.locator('.monaco-list-row').filter({ hasText: /^Preferences: Color Theme/ }).first().click();
  await w.pickQuickItem(theme, { expect: /theme/i });
}

/**
 * Writes entries into the extension's log from outside, as another VS Code window would: through
 * the extension's own store, into the file the workbench uses (it notices within about a second).
 */
async function writeToLog(w: Workbench, entries: Entry[], answers: FollowUp[] = []): Promise<void> {
  const store = await EntryStore.open({ path: w.databasePath });
  try {
    if (answers.length > 0) store.followUps.importWithEntries(entries, answers, []);
    else store.importEntries(entries);
  } finally {
    store.close();
  }
}

describe('Journey: Insights', function () {
  const wb = useWorkbench({ name: 'insights', settings: { 'workbench.colorTheme': 'Default Dark Modern' } });

  let page: Frame;

  it('opens from the palette, switches to H2 2026 from its own button, and shows the summary’s numbers in its table', async function () {
    this.timeout(180_000);
    const w = wb();
    // The golden log of the summary tests, with one follow-up answer: a problem solved held at 30 days.
    const current = currentEntries();
    const fixed = current.find((e) => e.title.startsWith('Fixed double charging'));
    assert.ok(fixed, 'the golden log has the double-charging fix');
    const answers: FollowUp[] = [{ id: '30000000-0000-4000-8000-000000000001', entryId: fixed.id, checkpoint: 30, outcome: 'held', answeredAt: '2026-12-10T09:00:00.000Z' }];
    await writeToLog(w, [...current, ...previousEntries()], answers);
    await w.runCommand('Impact Log: Show Insights');
    page = await webviewFrame(w.page, '#change-period', 60_000);
    await page.locator('#change-period').click();
    await w.pickQuickItem('Custom range', { expect: 'Insights for which period?' });
    await w.typeInQuickInput(FROM, { expect: 'custom range (1/2)' });
    await w.typeInQuickInput(TO, { expect: 'custom range (2/2)' });
    page = await waitInFrame(w.page, 'h1', async (f) => ((await f.locator('h1').innerText()).includes(`${FROM} to ${TO}`) ? f : undefined), 'the H2 2026 heading');

    // The same log and period through the summary's own code.
    const r = resolvePeriod({ from: FROM, to: TO }, { now: Date.now(), fiscalYearStartMonth: 1 });
    const summary = buildSummary({
      period: r.period,
      previous: r.previous,
      entries: current,
      previousEntries: previousEntries(),
      now: Date.now(),
      followUps: { answers, checkpoints: DEFAULT_CHECKPOINTS },
    });

    // Screen readers have every table even while it is hidden on screen.
    assert.match((await page.locator('#table-ai').getAttribute('class')) ?? '', /visually-hidden/);
    const aiTotal = await rowText(page, 'table-ai', 'tr.total');
    const a = summary.current.ai;
    assert.deepEqual(aiTotal, ['Total', String(a.accepted), String(a.adapted), String(a.discarded), String(a.notRecorded), String(a.total)]);
    assert.equal(aiTotal[3], '4', 'four discarded assists, as in the summary');

    // The toggle shows the outcomes table on screen.
    const toggle = page.locator('#chart-outcomes button[aria-controls="table-outcomes"]');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.locator('#table-outcomes').waitFor({ state: 'visible' });
    const totals = await rowCells(page, 'table-outcomes', 'tr.total');
    const k = summary.current.perKind;
    assert.deepEqual(totals, ['Total', String(k.problem), String(k.shipped), String(k['review-catch']), String(k.incident), String(k.problem + k.shipped + k['review-catch'] + k.incident)]);
    assert.match(await page.locator('#chart-catches .denominators').innerText(), /Would have reached production: 1 of 4 \(25 %\)/);
    assert.match(await page.locator('#chart-timeToFix .denominators').innerText(), /Median 2\.5 days \(n = 4 with both dates/);
    assert.equal(await page.locator('#chart-outcomes svg rect.bar').count(), 13, 'one bar per month and kind with entries');

    // The follow-up chart: the summary's figures, the seeded "held" among them; unknown and not-yet columns are there.
    const fixes = summary.followUps?.current.fixes?.counts;
    assert.ok(fixes, 'the summary counts problems solved by their follow-up');
    const problems = await waitInFrame(
      w.page,
      '#table-followUps',
      async (f) => {
        const c = await rowText(f, 'table-followUps', 'tbody tr:nth-child(2)');
        return c[0] === 'Problems solved' ? c : undefined;
      },
      'the follow-up table with its problems-solved row',
    );
    assert.deepEqual(problems, ['Problems solved', String(fixes.byOutcome.held), '0', '0', '0', '0', String(fixes.notYet), String(fixes.total)]);
    assert.equal(problems[1], '1', 'the one seeded answer: held');
    assert.deepEqual(await page.locator('#table-followUps thead th').allTextContents(), ['Kind', 'Held', 'Reverted', 'Caused an incident', 'Superseded', 'Unknown', 'Not followed up yet', 'Entries']);
    assert.match(await page.locator('#chart-followUps .denominators').innerText(), new RegExp(`Of ${fixes.total} problems solved \\(answer at the 30-day follow-up\\): 1 held, 0 reverted`));
    assert.ok((await page.locator('#chart-followUps svg rect.bar').count()) >= 2, 'the follow-up bars are keyboard bars');
  });

  it('updates live when an entry is logged elsewhere: one more discarded assist in August', async function () {
    this.timeout(60_000);
    const w = wb();
    const late = entry('ai-assist', { title: 'Generated a regex that matched everything', occurredAt: '2026-08-25T12:00:00Z', verdict: 'discarded', reason: 'wrong behaviour' });
    await writeToLog(w, [{ ...late, id: '5b0c3c1e-8f7a-4d2b-9c55-00000000aa01' }]);
    const cells = await waitInFrame(w.page, '#table-ai', async (f) => {
      const c = await rowText(f, 'table-ai', 'tr.total');
      return c[3] === '5' ? c : undefined;
    }, 'five discarded assists in the AI table');
    assert.deepEqual(cells, ['Total', '2', '1', '5', '1', '9']);
    page = await webviewFrame(w.page, '#chart-outcomes');
    assert.match(await page.locator('#chart-discardReasons .denominators').innerText(), /Of 5 discarded assists, 4 gave a reason and 1 did not/);
  });

  it('choosing a bar with the keyboard filters the timeline to its kind and month', async function () {
    this.timeout(60_000);
    const w = wb();
    await w.openView('Impact Log');
    const first = page.locator('#chart-outcomes svg rect.bar[tabindex="0"]');
    const label = (await first.getAttribute('aria-label')) ?? '';
    assert.match(label, /^Jul 2026: 1 problem solved/);
    await first.focus();
    // The arrow key moves to the next bar (a bar of August), Enter shows its entries in the timeline.
    await w.page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    assert.match(focused, /^Aug 2026: 1 (problem solved|review catch)\. Show them in the timeline/);
    await w.page.keyboard.press('Enter');
    const kind = focused.includes('problem solved') ? 'Problem solved' : 'Bug caught in review';
    await w.sideBar.getByText(`Filtered: ${kind} · 2026-08-01 to 2026-08-31`).first().waitFor({ state: 'visible', timeout: 15_000 });
    // Only August is left in the timeline (the tree redraws a moment after the filter's message).
    const rows = w.sideBar.locator('.monaco-list-row');
    let shown: string[] = [];
    await poll(
      async () => {
        shown = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
        return shown.length === 1 && /^August ?1$/.test(shown[0]!);
      },
      () => `the timeline shows ${JSON.stringify(shown)}, not just August`,
      15_000,
      200,
    );
  });

  it('saves a chart as SVG and as PNG where the user says', async function () {
    this.timeout(90_000);
    const w = wb();
    for (const [format, check] of [
      ['SVG', (b: Buffer) => /^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(b.toString('utf8')) && b.toString('utf8').includes('Jul 2026')],
      ['PNG', (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && b.length > 2000],
    ] as const) {
      const path = join(w.profile.workspace, `outcomes-chart.${format.toLowerCase()}`);
      await page.locator('#chart-outcomes button', { hasText: `Save as ${format}` }).click();
      // The save dialog fills in its proposed file after it opens; what is typed before that is overwritten.
      await w.waitForQuickInput(/Save chart as/);
      await poll(async () => (await w.quickInputState()).value.startsWith('/'), async () => `the save dialog did not propose a file: ${JSON.stringify(await w.quickInputState())}`);
      await w.typeInQuickInput(path, { expect: /Save chart as/, submit: false });
      await w.page.keyboard.press('Enter');
      await poll(
        async () => {
          if (existsSync(path)) return true;
          // The simple file dialog validates as you type and can refuse an Enter that came before it
          // caught up ("The folder already exists"); with the full path in the box, OK again, as a person would.
          const st = await w.quickInputState();
          if (st.visible && st.title.includes('Save chart as') && st.value === path) await w.quickInput.getByRole('button', { name: 'OK' }).click().catch(() => undefined);
          // The click waits while the dialog closes (its button is gone): look again before the deadline counts.
          return existsSync(path);
        },
        async () => `no ${path} was written; notifications: ${(await w.notifications()).join(' | ')}`,
        20_000,
        300,
      );
      assert.ok(check(readFileSync(path)), `${path} is a ${format} of the chart`);
    }
  });

  for (const [theme, name, bodyClass] of [
    ['Dark Modern', 'dark', 'vscode-dark'],
    ['Light Modern', 'light', 'vscode-light'],
    ['Dark High Contrast', 'high-contrast', 'vscode-high-contrast'],
  ] as const) {
    // The screenshot goes to the test output; with IMPACT_LOG_UPDATE_DOCS_IMAGES=1 also to docs/images/ (the README's).
    it(`draws in the ${name} theme (screenshot insights-${name}.png)`, async function () {
      this.timeout(90_000);
      const w = wb();
      await setTheme(w, theme);
      page = await waitInFrame(w.page, '#chart-outcomes', async (f) => ((await f.locator('body').getAttribute('class'))?.split(/\s+/).includes(bodyClass) ? f : undefined), `the ${bodyClass} body class`);
      // The page redraws with the theme's chart colours: a problem bar is the theme's charts-blue.
      const colours = await page.evaluate(() => {
        const css = getComputedStyle(document.body);
        const bar = document.querySelector('#chart-outcomes svg g[aria-label="bar"]');
        return { blue: css.getPropertyValue('--vscode-charts-blue').trim(), fills: Array.from(bar?.querySelectorAll('rect') ?? []).map((r) => r.getAttribute('fill')) };
      });
      assert.ok(colours.blue, 'the theme defines --vscode-charts-blue');
      assert.ok(colours.fills.includes(colours.blue), `a bar is ${colours.blue}: ${colours.fills.join(', ')}`);
      const shot = await w.screenshot(`insights-${name}`);
      if (process.env.IMPACT_LOG_UPDATE_DOCS_IMAGES === '1') {
        const images = join(repoRoot(), 'docs', 'images');
        mkdirSync(images, { recursive: true });
        copyFileSync(shot, join(images, `insights-${name}.png`));
      }
    });
  }

  it('comes back after a reload with the period it showed (the serializer restores it)', async function () {
    this.timeout(120_000);
    const w = wb();
    await w.page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await w.waitUntilReady();
    const restored = await waitInFrame(w.page, 'h1', async (f) => {
      const h = await f.locator('h1').innerText();
      return h.includes(`${FROM} to ${TO}`) ? f : undefined;
    }, 'the restored Insights panel for H2 2026', 60_000);
    const aiTotal = await rowText(restored, 'table-ai', 'tr.total');
    assert.equal(aiTotal[3], '5', 'the restored panel reads the log again (five discarded assists)');
  });
});
