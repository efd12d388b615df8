/**
 * One change per op id (the `write_ops` table): a write and the record of its result commit in one
 * transaction, and an op id seen before is answered from its record without writing anything.
 */
import type { OpRecord, SeenOp } from '../social-store.ts';
import type { Timestamp } from '../store.ts';
import { SqliteStatements } from './sqlite-statements.ts';

/** What a write returns inside its transaction: the result to store, or why nothing was written. */
export type Applied<T, R extends string = 'missing'> = { result: T } | R;

export class SqliteWriteOps extends SqliteStatements {
  async getOp(userId: string, opId: string): Promise<SeenOp | null> {
    return this.#seen(userId, opId);
  }

  async pruneWriteOps(before: Timestamp, limit: number): Promise<number> {
    // Batches by rowid, so one call holds the connection only briefly however many records are due.
    return this.sql(
      `DELETE FROM write_ops WHERE rowid IN
         (SELECT rowid FROM write_ops WHERE received_at < ? ORDER BY received_at LIMIT ?)`,
    ).run(before, limit).changes;
  }

  #seen(userId: string, opId: string): SeenOp | null {
    const row = this.sql('SELECT request, result_json FROM write_ops WHERE user_id = ? AND op_id = ?').get(
      userId,
      opId,
    ) as { request: string; result_json: string } | undefined;
    return row ? { request: row.request, resultJson: row.result_json } : null;
  }

  /**
   * Runs `apply` once per op id, recording its result in the same transaction; a refusal records nothing.
   * `subject` names what the result shows (a comment id), for `rewriteResults`.
   */
  protected once<T, R extends string = 'missing'>(
    op: OpRecord,
    apply: () => Applied<T, R>,
    subject: string | null = null,
  ): { kind: 'done'; result: T } | { kind: 'seen'; op: SeenOp } | { kind: R } {
    return this.db.transaction(() => {
      const seen = this.#seen(op.userId, op.opId);
      if (seen) return { kind: 'seen' as const, op: seen };
      const applied = apply();
      if (typeof applied === 'string') return { kind: applied };
      this.sql(
        'INSERT INTO write_ops (user_id, op_id, request, result_json, received_at, subject) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(op.userId, op.opId, op.request, JSON.stringify(applied.result), op.receivedAt, subject);
      return { kind: 'done' as const, result: applied.result };
    })();
  }

  /** Replaces the stored results that show `subject` (its text must not outlive a delete in replays). */
  protected rewriteResults(subject: string, result: unknown): void {
    this.sql('UPDATE write_ops SET result_json = ? WHERE subject = ?').run(JSON.stringify(result), subject);
  }
}
