import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { localDate } from '../domain';
import { type EntryStore, LATEST_VERSION, willMigrate } from '../storage';
import { dailyBackupIfDue, resolveBackupFolder } from '../storage/backups';
import { checkUserPath, expandHome } from '../storage/paths';
import { type OpenResult, openWithRecovery, type RecoveryReport } from '../storage/recovery';
import { type SessionTarget, StoreSession } from '../storage/session';
import type { ConfigWatcher } from './config';
import { dateStyle } from './locale';

export type ChangeReason = 'add' | 'edit' | 'delete' | 'undo' | 'import' | 'restore' | 'external' | 'suggest';
export interface EntriesChanged {
  readonly reason: ChangeReason;
  /** Entries affected, when known (the timeline reveals a single added entry). */
  readonly ids?: readonly string[];
}

/** Resolves the database path: the setting when set (with ~ expanded), else the extension's global storage. */
export function resolveDatabasePath(setting: string, globalStorage: vscode.Uri): string {
  const p = setting.trim();
  if (p === '') return join(globalStorage.fsPath, 'impact-log.sqlite');
  return expandHome(p);
}

/**
 * Opens the store lazily on first use (activation stays cheap), reopens it when the database path
 * setting changes (also while an open is in progress: see StoreSession), and tells listeners when
 * entries change here or in another window.
 */
