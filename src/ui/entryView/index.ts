import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { z } from 'zod';
import { type Entry, firstProblem, ValidationError } from '../../domain';
import { decideEntry, decideRename, unlessRefused } from '../../domain/commandArgs';
import { title as titleSchema } from '../../domain/fields';
import { entryLocation, locationCandidates, missingLocationMessage } from '../../domain/location';
import { showDirectionControls as visible } from '../../export/escape';
import { argumentObject } from '../args';
import { editEntry } from '../commands/edit';
import { restore } from '../commands/delete';
import { entryIdOfNode, nonEntryRow, notAnEntryMessage, oneTarget } from '../commands/targets';
import { guarded } from '../errors';
import type { SelectedEntryIds, Services } from '../services';
import { isWebLink } from '../timeline/describe';
import { dateStyle } from '../locale';
import { ENTRY_VIEW_ACTIONS, entryContent, entryPage, type PageOptions } from './html';

/**
 * Opening an entry (Enter or a click on a timeline row): a read-only view of the whole entry with
 * its actions (Edit, Rename, Open location, Open links, Copy, Delete). A webview rather than a
 * Markdown preview of a virtual document: the Markdown preview disables `command:` links (for
 * security, microsoft/vscode#215939), so the actions could not live in the view; here they are
 * buttons, reached with Tab and pressed with Enter or Space, and the page sends only which button
 * was pressed. One view, reused for the next entry opened (like a preview tab), kept up to date
 * when the entry changes, here or in another window.
 */

const message = z.strictObject({ action: z.enum(ENTRY_VIEW_ACTIONS), index: z.number().int().min(0).optional() });
/** The page's “I am loaded”, carrying the nonce of the HTML it was loaded from. */
const ready = z.strictObject({ ready: z.string() });

/** What the integration tests see of the view (through the extension's API). */
export interface EntryViewAccess {
  /** The entry shown and the page's HTML, or undefined when no view is open. */
  shown(): { readonly id: string; readonly html: string } | undefined;
  /** Acts as if the page sent `msg` (a button press); resolves when the action is done. */
  receive(msg: unknown): Promise<unknown>;
}

