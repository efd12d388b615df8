/** Follows through the HTTP API: idempotent replay, convergence to the last intent, lists. */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_API,
  type FollowEntry,
  type FollowResult,
  type MyFollows,
  type SessionInfo,
} from '../../../shared/src/model/accounts.ts';
import { API } from '../../../shared/src/model/api.ts';
import type { Author, Page, PostSummary, TagSummary } from '../../../shared/src/model/catalog.ts';
import { device } from '../accounts/testing.ts';
import { fixtureApp } from '../testing/app.ts';

let cleanup: () => Promise<void>;
let app: Hono;

beforeAll(async () => {
  ({ app, cleanup } = await fixtureApp());
});
afterAll(() => cleanup());

let n = 0;
async function user() {
  n += 1;
  const body = { email: `f${n}@example.com`, password: 'a long passphrase', handle: `follower-${n}` };
  const d = device(app);
  const res = await d.post(ACCOUNT_API.signup, body);
  expect(res.status).toBe(201);
  return { d, info: res.body as SessionInfo, ...body };
}

const followers = async (id: string) => ((await device(app).get(API.authorById(id))).body as Author).followerCount;
const tagFollowers = async (slug: string) => ((await device(app).get(API.tag(slug))).body as TagSummary).followerCount;
const t = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

describe('follow idempotency', () => {
  it('one follow replayed three times is one follow: the follower count goes up by exactly one', async () => {
    const { d, info } = await user();
    const before = await followers('u_bo');
    const replies = [];
    for (let i = 0; i < 3; i++) {
      replies.push(await d.put(ACCOUNT_API.followAuthor('u_bo'), undefined, { 'Idempotency-Key': 'op-follow-bo-1' }));
    }
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const expected: FollowResult = {
      opId: 'op-follow-bo-1',
      target: { kind: 'author', id: 'u_bo' },
      following: true,
      applied: true,
    };
    for (const reply of replies) expect(reply.body).toEqual(expected);
    expect(replies.map((r) => r.res.headers.get('idempotent-replayed'))).toEqual([null, 'true', 'true']);
    expect(await followers('u_bo')).toBe(before + 1);
    expect(((await d.get(API.authorById(info.user.id))).body as Author).followingCount).toBe(1);
  });

  it('a replay returns the same result even after a later change', async () => {
    const { d } = await user();
    const first = await d.put(ACCOUNT_API.followTag('raft'), { opId: 'op-tag-1', at: t(1) });
    expect(await d.delete(ACCOUNT_API.followTag('raft'), { opId: 'op-tag-2', at: t(2) })).toMatchObject({
      body: { following: false, applied: true },
    });
    const replay = await d.put(ACCOUNT_API.followTag('raft'), { opId: 'op-tag-1', at: t(1) });
    expect(replay.body).toEqual(first.body);
    expect(((await d.get(ACCOUNT_API.follows)).body as MyFollows).tags).toEqual([]);
  });

  it('the same op id for a different change is refused', async () => {
    const { d } = await user();
    expect((await d.put(ACCOUNT_API.followAuthor('u_cy'), { opId: 'op-reused-1' })).status).toBe(200);
    const reused = await d.delete(ACCOUNT_API.followAuthor('u_cy'), { opId: 'op-reused-1' });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ error: 'conflict', message: expect.stringMatching(/^opId/) });
  });

  it('op ids are per user: two users may use the same id', async () => {
    const a = await user();
    const b = await user();
    const before = await tagFollowers('queues');
    await a.d.put(ACCOUNT_API.followTag('queues'), { opId: 'same-id-123' });
    await b.d.put(ACCOUNT_API.followTag('queues'), { opId: 'same-id-123' });
    expect(await tagFollowers('queues')).toBe(before + 2);
  });
});

