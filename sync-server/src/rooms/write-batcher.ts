/**
 * Stores updates in batches: everything that arrives in one event-loop turn is appended in ONE
 * transaction (across documents), and only then handed on to be applied, broadcast and acked.
 *
 * One storage operation runs at a time (a promise "lane"); compactions queue on the same lane. An
 * update that arrives while a batch is being written waits for the next batch, so it is never
 * reported as stored by a write that did not include it.
 */
import type { AppendEntry, AppendResult, DocStore } from '../storage/doc-store.ts';

export type WriteItem = { docName: string; update: Uint8Array };

/** A batch's items per document, each list in arrival order (documents in order of first arrival). */
export type ItemsByDoc<T> = Map<string, T[]>;

export type BatchHandlers<T extends WriteItem> = {
  /** Called with the stored items per document, how many there were, and the last seq per document. */
  stored(byDoc: ItemsByDoc<T>, count: number, lastSeq: AppendResult, seconds: number): void;
  failed(items: T[], error: unknown): void;
  /** Drops items before writing (e.g. from a connection closed for a failed write). */
  keep?(item: T): boolean;
  /** The items `keep` dropped, so their owners can forget them. */
  dropped?(items: T[]): void;
  /** A handler threw: a bug, to be logged; the lane keeps going. */
  crashed(error: unknown): void;
};

export class WriteBatcher<T extends WriteItem> {
  private queue: T[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private lane: Promise<void> = Promise.resolve();
  private busy = 0;
  private queuedBytes = 0;
  private writingBytes = 0;

  constructor(
    private readonly store: DocStore,
    private readonly handlers: BatchHandlers<T>,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Bytes accepted but not yet confirmed stored. */
  get pendingBytes(): number {
    return this.queuedBytes + this.writingBytes;
  }

  /** Scheduled or running storage work (the storm test checks this returns to zero). */
  get pendingWork(): number {
    return this.busy + (this.scheduled ? 1 : 0);
  }

  enqueue(item: T): void {
    this.queue.push(item);
    this.queuedBytes += item.update.byteLength;
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.run(() => this.flush()).catch(this.handlers.crashed);
    });
  }

  /** Runs `task` alone on the storage lane (after pending batches). */
  exclusive<R>(task: () => Promise<R>): Promise<R> {
    return this.run(task);
  }

  /** Resolves once everything enqueued so far is written (or failed). */
  async idle(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled || this.busy > 0) {
      if (this.scheduled) {
        clearImmediate(this.scheduled);
        this.scheduled = null;
        this.run(() => this.flush()).catch(this.handlers.crashed);
      }
      await this.lane;
    }
  }

  private run<R>(task: () => Promise<R>): Promise<R> {
    this.busy += 1;
    const result = this.lane.then(task);
    this.lane = result.then(
      () => {
        this.busy -= 1;
      },
      () => {
        this.busy -= 1;
      },
    );
    return result;
  }

  private async flush(): Promise<void> {
    const taken = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    // Grouped once, here, with plain loops: this runs once per event-loop turn under load, and every
    // closure on it is one more function for the JIT to compile while the server is busiest.
    const byDoc: ItemsByDoc<T> = new Map();
    const { keep } = this.handlers;
    let dropped: T[] | null = null;
    let bytes = 0;
    for (const item of taken) {
      if (keep && !keep(item)) {
        dropped ??= [];
        dropped.push(item);
        continue;
      }
      bytes += item.update.byteLength;
      const list = byDoc.get(item.docName);
      if (list) list.push(item);
      else byDoc.set(item.docName, [item]);
    }
    if (dropped) this.handlers.dropped?.(dropped);
    const count = taken.length - (dropped?.length ?? 0);
    if (count === 0) return;
    this.writingBytes = bytes;
    const entries: AppendEntry[] = [];
    for (const [name, items] of byDoc) {
      const updates: Uint8Array[] = [];
      for (const item of items) updates.push(item.update);
      entries.push({ name, updates });
    }
    const started = this.clock();
    let result: AppendResult;
    try {
      result = await this.store.appendBatch(entries);
    } catch (error) {
      this.writingBytes = 0;
      const items: T[] = [];
      for (const list of byDoc.values()) for (const item of list) items.push(item);
      this.handlers.failed(items, error);
      return;
    }
    this.writingBytes = 0;
    this.handlers.stored(byDoc, count, result, (this.clock() - started) / 1000);
  }
}
