/**
 * In-app notifications: who is told what, and reading them.
 *
 * - Nobody is notified of their own doing (the database refuses it too).
 * - A notification's id is derived from its cause (kind, recipient, source), so a cause replayed or
 *   reported twice notifies once. A follower is announced once, however often they unfollow and refollow.
 * - A reply to a comment on your own post tells you once, as a reply.
 */
import { createHash } from 'node:crypto';
import type { MarkReadBody } from '../../../shared/src/model/social.ts';
import type { CoauthorInvitation, NotificationKind, NotificationPage } from '../../../shared/src/model/social-api.ts';
import { readListCursor, toListPage } from '../catalog/cursor.ts';
import { NotFoundError } from '../errors.ts';
import type { NewNotification, PostRef, StoredComment } from '../storage/social-store.ts';
import type { Store } from '../storage/store.ts';

export type Notifications = ReturnType<typeof createNotifications>;

export function notificationId(kind: NotificationKind, userId: string, source: string): string {
  return `n_${createHash('sha256').update(`${kind}|${userId}|${source}`).digest('base64url').slice(0, 24)}`;
}

export function createNotifications({ store, now = () => new Date() }: { store: Store; now?: () => Date }) {
  function make(
    kind: NotificationKind,
    userId: string,
    source: string,
    fields: Omit<NewNotification, 'id' | 'userId' | 'kind' | 'createdAt'>,
  ): NewNotification {
    return { id: notificationId(kind, userId, source), userId, kind, createdAt: now().toISOString(), ...fields };
  }

  const notOwn = (list: NewNotification[]) => list.filter((n) => n.actorId !== n.userId);

  return {
    async newFollower(authorId: string, followerId: string): Promise<void> {
      await store.addNotifications(notOwn([make('new-follower', authorId, followerId, { actorId: followerId })]));
    },

    /** A new comment tells the post's author, and the writer of the comment it replies to. */
    async commentAdded(post: PostRef, comment: StoredComment, parent: StoredComment | null): Promise<void> {
      const fields = { actorId: comment.author.id, postId: post.id, commentId: comment.id };
      const list: NewNotification[] = [];
      const parentAuthor = parent && !parent.deletedAt ? parent.author.id : null;
      if (parentAuthor) list.push(make('reply-to-comment', parentAuthor, comment.id, fields));
      if (post.authorId !== parentAuthor) list.push(make('comment-on-post', post.authorId, comment.id, fields));
      await store.addNotifications(notOwn(list));
    },

    /**
     * Called by the publishing code when a post becomes a part of a series: every follower of the series
     * (except the part's author) is told once. Returns how many were notified.
     */
    async seriesPartPublished(postId: string): Promise<number> {
      const post = await store.getPostRef(postId);
      if (!post) throw new NotFoundError(`There is no post with id "${postId}".`);
      if (!post.seriesId) return 0;
      const seriesId = post.seriesId;
      const followers = await store.listSeriesFollowerIds(seriesId);
      const list = followers.map((userId) =>
        make('series-part', userId, post.id, { actorId: post.authorId, postId: post.id, seriesId }),
      );
      return store.addNotifications(notOwn(list));
    },

    /** Each invitation (a new one after a decline too) tells the invitee once. */
    async coauthorInvited(invitation: CoauthorInvitation): Promise<void> {
      const source = `${invitation.series.id}|${invitation.invitedAt}`;
      const fields = { actorId: invitation.invitedBy?.id ?? null, seriesId: invitation.series.id };
      await store.addNotifications(notOwn([make('coauthor-invitation', invitation.invitee.id, source, fields)]));
    },

    /** Each invitation to a draft (a new role, or again after removal) tells the invitee once. */
    async draftInvited(invite: { draftId: string; inviteeId: string; actorId: string; at: string }): Promise<void> {
      const source = `${invite.draftId}|${invite.at}`;
      const fields = { actorId: invite.actorId, draftId: invite.draftId };
      await store.addNotifications(notOwn([make('draft-invitation', invite.inviteeId, source, fields)]));
    },

    async list(userId: string, request: { cursor?: string | undefined; limit: number }): Promise<NotificationPage> {
      const after = readListCursor(request.cursor);
      const [rows, unreadCount] = await Promise.all([
        store.listNotifications(userId, { after, limit: request.limit + 1 }),
        store.countUnreadNotifications(userId),
      ]);
      return { ...toListPage(rows, request.limit, (row) => row.createdAt), unreadCount };
    },

    /** Marking read is idempotent by nature: ids already read (or not the user's) are skipped. */
    async markRead(userId: string, body: MarkReadBody): Promise<{ unreadCount: number }> {
      await store.markNotificationsRead(userId, body.all ? 'all' : (body.ids ?? []), now().toISOString());
      return { unreadCount: await store.countUnreadNotifications(userId) };
    },
  };
}