describe('two devices converge to the last intent (client time, ties by op id)', () => {
  // Device A follows at 1 and again at 3; device B (offline) unfollowed at 2. Whatever order the
  // server receives them in, the last intent (follow at 3) wins. And with B's unfollow at 4, it wins.
  const ops = [
    { device: 'a', follow: true, opId: 'op-a-000001', at: t(1) },
    { device: 'b', follow: false, opId: 'op-b-000002', at: t(2) },
    { device: 'a', follow: true, opId: 'op-a-000003', at: t(3) },
  ] as const;
  const orders = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];

  it.each(orders)('arrival order %i %i %i → following', async (...order) => {
    const { d: a, email, password } = await user();
    const b = device(app);
    expect((await b.post(ACCOUNT_API.signin, { email, password })).status).toBe(200);
    const before = await followers('u_ana');
    const devices = { a, b };
    for (const index of order) {
      const op = ops[index]!;
      const send = op.follow ? devices[op.device].put : devices[op.device].delete;
      expect((await send(ACCOUNT_API.followAuthor('u_ana'), { opId: op.opId, at: op.at })).status).toBe(200);
    }
    const mine = (await a.get(ACCOUNT_API.follows)).body as MyFollows;
    expect(mine.authors.map((x) => x.id)).toEqual(['u_ana']);
    expect(await followers('u_ana')).toBe(before + 1);
    // A later unfollow from B wins, and replaying everything again changes nothing.
    await b.delete(ACCOUNT_API.followAuthor('u_ana'), { opId: 'op-b-000004', at: t(4) });
    for (const op of ops) {
      await (op.follow ? devices[op.device].put : devices[op.device].delete)(ACCOUNT_API.followAuthor('u_ana'), {
        opId: op.opId,
        at: op.at,
      });
    }
    expect(((await a.get(ACCOUNT_API.follows)).body as MyFollows).authors).toEqual([]);
    expect(await followers('u_ana')).toBe(before);
  });

  it('a timestamp from the future is clamped to the server clock', async () => {
    const { d } = await user();
    const future = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
    await d.put(ACCOUNT_API.followTag('raft'), { opId: 'op-future-1', at: future });
    // A change made now (after the clamped time) still wins.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await d.delete(ACCOUNT_API.followTag('raft'), { opId: 'op-now-0002' })).body).toMatchObject({
      following: false,
      applied: true,
    });
  });
});

describe('authorisation and input', () => {
  it('signed out: 401; the follower is always the session user', async () => {
    expect((await device(app).put(ACCOUNT_API.followAuthor('u_bo'), { opId: 'op-anon-01' })).status).toBe(401);
    expect((await device(app).get(ACCOUNT_API.follows)).status).toBe(401);
    const { d } = await user();
    const res = await d.put(ACCOUNT_API.followAuthor('u_bo'), { opId: 'op-as-other', followerId: 'u_ana' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/^followerId is not a field/) });
  });

  it.each([
    [{}, {}, /^opId is required/],
    [{ opId: 'short' }, {}, /^opId must be 8–64/],
    [{}, { 'Idempotency-Key': 'bad key!' }, /Idempotency-Key header/],
    [{ opId: 'op-one-0001' }, { 'Idempotency-Key': 'op-two-0002' }, /^opId and the Idempotency-Key header differ/],
    [{ opId: 'op-bad-at-1', at: 'yesterday' }, {}, /^at must be an ISO-8601 timestamp/],
  ])('400 for body %j headers %j', async (body, headers, message) => {
    const { d } = await user();
    const res = await d.put(ACCOUNT_API.followAuthor('u_bo'), body, headers);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', message: expect.stringMatching(message) });
  });

  it('cannot follow yourself, an unknown author or an unknown tag', async () => {
    const { d, info } = await user();
    expect((await d.put(ACCOUNT_API.followAuthor(info.user.id), { opId: 'op-self-01' })).status).toBe(400);
    expect((await d.put(ACCOUNT_API.followAuthor('u_nobody'), { opId: 'op-nobody-1' })).status).toBe(404);
    expect((await d.put(ACCOUNT_API.followTag('no-such-tag'), { opId: 'op-notag-01' })).status).toBe(404);
    expect((await d.put(ACCOUNT_API.followTag('Bad_Slug'), { opId: 'op-badtag-1' })).status).toBe(400);
  });
});

