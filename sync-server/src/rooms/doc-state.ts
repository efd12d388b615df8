/**
 * A loaded document without a Y.Doc: its persisted state as one merged Yjs update plus a short tail
 * of updates stored since the last fold. Relaying needs only encoded updates: a new client gets
 * `diffUpdate(state, itsStateVector)` and the server's state vector comes from the update itself.
 *
 * Only updates that are already in storage enter a DocState, so it never holds anything that a
 * restart would lose, and folding or snapshotting it can never write unsaved data.
 *
 * Folding many small updates with `Y.mergeUpdates` is slow (it re-sorts its inputs per struct), so long
 * tails and snapshots go through a short-lived Y.Doc instead, which also garbage-collects deleted
 * content and encodes adjacent inserts as one struct (about 5× smaller for typed text).
 */
import * as Y from 'yjs';
import type { StoredDoc } from '../storage/doc-store.ts';

/** Up to this many tail updates, `mergeUpdates` is faster than a temporary Y.Doc. */
const MERGE_DIRECTLY_UP_TO = 16;
/** Fold the tail once it is this long even if nobody asks, to bound memory. */
const MAX_TAIL_UPDATES = 512;
const MAX_TAIL_BYTES = 1024 * 1024;

export const EMPTY_UPDATE = new Uint8Array([0, 0]);

export class DocLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocLoadError';
  }
}

export type SkippedUpdate = { index: number; error: unknown };

export class DocState {
  private state: Uint8Array;
  private tail: Uint8Array[] = [];
  private tailBytes = 0;
  /** Caches, valid while the tail is empty and the state unchanged. */
  private cachedStateVector: Uint8Array | null = null;
  private cachedSnapshot: Y.Snapshot | null = null;

  private constructor(state: Uint8Array) {
    this.state = state;
  }

  static empty(): DocState {
    return new DocState(EMPTY_UPDATE);
  }

  /**
   * Builds the state from storage. A corrupt snapshot is an error (the document must not be served
   * without most of its content); an update in the log that cannot be merged — which validation
   * should make impossible — is skipped and reported rather than making the document unloadable.
   */
  static fromStored(stored: StoredDoc, onSkipped: (skipped: SkippedUpdate) => void = () => {}): DocState {
    const base = stored.snapshot ?? EMPTY_UPDATE;
    try {
      Y.encodeStateVectorFromUpdate(base);
    } catch (error) {
      throw new DocLoadError('the stored snapshot cannot be decoded', { cause: error });
    }
    try {
      return new DocState(fold(base, stored.updates));
    } catch {
      // Slow path: add updates one at a time, skipping any that break the merge.
      let state = base;
      stored.updates.forEach((update, index) => {
        try {
          const next = Y.mergeUpdates([state, update]);
          Y.encodeStateVectorFromUpdate(next);
          state = next;
        } catch (error) {
          onSkipped({ index, error });
        }
      });
      return new DocState(state);
    }
  }

  get byteLength(): number {
    return this.state.byteLength + this.tailBytes;
  }

  get tailLength(): number {
    return this.tail.length;
  }

  /**
   * Adds an update that is now in storage. One at a time: taking an array made SyncCore.onStored build
   * one per room per batch, and V8 threw the optimised onStored away (a "wrong map" deopt at the loop
   * over it, seen with --trace-deopt) and compiled it again while the server was busiest.
   */
  append(update: Uint8Array): void {
    this.tail.push(update);
    this.tailBytes += update.byteLength;
    this.invalidate();
    if (this.tail.length > MAX_TAIL_UPDATES || this.tailBytes > MAX_TAIL_BYTES) this.fold();
  }

  /** The whole state as one update. */
  current(): Uint8Array {
    this.fold();
    return this.state;
  }

  stateVector(): Uint8Array {
    this.fold();
    this.cachedStateVector ??= Y.encodeStateVectorFromUpdate(this.state);
    return this.cachedStateVector;
  }

  /** What a peer with `remoteStateVector` is missing. Throws on a malformed state vector. */
  diff(remoteStateVector: Uint8Array): Uint8Array {
    this.fold();
    // A new client (empty state vector) is missing everything: the state itself, without re-encoding.
    if (isEmptyStateVector(remoteStateVector)) return this.state;
    return Y.diffUpdate(this.state, remoteStateVector);
  }

  /** Whether applying `update` would change nothing (all its structs and deletions are known). */
  contains(update: Uint8Array): boolean {
    this.fold();
    if (!this.cachedSnapshot) {
      const { ds } = Y.decodeUpdate(this.state);
      this.cachedSnapshot = Y.createSnapshot(Y.mergeDeleteSets([ds]), Y.decodeStateVector(this.stateVector()));
    }
    return Y.snapshotContainsUpdate(this.cachedSnapshot, update);
  }

  /**
   * The compact encoding for a snapshot (through a Y.Doc, so deleted content is collected), which
   * also becomes the in-memory state.
   */
  compactSnapshot(): Uint8Array {
    const snapshot = encodeViaDoc(this.state, this.tail);
    this.state = snapshot;
    this.tail = [];
    this.tailBytes = 0;
    this.invalidate();
    return snapshot;
  }

  private fold(): void {
    if (this.tail.length === 0) return;
    this.state = fold(this.state, this.tail);
    this.tail = [];
    this.tailBytes = 0;
    this.invalidate();
  }

  private invalidate(): void {
    this.cachedStateVector = null;
    this.cachedSnapshot = null;
  }
}

/** The encoding of a state vector with no clients: varUint 0. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

function fold(state: Uint8Array, updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 0) return state;
  if (updates.length <= MERGE_DIRECTLY_UP_TO) return Y.mergeUpdates([state, ...updates]);
  return encodeViaDoc(state, updates);
}

/** State plus updates as one update, through a Y.Doc: deleted content is collected, adjacent inserts merge. */
export function encodeViaDoc(state: Uint8Array, updates: readonly Uint8Array[] = []): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      Y.applyUpdate(doc, state);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    // Structs whose dependencies are missing stay pending in the doc; encodeStateAsUpdate keeps them.
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
