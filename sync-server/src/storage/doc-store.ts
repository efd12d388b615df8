/**
 * Persistence for collaborative documents (Yjs): an append-only update log per document, compacted
 * into snapshots, plus draft membership for the access policy. Kept apart from the catalog `Store` so
 * the sync server can run on its own storage and a PostgreSQL implementation can replace it; every
 * implementation passes `tests/contract/doc-store.contract.ts`.
 *
 * The log is the source of truth. A document is `snapshot (covering seq 1..snapshotSeq)` followed by
 * the updates with seq > snapshotSeq, in seq order. Implementations never expose a partial batch or a
 * half-done compaction: both are single transactions.
 */

export type StoredDoc = {
  /** A Yjs update (v1) equivalent to all updates with seq <= snapshotSeq; null when never compacted. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** Updates after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The seq of the newest update (0 for a document that has none). */
  lastSeq: number;
};

export type AppendEntry = { name: string; updates: readonly Uint8Array[] };

/** The seq of the last update appended per document. */
export type AppendResult = Map<string, number>;

export type DraftRole = 'owner' | 'editor' | 'viewer';
export const DRAFT_ROLES: readonly DraftRole[] = ['owner', 'editor', 'viewer'];

export type DraftMember = { draftId: string; userId: string; role: DraftRole };

export interface DocStore {
  /** The document as stored; an unknown name is an empty document, not an error. */
  loadDoc(name: string): Promise<StoredDoc>;
  /** Appends in order, in one transaction. Returns the seq of the last one. */
  appendUpdates(name: string, updates: readonly Uint8Array[]): Promise<number>;
  /** Appends for several documents in ONE transaction: all of it is stored, or none of it. */
  appendBatch(entries: readonly AppendEntry[]): Promise<AppendResult>;
  /**
   * Atomically stores `snapshot` as the state up to `upToSeq`; the updates it covers are never loaded
   * again (an implementation may delete them then or later, in bulk). A
   * compaction older than the stored snapshot is ignored (never moves backwards). Throws RangeError
   * when `upToSeq` is beyond the newest update.
   */
  compact(name: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  close(): Promise<void>;
}

/** Who may open a draft and how; changes go through the access policy so open connections hear. */
export interface DraftMemberStore {
  /** null for a non-member, and for everyone while the draft is deleted (it opens for nobody). */
  getDraftRole(draftId: string, userId: string): Promise<DraftRole | null>;
  listDraftMembers(draftId: string): Promise<DraftMember[]>;
  setDraftMember(draftId: string, userId: string, role: DraftRole): Promise<void>;
  /** Returns whether a member was removed. */
  removeDraftMember(draftId: string, userId: string): Promise<boolean>;
}

export class DocStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocStoreError';
  }
}
