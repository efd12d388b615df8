/**
 * Forgets old op records (see write-once.ts), which would otherwise grow with every social write ever made.
 *
 * A record only matters while an outbox may still send its change again: after a lost answer, on
 * reconnect, from a second tab. Seven days is far past that for a device that comes back online; a change
 * held offline longer than that and sent again after its first arrival was applied is applied once more.
 * Runs at start and then hourly, in small batches with a turn of the event loop between them, so a large
 * backlog never holds the store for long.
 */
import type { SocialStore } from '../storage/social-store.ts';

export const WRITE_OPS_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const WRITE_OPS_PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const BATCH = 500;

export type WriteOpsPruner = {
  /** One pass now: every record older than the retention, batch by batch. Resolves with how many went. */
  prune(): Promise<number>;
  /** Stops the timer and waits for a pass under way, so the store can close after it. Idempotent. */
  stop(): Promise<void>;
};

export type WriteOpsPrunerOptions = {
  store: Pick<SocialStore, 'pruneWriteOps'>;
  retentionMs?: number;
  intervalMs?: number;
  now?: () => Date;
  /** A pass failed (the store was busy or broken); the next one tries again. */
  onError(error: unknown): void;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function startWriteOpsPruner({
  store,
  retentionMs = WRITE_OPS_RETENTION_MS,
  intervalMs = WRITE_OPS_PRUNE_INTERVAL_MS,
  now = () => new Date(),
  onError,
}: WriteOpsPrunerOptions): WriteOpsPruner {
  let stopped = false;
  let running: Promise<number> | null = null;

  async function pass(): Promise<number> {
    const before = new Date(now().getTime() - retentionMs).toISOString();
    let total = 0;
    for (;;) {
      if (stopped) return total;
      const removed = await store.pruneWriteOps(before, BATCH);
      total += removed;
      if (removed < BATCH) return total;
      await nextTurn();
    }
  }

  function prune(): Promise<number> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  const tick = () => void prune().catch(onError);
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();

  return {
    prune,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
