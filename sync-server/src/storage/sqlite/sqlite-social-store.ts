/**
 * Reactions, comments and moderation in SQLite. Each write runs in one transaction with its idempotency
 * record (`write_ops`): an op id seen before returns its stored result and changes nothing.
 */
import {
  type CommentDeleted,
  REACTION_KINDS,
  type ReactionCounts,
  type ReactionKind,
  type ReactionResult,
  type Reactor,
  type ReportReason,
  type ReportResult,
} from '../../../../shared/src/model/social-api.ts';
import type { ListQuery, NewComment, OpOutcome, OpRecord, PostRef, StoredComment } from '../social-store.ts';
import type { Timestamp } from '../store.ts';
import { SqliteCoauthorStore } from './sqlite-coauthors.ts';
import type { Applied } from './sqlite-write-ops.ts';

type CommentRow = {
  id: string;
  post_id: string;
  parent_id: string | null;
  root_id: string | null;
  depth: number;
  user_id: string;
  handle: string;
  display_name: string;
  body: string;
  body_json: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
};

const COMMENT_SELECT = `SELECT c.id, c.post_id, c.parent_id, c.root_id, c.depth, c.body, c.body_json, c.created_at,
    c.edited_at, c.deleted_at, c.hidden_at, u.id AS user_id, u.handle, u.display_name
  FROM comments c JOIN users u ON u.id = c.user_id`;

const toComment = (row: CommentRow): StoredComment => ({
  id: row.id,
  postId: row.post_id,
  parentId: row.parent_id,
  rootId: row.root_id,
  depth: row.depth,
  author: { id: row.user_id, handle: row.handle, displayName: row.display_name },
  markdown: row.body,
  contentJson: row.body_json,
  createdAt: row.created_at,
  editedAt: row.edited_at,
  deletedAt: row.deleted_at,
  hiddenAt: row.hidden_at,
});

export class SqliteSocialStore extends SqliteCoauthorStore {
  async getPostRef(postId: string): Promise<PostRef | null> {
    const row = this.sql(
      'SELECT id, slug, title, author_id, series_id FROM posts WHERE id = ? AND unpublished = 0',
    ).get(postId) as
      | { id: string; slug: string; title: string; author_id: string; series_id: string | null }
      | undefined;
    return row
      ? { id: row.id, slug: row.slug, title: row.title, authorId: row.author_id, seriesId: row.series_id }
      : null;
  }

  // ── Reactions ─────────────────────────────────────────────────────────────────────────────────────

  async setReaction(
    op: OpRecord,
    change: { postId: string; kind: ReactionKind; on: boolean },
  ): Promise<OpOutcome<ReactionResult>> {
    return this.once(op, () => {
      if (!this.sql('SELECT 1 FROM posts WHERE id = ? AND unpublished = 0').get(change.postId)) return 'missing';
      if (change.on) {
        this.sql(
          'INSERT INTO reactions (post_id, user_id, kind, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(change.postId, op.userId, change.kind, op.receivedAt);
      } else {
        this.sql('DELETE FROM reactions WHERE post_id = ? AND user_id = ? AND kind = ?').run(
          change.postId,
          op.userId,
          change.kind,
        );
      }
      const count = (
        this.sql('SELECT COUNT(*) AS n FROM reactions WHERE post_id = ? AND kind = ?').get(
          change.postId,
          change.kind,
        ) as {
          n: number;
        }
      ).n;
      return {
        result: { opId: op.opId, postId: change.postId, kind: change.kind, reacted: change.on, count },
      };
    });
  }

  async reactionCounts(postId: string): Promise<ReactionCounts> {
    const rows = this.sql('SELECT kind, COUNT(*) AS n FROM reactions WHERE post_id = ? GROUP BY kind').all(postId) as {
      kind: ReactionKind;
      n: number;
    }[];
    const counts = Object.fromEntries(REACTION_KINDS.map((kind) => [kind, 0])) as ReactionCounts;
    for (const row of rows) counts[row.kind] = row.n;
    return counts;
  }

  async myReactions(postId: string, userId: string): Promise<ReactionKind[]> {
    const mine = new Set(
      this.sql('SELECT kind FROM reactions WHERE post_id = ? AND user_id = ?').pluck().all(postId, userId) as string[],
    );
    return REACTION_KINDS.filter((kind) => mine.has(kind));
  }

  async listReactors(postId: string, kind: ReactionKind, query: ListQuery): Promise<Reactor[]> {
    const after = query.after ? 'AND (r.created_at < @afterAt OR (r.created_at = @afterAt AND u.id < @afterId))' : '';
    return this.sql(`SELECT u.id, u.handle, u.display_name AS displayName, r.created_at AS reactedAt
      FROM reactions r JOIN users u ON u.id = r.user_id
      WHERE r.post_id = @postId AND r.kind = @kind ${after}
      ORDER BY r.created_at DESC, u.id DESC LIMIT @limit`).all({
      postId,
      kind,
      limit: query.limit,
      ...(query.after ? { afterAt: query.after.at, afterId: query.after.id } : {}),
    }) as Reactor[];
  }

  // ── Comments ──────────────────────────────────────────────────────────────────────────────────────

  #comment(id: string): StoredComment | null {
    const row = this.sql(`${COMMENT_SELECT} WHERE c.id = ?`).get(id) as CommentRow | undefined;
    return row ? toComment(row) : null;
  }

  async getComment(id: string): Promise<StoredComment | null> {
    return this.#comment(id);
  }