class EntryView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private id: string | undefined;
  private html = '';
  private htmlNonce = '';
  /** What the open page shows (entryContent), and whether the panel's HTML is older than that (it was sent by message). */
  private content: string | undefined;
  private stale = false;
  /** The nonce of the HTML last loaded, and whether that page said it is ready for messages. */
  private nonce = '';
  private ready = false;
  private column: vscode.ViewColumn | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly s: Services) {
    this.subs.push(s.store.onDidChange(() => void this.render().catch((err: unknown) => s.output.warn(`Entry view: ${String(err)}`))));
  }

  async show(entry: Entry, preserveFocus: boolean): Promise<void> {
    this.id = entry.id;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('impactLog.entry', vscode.l10n.t('Entry'), { viewColumn: vscode.ViewColumn.Active, preserveFocus }, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.id = undefined;
        this.content = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m));
      // A page not kept alive while hidden, or moved to another group, is loaded again from the panel's
      // HTML: bring that up to date with what was sent by message.
      this.column = this.panel.viewColumn;
      this.panel.onDidChangeViewState(({ webviewPanel: p }) => {
        const moved = p.viewColumn !== this.column;
        this.column = p.viewColumn;
        // A hidden or moved page is loaded again (it says when it is ready).
        if (!p.visible || moved) this.ready = false;
        if (this.stale && (!p.visible || moved)) this.load(this.html, this.htmlNonce);
      });
    } else this.panel.reveal(undefined, preserveFocus);
    await this.render(entry, true);
  }

  private load(html: string, nonce: string): void {
    if (!this.panel) return;
    this.stale = false;
    this.nonce = nonce;
    this.ready = false;
    this.panel.webview.html = html;
  }

  /**
   * Shows the entry as it is now. A page already open is never reloaded for a change: unchanged
   * content (another entry was written) leaves it alone, new content is sent to it by message. A
   * reload would take the keyboard back into the view when it had it, closing a quick pick opened
   * meanwhile (the Ctrl+Z-then-export case of #13). A new entry shown (`fresh`) loads the page.
   */
  private async render(given?: Entry, fresh = false): Promise<void> {
    if (!this.panel || this.id === undefined) return;
    const panel = this.panel;
    const store = await this.s.store.get();
    const entry = given ?? store.get(this.id);
    const title = entry && entry.deletedAt === null ? visible(entry.title) : vscode.l10n.t('Deleted entry');
    panel.title = title.length > 40 ? `${title.slice(0, 39)}…` : title;
    const options: PageOptions = { nonce: randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource, undoKey: process.platform === 'darwin' ? vscode.l10n.t('Cmd+Z') : vscode.l10n.t('Ctrl+Z'), lookup: (id) => store.get(id), dateStyle: dateStyle(), lang: vscode.env.language };
    const content = entryContent(entry, options);
    if (!fresh && content === this.content) return;
    const html = entryPage(entry, options, content);
    // Never a page without its policy (html.ts builds it: Content-Security-Policy with default-src 'none', scripts by nonce only).
    if (!html.includes('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;')) throw new Error(vscode.l10n.t('the entry page has no Content-Security-Policy'));
    const open = !fresh && this.ready && panel.visible;
    this.html = html;
    this.htmlNonce = options.nonce;
    this.content = content;
    if (open && (await panel.webview.postMessage({ type: 'replace', html: content }))) this.stale = true;
    else if (this.panel === panel) this.load(html, options.nonce);
  }

  readonly access: EntryViewAccess = {
    shown: () => (this.panel && this.id !== undefined ? { id: this.id, html: this.html } : undefined),
    receive: (m) => this.receive(m),
  };

  private async receive(m: unknown): Promise<unknown> {
    const loaded = ready.safeParse(m);
    if (loaded.success) {
      if (loaded.data.ready === this.nonce) this.ready = true;
      return undefined;
    }
    const r = message.safeParse(m);
    const id = this.id;
    if (!r.success || id === undefined) {
      this.s.output.warn(`Entry view: ignored a message it does not know: ${JSON.stringify(m)}`);
      return undefined;
    }
    const arg = { id };
    switch (r.data.action) {
      case 'edit':
        return vscode.commands.executeCommand('impactLog.editEntry', arg);
      case 'rename':
        return vscode.commands.executeCommand('impactLog.renameEntry', arg);
      case 'delete':
        return vscode.commands.executeCommand('impactLog.deleteEntry', arg);
      case 'undo': {
        // The deleted page's Undo: restores the entry shown (not whatever was deleted last).
        const shown = (await this.s.store.get()).get(id);
        return shown && shown.deletedAt !== null ? restore(this.s, [id]) : undefined;
      }
      case 'openLinks':
        return vscode.commands.executeCommand('impactLog.openEntryLinks', arg);
      case 'openLocation':
        return vscode.commands.executeCommand('impactLog.openEntryLocation', arg);
      case 'copy':
        return vscode.commands.executeCommand('impactLog.copyEntryAsMarkdown', arg);
      case 'openLink': {
        const link = (await this.s.store.get()).get(id)?.links[r.data.index ?? -1];
        if (!link || !isWebLink(link.url)) return undefined;
        await vscode.env.openExternal(vscode.Uri.parse(link.url, true));
        return link.url;
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.subs) d.dispose();
  }
}

/**
 * The entry a command is about: a tree node (the row clicked or where Enter was pressed, never the
 * whole selection), `{ id }`, or with no argument the one selected row.
 */
