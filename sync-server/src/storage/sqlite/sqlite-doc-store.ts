import type Database from 'better-sqlite3';
import {
  type AppendEntry,
  type AppendResult,
  type DocStore,
  DocStoreError,
  type DraftMember,
  type DraftMemberStore,
  type DraftRole,
  type StoredDoc,
} from '../doc-store.ts';
import { migrate } from './migrate.ts';
import { openSqliteDatabase } from './open-database.ts';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';

export type SqliteDocStoreOptions = ({ dataDir: string } | { file: string } | { db: Database.Database }) & {
  /**
   * Test-only fault injection, called inside the compaction transaction after the snapshot is written
   * and before the covered updates are deleted. Throwing there simulates a crash between the steps.
   */
  onCompactBetweenSteps?: (name: string) => void;
  now?: () => Date;
  /**
   * For a store that opens its own file: checkpoint the WAL from a worker thread this often instead of
   * inside commits (wal-checkpointer.ts). 0 leaves checkpoints to SQLite. Default 1,000 ms.
   */
  checkpointIntervalMs?: number;
};

const DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000;
/** SQLite's default auto-checkpoint threshold, in WAL pages. */
const SQLITE_AUTO_CHECKPOINT_PAGES = 1_000;
/**
 * While the worker checkpoints, commits still checkpoint once the WAL passes this many pages (~40 MB),
 * so a stalled worker can never let the WAL grow without bound.
 */
const FALLBACK_AUTO_CHECKPOINT_PAGES = 10_000;
/**
 * Page cache of the document connection, in KiB (SQLite's default is 2,000). Appends touch only the
 * right edge of the log and loads read a snapshot once, so a large cache buys little and every loaded
 * byte of it is resident memory.
 */
const DOC_CACHE_KIB = 512;
/** Documents whose last seq is remembered; past this the memory is dropped and re-read on demand. */
const KNOWN_SEQ_LIMIT = 10_000;

type SnapshotRow = { seq: number; data: Buffer };

/** Opens (creating if needed) the database, applies pending migrations and returns the store. */
export function openSqliteDocStore(options: SqliteDocStoreOptions): SqliteDocStore {
  if ('db' in options) {
    migrate(options.db);
    return new SqliteDocStore(options.db, false, options);
  }
  const db = openSqliteDatabase('dataDir' in options ? { dataDir: options.dataDir } : { file: options.file });
  db.pragma(`cache_size = -${DOC_CACHE_KIB}`);
  const store = new SqliteDocStore(db, true, options);
  const intervalMs = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  if (intervalMs > 0 && !db.memory) {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTO_CHECKPOINT_PAGES}`);
    store.checkpointer = startWalCheckpointer({
      file: db.name,
      intervalMs,
      onFailure: () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTO_CHECKPOINT_PAGES}`);
      },
    });
  }
  return store;
}

export class SqliteDocStore implements DocStore, DraftMemberStore {
  /** Set by openSqliteDocStore when it checkpoints from a worker; stopped before the database closes. */
  checkpointer: WalCheckpointer | null = null;
  private closed = false;
  /**
   * The last seq of documents this store wrote or loaded, so an append is one INSERT per update
   * instead of a lookup first. Updated only after a transaction commits; should another process ever write the same document, the UNIQUE (doc_name, seq) constraint fails
   * that batch rather than letting it overwrite anything.
   */
  private readonly knownLastSeq = new Map<string, number>();
  private readonly now: () => Date;
  private readonly onCompactBetweenSteps: ((name: string) => void) | undefined;

  private readonly statements;
  private readonly loadTx;
  private readonly appendTx;
  private readonly compactTx;

  constructor(
    private readonly db: Database.Database,
    private readonly ownsDb: boolean,
    options: Pick<SqliteDocStoreOptions, 'now' | 'onCompactBetweenSteps'> = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.onCompactBetweenSteps = options.onCompactBetweenSteps;
    this.statements = {
      // Derived rather than kept in `documents`: bumping a counter row in every batch dirtied one more
      // page per commit (a WAL frame and a write call), a third of the cost of storing an update.
      // `documents.last_seq` is brought up to date at compaction, so it never runs ahead of this.
      lastSeq: db
        .prepare<{ name: string }, number>(
          `SELECT max(
             coalesce((SELECT max(seq) FROM document_updates WHERE doc_name = @name), 0),
             coalesce((SELECT seq FROM document_snapshots WHERE doc_name = @name), 0),
             coalesce((SELECT last_seq FROM documents WHERE name = @name), 0))`,
        )
        .pluck(),
      createDoc: db.prepare<{ name: string; at: string }>(
        `INSERT INTO documents (name, last_seq, created_at, updated_at) VALUES (@name, 0, @at, @at)
         ON CONFLICT (name) DO NOTHING`,
      ),
      recordSeq: db.prepare<{ name: string; seq: number; at: string }>(
        'UPDATE documents SET last_seq = max(last_seq, @seq), updated_at = @at WHERE name = @name',
      ),
      snapshot: db.prepare<[string], SnapshotRow>('SELECT seq, data FROM document_snapshots WHERE doc_name = ?'),
      updatesAfter: db
        .prepare<[string, number], Buffer>(
          'SELECT data FROM document_updates WHERE doc_name = ? AND seq > ? ORDER BY seq',
        )
        .pluck(),
      insertUpdate: db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO document_updates (doc_name, seq, data) VALUES (?, ?, ?)',
      ),
      upsertSnapshot: db.prepare<[string, number, Uint8Array, string]>(
        `INSERT INTO document_snapshots (doc_name, seq, data, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_name) DO UPDATE SET seq = excluded.seq, data = excluded.data, created_at = excluded.created_at`,
      ),
      deleteUpTo: db.prepare<[string, number]>('DELETE FROM document_updates WHERE doc_name = ? AND seq <= ?'),
      getRole: db
        // A deleted draft (drafts.deleted_at, migration 006) opens for nobody until it is restored.
        .prepare<[string, string], string>(
          `SELECT m.role FROM draft_members m WHERE m.draft_id = ? AND m.user_id = ?
             AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.id = m.draft_id AND d.deleted_at IS NOT NULL)`,
        )
        .pluck(),
      listMembers: db.prepare<[string], { user_id: string; role: string }>(
        'SELECT user_id, role FROM draft_members WHERE draft_id = ? ORDER BY user_id',
      ),
      setMember: db.prepare<[string, string, string, string]>(
        `INSERT INTO draft_members (draft_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (draft_id, user_id) DO UPDATE SET role = excluded.role`,
      ),
      removeMember: db.prepare<[string, string]>('DELETE FROM draft_members WHERE draft_id = ? AND user_id = ?'),
    };

