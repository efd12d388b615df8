/**
 * Stores updates in batches: everything that arrives in one event-loop turn is appended in ONE
 * transaction (across documents), and only then handed on to be applied, broadcast and acked.
 *
 * One storage operation runs at a time (a promise "lane"); compactions queue on the same lane. An
 * update that arrives while a batch is being written waits for the next batch, so it is never
 * reported as stored by a write that did not include it.
 */
import type { AppendResult, DocStore } from '../storage/doc-store.ts';

export type WriteItem = { docName: string; update: Uint8Array };

export type BatchHandlers<T extends WriteItem> = {
  /** Called with the stored items in arrival order and the last seq per document. */
  stored(items: T[], lastSeq: AppendResult, seconds: number): void;
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
    const { keep } = this.handlers;
    const items = keep ? taken.filter(keep) : taken;
    if (items.length < taken.length) this.handlers.dropped?.(taken.filter((item) => !keep!(item)));
    if (items.length === 0) return;
    this.writingBytes = items.reduce((sum, item) => sum + item.update.byteLength, 0);
    const byDoc = new Map<string, Uint8Array[]>();
    for (const item of items) {
      const updates = byDoc.get(item.docName);
      if (updates) updates.push(item.update);
      else byDoc.set(item.docName, [item.update]);
    }
    const started = this.clock();
    let result: AppendResult;
    try {
      result = await this.store.appendBatch([...byDoc].map(([name, updates]) => ({ name, updates })));
    } catch (error) {
      this.writingBytes = 0;
      this.handlers.failed(items, error);
      return;
    }
    this.writingBytes = 0;
    this.handlers.stored(items, result, (this.clock() - started) / 1000);
  }
}
