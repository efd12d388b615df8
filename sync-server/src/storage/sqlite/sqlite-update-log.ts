/**
 * Documents' update logs and snapshots in SQLite: the storage half of SqliteDocStore.
 *
 * All documents share one append-only table, `update_log`, keyed by row id only, so a commit writes at
 * the right edge of one B-tree however many documents it touches. Which rows are whose is kept in
 * memory (UpdateLogIndex) and rebuilt from the table when the log opens. Compaction writes a snapshot;
 * the rows it covers die and are deleted in bulk from the front of the log. A document whose live rows
 * hold the front back for too long (a slow trickle of edits, or one left behind by a crash) has them
 * copied to the end, so the log stays bounded without the store having to understand Yjs.
 *
 * Every write is one transaction, and the in-memory index changes only after it commits.
 */
import type Database from 'better-sqlite3';
import { type AppendEntry, type AppendResult, DocStoreError, type StoredDoc } from '../doc-store.ts';
import { UpdateLogIndex } from './update-log-index.ts';

export type UpdateLogOptions = {
  /** Called inside the compaction transaction after the snapshot is written (crash tests). */
  onCompactBetweenSteps?: (name: string) => void;
  now?: () => Date;
  /** Rows between the oldest live row and the newest before old live rows are moved forward. */
  maxSpanRows?: number;
  /** Dead rows gathered at the front before they are deleted (one DELETE per this many). */
  truncateEveryRows?: number;
};

const DEFAULT_MAX_SPAN_ROWS = 200_000;
const DEFAULT_TRUNCATE_EVERY_ROWS = 1_024;

type SnapshotRow = { seq: number; data: Buffer };
type LogRow = { seq: number; data: Buffer };
type IndexRow = { id: number; doc_name: string; seq: number };
type Appended = { name: string; firstSeq: number; ids: number[] };

export class SqliteUpdateLog {
  private readonly index = new UpdateLogIndex();
  private readonly statements;
  private readonly now: () => Date;
  private readonly maxSpanRows: number;
  private readonly truncateEveryRows: number;
  private readonly onCompactBetweenSteps: ((name: string) => void) | undefined;
  /** The newest row id; the row holding it is never deleted, so SQLite never hands out an id twice. */
  private maxId: number;
  /** Rows below this id are deleted. */
  private truncatedBelow = 0;
  /** A lower bound on the oldest live row id (exact after each check). */
  private lowWater: number;

  private readonly appendTx;
  private readonly compactTx;
  private readonly moveTx;
  private readonly loadTx;

