import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EntryStore } from '../storage';
import type { ConfigWatcher } from './config';

export type ChangeReason = 'add' | 'edit' | 'delete' | 'undo' | 'import' | 'restore' | 'external';
export interface EntriesChanged {
  readonly reason: ChangeReason;
  /** Entries affected, when known (the timeline reveals a single added entry). */
  readonly ids?: readonly string[];
}

/** Resolves the database path: the setting when set (with ~ expanded), else the extension's global storage. */
export function resolveDatabasePath(setting: string, globalStorage: vscode.Uri): string {
  const p = setting.trim();
  if (p === '') return join(globalStorage.fsPath, 'impact-log.sqlite');
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  return p;
}

/**
 * Opens the store lazily on first use (activation stays cheap), reopens it when the database path
 * setting changes, and tells listeners when entries change here or in another window.
 */
export class StoreHandle implements vscode.Disposable {
  private opening: Promise<EntryStore> | undefined;
  private store: EntryStore | undefined;
  private lastVersion = -1;
  private poll: NodeJS.Timeout | undefined;
  private readonly emitter = new vscode.EventEmitter<EntriesChanged>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: ConfigWatcher,
    private readonly output: vscode.LogOutputChannel,
    /** How often to look for commits by other windows. */
    private readonly pollMs = 1000,
  ) {
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

  /** True once the store has been opened by some use. */
  get isOpen(): boolean {
    return this.store !== undefined;
  }

  get(): Promise<EntryStore> {
    if (this.store) return Promise.resolve(this.store);
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async open(): Promise<EntryStore> {
    const engine = process.env.IMPACT_LOG_SQLITE_ENGINE === 'node:sqlite' ? 'node:sqlite' : undefined;
    const store = await EntryStore.open({ path: this.path, ...(engine ? { engine } : {}) });
    this.output.info(`Opened ${store.path} with ${store.engine}${store.fallbackReason ? ` (fallback: ${store.fallbackReason})` : ''}.`);
    if (store.migrated.length > 0) this.output.info(`Migrated to schema ${store.migrated.join(', ')}; backup at ${store.migrationBackup ?? '(new file)'}.`);
    this.store = store;
    this.lastVersion = store.dataVersion();
    this.poll = setInterval(() => this.checkExternal(), this.pollMs);
    return store;
  }

  private checkExternal(): void {
    if (!this.store) return;
    try {
      const v = this.store.dataVersion();
      if (v !== this.lastVersion) {
        this.lastVersion = v;
        this.emitter.fire({ reason: 'external' });
      }
    } catch (err) {
      this.output.warn(`Could not check for changes from other windows: ${(err as Error).message}`);
    }
  }

  /** Runs a write against the store and tells listeners what changed. */
  async write<T>(reason: ChangeReason, fn: (store: EntryStore) => T, ids?: (result: T) => readonly string[] | undefined): Promise<T> {
    const store = await this.get();
    const result = fn(store);
    this.lastVersion = store.dataVersion();
    const affected = ids?.(result);
    this.emitter.fire(affected ? { reason, ids: affected } : { reason });
    return result;
  }

  private closeStore(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
    this.store?.close();
    this.store = undefined;
  }

  dispose(): void {
    this.closeStore();
    this.emitter.dispose();
    for (const s of this.subs) s.dispose();
  }
}
