/** What one notification says and where it leads. Pure, for unit tests. */
import type { NotificationPage, NotificationView } from '../../../shared/src/model/social-api.ts';

export type NotificationLine = { text: string; href: string };

const postHref = (n: NotificationView, hash = '') => (n.post ? `/p/${n.post.slug}${hash}` : '/');

export function notificationLine(n: NotificationView): NotificationLine {
  const who = n.actor?.displayName ?? 'Someone';
  const title = n.post?.title ?? 'a post';
  const commentHash = n.commentId ? `#comment-${n.commentId}` : '';
  switch (n.kind) {
    case 'new-follower':
      return { text: `${who} followed you`, href: n.actor ? `/@${n.actor.handle}` : '/' };
    case 'comment-on-post':
      return { text: `${who} commented on ${title}`, href: postHref(n, commentHash) };
    case 'reply-to-comment':
      return { text: `${who} replied to your comment on ${title}`, href: postHref(n, commentHash) };
    case 'series-part':
      return { text: `New part in ${n.series?.title ?? 'a series you follow'}: ${title}`, href: postHref(n) };
    case 'coauthor-invitation':
      return {
        text: `${who} invited you to write parts of ${n.series?.title ?? 'their series'}`,
        href: n.series ? `/series/${n.series.slug}` : '/',
      };
    case 'draft-invitation':
      return {
        text: `${who} invited you to co-author ${n.draft?.title ? `“${n.draft.title}”` : 'a draft'}`,
        href: n.draft ? `/write/${n.draft.id}` : '/drafts',
      };
  }
}

/** The kept page after the server marked `ids` read at `at`, with the server's new unread count. */
export function markedRead(
  page: NotificationPage,
  ids: readonly string[],
  at: string,
  unreadCount: number,
): NotificationPage {
  const marked = new Set(ids);
  return {
    ...page,
    unreadCount,
    items: page.items.map((n) => (marked.has(n.id) && n.readAt === null ? { ...n, readAt: at } : n)),
  };
}
