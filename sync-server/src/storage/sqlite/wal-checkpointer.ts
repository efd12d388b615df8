/**
 * Checkpoints a WAL-mode SQLite file from a worker thread, so the event loop never waits for one.
 *
 * SQLite's own auto-checkpoint runs inside whichever commit pushes the WAL past 1,000 pages: that
 * commit then copies pages into the database file and syncs it (synchronous = NORMAL syncs at every
 * checkpoint), which on a busy disk stalls every socket of the sync server for tens of milliseconds.
 * Here a worker with its own connection runs PASSIVE checkpoints on an interval instead: they never
 * block writers, and the next writer rewinds the WAL once a checkpoint has copied all of it.
 *
 * Crash safety is SQLite's: a checkpoint only copies committed pages, and a half-done one is redone
 * from the WAL on the next open. The worker is plain JavaScript evaluated from a string, so it runs
 * the same under tsx, vitest and plain node.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type WalCheckpointer = {
  /** Runs a last checkpoint and ends the worker. Idempotent. */
  stop(): Promise<void>;
};

export type WalCheckpointerOptions = {
  file: string;
  intervalMs: number;
  /** The worker failed (could not open the file, died): the caller falls back to auto-checkpoints. */
  onFailure(error: unknown): void;
};

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try {
    checkpoint();
  } finally {
    db.close();
    parentPort.close();
  }
});
`;

export function startWalCheckpointer({ file, intervalMs, onFailure }: WalCheckpointerOptions): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // No execArgv: the worker needs neither tsx nor the parent's loaders.
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { file, intervalMs, driver } });
  worker.unref();
  let failed = false;
  worker.on('error', (error) => {
    failed = true;
    onFailure(error);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      if (!stopping) {
        // Unref'd while it runs, so it never keeps the process alive; while stopping it must, or a
        // process with nothing else left exits mid-shutdown, before the stores close.
        worker.ref();
        if (!failed) worker.postMessage('stop');
        stopping = exited;
      }
      return stopping;
    },
  };
}
