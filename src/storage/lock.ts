import { createHash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { StoreError } from './errors';
import { msg } from '../domain/messages';

/**
 * A lock file between processes (VS Code windows) that may crash while holding it.
 *
 * The file holds its owner's pid, host, a random token and the time it was taken; it is created
 * complete (written under a temporary name, then hard-linked into place, which fails if a lock
 * exists). A lock is stale only when its owner's process is gone (same host) or it is older than
 * a generous maximum age. Nobody ever deletes or replaces a lock they did not read as stale:
 *
 * - Every change to a lock file holding content C (its owner releasing it, or a waiter taking a
 *   stale one over) first creates `<lock>.takeover-<hash of C>` exclusively. Only one process
 *   wins that for a given C, and it re-reads the lock before changing it, so two waiters that both
 *   saw the same stale lock cannot both take it, and neither can remove the other's new lock.
 * - A waiter takes over by renaming a freshly written file of its own onto the lock (atomic), then
 *   reads the lock back to check that it holds its token.
 * - A waiter whose deadline passes while the owner is alive gives up with a message; it never
 *   removes the lock.
 */

export interface LockOptions {
  /** How long to wait for a lock whose owner is alive; then a StoreError with code BUSY. Default 2 minutes. */
  readonly waitMs?: number;
  /** A lock older than this is stale even if its owner seems alive (a hung window, a reused pid). Default 10 minutes. */
  readonly maxAgeMs?: number;
  /** What the lock protects, for the message: "opening the log". */
  readonly doing?: string;
}

export const LOCK_WAIT_MS = 2 * 60 * 1000;
export const LOCK_MAX_AGE_MS = 10 * 60 * 1000;
/** A lock whose content cannot be read (a crash mid-write on a file system without hard links) is stale after this. */
const UNREADABLE_STALE_MS = 10 * 1000;
const POLL_MS = 25;
/** Windows answers these while another process is replacing or reading the file: try again shortly. */
const TRANSIENT = new Set(process.platform === 'win32' ? ['EPERM', 'EBUSY', 'EACCES'] : []);

interface Holder {
  /** The file's content, exactly: what identifies this lock. */
  readonly raw: string;
  readonly pid?: number;
  readonly host?: string;
  readonly token?: string;
  /** When it was taken (epoch ms): from the content, else the file's mtime. */
  readonly at: number;
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the lock; undefined when there is none. Understands 0.1.0's lock files (just a pid). */
function readLock(lock: string): Holder | undefined {
  let raw: string;
  let mtimeMs: number;
  try {
    raw = readFileSync(lock, 'utf8');
    mtimeMs = statSync(lock).mtimeMs;
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return undefined;
    throw err;
  }
  if (/^\d+$/.test(raw.trim())) return { raw, pid: Number(raw.trim()), at: mtimeMs };
  try {
    const v = JSON.parse(raw) as Partial<Record<'pid' | 'host' | 'token' | 'at', unknown>>;
    return {
      raw,
      ...(typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 ? { pid: v.pid } : {}),
      ...(typeof v.host === 'string' ? { host: v.host } : {}),
      ...(typeof v.token === 'string' ? { token: v.token } : {}),
      at: typeof v.at === 'number' && Number.isFinite(v.at) ? v.at : mtimeMs,
    };
  } catch {
    return { raw, at: mtimeMs };
  }
}

/** Why the lock is stale, or undefined while its owner may still be working. */
function staleBecause(h: Holder, maxAgeMs: number, now: number): string | undefined {
  const age = now - h.at;
  if (age > maxAgeMs) return `it was taken ${Math.round(age / 1000)} s ago`;
  if (h.pid === undefined) return age > UNREADABLE_STALE_MS ? 'its content cannot be read' : undefined;
  if (h.host !== undefined && h.host !== hostname()) return undefined; // another machine: only age tells
  if (h.pid === process.pid) return undefined;
  try {
    process.kill(h.pid, 0);
    return undefined;
  } catch (err) {
    return codeOf(err) === 'ESRCH' ? `its process ${h.pid} is no longer running` : undefined;
  }
}

const markerOf = (lock: string, raw: string) => `${lock}.takeover-${createHash('sha256').update(raw).digest('hex').slice(0, 24)}`;

/** Creates `path` with `content` only if it does not exist; true when created. */
function createExclusive(path: string, content: string, scratch: string): boolean {
  writeFileSync(scratch, content, { mode: 0o600 });
  try {
    linkSync(scratch, path);
    return true;
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(codeOf(err) ?? '')) throw err;
    // No hard links on this file system: exclusive create, then write (readers allow for a moment of emptiness).
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      if (codeOf(e) === 'EEXIST') return false;
      throw e;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    rmSync(scratch, { force: true });
  }
}

/**
 * Runs `change` while holding the right to change the lock file as long as it holds `expected`
 * (the takeover marker for that content); false when another process holds that right or the
 * lock no longer holds `expected`.
 */
function whileUnchanged(lock: string, expected: string, change: () => boolean): boolean {
  const marker = markerOf(lock, expected);
  try {
    writeFileSync(marker, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    if (readLock(lock)?.raw !== expected) return false;
    return change();
  } finally {
    rmSync(marker, { force: true });
  }
}

/** Takes the lock at `lock`, runs `fn`, releases it. */
export async function withFileLock<T>(lock: string, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  const token = randomBytes(12).toString('hex');
  const scratch = `${lock}.${token}.new`;
  const maxAgeMs = opts.maxAgeMs ?? LOCK_MAX_AGE_MS;
  const deadline = Date.now() + (opts.waitMs ?? LOCK_WAIT_MS);
  let mine = '';
  for (;;) {
    mine = JSON.stringify({ pid: process.pid, host: hostname(), token, at: Date.now() });
    let holder: Holder | undefined;
    try {
      holder = readLock(lock);
    } catch (err) {
      if (!TRANSIENT.has(codeOf(err) ?? '')) throw err;
      await sleep(POLL_MS); // Windows: the lock is being replaced right now
      continue;
    }
    if (holder === undefined) {
      if (createExclusive(lock, mine, scratch)) break;
      continue; // another process was quicker: look at its lock
    }
    if (staleBecause(holder, maxAgeMs, Date.now()) !== undefined) {
      const content = mine;
      const took = whileUnchanged(lock, holder.raw, () => {
        writeFileSync(scratch, content, { mode: 0o600 });
        try {
          renameSync(scratch, lock);
        } catch (err) {
          if (TRANSIENT.has(codeOf(err) ?? '')) return false;
          throw err;
        }
        return readLock(lock)?.raw === content;
      });
      rmSync(scratch, { force: true });
      if (took) break;
      // Another waiter is taking it over, or it changed: look again (after the deadline check).
    }
    if (Date.now() > deadline) {
      const who = holder.pid === undefined ? msg('lock.processUnknown') : holder.host && holder.host !== hostname() ? msg('lock.processOn', holder.pid, holder.host) : msg('lock.process', holder.pid);
      throw new StoreError(msg('lock.busy', who, opts.doing ?? msg('lock.usingTheLog'), Math.round((Date.now() - holder.at) / 1000), lock), 'BUSY');
    }
    await sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    // Only while it still holds our content: a waiter may have judged us stale and taken it over.
    whileUnchanged(lock, mine, () => {
      unlinkSync(lock);
      return true;
    });
  }
}
