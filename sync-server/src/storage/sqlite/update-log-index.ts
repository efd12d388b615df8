/**
 * Where each document's live updates sit in the SQLite update log (`update_log`, migration 007).
 *
 * The log is one append-only table keyed by row id only. A per-document index on it (the first design)
 * meant every commit dirtied one index page per document it touched — about one 4 KiB page written per
 * stored edit when many documents are busy, and a third of the time the server spent on an edit. So the
 * per-document view lives here instead, in memory: a document's live rows (seq above its snapshot) as
 * a run of consecutive seqs and the row ids holding them. It is rebuilt from the table when the store
 * opens, so it never has to be stored.
 *
 * Rows a snapshot covers are dead; they are deleted in bulk from the front of the log (below the
 * lowest live row id), never one document at a time.
 */

export type LogTail = {
  /** The seq of the first live row. */
  firstSeq: number;
  /** Row ids of seq firstSeq, firstSeq + 1, …, ascending. */
  ids: number[];
};

export class UpdateLogGapError extends Error {
  constructor(name: string, expected: number, got: number) {
    super(`the update log of ${name} skips from seq ${expected - 1} to ${got}`);
    this.name = 'UpdateLogGapError';
  }
}

export class UpdateLogIndex {
  private readonly tails = new Map<string, LogTail>();

  /** Records stored rows of `name`, seqs firstSeq, firstSeq + 1, … in `ids` order. */
  appended(name: string, firstSeq: number, ids: readonly number[]): void {
    if (ids.length === 0) return;
    const tail = this.tails.get(name);
    if (!tail) {
      this.tails.set(name, { firstSeq, ids: [...ids] });
      return;
    }
    const expected = tail.firstSeq + tail.ids.length;
    if (firstSeq !== expected) throw new UpdateLogGapError(name, expected, firstSeq);
    for (const id of ids) tail.ids.push(id);
  }

  /** The newest live seq of `name`, or undefined when it has no live rows. */
  lastSeq(name: string): number | undefined {
    const tail = this.tails.get(name);
    return tail ? tail.firstSeq + tail.ids.length - 1 : undefined;
  }

  /** Row ids of the live rows with seq > `seq`, oldest first. */
  idsAfter(name: string, seq: number): number[] {
    const tail = this.tails.get(name);
    if (!tail) return [];
    return tail.ids.slice(Math.max(0, seq + 1 - tail.firstSeq));
  }

  /** A snapshot now covers seqs ≤ `upToSeq` of `name`: those rows are dead. */
  covered(name: string, upToSeq: number): void {
    const tail = this.tails.get(name);
    if (!tail || upToSeq < tail.firstSeq) return;
    const dead = upToSeq + 1 - tail.firstSeq;
    if (dead >= tail.ids.length) {
      this.tails.delete(name);
      return;
    }
    tail.ids.splice(0, dead);
    tail.firstSeq = upToSeq + 1;
  }

  /** The smallest live row id, or null when every row is dead. */
  lowestLiveId(): number | null {
    let lowest: number | null = null;
    for (const tail of this.tails.values()) {
      const first = tail.ids[0]!;
      if (lowest === null || first < lowest) lowest = first;
    }
    return lowest;
  }

  /** Documents with a live row below `id`: the ones to move forward before the log is cut there. */
  documentsBelow(id: number): string[] {
    const names: string[] = [];
    for (const [name, tail] of this.tails) if (tail.ids[0]! < id) names.push(name);
    return names;
  }

  /** After a document's live rows were copied to the end of the log: the copies' ids, same order. */
  moved(name: string, ids: readonly number[]): void {
    const tail = this.tails.get(name);
    if (!tail || ids.length !== tail.ids.length) throw new RangeError(`moved ${ids.length} rows of ${name}`);
    tail.ids = [...ids];
  }

  /** Live rows held, across documents. */
  get liveRows(): number {
    let rows = 0;
    for (const tail of this.tails.values()) rows += tail.ids.length;
    return rows;
  }
}
