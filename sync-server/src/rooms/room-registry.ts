/**
 * The loaded documents: loads each once (concurrent joiners share the load), compacts after N updates
 * or T idle, and unloads after a grace period without connections. One interval drives the idle work
 * for every document, so there are no per-document timers to leak.
 *
 * Compactions run on the write batcher's storage lane: while one runs no batch is being stored, so a
 * room's state covers exactly the updates 1..persistedSeq it snapshots.
 */
import type { DocName } from '../../../shared/src/protocol/doc-name.ts';
import type { Logger } from '../logger.ts';
import type { SyncMetrics } from '../metrics/sync-metrics.ts';
import type { DocStore } from '../storage/doc-store.ts';
import { DocState } from './doc-state.ts';
import type { SyncOptions } from './options.ts';
import { Room } from './room.ts';

/** After a failed compaction, wait this long before trying that document again. */
const COMPACTION_RETRY_MS = 30_000;

export type RoomEvents = {
  loaded(room: Room): void;
  loadFailed(room: Room): void;
  unloaded(room: Room): void;
};

type Deps = {
  docStore: DocStore;
  options: SyncOptions;
  metrics: SyncMetrics;
  logger: Logger;
  now: () => number;
  /** Runs a storage task alone (the write batcher's lane). */
  exclusive: <R>(task: () => Promise<R>) => Promise<R>;
  events: RoomEvents;
};

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  /** Rooms waiting for a compaction that nobody awaits (threshold reached, idle). */
  private readonly due = new Set<Room>();
  private draining = false;

  constructor(private readonly deps: Deps) {}

  get size(): number {
    return this.rooms.size;
  }

  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  values(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** The room for a document, created and loading if it was not in memory. */
  acquire(name: string, docName: DocName): Room {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const { options, now } = this.deps;
    const room = new Room(name, docName, options.maxAwarenessClientsPerConnection, now());
    this.rooms.set(name, room);
    void this.load(room);
    return room;
  }

  /** Writes a snapshot of the room's stored state and drops the log it covers. Never rejects. */
  compact(room: Room): Promise<void> {
    if (room.compaction) return room.compaction;
    const { docStore, metrics, logger, now } = this.deps;
    if (!room.isReady || room.updatesSinceSnapshot === 0 || now() < room.compactNotBefore) return Promise.resolve();
    room.compaction = this.deps
      .exclusive(async () => {
        const upTo = room.persistedSeq;
        const covered = room.updatesSinceSnapshot;
        const snapshot = room.doc!.compactSnapshot();
        await docStore.compact(room.name, snapshot, upTo);
        room.updatesSinceSnapshot -= covered;
        metrics.compactions.inc({ result: 'ok' });
      })
      .catch((error: unknown) => {
        room.compactNotBefore = now() + COMPACTION_RETRY_MS;
        metrics.compactions.inc({ result: 'failed' });
        logger.error({ err: error, doc: room.name }, 'sync: compaction failed; the update log is intact');
      })
      .finally(() => {
        room.compaction = null;
      });
    return room.compaction;
  }

  /**
   * Compacts soon: queued compactions run one per event-loop turn. Documents written at the same rate
   * reach the threshold together, and fifty compactions back to back held every socket for their sum
   * (~200 ms); one per turn lets reads and write batches go between them.
   */
  requestCompaction(room: Room): void {
    this.due.add(room);
    if (!this.draining) void this.drainDue();
  }

  /** Idle compaction and unloading; called on an interval. */
  sweep(): void {
    const { options, now: clock } = this.deps;
    const now = clock();
    for (const room of this.rooms.values()) {
      if (!room.isReady || room.unloading || room.pendingWrites > 0) continue;
      if (room.updatesSinceSnapshot > 0 && now - room.lastWriteAt >= options.compactIdleMs)
        this.requestCompaction(room);
      if (room.connections.size === 0 && now - room.emptySince >= options.unloadGraceMs) void this.unload(room);
    }
  }

  /** Compacts what is dirty (shutdown). */
  async compactAll(): Promise<void> {
    for (const room of [...this.rooms.values()]) await this.compact(room);
  }

  clear(): void {
    this.rooms.clear();
    this.due.clear();
  }

  private async drainDue(): Promise<void> {
    this.draining = true;
    try {
      for (let room = first(this.due); room; room = first(this.due)) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.due.delete(room);
        await this.compact(room);
      }
    } finally {
      this.draining = false;
    }
  }

  private async load(room: Room): Promise<void> {
    const { docStore, metrics, logger, now, events } = this.deps;
    const started = now();
    try {
      const stored = await docStore.loadDoc(room.name);
      room.doc = DocState.fromStored(stored, ({ index, error }) =>
        logger.error(
          { err: error, doc: room.name, seq: stored.snapshotSeq + index + 1 },
          'sync: skipped a stored update that cannot be merged',
        ),
      );
      room.persistedSeq = stored.lastSeq;
      room.updatesSinceSnapshot = stored.updates.length;
      room.lastWriteAt = now();
      room.state = 'ready';
      metrics.loadSeconds.observe((now() - started) / 1000);
    } catch (error) {
      logger.error({ err: error, doc: room.name }, 'sync: could not load document');
      room.state = 'failed';
      // Gone at once: no empty stand-in that a later save could write over the real document.
      if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
      events.loadFailed(room);
      return;
    }
    events.loaded(room);
  }

  private async unload(room: Room): Promise<void> {
    room.unloading = true;
    try {
      await this.compact(room); // so the next load is one read
    } finally {
      room.unloading = false;
    }
    if (room.connections.size > 0 || room.pendingWrites > 0 || room.compaction) return; // someone came back
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.deps.events.unloaded(room);
  }
}

function first<T>(set: Set<T>): T | undefined {
  for (const item of set) return item;
  return undefined;
}
