import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from './domain/validation';
import { type WorkerReply, type WorkerRequest, type WorkerStart } from './export/importInWorker';
import { ImportCancelled, mergeImportStream, validateImportStream } from './export/importStream';
import { EntryStore, StoreError } from './storage';

/**
 * The import of a large file, in a worker thread with its own connection to the log (bundled as
 * dist/importWorker.js; started by src/export/importInWorker.ts). It validates the whole file,
 * then merges it in chunks, each one write transaction taken with the busy timeout like any other
 * window's write, and posts its progress; the extension host's thread only receives messages, so
 * it never waits for the file or for SQLite. Wiring only, like core.ts.
 */

const start = workerData as WorkerStart;
const port = parentPort!;
const abort = new AbortController();
const post = (m: WorkerReply) => port.postMessage(m);
port.on('message', (m: WorkerRequest) => {
  if (m.type === 'cancel') abort.abort();
});

async function run(): Promise<void> {
  const store = await EntryStore.open({ path: start.dbPath, engine: start.engine });
  try {
    const header = await validateImportStream(start.file, (bytes) => post({ type: 'checking', bytes }), abort.signal);
    const result = await store.withLargeCache(() =>
      mergeImportStream(
        start.file,
        header,
        {
          importEntries: (entries) => store.importEntries(entries),
          get: (id) => store.get(id),
          importFollowUps: (answers, states) => store.followUps.importAll(answers, states),
          getFollowUp: (id) => store.followUps.get(id),
        },
        { chunk: start.chunk, signal: abort.signal, onProgress: (done, total) => post({ type: 'merging', done, total }) },
      ),
    );
    post({ type: 'done', result });
  } finally {
    store.close();
  }
}

run()
  .catch((err: unknown) => {
  if (err instanceof ImportCancelled) post({ type: 'cancelled', done: err.done });
  else if (err instanceof ValidationError) post({ type: 'failed', error: { kind: 'validation', what: err.what, problems: err.problems } });
  else if (err instanceof StoreError) post({ type: 'failed', error: { kind: 'store', message: err.message, code: err.code } });
  else post({ type: 'failed', error: { kind: 'other', message: err instanceof Error ? err.message : String(err), ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) } });
  })
  // Nothing more to hear: let the thread end.
  .finally(() => port.close());