  constructor(db: Database.Database, options: UpdateLogOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.maxSpanRows = options.maxSpanRows ?? DEFAULT_MAX_SPAN_ROWS;
    this.truncateEveryRows = options.truncateEveryRows ?? DEFAULT_TRUNCATE_EVERY_ROWS;
    this.onCompactBetweenSteps = options.onCompactBetweenSteps;
    this.statements = {
      // A document without live rows: its last seq is its snapshot's, or what compaction recorded.
      storedSeq: db
        .prepare<{ name: string }, number>(
          `SELECT max(
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
      upsertSnapshot: db.prepare<[string, number, Uint8Array, string]>(
        `INSERT INTO document_snapshots (doc_name, seq, data, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_name) DO UPDATE SET seq = excluded.seq, data = excluded.data, created_at = excluded.created_at`,
      ),
      insertRow: db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO update_log (doc_name, seq, data) VALUES (?, ?, ?)',
      ),
      row: db.prepare<[number], LogRow>('SELECT seq, data FROM update_log WHERE id = ?'),
      copyRow: db.prepare<[number]>(
        'INSERT INTO update_log (doc_name, seq, data) SELECT doc_name, seq, data FROM update_log WHERE id = ?',
      ),
      deleteRow: db.prepare<[number]>('DELETE FROM update_log WHERE id = ?'),
      deleteBelow: db.prepare<[number]>('DELETE FROM update_log WHERE id < ?'),
      maxId: db.prepare<[], number | null>('SELECT max(id) FROM update_log').pluck(),
      liveRows: db.prepare<[], IndexRow>(
        `SELECT l.id, l.doc_name, l.seq FROM update_log l
           LEFT JOIN document_snapshots s ON s.doc_name = l.doc_name
          WHERE l.seq > coalesce(s.seq, 0)
          ORDER BY l.id`,
      ),
    };

    this.loadTx = db.transaction((name: string): StoredDoc => {
      const snapshotRow = this.statements.snapshot.get(name);
      const snapshotSeq = snapshotRow?.seq ?? 0;
      const updates = this.index
        .idsAfter(name, snapshotSeq)
        .map((id, i) => this.readRow(name, id, snapshotSeq + 1 + i));
      return {
        snapshot: snapshotRow ? toUint8Array(snapshotRow.data) : null,
        snapshotSeq,
        updates,
        lastSeq: this.lastSeq(name),
      };
    });

    this.appendTx = db.transaction((entries: readonly AppendEntry[]): Appended[] => {
      const appended: Appended[] = [];
      // A batch may name a document twice: number on from what this transaction wrote.
      const written = new Map<string, number>();
      for (const { name, updates } of entries) {
        if (updates.length === 0) continue;
        const last = written.get(name) ?? this.lastSeq(name);
        if (last === 0) this.statements.createDoc.run({ name, at: this.now().toISOString() });
        const ids: number[] = [];
        for (const update of updates) {
          ids.push(Number(this.statements.insertRow.run(name, last + 1 + ids.length, update).lastInsertRowid));
        }
        written.set(name, last + ids.length);
        appended.push({ name, firstSeq: last + 1, ids });
      }
      return appended;
    });

    this.compactTx = db.transaction((name: string, snapshot: Uint8Array, upToSeq: number): boolean => {
      const lastSeq = this.lastSeq(name);
      if (upToSeq > lastSeq) {
        throw new RangeError(`cannot compact ${name} up to seq ${upToSeq}: the newest update is ${lastSeq}`);
      }
      const current = this.statements.snapshot.get(name);
      if (current && current.seq > upToSeq) return false; // a newer compaction already happened
      const at = this.now().toISOString();
      this.statements.upsertSnapshot.run(name, upToSeq, snapshot, at);
      this.statements.recordSeq.run({ name, seq: lastSeq, at });
      this.onCompactBetweenSteps?.(name);
      return true;
    });

    // Copies the live rows of `names` to the end of the log, then deletes the originals and everything below `cut`.
    this.moveTx = db.transaction((names: readonly string[], cut: number): Map<string, number[]> => {
      const moved = new Map<string, number[]>();
      for (const name of names) {
        const ids = this.index.idsAfter(name, 0);
        moved.set(
          name,
          ids.map((id) => Number(this.statements.copyRow.run(id).lastInsertRowid)),
        );
        for (const id of ids) if (id >= cut) this.statements.deleteRow.run(id);
      }
      this.statements.deleteBelow.run(cut);
      return moved;
    });

    this.maxId = this.statements.maxId.get() ?? 0;
    for (const row of this.statements.liveRows.iterate()) this.index.appended(row.doc_name, row.seq, [row.id]);
    this.lowWater = this.index.lowestLiveId() ?? this.maxId;
    this.truncate();
  }

  load(name: string): StoredDoc {
    return this.loadTx(name);
  }

  append(entries: readonly AppendEntry[]): AppendResult {
    const appended = this.appendTx(entries);
    const result: AppendResult = new Map();
    for (const { name, firstSeq, ids } of appended) {
      this.index.appended(name, firstSeq, ids);
      result.set(name, firstSeq + ids.length - 1);
      this.maxId = Math.max(this.maxId, ids[ids.length - 1]!);
    }
    if (this.maxId - this.lowWater > this.maxSpanRows) this.keepBounded();
    return result;
  }

  compact(name: string, snapshot: Uint8Array, upToSeq: number): void {
    if (!this.compactTx(name, snapshot, upToSeq)) return;
    this.index.covered(name, upToSeq);
    this.truncate();
  }

  /** The newest seq of `name` (0 for a document with none). */
  lastSeq(name: string): number {
    return this.index.lastSeq(name) ?? this.statements.storedSeq.get({ name }) ?? 0;
  }

  /** For tests and diagnostics: rows held in memory as live, and the id range of the table. */
  stats(): { liveRows: number; maxId: number; truncatedBelow: number } {
    return { liveRows: this.index.liveRows, maxId: this.maxId, truncatedBelow: this.truncatedBelow };
  }

  private readRow(name: string, id: number, expectedSeq: number): Uint8Array {
    const row = this.statements.row.get(id);
    if (!row || row.seq !== expectedSeq) {
      throw new DocStoreError(`the update log of ${name} is missing seq ${expectedSeq} (row ${id})`);
    }
    return toUint8Array(row.data);
  }

  /** Deletes the dead rows at the front once enough have gathered. */
  private truncate(): void {
    this.lowWater = this.index.lowestLiveId() ?? this.maxId;
    const cut = Math.min(this.lowWater, this.maxId);
    if (cut - this.truncatedBelow < this.truncateEveryRows) return;
    this.statements.deleteBelow.run(cut);
    this.truncatedBelow = cut;
  }

  /** Moves live rows that hold the front of the log too far back to its end, and cuts the front. */
  private keepBounded(): void {
    this.lowWater = this.index.lowestLiveId() ?? this.maxId;
    if (this.maxId - this.lowWater <= this.maxSpanRows) return;
    const cut = this.maxId - Math.floor(this.maxSpanRows / 2);
    const moved = this.moveTx(this.index.documentsBelow(cut), cut);
    for (const [name, ids] of moved) {
      this.index.moved(name, ids);
      if (ids.length > 0) this.maxId = Math.max(this.maxId, ids[ids.length - 1]!);
    }
    this.truncatedBelow = cut;
    this.lowWater = this.index.lowestLiveId() ?? this.maxId;
  }
}

/** better-sqlite3 returns Buffers; hand out plain Uint8Arrays that own their bytes. */
export function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}
