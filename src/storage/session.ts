import { StoreError } from './errors';
import type { OpenResult } from './recovery';
import type { EntryStore } from './store';
import { msg } from '../domain/messages';

/** Where the log is: the database file and its backup folder, as the settings say now. */
export interface SessionTarget {
  readonly path: string;
  readonly backupFolder: string;
}

export interface SessionHooks {
  /** The store was opened for the current target and is now the session's. */
  readonly opened?: (result: OpenResult) => void;
  /** A store finished opening for a target that is no longer current; it has been closed. */
  readonly superseded?: (result: OpenResult, now: SessionTarget) => void;
}

/**
 * The open store of the file the settings name, opened on first use, for the UI's StoreHandle
 * (kept free of `vscode` so it can be tested in plain Node).
 *
 * Opening takes a while (a lock, maybe a recovery). If the database path changes meanwhile, the
 * file opened for the old path is closed as soon as it is ready and the new path is opened
 * instead, so every caller, those already waiting included, gets the store of the path that is
 * current when the open completes, never the old file.
 */
export class StoreSession {
  private store: EntryStore | undefined;
  private opening: Promise<EntryStore> | undefined;
  /** Bumped by every close: an open begun before it is out of date when it completes. */
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly target: () => SessionTarget,
    private readonly openAt: (target: SessionTarget) => Promise<OpenResult>,
    private readonly hooks: SessionHooks = {},
  ) {}

  /** The open store, if any (no open is started). */
  get current(): EntryStore | undefined {
    return this.store;
  }

  get(): Promise<EntryStore> {
    if (this.store) return Promise.resolve(this.store);
    this.opening ??= this.openCurrent().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async openCurrent(): Promise<EntryStore> {
    for (;;) {
      if (this.disposed) throw new StoreError(msg('store.shutDown'), 'IO');
      const generation = this.generation;
      const target = this.target();
      let result: OpenResult;
      try {
        result = await this.openAt(target);
      } catch (err) {
        // The path that failed may no longer be the one wanted: then try the current one.
        if (this.isCurrent(generation, target)) throw err;
        continue;
      }
      if (this.isCurrent(generation, target)) {
        this.store = result.store;
        this.hooks.opened?.(result);
        return result.store;
      }
      result.store.close();
      if (!this.disposed) this.hooks.superseded?.(result, this.target());
    }
  }

  private isCurrent(generation: number, target: SessionTarget): boolean {
    return !this.disposed && generation === this.generation && this.target().path === target.path;
  }

  /** Closes the store (the path changed, or the file was replaced); an open in progress is superseded and redone. */
  close(): void {
    this.generation++;
    this.store?.close();
    this.store = undefined;
  }

  /** Closes for good: an open in progress closes what it opens, and its callers get an error. */
  dispose(): void {
    this.disposed = true;
    this.close();
  }
}
