import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { msg } from '../domain/messages';

/**
 * Runs the git binary read-only: an argument array (never a shell), no terminal prompt, no
 * fsmonitor, no optional locks, no transport of any kind (`protocol.allow=never`, no lazy fetch of
 * a partial clone's missing objects), a timeout, and a kill when the caller cancels. Only the
 * read-only subcommands below may be run: nothing here can fetch, push or change a repository.
 * No `vscode` here; reusable by any feature that reads history (suggestions, revert proposals).
 */

/** Subcommands that only read. `config` only with --get/--get-all/--get-regexp, `remote` only with get-url. */
const READ_ONLY: ReadonlySet<string> = new Set(['log', 'rev-list', 'rev-parse', 'config', 'version', 'remote', 'for-each-ref', 'symbolic-ref', 'show-ref', 'cat-file']);

export type GitErrorCode = 'MISSING' | 'TOO_OLD' | 'TIMEOUT' | 'CANCELLED' | 'FAILED' | 'REFUSED';

export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    message: string,
    readonly code: GitErrorCode,
    /** git's own words (stderr), when it ran. */
    readonly stderr = '',
    readonly exitCode: number | null = null,
  ) {
    super(message);
  }
}

export interface GitRunOptions {
  /** The repository (working tree or git dir) to run in. */
  readonly cwd: string;
  /** Aborting kills the child; the call rejects with code CANCELLED. */
  readonly signal?: AbortSignal;
  /** Kills the child after this long (default 30 s); rejects with code TIMEOUT. */
  readonly timeoutMs?: number;
  /** Extra environment (tests set GIT_CONFIG_NOSYSTEM, HOME). */
  readonly env?: Readonly<Record<string, string>>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The oldest git this reads history with (for `--is-shallow-repository`, `-c` before the subcommand, `%S`). */
export const MIN_GIT_VERSION: readonly [number, number] = [2, 20];

const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'protocol.allow=never', '-c', 'core.quotePath=false', '-c', 'color.ui=false', '-c', 'log.showSignature=false', '-c', 'i18n.logOutputEncoding=UTF-8'];

/** Throws REFUSED unless `args` is a read-only git command. */
export function checkReadOnly(args: readonly string[]): void {
  const sub = args[0];
  const ok =
    sub !== undefined &&
    READ_ONLY.has(sub) &&
    (sub !== 'config' || ['--get', '--get-all', '--get-regexp'].includes(args[1] ?? '')) &&
    (sub !== 'remote' || args[1] === 'get-url' || args.length === 1);
  if (!ok) throw new GitError(msg('git.refused', args.slice(0, 2).join(' ')), 'REFUSED');
}

export class GitRunner {
  constructor(
    /** The git binary: VS Code's `git.path`, else `git` on PATH. */
    readonly gitPath: string = 'git',
    private readonly baseEnv: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  /**
   * Runs `git <args>` and hands stdout to `onData` chunk by chunk as it arrives (so a large log is
   * never held whole). Resolves with the exit code 0; rejects with a GitError otherwise.
   */
  stream(args: readonly string[], opts: GitRunOptions, onData: (chunk: Buffer) => void): Promise<void> {
    checkReadOnly(args);
    return new Promise<void>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new GitError(msg('git.cancelled'), 'CANCELLED'));
      // spawn reports a missing folder as ENOENT, which would read as "git was not found".
      if (!isFolder(opts.cwd)) return reject(new GitError(msg('git.noFolder', opts.cwd), 'FAILED'));
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.baseEnv)) if (v !== undefined) env[k] = v;
      Object.assign(env, { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1', GIT_PAGER: 'cat', PAGER: 'cat', LC_ALL: 'C', GIT_ASKPASS: '', SSH_ASKPASS: '' }, opts.env ?? {});
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(this.gitPath, [...SAFE_CONFIG, ...args], { cwd: opts.cwd, env, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        return reject(this.missing(err));
      }
      let stderr = '';
      let settled = false;
      let failure: GitError | undefined;
      const finish = (err?: GitError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const kill = (why: GitError) => {
        failure ??= why;
        child.kill('SIGKILL');
      };
      const onAbort = () => kill(new GitError(msg('git.cancelled'), 'CANCELLED'));
      const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(() => kill(new GitError(msg('git.timeout', args[0] ?? '', Math.round(timeoutMs / 1000)), 'TIMEOUT')), timeoutMs);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout!.on('data', (chunk: Buffer) => {
        if (failure) return;
        try {
          onData(chunk);
        } catch (err) {
          kill(err instanceof GitError ? err : new GitError(err instanceof Error ? err.message : String(err), 'FAILED'));
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < 8192) stderr += chunk.toString('utf8');
      });
      child.on('error', (err) => finish(failure ?? this.missing(err)));
      child.on('close', (code) => {
        if (failure) return finish(failure);
        if (code === 0) return finish();
        finish(new GitError(msg('git.failed', args[0] ?? '', String(code), firstLine(stderr)), 'FAILED', stderr, code));
      });
    });
  }

  /** Runs `git <args>` and returns its stdout as text (for short outputs: config, rev-parse, version). */
  async run(args: readonly string[], opts: GitRunOptions): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    await this.stream(args, opts, (c) => {
      size += c.length;
      if (size > 16 * 1024 * 1024) throw new GitError(msg('git.tooMuchOutput', args[0] ?? ''), 'FAILED');
      chunks.push(c);
    });
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Like `run`, but undefined when git exits non-zero (e.g. `config --get` of an unset key). */
  async tryRun(args: readonly string[], opts: GitRunOptions): Promise<string | undefined> {
    try {
      return await this.run(args, opts);
    } catch (err) {
      if (err instanceof GitError && err.code === 'FAILED') return undefined;
      throw err;
    }
  }

  /** The version of the git binary; throws MISSING when it cannot be run, TOO_OLD when older than MIN_GIT_VERSION. */
  async version(opts: GitRunOptions): Promise<[number, number, number]> {
    const out = await this.run(['version'], opts);
    const v = parseGitVersion(out);
    if (!v) throw new GitError(msg('git.noVersion', out.trim()), 'FAILED');
    if (compareVersion(v, MIN_GIT_VERSION) < 0) {
      throw new GitError(msg('git.tooOld', v.join('.'), MIN_GIT_VERSION.join('.')), 'TOO_OLD');
    }
    return v;
  }

  private missing(err: unknown): GitError {
    const e = err as NodeJS.ErrnoException;
    if (e?.code === 'ENOENT' || e?.code === 'EACCES') {
      return new GitError(msg('git.notFound', this.gitPath), 'MISSING');
    }
    return new GitError(msg('git.cannotStart', e?.message ?? String(err)), 'FAILED');
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function firstLine(s: string): string {
  return s.trim().split(/\r?\n/)[0] ?? '';
}

/** `git version 2.39.5` (or `git version 2.45.1.windows.1`) → [2, 39, 5]. */
export function parseGitVersion(text: string): [number, number, number] | undefined {
  const m = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export function compareVersion(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
