/**
 * Keeps the event loop ahead of the process's own helper threads when they share a core.
 *
 * V8 compiles hot functions and helps the garbage collector on threads of its own, and the WAL
 * checkpoints run in a worker thread. Where the server has one core, the kernel shares it fairly
 * between those threads and the event loop, so a message that arrives while V8 spends 20 ms
 * compiling can wait milliseconds for its turn. Run at a lower priority (a higher nice value), the
 * helpers still get the core whenever the event loop is idle, and the loop gets it back as soon as a
 * message arrives. In the sync bench (fresh servers, while V8 compiles the hot path) this lowered the
 * fan-out p99 in 12 of 15 paired runs and the p99 at 4,000 edits/s in 4 of 4, at no extra CPU per
 * edit (README, Benchmarks).
 *
 * Linux only: threads are listed in /proc/self/task, and setpriority() on a thread id changes that
 * thread alone. Elsewhere nothing happens. Threads started later (libuv's pool starts on first use)
 * are caught by the next pass.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';

export type ThreadControl = {
  /** The ids of the process's threads, or null where they cannot be listed. */
  threadIds(): number[] | null;
  getNice(threadId: number): number;
  setNice(threadId: number, nice: number): void;
};

export const processThreads: ThreadControl = {
  threadIds() {
    try {
      return readdirSync('/proc/self/task').map(Number);
    } catch {
      return null;
    }
  },
  getNice: (threadId) => os.getPriority(threadId),
  setNice: (threadId, nice) => os.setPriority(threadId, nice),
};

/** Sets every thread but `mainThreadId` that runs at a higher priority than `nice` to it; returns how many. */
export function lowerHelperThreads(
  nice: number,
  mainThreadId: number,
  threads: ThreadControl = processThreads,
): number {
  let changed = 0;
  for (const threadId of threads.threadIds() ?? []) {
    if (threadId === mainThreadId) continue;
    try {
      if (threads.getNice(threadId) < nice) {
        threads.setNice(threadId, nice);
        changed += 1;
      }
    } catch {
      // The thread ended since it was listed, or the system refuses: it keeps its priority.
    }
  }
  return changed;
}

/**
 * Lowers the helper threads now and again every `everyMs`. `nice` 0 turns it off. Returns a function
 * that stops the repeats.
 */
export function keepHelperThreadsLow(
  nice: number,
  { everyMs = 30_000, mainThreadId = process.pid, threads = processThreads } = {},
): () => void {
  if (nice <= 0) return () => {};
  lowerHelperThreads(nice, mainThreadId, threads);
  const timer = setInterval(() => lowerHelperThreads(nice, mainThreadId, threads), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
