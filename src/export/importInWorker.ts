import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type FieldProblem, ValidationError } from '../domain/validation';
import { StoreError } from '../storage/errors';
import type { EngineName } from '../storage/engine';
import { ImportCancelled, type StreamImportResult } from './importStream';

/**
 * Runs the import of a large file (./importStream.ts: validate all, then merge in chunks) in a
 * worker thread (src/importWorker.ts) with its own SQLite connection to the log, so the calling
 * thread, the extension host's, is never held: it gets progress messages and the result. Each
 * chunk is one write transaction of the worker's connection, waiting for other windows' writes
 * with the busy timeout as any write does; a chunk is ~2,500 entries (~0.2 s of SQLite work at
 * 100,000 entries on a quiet machine), so another window waits at most about that long, and an
 * import cut short (cancelled, window closed) leaves whole chunks that importing the same file
 * again completes. Cancelling stops before the next chunk.
 */

export interface WorkerStart {
  readonly file: string;
  readonly dbPath: string;
  readonly engine: EngineName;
  readonly chunk: number;
}
export type WorkerRequest = { readonly type: 'cancel' };
export type WorkerReply =
  | { readonly type: 'checking'; readonly bytes: number }
  | { readonly type: 'merging'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly result: StreamImportResult }
  | { readonly type: 'cancelled'; readonly done: number }
  | {
      readonly type: 'failed';
      readonly error:
        | { readonly kind: 'validation'; readonly what: string; readonly problems: readonly FieldProblem[] }
        | { readonly kind: 'store'; readonly message: string; readonly code: StoreError['code'] }
        | { readonly kind: 'other'; readonly message: string; readonly stack?: string };
    };

export interface WorkerImportOptions {
  /** The log's database file and the engine the extension uses for it. */
  readonly dbPath: string;
  readonly engine: EngineName;
  /** Entries per transaction (default 2,500). */
  readonly chunk?: number;
  /** Bytes of the file read by the check (the first pass). */
  readonly onChecking?: (bytes: number) => void;
  /** Entries merged so far, of the file's total (after each chunk). */
  readonly onMerging?: (done: number, total: number) => void;
  /** Cancels: the worker stops before its next chunk, and the promise rejects with ImportCancelled. */
  readonly signal?: AbortSignal;
  /** The worker's script; default: importWorker.js beside the bundle (dist/) or in out/src/ (tests). */
  readonly workerPath?: string;
}

export const WORKER_CHUNK = 2500;

/** The worker ended without a result (killed, out of memory): whole chunks were written at most. */
export class ImportWorkerExited extends Error {
  override readonly name = 'ImportWorkerExited';
  constructor(readonly exitCode: number) {
    super(String(exitCode));
  }
}

/** Where the worker's script is: dist/importWorker.js beside dist/core.js, or out/src/importWorker.js beside out/src/export/. */
export function importWorkerPath(): string {
  const candidates = [join(__dirname, 'importWorker.js'), join(__dirname, '..', 'importWorker.js')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/** Imports `file` into the log at `dbPath` in a worker; resolves with what the merge did. */
export function importInWorker(file: string, opts: WorkerImportOptions): Promise<StreamImportResult> {
  return new Promise((resolve, reject) => {
    const start: WorkerStart = { file, dbPath: opts.dbPath, engine: opts.engine, chunk: opts.chunk ?? WORKER_CHUNK };
    const worker = new Worker(opts.workerPath ?? importWorkerPath(), { workerData: start });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', cancel);
      // Its work is over (the last transaction committed, or the error was reported): end the thread.
      void worker.terminate();
      fn();
    };
    const cancel = () => worker.postMessage({ type: 'cancel' } satisfies WorkerRequest);
    if (opts.signal?.aborted) cancel();
    else opts.signal?.addEventListener('abort', cancel);
    worker.on('message', (m: WorkerReply) => {
      switch (m.type) {
        case 'checking':
          opts.onChecking?.(m.bytes);
          break;
        case 'merging':
          opts.onMerging?.(m.done, m.total);
          break;
        case 'done':
          settle(() => resolve(m.result));
          break;
        case 'cancelled':
          settle(() => reject(new ImportCancelled(m.done)));
          break;
        case 'failed': {
          const e = m.error;
          const err = e.kind === 'validation' ? new ValidationError(e.what, e.problems) : e.kind === 'store' ? new StoreError(e.message, e.code) : Object.assign(new Error(e.message), e.stack ? { stack: e.stack } : {});
          settle(() => reject(err));
          break;
        }
      }
    });
    worker.on('error', (err) => settle(() => reject(err)));
    // A worker that ends without a word (killed, out of memory) has written whole chunks at most.
    worker.on('exit', (code) => settle(() => reject(new ImportWorkerExited(code))));
  });
}
