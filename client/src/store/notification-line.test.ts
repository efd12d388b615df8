import { describe, expect, it } from 'vitest';
import type { NotificationPage, NotificationView } from '../../../shared/src/model/social-api.ts';
import { markedRead, notificationLine } from './notification-line.ts';

const ana = { id: 'u_ana', handle: 'ana', displayName: 'Ana', avatarUrl: null };
const post = { id: 'p1', slug: 'raft-notes', title: 'Raft notes' };
const series = { id: 's1', slug: 'consensus', title: 'Consensus' };

const n = (kind: NotificationView['kind'], extra: Partial<NotificationView> = {}): NotificationView => ({
  id: `n_${kind}`,
  kind,
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt: null,
  actor: ana,
  post: null,
  commentId: null,
  series: null,
  ...extra,
});

describe('notification lines', () => {
  it('says what happened and links to it', () => {
    expect(notificationLine(n('new-follower'))).toEqual({ text: 'Ana followed you', href: '/@ana' });
    expect(notificationLine(n('comment-on-post', { post, commentId: 'c1' }))).toEqual({
      text: 'Ana commented on Raft notes',
      href: '/p/raft-notes#comment-c1',
    });
    expect(notificationLine(n('reply-to-comment', { post, commentId: 'c2' }))).toEqual({
      text: 'Ana replied to your comment on Raft notes',
      href: '/p/raft-notes#comment-c2',
    });
    expect(notificationLine(n('series-part', { post, series }))).toEqual({
      text: 'New part in Consensus: Raft notes',
      href: '/p/raft-notes',
    });
    expect(notificationLine(n('coauthor-invitation', { series }))).toEqual({
      text: 'Ana invited you to write parts of Consensus',
      href: '/series/consensus',
    });
    expect(notificationLine(n('draft-invitation', { draft: { id: 'd_1', title: 'Raft, again' } }))).toEqual({
      text: 'Ana invited you to co-author “Raft, again”',
      href: '/write/d_1',
    });
    expect(notificationLine(n('draft-invitation', { draft: { id: 'd_2', title: '' } })).text).toBe(
      'Ana invited you to co-author a draft',
    );
  });

  it('copes with a deleted actor and a vanished post', () => {
    expect(notificationLine(n('comment-on-post', { actor: null }))).toEqual({
      text: 'Someone commented on a post',
      href: '/',
    });
  });
});

describe('marking read', () => {
  it('marks only the named unread items and takes the server count', () => {
    const page: NotificationPage = {
      items: [n('new-follower'), n('series-part', { readAt: '2025-12-01T00:00:00.000Z' }), n('comment-on-post')],
      nextCursor: null,
      unreadCount: 2,
    };
    const after = markedRead(page, ['n_new-follower', 'n_series-part'], '2026-02-02T00:00:00.000Z', 1);
    expect(after.unreadCount).toBe(1);
    expect(after.items.map((i) => i.readAt)).toEqual(['2026-02-02T00:00:00.000Z', '2025-12-01T00:00:00.000Z', null]);
  });
});
