/** Reactions through the HTTP API: idempotent set/clear, counts on the post card, who reacted, bad input. */
import { describe, expect, it } from 'vitest';
import { API } from '../../../shared/src/model/api.ts';
import type { Page, Post } from '../../../shared/src/model/catalog.ts';
import {
  REACTION_LABELS,
  type ReactionSummary,
  type Reactor,
  SOCIAL_API,
} from '../../../shared/src/model/social-api.ts';
import { socialApp, useSocialApp } from '../testing/social-app.ts';

const t = useSocialApp();

const cardCount = async (slug: string) => ((await t.anonymous().get(API.post(slug))).body as Post).reactionCount;

describe('reactions', () => {
  it('has the three kinds with their labels', () => {
    expect(REACTION_LABELS).toEqual({ like: 'Like', insightful: 'Insightful', bookmark: 'Bookmark-worthy' });
  });

  it('a like replayed with the same key counts once; the summary says whether I reacted', async () => {
    const { d } = await t.user();
    const before = await cardCount('post-1');
    const replies = [];
    for (let i = 0; i < 3; i++) {
      replies.push(await d.put(SOCIAL_API.reaction('p_001', 'like'), undefined, { 'Idempotency-Key': 'op-like-p1-1' }));
    }
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const reply of replies) {
      expect(reply.body).toEqual({ opId: 'op-like-p1-1', postId: 'p_001', kind: 'like', reacted: true, count: 2 });
    }
    expect(replies.map((r) => r.res.headers.get('idempotent-replayed'))).toEqual([null, 'true', 'true']);
    expect(await cardCount('post-1')).toBe(before + 1);

    const mine = (await d.get(SOCIAL_API.reactions('p_001'))).body as ReactionSummary;
    expect(mine).toEqual({
      postId: 'p_001',
      counts: { like: 2, insightful: 0, bookmark: 0 },
      total: 2,
      mine: ['like'],
    });
    expect(((await t.anonymous().get(SOCIAL_API.reactions('p_001'))).body as ReactionSummary).mine).toEqual([]);
  });

  it('removing is idempotent too, and a replay of the earlier add does not bring it back', async () => {
    const { d } = await t.user();
    await d.put(SOCIAL_API.reaction('p_002', 'insightful'), { opId: 'op-ins-add-1' });
    const removed = await d.delete(SOCIAL_API.reaction('p_002', 'insightful'), { opId: 'op-ins-del-1' });
    expect(removed.body).toMatchObject({ reacted: false, count: 0 });
    expect((await d.delete(SOCIAL_API.reaction('p_002', 'insightful'), { opId: 'op-ins-del-2' })).status).toBe(200);
    const replay = await d.put(SOCIAL_API.reaction('p_002', 'insightful'), { opId: 'op-ins-add-1' });
    expect(replay.body).toMatchObject({ reacted: true, count: 1 });
    expect(((await d.get(SOCIAL_API.reactions('p_002'))).body as ReactionSummary).mine).toEqual([]);
  });

  it('the same key for a different change is a 409 and changes nothing', async () => {
    const { d } = await t.user();
    await d.put(SOCIAL_API.reaction('p_004', 'like'), { opId: 'op-reuse-001' });
    const reused = await d.put(SOCIAL_API.reaction('p_004', 'bookmark'), { opId: 'op-reuse-001' });
    expect(reused.status).toBe(409);
    expect(reused.body).toEqual({ error: 'conflict', message: expect.stringMatching(/generate a new key/) });
    expect(((await d.get(SOCIAL_API.reactions('p_004'))).body as ReactionSummary).mine).toEqual(['like']);
  });

  it('two users may use the same key: keys are per user', async () => {
    const [a, b] = [await t.user(), await t.user()];
    await a.d.put(SOCIAL_API.reaction('p_005', 'like'), { opId: 'op-shared-01' });
    const other = await b.d.put(SOCIAL_API.reaction('p_005', 'like'), { opId: 'op-shared-01' });
    expect(other.res.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body).toMatchObject({ count: 2 });
  });

  it('lists who reacted, newest first, in pages', async () => {
    const users = [await t.user(), await t.user(), await t.user()];
    for (const [i, u] of users.entries()) {
      await u.d.put(SOCIAL_API.reaction('p_006', 'bookmark'), { opId: `op-bm-${i}-000` });
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const ids: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await t.anonymous().get(`${SOCIAL_API.reaction('p_006', 'bookmark')}?limit=2${query}`))
        .body as Page<Reactor>;
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(ids).toEqual(users.map((u) => u.id).reverse());
  });

  it('refuses bad input with a message that says what to do', async () => {
    const { d } = await t.user();
    const cases: [Promise<{ status: number; body: unknown }>, number, RegExp][] = [
      [d.put(SOCIAL_API.reaction('p_nope', 'like'), { opId: 'op-unknown-1' }), 404, /no post/],
      [d.put(SOCIAL_API.reaction('p_001', 'love'), { opId: 'op-badkind-1' }), 400, /kind must be one of like/],
      [d.put(SOCIAL_API.reaction('p_001', 'like'), {}), 400, /opId is required/],
      [d.put(SOCIAL_API.reaction('p_001', 'like'), { opId: 42 }), 400, /opId must be text/],
      [
        d.put(SOCIAL_API.reaction('p_001', 'like'), { opId: 'op-extra-01', userId: 'u_ana' }),
        400,
        /userId is not a field/,
      ],
      [d.put(SOCIAL_API.reaction('p_001', 'like'), ['op-array-01']), 400, /not a list/],
      [d.put(SOCIAL_API.reaction('p_001', 'like'), { opId: 'op-csrf-001' }, { 'X-SDP-CSRF': '' }), 403, /X-SDP-CSRF/],
      [t.anonymous().put(SOCIAL_API.reaction('p_001', 'like'), { opId: 'op-anon-001' }), 401, /not signed in/],
      [t.anonymous().get(SOCIAL_API.reactions('p_nope')), 404, /no post/],
      [t.anonymous().get(`${SOCIAL_API.reaction('p_001', 'like')}?cursor=garbage`), 400, /cursor is not valid/],
    ];
    for (const [reply, status, message] of cases) {
      const res = await reply;
      expect(res.status).toBe(status);
      expect((res.body as { message: string }).message).toMatch(message);
    }
    const crossSite = await d.put(
      SOCIAL_API.reaction('p_001', 'like'),
      { opId: 'op-cross-01' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(crossSite.status).toBe(403);
  });

  it('rate-limits per user with 429, Retry-After and a message', async () => {
    const limited = await socialApp({ rateLimits: { reactions: { burst: 2, refillMs: 60_000 } } });
    try {
      const { d } = await limited.user();
      const other = await limited.user();
      await d.put(SOCIAL_API.reaction('p_001', 'like'), { opId: 'op-rl-00001' });
      await d.put(SOCIAL_API.reaction('p_001', 'insightful'), { opId: 'op-rl-00002' });
      const third = await d.put(SOCIAL_API.reaction('p_001', 'bookmark'), { opId: 'op-rl-00003' });
      expect(third.status).toBe(429);
      expect(third.res.headers.get('retry-after')).toBe('60');
      expect(third.body).toEqual({
        error: 'rate_limited',
        message: expect.stringMatching(/too fast\. Wait 60 seconds/),
      });
      expect((await other.d.put(SOCIAL_API.reaction('p_001', 'like'), { opId: 'op-rl-other' })).status).toBe(200);
    } finally {
      await limited.cleanup();
    }
  });
});
