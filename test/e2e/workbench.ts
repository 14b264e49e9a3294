// Drives the real VS Code workbench (code-server + headless chromium) as a person would, for the
// browser journeys in test/e2e/*.journey.test.ts. One Workbench per journey file:
//
//   describe('Quick log', () => {
//     const wb = useWorkbench('quick-log');            // before: start; afterEach: screenshot; after: stop
//     it('logs a note', async () => {
//       await wb().runCommand('Impact Log: Log Note');
//       await wb().typeInQuickInput('Paired with Sam on the flaky test');
//       await wb().acceptDefaults(() => wb().entries().some((e) => e.title === 'Paired with Sam on the flaky test'));
//       assert.ok(await wb().waitForEntry((e) => e.title === 'Paired with Sam on the flaky test'));
//     });
//   });
//
// Each Workbench has its own throw-away user data (so an empty log, unless `entries` seeds it), extensions folder (the packaged
// VSIX installed with --install-extension) and workspace folder. Screenshots of every journey's end
// state go to test-output/e2e/; when a journey fails its server log is kept there too.
// Environment (set by scripts/test-vscode.mjs): IMPACT_LOG_VSIX (default: newest dist-vsix/*linux-x64*),
// IMPACT_LOG_TEST_OUTPUT (default test-output/e2e), IMPACT_LOG_KEEP_PROFILES=1 keeps the temp folders.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { parseNewEntry, type KindId } from '../../src/domain';
import { EntryStore } from '../../src/storage';
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
  /**
   * Entries to put in the log before the workbench opens (written with the extension's own store, as
   * another window would): the journey's starting state, independent of any other journey or test.
   */
  readonly entries?: readonly { kind: KindId; input: Record<string, unknown> }[];
  /** VS Code's display language (e.g. "de"): code-server's --locale with a stand-in language pack (scripts/vscode-host.mjs). */
  readonly locale?: string;
  /** More of the log's starting state (e.g. suggestions), written with the extension's store after `entries`. */
  readonly seed?: (store: EntryStore) => void;
  /** Prepares the workspace folder before the workbench opens it (e.g. builds a Git repository there). */
  readonly workspace?: (folder: string) => void;
  /** Extra environment of code-server, and so of the extension host (e.g. a test hook such as IMPACT_LOG_TEST_NOW). */
  readonly env?: Record<string, string>;
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

/**
 * Polls `probe` until it returns something other than undefined/false; rejects after `timeout` with
 * `what()` (called then, so it can describe the state). For conditions Playwright cannot wait on by
 * itself (the database file, several elements at once).
 */
