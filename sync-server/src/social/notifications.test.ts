/**
 * Notifications through the HTTP API: new follower, comment on your post, reply to your comment, new
 * part in a followed series (through the function publishing calls); never your own doing; read marks.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_API, type FollowResult, type MyFollows } from '../../../shared/src/model/accounts.ts';
import { type CommentView, type NotificationPage, SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { type TestUser, useSocialApp } from '../testing/social-app.ts';

const t = useSocialApp();

let ops = 0;
const op = () => `op-notify-${String(++ops).padStart(4, '0')}`;
const inbox = async (u: TestUser, query = '') =>
  (await u.d.get(`${SOCIAL_API.notifications}${query}`)).body as NotificationPage;

async function comment(u: TestUser, postId: string, body: string, parentId?: string): Promise<CommentView> {
  const res = await u.d.post(SOCIAL_API.comments(postId), { body, opId: op(), ...(parentId ? { parentId } : {}) });
  expect(res.status).toBe(201);
  // Order is by creation time; keep each comment in its own millisecond.
  await new Promise((resolve) => setTimeout(resolve, 2));
  return res.body as CommentView;
}

describe('notifications', () => {
  it('a new follower is announced once, however often they unfollow and follow again', async () => {
    const [author, fan] = [await t.user('author'), await t.user('fan')];
    await fan.d.put(ACCOUNT_API.followAuthor(author.id), { opId: op() });
    await fan.d.delete(ACCOUNT_API.followAuthor(author.id), { opId: op() });
    await fan.d.put(ACCOUNT_API.followAuthor(author.id), { opId: op() });
    const page = await inbox(author);
    expect(page.unreadCount).toBe(1);
    expect(page.items).toEqual([
      {
        id: expect.stringMatching(/^n_/),
        kind: 'new-follower',
        createdAt: expect.any(String),
        readAt: null,
        actor: { id: fan.id, handle: fan.handle, displayName: expect.any(String) },
        post: null,
        commentId: null,
        series: null,
      },
    ]);
    expect((await inbox(fan)).items).toEqual([]);
  });

  it('comments notify the post author; replies notify the comment writer; nobody hears of their own', async () => {
    const [author, a, b] = [await t.user('author'), await t.user('a'), await t.user('b')];
    const postId = await t.publish(author.id, 'notified-post');
    const top = await comment(a, postId, 'First!');
    const reply = await comment(b, postId, 'Reply to a.', top.id);
    await comment(a, postId, 'Answering myself.', top.id);
    const authorsReply = await comment(author, postId, 'Thanks both.', reply.id);

    const forAuthor = await inbox(author);
    expect(forAuthor.items.map((n) => [n.kind, n.actor?.id, n.commentId])).toEqual([
      ['comment-on-post', a.id, expect.any(String)],
      ['comment-on-post', b.id, reply.id],
      ['comment-on-post', a.id, top.id],
    ]);
    expect(forAuthor.items[0]?.post).toEqual({ id: postId, slug: 'notified-post', title: 'Post notified-post' });
    expect((await inbox(a)).items.map((n) => [n.kind, n.actor?.id, n.commentId])).toEqual([
      ['reply-to-comment', b.id, reply.id],
    ]);
    expect((await inbox(b)).items.map((n) => [n.kind, n.actor?.id, n.commentId])).toEqual([
      ['reply-to-comment', author.id, authorsReply.id],
    ]);
  });

  it('a reply on your own post to your own comment is one notification, as a reply', async () => {
    const [author, a] = [await t.user('author'), await t.user('a')];
    const postId = await t.publish(author.id, 'self-thread');
    const mine = await comment(author, postId, 'Author speaking.');
    await comment(a, postId, 'Reply to the author.', mine.id);
    expect((await inbox(author)).items.map((n) => n.kind)).toEqual(['reply-to-comment']);
  });

  it('a replayed comment does not notify twice', async () => {
    const [author, a] = [await t.user('author'), await t.user('a')];
    const postId = await t.publish(author.id, 'replayed-comment');
    for (let i = 0; i < 3; i++) {
      await a.d.post(SOCIAL_API.comments(postId), { body: 'Once.' }, { 'Idempotency-Key': 'op-replay-notify' });
    }
    expect((await inbox(author)).unreadCount).toBe(1);
  });

  it('pages newest first; marks read by ids (others untouched) or all; bad bodies are 400', async () => {
    const author = await t.user('author');
    const fans = [await t.user('f'), await t.user('f'), await t.user('f')];
    for (const fan of fans) {
      await fan.d.put(ACCOUNT_API.followAuthor(author.id), { opId: op() });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await inbox(author, '?limit=2');
    expect(first.items.map((n) => n.actor?.id)).toEqual([fans[2]?.id, fans[1]?.id]);
    expect(first.unreadCount).toBe(3);
    const rest = await inbox(author, `?limit=2&cursor=${first.nextCursor}`);
    expect(rest.items.map((n) => n.actor?.id)).toEqual([fans[0]?.id]);
    expect(rest.nextCursor).toBeNull();

    const someoneElse = await t.user('x');
    const id = first.items[0]?.id ?? '';
    expect((await someoneElse.d.post(SOCIAL_API.notificationsRead, { ids: [id] })).body).toEqual({ unreadCount: 0 });
    expect((await inbox(author)).unreadCount).toBe(3);
    expect((await author.d.post(SOCIAL_API.notificationsRead, { ids: [id] })).body).toEqual({ unreadCount: 2 });
    expect((await author.d.post(SOCIAL_API.notificationsRead, { ids: [id] })).body).toEqual({ unreadCount: 2 });
    const after = await inbox(author);
    expect(after.items.find((n) => n.id === id)?.readAt).toEqual(expect.any(String));
    const outbox = { 'Idempotency-Key': 'op-read-all-1' };
    expect(
      (await author.d.post(SOCIAL_API.notificationsRead, { all: true, opId: 'op-read-all-1' }, outbox)).body,
    ).toEqual({ unreadCount: 0 });

    for (const body of [{}, { ids: [id], all: true }, { ids: 'all' }, { all: false }, { ids: Array(101).fill(id) }]) {
      const res = await author.d.post(SOCIAL_API.notificationsRead, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await author.d.post(SOCIAL_API.notificationsRead, { all: true }, { 'X-SDP-CSRF': '' })).status).toBe(403);
    expect((await t.anonymous().get(SOCIAL_API.notifications)).status).toBe(401);
    expect((await author.d.get(SOCIAL_API.notifications)).res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('series follows', () => {
  it('PUT/DELETE are idempotent, listed in my follows; a new part notifies followers but not its author', async () => {
    const [owner, reader, other] = [await t.user('owner'), await t.user('reader'), await t.user('other')];
    const series = { id: 's_social', slug: 'social-series', part: 1 };
    await t.publish(owner.id, 'social-part-1', series);

    const follow = () =>
      reader.d.put(ACCOUNT_API.followSeries('social-series'), undefined, { 'Idempotency-Key': 'op-series-01' });
    const [first, replay] = [await follow(), await follow()];
    expect(first.body).toEqual({
      opId: 'op-series-01',
      target: { kind: 'series', slug: 'social-series' },
      following: true,
      applied: true,
    } satisfies FollowResult);
    expect(replay.body).toEqual(first.body);
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    await owner.d.put(ACCOUNT_API.followSeries('social-series'), { opId: op() });
    await other.d.put(ACCOUNT_API.followSeries('social-series'), { opId: op() });
    await other.d.delete(ACCOUNT_API.followSeries('social-series'), { opId: op() });
    const mine = (await reader.d.get(ACCOUNT_API.follows)).body as MyFollows;
    expect(mine.series).toEqual([
      { slug: 'social-series', title: 'Series social-series', followedAt: expect.any(String) },
    ]);

    const part2 = await t.publish(owner.id, 'social-part-2', { ...series, part: 2 });
    expect(await t.services().postPublished(part2)).toBe(1);
    expect(await t.services().postPublished(part2)).toBe(0);
    const page = await inbox(reader);
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: 'series-part',
        actor: expect.objectContaining({ id: owner.id }),
        post: { id: part2, slug: 'social-part-2', title: 'Post social-part-2' },
        series: { id: 's_social', slug: 'social-series', title: 'Series social-series' },
      }),
    ]);
    expect((await inbox(owner)).items.filter((n) => n.kind === 'series-part')).toEqual([]);
    expect((await inbox(other)).items).toEqual([]);

    // A part by a co-author notifies the owner who follows it.
    const coauthor = await t.user('coauthor');
    const part3 = await t.publish(coauthor.id, 'social-part-3', { ...series, part: 3 });
    expect(await t.services().postPublished(part3)).toBe(2);
    expect((await inbox(owner)).items.map((n) => n.kind)).toContain('series-part');
    const single = await t.publish(owner.id, 'not-in-a-series');
    expect(await t.services().postPublished(single)).toBe(0);
    await expect(t.services().postPublished('p_nope')).rejects.toThrow(/no post/);
  });

  it('unknown series is 404, a bad slug 400, signed out 401', async () => {
    const u = await t.user();
    expect((await u.d.put(ACCOUNT_API.followSeries('no-such-series'), { opId: op() })).status).toBe(404);
    expect((await u.d.put(ACCOUNT_API.followSeries('Bad_Slug'), { opId: op() })).status).toBe(400);
    expect((await t.anonymous().put(ACCOUNT_API.followSeries('intro-to-queues'), { opId: op() })).status).toBe(401);
  });
});
