// Drives the real VS Code workbench (code-server + headless chromium) as a person would, for the
// browser journeys in test/e2e/*.journey.test.ts. One Workbench per journey file:
//
//   describe('Quick log', () => {
//     const wb = useWorkbench('quick-log');            // before: start; afterEach: screenshot; after: stop
//     it('logs a note', async () => {
//       await wb().runCommand('Impact Log: Log Note');
//       await wb().typeInQuickInput('Paired with Sam on the flaky test');
//       await wb().acceptDefaults();
//       assert.ok(await wb().waitForEntry((e) => e.title === 'Paired with Sam on the flaky test'));
//     });
//   });
//
// Each Workbench has its own throw-away user data (so an empty log), extensions folder (the packaged
// VSIX installed with --install-extension) and workspace folder. Screenshots of every journey's end
// state go to test-output/e2e/; when a journey fails its server log is kept there too.
// Environment (set by scripts/test-vscode.mjs): IMPACT_LOG_VSIX (default: newest dist-vsix/*linux-x64*),
// IMPACT_LOG_TEST_OUTPUT (default test-output/e2e), IMPACT_LOG_KEEP_PROFILES=1 keeps the temp folders.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import type * as Host from '../../scripts/vscode-host.mjs' with { 'resolution-mode': 'import' };

/** A row of the extension's `entries` table, JSON columns parsed. */
export interface StoredEntry {
  id: string;
  kind: string;
  title: string;
  occurredAt: number;
  deletedAt: number | null;
  details: string;
  tags: string[];
  links: { url: string; label?: string }[];
  impact: string | null;
  context: Record<string, unknown>;
  fields: Record<string, unknown>;
}

/** The `entries` table as SQLite returns it (src/storage/migrations.ts). */
interface EntryRow {
  id: string;
  kind: string;
  title: string;
  occurred_at: number;
  deleted_at: number | null;
  details: string;
  tags: string;
  links: string;
  impact: string | null;
  context: string;
  fields: string;
}

export interface WorkbenchOptions {
  /** Names the screenshots and logs (test-output/e2e/<name>--<test>.png). */
  readonly name: string;
  /** Extra user settings (merged over the quiet defaults). */
  readonly settings?: Record<string, unknown>;
  /** Files to create in the workspace folder before the workbench opens: relative path -> content. */
  readonly files?: Record<string, string>;
}

