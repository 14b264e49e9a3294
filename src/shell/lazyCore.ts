/**
 * Two-stage activation. VS Code activates a small shell (src/extension.ts) that registers a
 * stand-in ("trampoline") for every command the extension contributes and returns at once; the
 * core (src/core.ts, bundled to dist/core.js: zod, the store, the views) loads right after
 * activation, or on the first command if that comes sooner. A trampoline's first call loads the
 * core, which registers the real commands in place of the stand-ins, and runs the command again
 * with the same arguments.
 *
 * Nothing here imports `vscode` or anything heavy: the shell's host is handed in (and faked in the
 * unit tests).
 */

export interface Disposable {
  dispose(): unknown;
}

/** What the shell needs from VS Code. */
export interface ShellHost {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable;
  executeCommand(id: string, ...args: unknown[]): PromiseLike<unknown>;
  /** Shows the person what failed (an error message) and logs the details. */
  reportError(error: CoreLoadError): void;
}

export interface CoreLoader<M, T> {
  /** What is loaded, as the person may find it on disk (e.g. "dist/core.js"). */
  readonly name: string;
  /** Loads the core's code. */
  load(): M;
  /** Starts it: registers the real commands, the views, the status bar. */
  start(mod: M): T;
}

/**
 * The core could not be loaded or started; `message` is worded for the person, in English (for the
 * log and for callers of the command). The shell shows it in the user's language (extension.ts,
 * from `step`, `file` and `why`): this module runs in unit tests, without `vscode`.
 */
export class CoreLoadError extends Error {
  /** The cause's own message. */
  readonly why: string;
  constructor(
    readonly step: 'load' | 'start',
    readonly file: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(CoreLoadError.wording(step, file, why), { cause });
    this.why = why;
    this.name = 'CoreLoadError';
  }

  private static wording(step: 'load' | 'start', file: string, why: string): string {
    return step === 'load'
      ? `Impact Log could not load its code (${file}): ${why}. Its commands, timeline and status bar are unavailable in this window; reload the window, and reinstall the extension if this persists.`
      : `Impact Log could not start: setting up its commands, timeline and status bar failed: ${why}. Reload the window; see the “Impact Log” output for details.`;
  }

  /** For the log: the message and the cause's stack. */
  get detail(): string {
    return `${this.message}\n${this.cause instanceof Error ? (this.cause.stack ?? this.cause.message) : String(this.cause)}`;
  }
}

type State<T> = { ok: true; value: T } | { ok: false; error: CoreLoadError };

export class LazyCore<M, T> {
  private state: State<T> | undefined;
  private loading = false;
  private pending: Promise<T> | undefined;
  private trampolines: Disposable[] = [];

  constructor(
    private readonly host: ShellHost,
    private readonly loader: CoreLoader<M, T>,
  ) {}

  /** Whether the core has loaded and started. */
  get loaded(): boolean {
    return this.state?.ok === true;
  }

  /**
   * Registers a stand-in for each command id. The first call loads the core and runs the command
   * again (now the core's) with the same arguments, resolving to its result. If the core cannot be
   * loaded, the call is reported and resolves to undefined, like any failed command.
   */
  registerTrampolines(ids: readonly string[]): Disposable {
    if (this.state === undefined) {
      this.trampolines = ids.map((id) => this.host.registerCommand(id, (...args: unknown[]) => this.trampoline(id, args)));
    }
    return { dispose: () => this.disposeTrampolines() };
  }

  /** Loads the core once the current work is done (after activation returns); disposing cancels it. */
  loadSoon(): Disposable {
    const timer = setImmediate(() => {
      // A failure has been reported to the person already.
      this.ready().catch(() => undefined);
    });
    return { dispose: () => clearImmediate(timer) };
  }

  /** The core's result, loading it first if needed (one load, however many callers). */
  ready(): Promise<T> {
    this.pending ??= Promise.resolve().then(() => this.loadNow());
    return this.pending;
  }

  /** The same as `ready()`, synchronously: loads the core now if it has not loaded. Throws CoreLoadError. */
  loadNow(): T {
    this.state ??= this.attempt();
    if (!this.state.ok) throw this.state.error;
    return this.state.value;
  }

  private attempt(): State<T> {
    // The core's start-up reaching back for the core (e.g. through the API) would load it twice.
    if (this.loading) throw new Error(`${this.loader.name} is still starting`);
    this.loading = true;
    try {
      let mod: M;
      try {
        mod = this.loader.load();
      } catch (err) {
        return this.fail('load', err);
      }
      // The core registers the same command ids: the stand-ins make way first.
      this.disposeTrampolines();
      try {
        return { ok: true, value: this.loader.start(mod) };
      } catch (err) {
        return this.fail('start', err);
      }
    } finally {
      this.loading = false;
    }
  }

  private fail(step: 'load' | 'start', cause: unknown): State<T> {
    const error = new CoreLoadError(step, this.loader.name, cause);
    this.host.reportError(error);
    return { ok: false, error };
  }

  private async trampoline(id: string, args: unknown[]): Promise<unknown> {
    const failedBefore = this.state?.ok === false;
    try {
      await this.ready();
    } catch (err) {
      // A failure is reported when it happens; a later command reports it again, since the person
      // asked for something that cannot run.
      if (failedBefore && err instanceof CoreLoadError) this.host.reportError(err);
      return undefined;
    }
    return this.host.executeCommand(id, ...args);
  }

  private disposeTrampolines(): void {
    for (const t of this.trampolines.splice(0)) t.dispose();
  }
}

/** The command ids a manifest (package.json) contributes, ignoring malformed entries. */
export function contributedCommandIds(packageJSON: unknown): string[] {
  const commands = (packageJSON as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
  if (!Array.isArray(commands)) return [];
  return commands.flatMap((c: unknown) => {
    const id = (c as { command?: unknown } | null)?.command;
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
}