export async function poll<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: () => string | Promise<string>, timeout = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${await what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** What the quick input shows, read in the page in one go (no locator timeouts in between). */
interface QuickInputState {
  visible: boolean;
  title: string;
  value: string;
  message: string;
  focused: string;
  /** The text box of the quick input has the keyboard focus. */
  hasFocus: boolean;
  /** The labels of the rows the list shows. */
  rows: string[];
}

/**
 * Runs in the page (a string, as the tests compile without the DOM types): reads the quick input in
 * one go. See QuickInputState.
 */
const READ_QUICK_INPUT = `(() => {
  const widget = document.querySelector('.quick-input-widget');
  const shown = (el) => !!el && el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
  if (!shown(widget) || widget.style.display === 'none') return { visible: false, title: '', value: '', message: '', focused: '', hasFocus: false, rows: [] };
  const input = widget.querySelector('.quick-input-box input');
  const text = (sel) => {
    const el = widget.querySelector(sel);
    return shown(el) ? (el.textContent || '').trim() : '';
  };
  const rows = [...widget.querySelectorAll('.quick-input-list .monaco-list-row')].filter(shown).map((r) => ((r.querySelector('.label-name') || r).textContent || '').trim());
  return {
    visible: true,
    title: text('.quick-input-title'),
    value: input ? input.value : '',
    message: ((input && input.getAttribute('placeholder')) || '') + ' ' + text('.quick-input-message'),
    focused: text('.quick-input-list .monaco-list-row.focused'),
    hasFocus: !!input && document.activeElement === input,
    rows,
  };
})()`;

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
    /** A second window on the same server (openAnotherWindow): closing it closes only its page. */
    private readonly secondary = false,
  ) {}

  /**
   * Opens a second window (a new browser page) on the same server, profile, log and workspace, as a
   * person opening the folder in another window would; it has its own extension host. Waits until it
   * is ready. Close it with `close()` (only its page closes).
   */
  async openAnotherWindow(name = `${this.name} window 2`): Promise<Workbench> {
    const page = await this.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const other = new Workbench(name, page, this.browser, this.server, this.profile, this.outputDir, this.serverLog, true);
    await page.goto(host().workbenchUrl(this.server, { folder: this.profile.workspace }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await other.waitUntilReady();
    return other;
  }

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
    opts.workspace?.(profile.workspace);
    if ((opts.entries && opts.entries.length > 0) || opts.seed) {
      const path = join(profile.globalStorage, 'impact-log.sqlite');
      mkdirSync(profile.globalStorage, { recursive: true });
      const store = await EntryStore.open({ path });
      try {
        if (opts.entries && opts.entries.length > 0) store.addMany(opts.entries.map((e) => parseNewEntry(e.kind, e.input)));
        opts.seed?.(store);
      } finally {
        store.close();
      }
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
        ...(opts.locale ? { locale: opts.locale } : {}),
        ...(opts.env ? { env: opts.env } : {}),
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

  /**
   * The workbench is laid out, our view container is in the activity bar, and the extension's core
   * has loaded and counted the log (its status bar item shows a count), so its commands are the real
   * ones and the first keystrokes reach it.
   */
  async waitUntilReady(timeout = 90_000): Promise<void> {
    await this.page.locator(SELECTORS.workbench).waitFor({ state: 'visible', timeout });
    await this.activityBarItem('Impact Log').waitFor({ state: 'visible', timeout });
    await this.statusBarItem().waitFor({ state: 'visible', timeout });
  }

  /**
   * Reloads the window (the browser's reload, which in this workbench is Developer: Reload Window): a
   * new extension host starts on the same profile, log and workspace. Waits until it is ready again.
   */
  async reloadWindow(): Promise<void> {
    await this.page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.waitUntilReady();
  }

  /** The extension's status bar item once it shows this week's count (aria-label "Impact Log: N outcomes this week…", or the German journey's "… diese Woche…"). */
  statusBarItem(): Locator {
    const item = (week: string) => `${SELECTORS.statusBar} [aria-label^="Impact Log: "][aria-label*=" ${week}"]`;
    return this.page.locator(`${item('this week')}, ${item('diese Woche')}`).first();
  }

  // --- the command palette and quick inputs --------------------------------------------------------------

  get quickInput(): Locator {
    return this.page.locator(SELECTORS.quickInput);
  }

  /** Opens the command palette with Control+Shift+P, types `title` and presses Enter. */
  async runCommand(title: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Shift+P');
      try {
        // The palette, not some other quick input that was open: its value starts with ">".
        await poll(async () => {
          const st = await this.quickInputState();
          return st.visible && st.value.startsWith('>');
        }, async () => `no command palette (now: ${JSON.stringify(await this.quickInputState())})`, 10_000);
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        console.log(`      Control+Shift+P opened no command palette (attempt ${attempt}): pressing Escape and trying again`);
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.keyboard.type(title, { delay: 10 });
    // A keystroke can be lost on a loaded machine: check what the palette holds, and set it if it differs.
    await this.ensureValue(`>${title}`);
    // Wait until the palette's best match is this command, with the keyboard in the palette, before Enter.
    const focused = this.page.locator(SELECTORS.quickInputFocusedRow);
    await focused.filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await this.focusQuickInput();
    await this.page.keyboard.press('Enter');
    // The effect: the palette closes, or turns into the command's first prompt (whose value is not `>…`).
    await poll(
      async () => {
        const st = await this.quickInputState();
        return !st.visible || !st.value.startsWith('>');
      },
      async () => `the command palette stayed open after Enter on "${title}" (now: ${JSON.stringify(await this.quickInputState())})`,
      10_000,
    );
  }

  /** Puts the keyboard focus in the quick input's text box (where Enter and typing must land). */
  private async focusQuickInput(): Promise<void> {
    if ((await this.quickInputState()).hasFocus) return;
    await this.page.locator(SELECTORS.quickInputBox).first().focus({ timeout: 5000 });
    await poll(async () => (await this.quickInputState()).hasFocus, () => 'the keyboard focus in the quick input', 5000);
  }

  /** Waits (briefly) for the quick input to hold `text`; sets it when a keystroke went missing. */
  private async ensureValue(text: string): Promise<void> {
    const input = this.page.locator(SELECTORS.quickInputBox).first();
    const holds = () => poll(async () => (await this.quickInputState()).value === text, () => '', 2000, 50).then(() => true, () => false);
    if (await holds()) return;
    await input.fill(text);
    if (!(await holds())) throw new Error(`the quick input does not hold ${JSON.stringify(text)} (now: ${JSON.stringify(await this.quickInputState())})`);
  }

  /** What the current quick input shows: title (with step), value, placeholder/prompt, focused item, rows. */
  async quickInputState(): Promise<QuickInputState> {
    const st = await this.page.evaluate<QuickInputState>(READ_QUICK_INPUT);
    return { ...st, message: st.message.trim() };
  }

  /** Waits for a quick input to be open (e.g. a command's prompt), with a title/prompt matching `expect` when given. */
  async waitForQuickInput(expect?: string | RegExp, timeout = 15_000): Promise<QuickInputState> {
    return poll(
      async () => {
        const s = await this.quickInputState();
        const words = `${s.title} ${s.message}`;
        return s.visible && (expect === undefined || (typeof expect === 'string' ? words.includes(expect) : expect.test(words))) && s;
      },
      async () => `no quick input${expect ? ` matching ${String(expect)}` : ''} (now: ${JSON.stringify(await this.quickInputState())})${await this.notificationsSuffix()}`,
      timeout,
    );
  }

  /**
   * Types into the open quick input (replacing what it holds, as a person would select-all and type)
   * and, unless `submit: false`, presses Enter.
   */
  async typeInQuickInput(text: string, opts: { submit?: boolean; expect?: string | RegExp } = {}): Promise<void> {
    await this.waitForQuickInput(opts.expect);
    await this.focusQuickInput();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text, { delay: 10 });
    // On a loaded machine a keystroke can be lost; check what the box holds, and set it if it differs.
    await this.ensureValue(text);
    if (opts.submit !== false) await this.submitStep();
  }

  /**
   * In the simple file dialog (code-server's Open/Save dialog, a quick input titled `title`): enters
   * `path`, checks the dialog holds exactly that path with the file highlighted, then presses Enter and checks
   * the dialog closed. When it stays open (it navigated, or completed the name differently) the path is
   * entered again: that Enter did not choose a file, so repeating it cannot choose a second one.
   */
  async chooseFileInDialog(title: string | RegExp, path: string, attempts = 3): Promise<void> {
    const name = path.slice(path.lastIndexOf('/') + 1);
    await this.waitForQuickInput(title);
    // The dialog fills in its starting folder after it opens; what is typed before that is overwritten.
    await poll(
      async () => {
        const s = await this.quickInputState();
        return s.value.endsWith('/') && s.rows.length > 0;
      },
      async () => `the file dialog to show its folder (now: ${JSON.stringify(await this.quickInputState())})`,
    );
    for (let attempt = 1; ; attempt++) {
      await this.focusQuickInput();
      await this.page.locator(SELECTORS.quickInputBox).first().fill(path);
      // The dialog has read the path: the box holds it and the file is the highlighted row. (Enter takes
      // the highlighted item, and while the dialog is still updating its list that can be another file
      // or a folder: a folder navigates instead of choosing, which once passed for an accepted step.)
      await poll(
        async () => {
          const s = await this.quickInputState();
          return s.value === path && s.rows.includes(name) && s.focused.startsWith(name);
        },
        async () => `the file dialog to hold ${path} with ${name} highlighted (now: ${JSON.stringify(await this.quickInputState())})`,
      );
      await this.page.keyboard.press('Enter');
      const closed = await poll(async () => !(await this.quickInputState()).visible, () => '', 5000).catch(() => false);
      if (closed) return;
      console.log(`      the file dialog is still open after Enter on ${path} (attempt ${attempt}; now ${JSON.stringify(await this.quickInputState())}): entering the path again`);
      if (attempt >= attempts) throw new Error(`the file dialog stayed open after Enter on ${path} (${attempts} times; now: ${JSON.stringify(await this.quickInputState())})`);
    }
  }

  /** Picks the item whose label contains `label` in the open quick pick (types to filter, then Enter). */
  async pickQuickItem(label: string, opts: { expect?: string | RegExp } = {}): Promise<void> {
    await this.waitForQuickInput(opts.expect);
    await this.focusQuickInput();
    await this.page.keyboard.type(label, { delay: 10 });
    await this.ensureValue(label);
    await this.page.locator(SELECTORS.quickInputFocusedRow).filter({ hasText: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await this.submitStep();
  }

  /** Presses Enter and waits until the quick input moves on (next step, or closed). */
  /**
   * Presses Enter (with the keyboard in the quick input) and waits until the quick input moves on: next
   * step, or closed. Enter is not repeated: the extension may have the answer already and be about to
   * show the next step, which a second Enter would answer too.
   */
  async submitStep(timeout = 15_000): Promise<void> {
    await this.focusQuickInput();
    const before = await this.quickInputState();
    await this.page.keyboard.press('Enter');
    await poll(
      async () => {
        const now = await this.quickInputState();
        return !now.visible || now.title !== before.title || now.message !== before.message || now.value !== before.value;
      },
      async () => `the quick input did not move on after Enter (still ${JSON.stringify(await this.quickInputState())}); a validation message may be showing${await this.notificationsSuffix()}`,
      timeout,
    );
  }

  /**
   * Presses Enter on every remaining step (each has a default) until `done()` says the flow finished
   * (e.g. the entry is in the database). Between steps the quick input can be hidden for a moment, so
   * "closed" alone does not mean done.
   */
  async acceptDefaults(done: () => boolean | Promise<boolean>, maxSteps = 15, timeout = 30_000): Promise<number> {
    let n = 0;
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await done()) return n;
      const s = await this.quickInputState();
      if (s.visible) {
        if (n >= maxSteps) throw new Error(`the quick input was still open after ${maxSteps} presses of Enter (now: ${JSON.stringify(s)})`);
        await this.submitStep();
        n++;
      } else {
        // Hidden between two steps, or done: wait until either shows.
        await poll(
          async () => (await this.quickInputState()).visible || (await done()),
          async () => `the flow ended without its effect after ${n} presses of Enter${await this.notificationsSuffix()}`,
          Math.max(0, deadline - Date.now()),
        );
      }
    }
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

  /**
   * The active editor's visible text (Monaco renders the lines it shows), once it matches `expect`;
   * rejects after `timeout` with what it shows and the notifications.
   */
  async editorText(expect: RegExp, timeout = 20_000): Promise<string> {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    const read = async () => (await lines.innerText({ timeout: 1000 }).catch(() => '')).replace(/\u00a0/g, ' ');
    return poll(
      async () => {
        const t = await read();
        return expect.test(t) && t;
      },
      async () => `no editor showing ${String(expect)}; it shows: ${JSON.stringify((await read()).slice(0, 400))}; notifications: ${JSON.stringify(await this.notifications())}`,
      timeout,
      250,
    );
  }

  /** The label of the active editor's tab ('' when there is none). */
  async activeTabLabel(): Promise<string> {
    return (await this.page.locator('.tabs-container .tab.active').first().innerText({ timeout: 1000 }).catch(() => '')).trim();
  }

  activityBarItem(label: string): Locator {
    return this.page.locator(`${SELECTORS.activityBar} .action-item a[aria-label^="${label}"], ${SELECTORS.activityBar} .action-item [aria-label^="${label}"]`).first();
  }

  /** The side bar (where an opened view container shows its views). */
  get sideBar(): Locator {
    return this.page.locator(SELECTORS.sideBar);
  }

  /** The label of the side bar's tree row that has the keyboard focus (the tree has DOM focus), or ''. */
  async focusedTreeRow(): Promise<string> {
    // Runs in the page (a string, as this project's TypeScript has no DOM types).
    return this.page.evaluate<string>(`(() => {
      const active = document.activeElement;
      const side = document.getElementById('workbench.parts.sidebar');
      if (!active || !side || !side.contains(active)) return '';
      const list = active.closest('.monaco-list') || active.querySelector('.monaco-list');
      const id = (list || active).getAttribute('aria-activedescendant');
      const row = (id ? document.getElementById(id) : null) || (list ? list.querySelector('.monaco-list-row.focused') : null);
      const label = row ? row.querySelector('.label-name') : null;
      return label ? label.textContent.trim() : '';
    })()`);
  }

  /** Whether the keyboard focus is in the side bar (the timeline), whichever row, if any, is focused. */
  async keyboardInSideBar(): Promise<boolean> {
    return this.page.evaluate<boolean>(`(() => { const s = document.getElementById('workbench.parts.sidebar'); return !!s && s.contains(document.activeElement); })()`);
  }

  /** Where the keyboard focus is (element, class, active descendant), for a failure message. */
  async focusInfo(): Promise<string> {
    return this.page.evaluate<string>(`(() => {
      const a = document.activeElement;
      return a ? a.tagName + '.' + String(a.className).slice(0, 80) + ' activedescendant=' + a.getAttribute('aria-activedescendant') : 'none';
    })()`);
  }

  /**
   * Puts the keyboard focus in the Impact Log timeline with a row focused: its Focus command from the
   * palette, then (if the focus is not there) View: Focus into Primary Side Bar (Ctrl+0), and Home when
   * no row is focused yet. Tried again when the tree re-created the focused row meanwhile.
   */
  async focusTimeline(): Promise<void> {
    const inSideBar = () => this.keyboardInSideBar();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.runCommand('Impact Log: Focus on Timeline View');
        await poll(inSideBar, () => 'the side bar to have the focus', 3_000).catch(async () => {
          await this.page.keyboard.press('Control+0');
          await poll(inSideBar, () => 'the side bar to have the focus', 5_000);
        });
        if ((await this.focusedTreeRow()) === '') await this.page.keyboard.press('Home');
        await poll(async () => (await this.focusedTreeRow()) !== '', () => 'a focused row in the timeline', 3_000);
        return;
      } catch (err) {
        if (attempt >= 3) throw new Error(`${(err as Error).message}; focus: ${await this.focusInfo()}`);
      }
    }
  }

  /**
   * Moves the timeline's keyboard focus with ArrowDown (from the focused row) until the row labelled
   * `label` has it; each press is checked to have moved the focus.
   */
  async arrowDownTo(label: string, maxPresses = 20): Promise<void> {
    for (let i = 0; (await this.focusedTreeRow()) !== label; i++) {
      const at = await this.focusedTreeRow();
      if (i >= maxPresses) throw new Error(`the row "${label}" never had the focus after ${maxPresses} presses of ArrowDown (focus on "${at}")`);
      await this.page.keyboard.press('ArrowDown');
      await poll(async () => (await this.focusedTreeRow()) !== at, () => `ArrowDown to move the focus from "${at}" (towards "${label}")`, 5_000).catch(() => undefined);
    }
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

  /**
   * The lines of the extension's "Impact Log" output channel matching `match`, from every window and
   * reload so far (the channel's log files under the profile's logs folder; oldest file first).
   */
  outputChannelLines(match: RegExp): string[] {
    const logs = join(this.profile.userDataDir, 'logs');
    if (!existsSync(logs)) return [];
    const files = readdirSync(logs, { recursive: true, encoding: 'utf8' })
      .filter((f) => /Impact Log\.log$/.test(f))
      .sort();
    return files.flatMap((f) => readFileSync(join(logs, f), 'utf8').split('\n')).filter((l) => match.test(l));
  }

  /** Polls the database until an entry matches (the write happens in the extension host). */
  async waitForEntry(match: (e: StoredEntry) => boolean, timeout = 15_000): Promise<StoredEntry> {
    return poll(
      () => this.entries().find(match),
      () => `no matching entry in ${this.databasePath}; entries: ${JSON.stringify(this.entries().map((e) => `${e.kind}: ${e.title}`))}`,
      timeout,
      250,
    );
  }

  /** Waits for the quick input to close (after Escape, or the last step). */
  async waitForQuickInputClosed(timeout = 10_000): Promise<void> {
    await poll(async () => !(await this.quickInputState()).visible, async () => `the quick input is still open: ${JSON.stringify(await this.quickInputState())}`, timeout);
  }

  /**
   * Opens the notification centre (the bell; in this workbench toasts do not pop up, every message is
   * there) and waits until it lists a notification matching `expect`; returns that notification's text.
   * The centre updates while open, so it is opened once and watched.
   */
  async waitForNotificationInCentre(expect: RegExp, timeout = 30_000): Promise<string> {
    const centre = this.page.locator('.notifications-center');
    if (!(await centre.isVisible())) {
      await this.runCommand('Notifications: Show Notifications');
      await centre.waitFor({ state: 'visible', timeout: 10_000 });
    }
    const item = centre.locator('.notification-list-item').filter({ hasText: expect }).first();
    try {
      await item.waitFor({ state: 'visible', timeout });
    } catch {
      throw new Error(`no notification matching ${String(expect)}; the centre shows: ${JSON.stringify(await centre.innerText().catch(() => ''))}`);
    }
    return (await item.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Clears every notification and checks the centre is empty. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-center .notification-list-item').first().waitFor({ state: 'detached', timeout: 10_000 });
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
    if (this.secondary) {
      await this.page.close().catch(() => undefined);
      return;
    }
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