const SELECTORS = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputTitle: '.quick-input-widget .quick-input-title',
  quickInputMessage: '.quick-input-widget .quick-input-message',
  quickInputFocusedRow: '.quick-input-widget .quick-input-list .monaco-list-row.focused',
  notification: '.notifications-toasts .notification-toast',
  statusBar: '#workbench\\.parts\\.statusbar',
  activityBar: '#workbench\\.parts\\.activitybar',
  sideBar: '#workbench\\.parts\\.sidebar',
} as const;

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'impact-log') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no impact-log package.json above ${__dirname}`);
    dir = up;
  }
}

/** scripts/vscode-host.mjs (an ES module; Node >= 22.12 can require() it). */
function host(): typeof Host {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(repoRoot(), 'scripts', 'vscode-host.mjs')) as typeof Host;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

export class Workbench {
  private failed = false;

  private constructor(
    readonly name: string,
    readonly page: Page,
    private readonly browser: Browser,
    readonly server: Host.Server,
    readonly profile: Host.Profile,
    readonly outputDir: string,
    private readonly serverLog: string,
  ) {}

  /** The SQLite file the extension uses with default settings (global storage of this profile). */
  get databasePath(): string {
    return join(this.profile.globalStorage, 'impact-log.sqlite');
  }

  /** Starts code-server with the packaged extension installed and opens the workbench on the workspace. */
  static async start(opts: WorkbenchOptions): Promise<Workbench> {
    const h = host();
    h.ensureProvisioned();
    const vsix = process.env.IMPACT_LOG_VSIX ?? h.findVsix();
    if (!vsix) throw new Error('no VSIX: set IMPACT_LOG_VSIX or run `node scripts/package.mjs --target linux-x64`');
    const outputDir = process.env.IMPACT_LOG_TEST_OUTPUT ?? join(h.ROOT, 'test-output', 'e2e');
    mkdirSync(outputDir, { recursive: true });
    const serverLog = join(outputDir, `${slug(opts.name)}.server.log`);
    // This journey file's artefacts from an earlier run: screenshots, server log, database copy.
    for (const f of readdirSync(outputDir)) {
      if (f.startsWith(`${slug(opts.name)}--`) || f.startsWith(`${slug(opts.name)}.`)) rmSync(join(outputDir, f), { recursive: true, force: true });
    }
    const profile = h.makeProfile(h.makeTempDir('impact-log-e2e-'), opts.settings);
    for (const [rel, content] of Object.entries(opts.files ?? {})) {
      const p = join(profile.workspace, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
    }
    let server: Host.Server | undefined;
    let browser: Browser | undefined;
    try {
      h.installVsix(vsix, profile.extensionsDir, profile.userDataDir);
      server = await h.startServer({
        userDataDir: profile.userDataDir,
        extensionsDir: profile.extensionsDir,
        folder: profile.workspace,
        logFile: serverLog,
      });
      browser = await h.launchBrowser();
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const wb = new Workbench(opts.name, page, browser, server, profile, outputDir, serverLog);
      await page.goto(h.workbenchUrl(server, { folder: profile.workspace }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await wb.waitUntilReady();
      return wb;
    } catch (err) {
      // Keep the server log (it says why); the profile is of no use.
      await browser?.close().catch(() => undefined);
      await server?.stop();
      h.removeDir(profile.base);
      throw new Error(`${(err as Error).message}\n(server log: ${serverLog})`, { cause: err });
    }
  }

  /** The workbench is laid out and our view container is in the activity bar. */
  async waitUntilReady(timeout = 90_000): Promise<void> {
    await this.page.locator(SELECTORS.workbench).waitFor({ state: 'visible', timeout });
    await this.activityBarItem('Impact Log').waitFor({ state: 'visible', timeout });
    // Let the startup notifications and views settle so the first keystrokes land in the editor area.
    await this.page.waitForTimeout(1000);
  }

  // --- the command palette and quick inputs --------------------------------------------------------------

  get quickInput(): Locator {
    return this.page.locator(SELECTORS.quickInput);
  }

  /** Opens the command palette with Control+Shift+P, types `title` and presses Enter. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator(SELECTORS.quickInputBox);
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Shift+P');
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.keyboard.type(title, { delay: 10 });
    // Wait until the palette's best match is this command before pressing Enter.
    const focused = this.page.locator(SELECTORS.quickInputFocusedRow);
    await focused.filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    // The palette closes (or turns into the command's first prompt, whose value is not `>title`).
    const deadline = Date.now() + 10_000;
    for (;;) {
      const st = await this.quickInputState();
      if (!st.visible || !st.value.startsWith('>')) return;
      if (Date.now() > deadline) throw new Error(`the command palette stayed open after Enter on "${title}"`);
      await this.page.waitForTimeout(100);
    }
  }

  /** What the current quick input shows: title (with step), value, placeholder/prompt, focused item. */
  async quickInputState(): Promise<{ visible: boolean; title: string; value: string; message: string; focused: string }> {
    const visible = await this.quickInput.isVisible();
    if (!visible) return { visible, title: '', value: '', message: '', focused: '' };
    const text = async (sel: string): Promise<string> => {
      const loc = this.page.locator(sel).first();
      try {
        return (await loc.isVisible()) ? (await loc.innerText({ timeout: 1000 })).trim() : '';
      } catch {
        return '';
      }
    };
    const input = this.page.locator(SELECTORS.quickInputBox).first();
    const value = await input.inputValue({ timeout: 1000 }).catch(() => '');
    const placeholder = (await input.getAttribute('placeholder', { timeout: 1000 }).catch(() => null)) ?? '';
    return {
      visible,
      title: await text(SELECTORS.quickInputTitle),
      value,
      message: `${placeholder} ${await text(SELECTORS.quickInputMessage)}`.trim(),
      focused: await text(SELECTORS.quickInputFocusedRow),
    };
  }

  /** Waits for a quick input to be open (e.g. a command's prompt), with a title/prompt matching `expect` when given. */
  async waitForQuickInput(expect?: string | RegExp, timeout = 15_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const s = await this.quickInputState();
      const words = `${s.title} ${s.message}`;
      if (s.visible && (expect === undefined || (typeof expect === 'string' ? words.includes(expect) : expect.test(words)))) return;
      if (Date.now() > deadline) {
        throw new Error(`no quick input${expect ? ` matching ${String(expect)}` : ''} (now: ${JSON.stringify(s)})${await this.notificationsSuffix()}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Types into the open quick input (replacing what it holds, as a person would select-all and type)
   * and, unless `submit: false`, presses Enter.
   */
  async typeInQuickInput(text: string, opts: { submit?: boolean; expect?: string | RegExp; settle?: boolean } = {}): Promise<void> {
    await this.waitForQuickInput(opts.expect);
    const input = this.page.locator(SELECTORS.quickInputBox);
    // A file dialog fills in its folder a moment after it opens: typing before that is overwritten.
    if (opts.settle) await this.waitForStableValue();
    await input.focus();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text, { delay: 10 });
    // On a loaded machine a keystroke can be lost; check what the box holds, and set it if it differs.
    const deadline = Date.now() + 2000;
    while ((await input.inputValue().catch(() => '')) !== text) {
      if (Date.now() > deadline) {
        await input.fill(text);
        break;
      }
      await this.page.waitForTimeout(100);
    }
    if (opts.submit !== false) await this.submitStep();
  }

  /** Waits until the quick input's value has not changed for half a second (at most 10 s). */
  private async waitForStableValue(): Promise<void> {
    const input = this.page.locator(SELECTORS.quickInputBox);
    let last = await input.inputValue().catch(() => '');
    let since = Date.now();
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && Date.now() - since < 500; ) {
      await this.page.waitForTimeout(100);
      const now = await input.inputValue().catch(() => '');
      if (now !== last) [last, since] = [now, Date.now()];
    }
  }

  /** Picks the item whose label contains `label` in the open quick pick (types to filter, then Enter). */
  async pickQuickItem(label: string, opts: { expect?: string | RegExp } = {}): Promise<void> {
    await this.waitForQuickInput(opts.expect);
    await this.page.keyboard.type(label, { delay: 10 });
    await this.page.locator(SELECTORS.quickInputFocusedRow).filter({ hasText: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await this.submitStep();
  }

  /** Presses Enter and waits until the quick input moves on (next step, or closed). */
  async submitStep(timeout = 10_000): Promise<void> {
    const before = await this.quickInputState();
    await this.page.keyboard.press('Enter');
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.waitForTimeout(100);
      const now = await this.quickInputState();
      if (!now.visible || now.title !== before.title || now.message !== before.message || now.value !== before.value) return;
      if (Date.now() > deadline) {
        throw new Error(`the quick input did not accept Enter (still ${JSON.stringify(now)}); a validation message may be showing${await this.notificationsSuffix()}`);
      }
    }
  }

  /** Presses Enter on every remaining step (each has a default) until the quick input closes. */
  async acceptDefaults(maxSteps = 15): Promise<number> {
    for (let n = 0; n < maxSteps; n++) {
      await this.page.waitForTimeout(300);
      if (!(await this.quickInputState()).visible) return n;
      await this.submitStep();
    }
    throw new Error(`the quick input was still open after ${maxSteps} presses of Enter`);
  }

  // --- what a person sees ---------------------------------------------------------------------------------

  /** Waits for a notification toast containing `text`; returns its full text. */
  async waitForNotification(text: string | RegExp, timeout = 15_000): Promise<string> {
    const toast = this.page.locator(SELECTORS.notification).filter({ hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return (await toast.innerText()).trim();
  }

  /** The texts of the notification toasts on screen now. */
  async notifications(): Promise<string[]> {
    const toasts = this.page.locator(SELECTORS.notification);
    const texts: string[] = [];
    for (let i = 0; i < (await toasts.count()); i++) {
      texts.push((await toasts.nth(i).innerText({ timeout: 1000 }).catch(() => '')).replace(/\s+/g, ' ').trim());
    }
    return texts.filter((t) => t !== '');
  }

  private async notificationsSuffix(): Promise<string> {
    const n = await this.notifications().catch(() => []);
    return n.length > 0 ? `; notifications: ${JSON.stringify(n)}` : '';
  }

  /** Waits for the status bar to show `text` (e.g. a transient "Logged …" message); returns the item's text. */
  async waitForStatusBarText(text: string | RegExp, timeout = 15_000): Promise<string> {
    const item = this.page.locator(`${SELECTORS.statusBar} .statusbar-item`).filter({ hasText: text }).first();
    await item.waitFor({ state: 'visible', timeout });
    return (await item.innerText()).trim();
  }

  activityBarItem(label: string): Locator {
    return this.page.locator(`${SELECTORS.activityBar} .action-item a[aria-label^="${label}"], ${SELECTORS.activityBar} .action-item [aria-label^="${label}"]`).first();
  }

  /** The side bar (where an opened view container shows its views). */
  get sideBar(): Locator {
    return this.page.locator(SELECTORS.sideBar);
  }

  /** Opens a view container from the activity bar by clicking its icon, as a person would. */
  async openView(label = 'Impact Log'): Promise<Locator> {
    const sideTitle = this.sideBar.locator('.composite.title');
    const alreadyOpen = await this.sideBar.isVisible() && (await sideTitle.innerText().catch(() => '')).toUpperCase().includes(label.toUpperCase());
    if (!alreadyOpen) await this.activityBarItem(label).click();
    await sideTitle.filter({ hasText: new RegExp(label, 'i') }).waitFor({ state: 'visible', timeout: 15_000 });
    return this.sideBar;
  }

  // --- the extension's data ---------------------------------------------------------------------------------

  /** Entries in the extension's database (read-only), newest first; [] before the file exists. */
  entries(opts: { includeDeleted?: boolean } = {}): StoredEntry[] {
    if (!existsSync(this.databasePath)) return [];
    const db = new Database(this.databasePath, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(`SELECT * FROM entries ${opts.includeDeleted ? '' : 'WHERE deleted_at IS NULL'} ORDER BY occurred_at DESC, created_at DESC`)
        .all() as EntryRow[];
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        occurredAt: r.occurred_at,
        deletedAt: r.deleted_at,
        details: r.details,
        tags: JSON.parse(r.tags) as string[],
        links: JSON.parse(r.links) as StoredEntry['links'],
        impact: r.impact,
        context: JSON.parse(r.context) as Record<string, unknown>,
        fields: JSON.parse(r.fields) as Record<string, unknown>,
      }));
    } finally {
      db.close();
    }
  }

  /** Polls the database until an entry matches (the write happens in the extension host). */
  async waitForEntry(match: (e: StoredEntry) => boolean, timeout = 15_000): Promise<StoredEntry> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.entries().find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no matching entry in ${this.databasePath} after ${timeout} ms; entries: ${JSON.stringify(this.entries().map((e) => `${e.kind}: ${e.title}`))}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  // --- evidence -----------------------------------------------------------------------------------------------

  /** Saves a full-page screenshot under the output folder; returns its path. */
  async screenshot(name: string): Promise<string> {
    const path = join(this.outputDir, `${slug(this.name)}--${slug(name)}.png`);
    await this.page.screenshot({ path, timeout: 15_000 });
    return path;
  }

  /** Screenshot of a finished test's end state; a failed test also keeps the server log. */
  async captureEndState(test: { title: string; state?: string } | undefined): Promise<void> {
    if (!test) return;
    const failed = test.state === 'failed';
    if (failed) this.failed = true;
    try {
      await this.screenshot(failed ? `${test.title}.failed` : test.title);
    } catch (err) {
      console.error(`could not take a screenshot of "${test.title}": ${(err as Error).message}`);
    }
  }

  /** Stops the server and browser; removes the profile and, when nothing failed, the server log. */
  async close(): Promise<void> {
    const h = host();
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    if (this.failed) {
      const keep = join(this.outputDir, slug(this.name));
      if (existsSync(this.databasePath)) copyFileSync(this.databasePath, `${keep}.sqlite`);
      // The workbench's own logs: extension host, and the extension's "Impact Log" output channel.
      const logs = join(this.profile.userDataDir, 'logs');
      if (existsSync(logs)) cpSync(logs, `${keep}.logs`, { recursive: true });
      console.log(`    kept ${this.serverLog}, ${keep}.logs/ and ${keep}.sqlite`);
    } else {
      rmSync(this.serverLog, { force: true });
    }
    if (process.env.IMPACT_LOG_KEEP_PROFILES === '1') console.log(`    profile kept at ${this.profile.base}`);
    else h.removeDir(this.profile.base);
  }
}

/**
 * Mocha wiring for a journey file: starts one Workbench before the tests, screenshots each test's end
 * state, stops everything after. Returns a getter for the Workbench.
 */
export function useWorkbench(opts: WorkbenchOptions): () => Workbench {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(240_000);
    wb = await Workbench.start(opts);
  });
  afterEach(async function () {
    await wb?.captureEndState(this.currentTest);
  });
  after(async function () {
    this.timeout(60_000);
    await wb?.close();
  });
  return () => {
    if (!wb) throw new Error('the workbench did not start (see the "before all" hook error)');
    return wb;
  };
}