export class StoreHandle implements vscode.Disposable {
  private readonly session: StoreSession;
  private lastVersion = -1;
  private poll: NodeJS.Timeout | undefined;
  private readonly emitter = new vscode.EventEmitter<EntriesChanged>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  /** The file identity opened, to notice a restore or recovery done by another window. */
  private openedFile: string | undefined;
  /** Local date of the last daily-backup check; the first write of a new day takes the backup. */
  private backupDay: string | undefined;
  /** What the last open had to repair, if anything (shown to the user once). */
  lastRecovery: RecoveryReport | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: ConfigWatcher,
    private readonly output: vscode.LogOutputChannel,
    /** How often to look for commits by other windows. */
    private readonly pollMs = 1000,
  ) {
    this.session = new StoreSession(
      () => ({ path: this.path, backupFolder: this.backupFolder }),
      (target) => this.openAt(target),
      {
        opened: (result) => this.opened(result),
        superseded: (result, now) => this.output.info(`Closed ${result.store.path} right after opening it: the database path changed to ${now.path} meanwhile.`),
      },
    );
    let path = this.path;
    this.subs.push(
      config.onDidChange(() => {
        if (this.path !== path) {
          path = this.path;
          this.closeStore();
          this.emitter.fire({ reason: 'external' });
        }
      }),
    );
  }

  get path(): string {
    return resolveDatabasePath(this.config.value.databasePath, this.context.globalStorageUri);
  }

  /** Where backups go: `impactLog.backup.folder`, or `backups` beside the database. */
  get backupFolder(): string {
    return resolveBackupFolder(this.config.value['backup.folder'], this.path);
  }

  /** True once the store has been opened by some use. */
  get isOpen(): boolean {
    return this.session.current !== undefined;
  }

  get(): Promise<EntryStore> {
    return this.session.get();
  }

  private async openAt(target: SessionTarget): Promise<OpenResult> {
    // Checked here first so that a bad setting is named in the message (the store checks again).
    if (this.config.value.databasePath.trim() !== '') checkUserPath(target.path, { what: vscode.l10n.t('the log file (setting impactLog.databasePath)') });
    const engine = process.env.IMPACT_LOG_SQLITE_ENGINE === 'node:sqlite' ? 'node:sqlite' : undefined;
    const opening = () => openWithRecovery({ path: target.path, backupFolder: target.backupFolder, dateStyle: dateStyle(), ...(engine ? { engine } : {}) });
    // An upgrade backs the whole log up first: on a large log that takes a moment, so say so.
    return willMigrate(target.path)
      ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Impact Log: upgrading your log to schema {0} (a backup is taken first)…', LATEST_VERSION) }, opening)
      : await opening();
  }

  /** The session accepted a freshly opened store: report a recovery, start watching for other windows. */
  private opened({ store, report }: OpenResult): void {
    if (report) this.reportRecovery(report);
    this.output.info(`Opened ${store.path} with ${store.engine}${store.fallbackReason ? ` (fallback: ${store.fallbackReason})` : ''}.`);
    if (store.migrated.length > 0) this.output.info(`Migrated to schema ${store.migrated.join(', ')}; backup at ${store.migrationBackup ?? '(new file)'}.`);
    this.lastVersion = store.dataVersion();
    this.openedFile = fileIdentity(store.path);
    if (this.poll) clearInterval(this.poll);
    this.poll = setInterval(() => this.checkExternal(), this.pollMs);
  }

  private reportRecovery(report: RecoveryReport): void {
    this.lastRecovery = report;
    this.output.warn(report.message);
    for (const b of report.unusableBackups) this.output.warn(`Skipped backup ${b.path}: ${b.problem}`);
    const damaged = report.damagedFile;
    void vscode.window.showWarningMessage(vscode.l10n.t('Impact Log: {0}', report.message), ...(damaged ? [vscode.l10n.t('Reveal Damaged File')] : [])).then((pick) => {
      if (pick && damaged) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(damaged));
    });
  }

  private checkExternal(): void {
    const store = this.session.current;
    if (!store) return;
    if (fileIdentity(store.path) !== this.openedFile) {
      // Another window restored a backup or recovered the file: reopen the file now at the path.
      this.output.info(`The log file ${store.path} was replaced by another window; reopening it.`);
      this.closeStore();
      this.emitter.fire({ reason: 'restore' });
      return;
    }
    try {
      const v = store.dataVersion();
      if (v !== this.lastVersion) {
        this.lastVersion = v;
        this.emitter.fire({ reason: 'external' });
      }
    } catch (err) {
      this.output.warn(`Could not check for changes from other windows: ${(err as Error).message}`);
    }
  }

  /** Runs a write against the store (waiting for it when it is in steps) and tells listeners what changed. */
  async write<T>(reason: ChangeReason, fn: (store: EntryStore) => T | Promise<T>, ids?: (result: T) => readonly string[] | undefined): Promise<T> {
    const store = await this.get();
    const result = await fn(store);
    this.lastVersion = store.dataVersion();
    const affected = ids?.(result);
    this.emitter.fire(affected ? { reason, ids: affected } : { reason });
    this.backupIfFirstWriteToday(store);
    return result;
  }

  /** The automatic daily backup, taken after the first write of each local day (in the background). */
  private backupIfFirstWriteToday(store: EntryStore): void {
    const today = localDate(Date.now());
    if (this.backupDay === today) return;
    this.backupDay = today;
    dailyBackupIfDue(store, this.backupFolder, this.config.value['backup.keep']).then(
      (made) => made && this.output.info(`Daily backup written to ${made.path}.`),
      (err: unknown) => {
        const message = vscode.l10n.t('The daily backup failed: {0}. Check the setting impactLog.backup.folder; your log itself is fine.', err instanceof Error ? err.message : String(err));
        this.output.warn(message);
        void vscode.window.showWarningMessage(vscode.l10n.t('Impact Log: {0}', message));
      },
    );
  }

  /** Runs a whole-log operation (restoring a backup) on the open store, then tells listeners. */
  async replaceContents<T>(fn: (store: EntryStore) => Promise<T>): Promise<T> {
    const store = await this.get();
    try {
      return await fn(store);
    } finally {
      if (this.session.current === store) this.lastVersion = store.dataVersion();
      this.emitter.fire({ reason: 'restore' });
    }
  }

  private closeStore(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
    this.session.close();
    this.openedFile = undefined;
  }

  dispose(): void {
    this.closeStore();
    this.session.dispose();
    this.emitter.dispose();
    for (const s of this.subs) s.dispose();
  }
}

/** Device and inode of a file (or '' when it is missing): changes when the file is replaced. */
function fileIdentity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return '';
  }
}