async function entryFor(s: Services, selectedIds: SelectedEntryIds, arg: unknown, what: string, decide = decideEntry): Promise<{ entry: Entry; given: Readonly<Record<string, unknown>> | undefined }> {
  let id = entryIdOfNode(arg);
  let given: Readonly<Record<string, unknown>> | undefined;
  if (id === undefined && arg !== undefined) {
    given = argumentObject(arg);
    if (!given) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: vscode.l10n.t('must be an entry of the timeline or { "id": "…" }') }]);
    id = unlessRefused(decide(given)).value.id;
  }
  if (id === undefined) {
    const one = oneTarget(selectedIds(), what);
    if ('problem' in one) throw new ValidationError(vscode.l10n.t('Command argument'), [{ field: '', problem: one.problem }]);
    id = one.id;
  }
  const entry = (await s.store.get()).get(id);
  if (!entry || entry.deletedAt !== null) throw new ValidationError(vscode.l10n.t('Entry'), [{ field: '', problem: vscode.l10n.t('no longer exists (it may have been deleted in another window)') }]);
  return { entry, given };
}

/** Opens the file an entry was logged from at its lines; returns the file's URI, or undefined when it is not found. */
export async function openLocation(s: Services, entry: Entry): Promise<string | undefined> {
  const where = entryLocation(entry.context);
  if (!where) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: “{0}” was not logged from a file, so it has no location to open.', visible(entry.title)));
    return undefined;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  for (const path of locationCandidates(where, folders.map((f) => ({ name: f.name, path: f.uri.fsPath })))) {
    const uri = vscode.Uri.file(path);
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat || stat.type !== vscode.FileType.File) continue;
    const doc = await vscode.workspace.openTextDocument(uri);
    const last = doc.lineCount - 1;
    const start = Math.min((where.startLine ?? 1) - 1, last);
    const end = Math.min((where.endLine ?? where.startLine ?? 1) - 1, last);
    const range = new vscode.Range(start, 0, end, doc.lineAt(end).text.length);
    const editor = await vscode.window.showTextDocument(doc, { selection: range, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return uri.toString();
  }
  void vscode.window.showWarningMessage(missingLocationMessage(where, folders.length));
  return undefined;
}

export interface EntryViewParts {
  readonly access: EntryViewAccess;
  readonly disposables: readonly vscode.Disposable[];
}

export function registerEntryView(s: Services, selectedIds: SelectedEntryIds): EntryViewParts {
  const view = new EntryView(s);
  const cmd = (id: string, name: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, guarded(s.output, name, fn));
  const disposables = [
    view,
    // From a row (Enter, click) the timeline keeps the focus, so the next row is one key away; from
    // the palette or a keybinding the view takes it.
    cmd('impactLog.openEntry', vscode.l10n.t('Open entry'), async (arg?: unknown) => {
      const { entry } = await entryFor(s, selectedIds, arg, vscode.l10n.t('“Open Entry”'));
      await view.show(entry, entryIdOfNode(arg) !== undefined);
      return entry.id;
    }),
    cmd('impactLog.openEntryLocation', vscode.l10n.t('Open entry location'), async (arg?: unknown) => openLocation(s, (await entryFor(s, selectedIds, arg, vscode.l10n.t('“Open Entry Location”'))).entry)),
    cmd('impactLog.renameEntry', vscode.l10n.t('Rename entry'), async (arg?: unknown) => {
      const notEntry = nonEntryRow(arg);
      if (notEntry !== undefined) return void vscode.window.showInformationMessage(notAnEntryMessage(notEntry, 'renamed'));
      const { entry, given } = await entryFor(s, selectedIds, arg, vscode.l10n.t('“Rename Entry”'), decideRename);
      let next = given ? unlessRefused(decideRename(given)).value.title : undefined;
      next ??= await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename entry'),
        prompt: vscode.l10n.t('The new title (Enter saves it, Escape keeps the old one)'),
        value: entry.title,
        validateInput: (v) => firstProblem(titleSchema, v),
      });
      if (next === undefined || next.trim() === entry.title) return undefined;
      return editEntry(s, selectedIds, { id: entry.id, title: next });
    }),
  ];
  return { access: view.access, disposables };
}