describe('lists', () => {
  it('GET /api/me/follows lists authors and tags; followers/following page newest first', async () => {
    const users = [await user(), await user(), await user()];
    for (const [i, u] of users.entries()) {
      await u.d.put(ACCOUNT_API.followAuthor('u_cy'), { opId: `op-list-${i}-abc`, at: t(10 + i) });
    }
    await users[0]!.d.put(ACCOUNT_API.followTag('queues'), { opId: 'op-list-tag-1' });
    const mine = (await users[0]!.d.get(ACCOUNT_API.follows)).body as MyFollows;
    expect(mine.authors).toEqual([{ id: 'u_cy', handle: 'cy', displayName: expect.any(String), followedAt: t(10) }]);
    expect(mine.tags).toEqual([{ slug: 'queues', name: 'Queues', followedAt: expect.any(String) }]);

    const ids: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = (
        await device(app).get(`${ACCOUNT_API.followers('u_cy')}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).body as Page<FollowEntry>;
      ids.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    }
    const mineOnly = new Set(users.map((u) => u.info.user.id));
    expect(ids.filter((id) => mineOnly.has(id))).toEqual(users.map((u) => u.info.user.id).reverse());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await followers('u_cy'));

    const following = (await device(app).get(ACCOUNT_API.following(users[0]!.info.user.id))).body as Page<FollowEntry>;
    expect(following).toEqual({ items: [expect.objectContaining({ id: 'u_cy' })], nextCursor: null });
    expect((await device(app).get(ACCOUNT_API.followers('u_nobody'))).status).toBe(404);
    expect((await device(app).get(`${ACCOUNT_API.followers('u_cy')}?cursor=garbage`)).status).toBe(400);
  });
});

describe('the Following feed (GET /api/me/feed)', () => {
  const feedPage = async (d: Awaited<ReturnType<typeof user>>['d'], query = '') =>
    (await d.get(`${ACCOUNT_API.feed}${query}`)).body as Page<PostSummary>;

  it('is empty until you follow something, then holds posts by followed authors and tags, newest first', async () => {
    const { d } = await user();
    expect(await feedPage(d)).toEqual({ items: [], nextCursor: null });
    await d.put(ACCOUNT_API.followAuthor('u_bo'), { opId: 'op-feed-bo-1' });
    await d.put(ACCOUNT_API.followTag('raft'), { opId: 'op-feed-raft-1' });
    const slugs: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page<PostSummary> = await feedPage(d, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      slugs.push(...page.items.map((p) => p.slug));
      cursor = page.nextCursor;
    }
    // Bo wrote posts 2 and 3; raft holds post 4 and posts 20–24 (one timestamp, ties by id descending).
    expect(slugs).toEqual(['post-2', 'post-3', 'post-4', 'post-24', 'post-23', 'post-22', 'post-21', 'post-20']);

    await d.delete(ACCOUNT_API.followTag('raft'), { opId: 'op-feed-raft-2' });
    expect((await feedPage(d)).items.map((p) => p.slug)).toEqual(['post-2', 'post-3']);
  });

  it('a post both by a followed author and with a followed tag appears once', async () => {
    const { d } = await user();
    await d.put(ACCOUNT_API.followAuthor('u_ana'), { opId: 'op-feed-ana-1' });
    await d.put(ACCOUNT_API.followTag('caching'), { opId: 'op-feed-caching-1' });
    const { items } = await feedPage(d, '?limit=50');
    expect(items.filter((p) => p.slug === 'post-1')).toHaveLength(1);
    expect(items.every((p) => p.author.id === 'u_ana')).toBe(true);
  });

  it('is private: no cache may keep it', async () => {
    const { d } = await user();
    expect((await d.get(ACCOUNT_API.feed)).res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('needs a session, and refuses a bad cursor', async () => {
    expect((await device(app).get(ACCOUNT_API.feed)).status).toBe(401);
    const { d } = await user();
    expect((await d.get(`${ACCOUNT_API.feed}?cursor=garbage`)).status).toBe(400);
  });
});
