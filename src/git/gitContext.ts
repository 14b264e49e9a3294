import { repoFromRemote } from '../domain/capture';

/**
 * The repository, branch and HEAD commit from the built-in Git extension's API, with no `vscode`
 * import (the API's parts used are described below), so the waiting is unit tested with a fake.
 * Git may not have initialised yet, or a just-opened repository may not have reported HEAD: then
 * one listener per API (or repository) is shared by every capture waiting for it, and it is
 * disposed as soon as the wait is over or the last capture gives up (its deadline passed). On
 * 0.1.0 every log that gave up left its listener subscribed.
 */

export interface Disposable {
  dispose(): void;
}
export type Event<T> = (listener: (e: T) => unknown) => Disposable;

// The parts of the built-in Git extension's API (extensions/git/src/api/git.d.ts) used here.
export interface GitBranch {
  readonly name?: string;
  readonly commit?: string;
}
export interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}
export interface GitRepository {
  readonly rootUri: { readonly fsPath: string };
  readonly state: { readonly HEAD: GitBranch | undefined; readonly remotes: readonly GitRemote[]; readonly onDidChange: Event<void> };
}
export interface GitApi<U> {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: Event<'uninitialized' | 'initialized'>;
  getRepository(uri: U): GitRepository | null;
  openRepository?(root: U): Promise<GitRepository | null>;
}

/**
 * Waiting until `ready()` holds, or `event` fires with a value `wakes` accepts, with one
 * subscription shared by every waiter: made by the first, disposed when the waiters are woken or
 * the last one gives up.
 */
export class SharedWait<T> {
  private sub: Disposable | undefined;
  private readonly waiters = new Set<(woken: boolean) => void>();

  constructor(
    private readonly event: Event<T>,
    private readonly ready: () => boolean,
    private readonly wakes: (e: T) => boolean = () => true,
  ) {}

  /** True while a listener is subscribed (for tests). */
  get listening(): boolean {
    return this.sub !== undefined;
  }

  /** Resolves true once ready (at once when it already is), false when `signal` aborts first. */
  wait(signal: AbortSignal): Promise<boolean> {
    if (this.ready()) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const finish = (woken: boolean) => {
        this.waiters.delete(finish);
        signal.removeEventListener('abort', onAbort);
        if (this.waiters.size === 0) this.release();
        resolve(woken);
      };
      const onAbort = () => finish(false);
      this.waiters.add(finish);
      signal.addEventListener('abort', onAbort, { once: true });
      this.sub ??= this.event((e) => {
        if (!this.wakes(e) && !this.ready()) return;
        for (const w of [...this.waiters]) w(true);
      });
    });
  }

  private release(): void {
    this.sub?.dispose();
    this.sub = undefined;
  }
}

const initWaits = new WeakMap<object, SharedWait<'uninitialized' | 'initialized'>>();
const headWaits = new WeakMap<object, SharedWait<void>>();

/** Resolves true when the API is initialised, false when `signal` aborts first. */
export function whenInitialised<U>(api: GitApi<U>, signal: AbortSignal): Promise<boolean> {
  let w = initWaits.get(api);
  if (!w) initWaits.set(api, (w = new SharedWait(api.onDidChangeState, () => api.state === 'initialized', (s) => s === 'initialized')));
  return w.wait(signal);
}

/** Resolves when the repository has reported HEAD (or changed once: its first status run), false when `signal` aborts first. */
export function whenHeadKnown(repo: GitRepository, signal: AbortSignal): Promise<boolean> {
  let w = headWaits.get(repo);
  if (!w) headWaits.set(repo, (w = new SharedWait(repo.state.onDidChange, () => repo.state.HEAD !== undefined)));
  return w.wait(signal);
}

export interface GitInfo {
  readonly repo?: string;
  readonly branch?: string;
  readonly commit?: string;
}

/** The repository holding `uri` (opened from `dir` if Git does not know it yet): its name, branch and HEAD commit. */
export async function gitInfo<U>(api: GitApi<U>, uri: U, dir: U, signal: AbortSignal): Promise<GitInfo | undefined> {
  if (!(await whenInitialised(api, signal))) return undefined;
  const repo = api.getRepository(uri) ?? (await api.openRepository?.(dir)) ?? null;
  if (!repo || signal.aborted) return undefined;
  // A just-opened repository reports HEAD after its first status run.
  if (!(await whenHeadKnown(repo, signal))) return undefined;
  const remote = repo.state.remotes.find((r) => r.name === 'origin') ?? repo.state.remotes[0];
  const fromRemote = remote ? repoFromRemote(remote.fetchUrl ?? remote.pushUrl ?? '') : undefined;
  const head = repo.state.HEAD;
  return {
    repo: fromRemote ?? repoFromRemote(repo.rootUri.fsPath),
    ...(head?.name ? { branch: head.name } : {}),
    ...(head?.commit ? { commit: head.commit } : {}),
  };
}
