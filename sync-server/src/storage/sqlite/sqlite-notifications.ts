/** Notifications and who follows a series, in SQLite (the SocialStore's notification half). */
import type { NotificationKind, NotificationView } from '../../../../shared/src/model/social-api.ts';
import type { ListQuery, NewNotification } from '../social-store.ts';
import type { Timestamp } from '../store.ts';
import { SqliteWriteOps } from './sqlite-write-ops.ts';

type NotificationRow = {
  id: string;
  kind: NotificationKind;
  created_at: string;
  read_at: string | null;
  actor_id: string | null;
  actor_handle: string | null;
  actor_name: string | null;
  post_id: string | null;
  post_slug: string | null;
  post_title: string | null;
  comment_id: string | null;
  series_id: string | null;
  series_slug: string | null;
  series_title: string | null;
  draft_id: string | null;
  draft_title: string | null;
};

const toView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  kind: row.kind,
  createdAt: row.created_at,
  readAt: row.read_at,
  actor:
    row.actor_id && row.actor_handle && row.actor_name
      ? { id: row.actor_id, handle: row.actor_handle, displayName: row.actor_name }
      : null,
  post:
    row.post_id && row.post_slug && row.post_title
      ? { id: row.post_id, slug: row.post_slug, title: row.post_title }
      : null,
  commentId: row.comment_id,
  series:
    row.series_id && row.series_slug && row.series_title
      ? { id: row.series_id, slug: row.series_slug, title: row.series_title }
      : null,
  ...(row.draft_id !== null && row.draft_title !== null ? { draft: { id: row.draft_id, title: row.draft_title } } : {}),
});

export class SqliteNotificationStore extends SqliteWriteOps {
  async addNotifications(notifications: readonly NewNotification[]): Promise<number> {
    const insert = this.sql(`INSERT INTO notifications
      (id, user_id, kind, actor_id, post_id, comment_id, series_id, draft_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING`);
    return this.db.transaction(() => {
      let added = 0;
      for (const n of notifications) {
        added += insert.run(
          n.id,
          n.userId,
          n.kind,
          n.actorId,
          n.postId ?? null,
          n.commentId ?? null,
          n.seriesId ?? null,
          n.draftId ?? null,
          n.createdAt,
        ).changes;
      }
      return added;
    })();
  }

  async listNotifications(userId: string, query: ListQuery): Promise<NotificationView[]> {
    const after = query.after ? 'AND (n.created_at < @afterAt OR (n.created_at = @afterAt AND n.id < @afterId))' : '';
    const rows = this.sql(`SELECT n.id, n.kind, n.created_at, n.read_at, n.comment_id,
        a.id AS actor_id, a.handle AS actor_handle, a.display_name AS actor_name,
        p.id AS post_id, p.slug AS post_slug, p.title AS post_title,
        s.id AS series_id, s.slug AS series_slug, s.title AS series_title,
        d.id AS draft_id, d.title AS draft_title
      FROM notifications n
      LEFT JOIN users a ON a.id = n.actor_id
      LEFT JOIN posts p ON p.id = n.post_id AND p.unpublished = 0
      LEFT JOIN drafts d ON d.id = n.draft_id AND d.deleted_at IS NULL
      LEFT JOIN series s ON s.id = n.series_id
      WHERE n.user_id = @userId ${after}
      ORDER BY n.created_at DESC, n.id DESC LIMIT @limit`).all({
      userId,
      limit: query.limit,
      ...(query.after ? { afterAt: query.after.at, afterId: query.after.id } : {}),
    }) as NotificationRow[];
    return rows.map(toView);
  }

  async countUnreadNotifications(userId: string): Promise<number> {
    return (
      this.sql('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(userId) as {
        n: number;
      }
    ).n;
  }

  async markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: Timestamp): Promise<number> {
    if (ids === 'all') {
      return this.sql('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at, userId)
        .changes;
    }
    const update = this.sql('UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL');
    return this.db.transaction(() => ids.reduce((sum, id) => sum + update.run(at, userId, id).changes, 0))();
  }

  async listSeriesFollowerIds(seriesId: string): Promise<string[]> {
    return this.sql('SELECT user_id FROM series_follows WHERE series_id = ? ORDER BY user_id')
      .pluck()
      .all(seriesId) as string[];
  }
}
