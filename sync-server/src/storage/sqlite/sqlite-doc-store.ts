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
import { SqliteUpdateLog, type UpdateLogOptions } from './sqlite-update-log.ts';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';

export type SqliteDocStoreOptions = ({ dataDir: string } | { file: string } | { db: Database.Database }) &
  UpdateLogOptions & {
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
  /** The update logs and snapshots (sqlite-update-log.ts). */
  readonly log: SqliteUpdateLog;
  private closed = false;
  private readonly now: () => Date;
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly ownsDb: boolean,
    options: UpdateLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.log = new SqliteUpdateLog(db, options);
    this.statements = {
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
  }

  async loadDoc(name: string): Promise<StoredDoc> {
    this.assertOpen();
    return this.log.load(name);
  }

  async appendUpdates(name: string, updates: readonly Uint8Array[]): Promise<number> {
    this.assertOpen();
    const result = this.log.append([{ name, updates }]);
    return result.get(name) ?? this.log.lastSeq(name);
  }

  async appendBatch(entries: readonly AppendEntry[]): Promise<AppendResult> {
    this.assertOpen();
    return this.log.append(entries);
  }

  async compact(name: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.assertOpen();
    if (!Number.isSafeInteger(upToSeq) || upToSeq < 0) throw new RangeError(`invalid seq ${upToSeq}`);
    this.log.compact(name, snapshot, upToSeq);
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

  private assertOpen() {
    if (this.closed) throw new DocStoreError('the document store is closed');
  }
}