    // A read transaction so the snapshot and the log come from the same moment.
    this.loadTx = db.transaction((name: string): StoredDoc => {
      const lastSeq = this.statements.lastSeq.get({ name }) ?? 0;
      const snapshotRow = this.statements.snapshot.get(name);
      const snapshotSeq = snapshotRow?.seq ?? 0;
      const updates = this.statements.updatesAfter.all(name, snapshotSeq).map(toUint8Array);
      this.remember(name, lastSeq);
      return { snapshot: snapshotRow ? toUint8Array(snapshotRow.data) : null, snapshotSeq, updates, lastSeq };
    });

    this.appendTx = db.transaction((entries: readonly AppendEntry[]): AppendResult => {
      const result: AppendResult = new Map();
      for (const { name, updates } of entries) {
        if (updates.length === 0) continue;
        let seq = this.knownLastSeq.get(name) ?? this.statements.lastSeq.get({ name }) ?? 0;
        if (seq === 0) this.statements.createDoc.run({ name, at: this.now().toISOString() });
        for (const update of updates) this.statements.insertUpdate.run(name, ++seq, update);
        result.set(name, seq);
      }
      return result;
    });

    this.compactTx = db.transaction((name: string, snapshot: Uint8Array, upToSeq: number) => {
      const lastSeq = this.statements.lastSeq.get({ name }) ?? 0;
      if (upToSeq > lastSeq) {
        throw new RangeError(`cannot compact ${name} up to seq ${upToSeq}: the newest update is ${lastSeq}`);
      }
      const current = this.statements.snapshot.get(name);
      if (current && current.seq > upToSeq) return; // a newer compaction already happened
      const at = this.now().toISOString();
      this.statements.upsertSnapshot.run(name, upToSeq, snapshot, at);
      this.statements.recordSeq.run({ name, seq: lastSeq, at });
      this.onCompactBetweenSteps?.(name);
      this.statements.deleteUpTo.run(name, upToSeq);
    });
  }

  async loadDoc(name: string): Promise<StoredDoc> {
    this.assertOpen();
    return this.loadTx(name);
  }

  async appendUpdates(name: string, updates: readonly Uint8Array[]): Promise<number> {
    this.assertOpen();
    const result = this.append([{ name, updates }]);
    return result.get(name) ?? this.statements.lastSeq.get({ name }) ?? 0;
  }

  async appendBatch(entries: readonly AppendEntry[]): Promise<AppendResult> {
    this.assertOpen();
    return this.append(entries);
  }

  async compact(name: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.assertOpen();
    if (!Number.isSafeInteger(upToSeq) || upToSeq < 0) throw new RangeError(`invalid seq ${upToSeq}`);
    this.compactTx(name, snapshot, upToSeq);
  }

  async getDraftRole(draftId: string, userId: string): Promise<DraftRole | null> {
    this.assertOpen();
    return (this.statements.getRole.get(draftId, userId) as DraftRole | undefined) ?? null;
  }

  async listDraftMembers(draftId: string): Promise<DraftMember[]> {
    this.assertOpen();
    return this.statements.listMembers
      .all(draftId)
      .map((row) => ({ draftId, userId: row.user_id, role: row.role as DraftRole }));
  }

  async setDraftMember(draftId: string, userId: string, role: DraftRole): Promise<void> {
    this.assertOpen();
    this.statements.setMember.run(draftId, userId, role, this.now().toISOString());
  }

  async removeDraftMember(draftId: string, userId: string): Promise<boolean> {
    this.assertOpen();
    return this.statements.removeMember.run(draftId, userId).changes > 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpointer?.stop();
    if (this.ownsDb) this.db.close();
  }

  /** Remembers the new last seqs only once the transaction has committed (a failed one throws first). */
  private append(entries: readonly AppendEntry[]): AppendResult {
    const result = this.appendTx(entries);
    for (const [name, seq] of result) this.remember(name, seq);
    return result;
  }

  private remember(name: string, lastSeq: number) {
    if (this.knownLastSeq.size >= KNOWN_SEQ_LIMIT && !this.knownLastSeq.has(name)) this.knownLastSeq.clear();
    this.knownLastSeq.set(name, lastSeq);
  }

  private assertOpen() {
    if (this.closed) throw new DocStoreError('the document store is closed');
  }
}

/** better-sqlite3 returns Buffers; hand out plain Uint8Arrays that own their bytes. */
export function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}