  /** The comment after a change, as the result of that change; `missing` when it is gone. */
  #after(id: string): Applied<StoredComment> {
    const comment = this.#comment(id);
    return comment ? { result: comment } : 'missing';
  }

  async addComment(op: OpRecord, comment: NewComment): Promise<OpOutcome<StoredComment>> {
    return this.once(
      op,
      () => {
        if (!this.sql('SELECT 1 FROM posts WHERE id = ? AND unpublished = 0').get(comment.postId)) return 'missing';
        const { parent } = comment;
        if (parent && !this.sql('SELECT 1 FROM comments WHERE id = ?').get(parent.id)) return 'missing';
        this.sql(`INSERT INTO comments (id, post_id, user_id, body, body_json, created_at, parent_id, root_id, depth)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          comment.id,
          comment.postId,
          comment.userId,
          comment.markdown,
          comment.contentJson,
          comment.createdAt,
          parent?.id ?? null,
          parent ? (parent.rootId ?? parent.id) : null,
          parent ? parent.depth + 1 : 0,
        );
        return this.#after(comment.id);
      },
      comment.id,
    );
  }

  async editComment(
    op: OpRecord,
    edit: { id: string; markdown: string; contentJson: string; at: Timestamp },
  ): Promise<OpOutcome<StoredComment>> {
    return this.once(
      op,
      () => {
        const changed = this.sql(
          'UPDATE comments SET body = ?, body_json = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL',
        ).run(edit.markdown, edit.contentJson, edit.at, edit.id).changes;
        return changed > 0 ? this.#after(edit.id) : 'missing';
      },
      edit.id,
    );
  }

  async deleteComment(op: OpRecord, removal: { id: string; at: Timestamp }): Promise<OpOutcome<CommentDeleted>> {
    return this.once(op, (): Applied<CommentDeleted> => {
      const target = this.#comment(removal.id);
      if (!target || target.deletedAt) return 'missing';
      const removed = !this.#hasReplies(target.id);
      if (removed) {
        this.#removeWithEmptyAncestors(target, removal.at);
      } else {
        this.sql("UPDATE comments SET deleted_at = ?, body = '', body_json = NULL WHERE id = ?").run(
          removal.at,
          target.id,
        );
        this.#wipeResults(target, removal.at);
      }
      return { result: { id: target.id, removed } };
    });
  }

  #hasReplies(id: string): boolean {
    return this.sql('SELECT 1 FROM comments WHERE parent_id = ? LIMIT 1').get(id) !== undefined;
  }

  /** Stored results of the comment's writes (add, edit, hide) show it as deleted from now on. */
  #wipeResults(comment: StoredComment, at: Timestamp): void {
    const wiped: StoredComment = { ...comment, markdown: '', contentJson: null, deletedAt: comment.deletedAt ?? at };
    this.rewriteResults(comment.id, wiped);
  }

  /** Removes a comment without replies, then each deleted ancestor that this leaves without replies. */
  #removeWithEmptyAncestors(comment: StoredComment, at: Timestamp): void {
    let current: StoredComment | null = comment;
    while (current) {
      this.sql('DELETE FROM comments WHERE id = ?').run(current.id);
      this.#wipeResults(current, at);
      const parent: StoredComment | null = current.parentId ? this.#comment(current.parentId) : null;
      current = parent?.deletedAt && !this.#hasReplies(parent.id) ? parent : null;
    }
  }

  async setCommentHidden(
    op: OpRecord,
    change: { id: string; hidden: boolean; at: Timestamp },
  ): Promise<OpOutcome<StoredComment>> {
    return this.once(
      op,
      () => {
        const changed = change.hidden
          ? this.sql('UPDATE comments SET hidden_at = COALESCE(hidden_at, ?) WHERE id = ?').run(change.at, change.id)
          : this.sql('UPDATE comments SET hidden_at = NULL WHERE id = ?').run(change.id);
        return changed.changes > 0 ? this.#after(change.id) : 'missing';
      },
      change.id,
    );
  }

  async reportComment(
    op: OpRecord,
    report: { commentId: string; reason: ReportReason; at: Timestamp },
  ): Promise<OpOutcome<ReportResult> | { kind: 'already-reported' }> {
    return this.once(op, (): Applied<ReportResult, 'missing' | 'already-reported'> => {
      if (!this.sql('SELECT 1 FROM comments WHERE id = ?').get(report.commentId)) return 'missing';
      const added = this.sql(
        'INSERT INTO comment_reports (comment_id, user_id, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(report.commentId, op.userId, report.reason, report.at).changes;
      if (added === 0) return 'already-reported';
      return { result: { commentId: report.commentId, reason: report.reason, reported: true } };
    });
  }

  async listTopLevelComments(postId: string, query: ListQuery): Promise<StoredComment[]> {
    const after = query.after ? 'AND (c.created_at > @afterAt OR (c.created_at = @afterAt AND c.id > @afterId))' : '';
    const rows = this.sql(`${COMMENT_SELECT}
      WHERE c.post_id = @postId AND c.parent_id IS NULL ${after}
      ORDER BY c.created_at, c.id LIMIT @limit`).all({
      postId,
      limit: query.limit,
      ...(query.after ? { afterAt: query.after.at, afterId: query.after.id } : {}),
    }) as CommentRow[];
    return rows.map(toComment);
  }

  async listReplies(rootIds: readonly string[]): Promise<StoredComment[]> {
    if (rootIds.length === 0) return [];
    const marks = rootIds.map(() => '?').join(', ');
    const rows = this.sql(`${COMMENT_SELECT} WHERE c.root_id IN (${marks}) ORDER BY c.created_at, c.id`).all(
      ...rootIds,
    ) as CommentRow[];
    return rows.map(toComment);
  }

  async countVisibleComments(postId: string): Promise<number> {
    return (
      this.sql('SELECT COUNT(*) AS n FROM comments WHERE post_id = ? AND deleted_at IS NULL AND hidden_at IS NULL').get(
        postId,
      ) as { n: number }
    ).n;
  }
}
