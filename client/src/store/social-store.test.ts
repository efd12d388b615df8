import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_API, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import type { SessionInfo } from '../../../shared/src/model/accounts.ts';
import type { CommentThread, CommentView, ReactionSummary } from '../../../shared/src/model/social-api.ts';
import { createApiClient } from './api-client.ts';
import { createCatalog } from './catalog.ts';
import { createComments } from './comments.ts';
import { createReactions } from './reactions.ts';
import { signedInDevice } from './test-device.ts';
import { author, eventually, makePost } from './test-fixtures.ts';

const ref = { id: author.id, handle: author.handle, displayName: author.displayName, avatarUrl: null };

/** One signed-in user, one post (`p1`): reactions and comments as the server keeps them, by op id. */
function fakeServer() {
  const server = {
    offline: false,
    refuse: null as string | null,
    likes: 3,
    mine: false,
    pageSize: 50,
    comments: [] as CommentView[],
    ops: new Map<string, unknown>(),
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const summary = (): ReactionSummary => ({
    postId: 'p1',
    counts: { like: server.likes, insightful: 0, bookmark: 0 },
    total: server.likes,
    mine: server.mine ? ['like'] : [],
  });
  const client = createApiClient({
    base: 'http://test.local',
    isOnline: () => !server.offline,
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      const path = new URL(input).pathname;
      const method = init?.method ?? 'GET';
      if (path === ACCOUNT_API.session) {
        const info: SessionInfo = {
          user: { id: author.id, handle: author.handle, displayName: author.displayName },
          csrfToken: 'c1',
          syncToken: 's',
          userDoc: '',
        };
        return json(200, info);
      }
      if (method === 'GET' && path === '/api/posts/p1/reactions') return json(200, summary());
      if (method === 'GET' && path === '/api/posts/p1/comments') {
        // Pages of `pageSize` top-level comments; the cursor is where the next page starts.
        const from = Number(new URL(input).searchParams.get('cursor') ?? 0);
        const to = from + server.pageSize;
        const thread: CommentThread = {
          items: server.comments.slice(from, to),
          nextCursor: to < server.comments.length ? String(to) : null,
          total: server.comments.length,
        };
        return json(200, thread);
      }
      const op = new Headers(init?.headers).get(IDEMPOTENCY_HEADER) ?? '';
      if (server.ops.has(op)) return json(200, server.ops.get(op));
      if (server.refuse) return json(404, { error: 'not_found', message: server.refuse });
      if (path === '/api/posts/p1/reactions/like') {
        const on = method === 'PUT';
        if (on !== server.mine) server.likes += on ? 1 : -1;
        server.mine = on;
        const result = { opId: op, postId: 'p1', kind: 'like', reacted: on, count: server.likes };
        server.ops.set(op, result);
        return json(200, result);
      }
      if (path === '/api/posts/p1/comments' && method === 'POST') {
        const body = JSON.parse(String(init?.body)) as { body: string; parentId: string | null };
        const view: CommentView = {
          id: `c${server.comments.length + 1}`,
          postId: 'p1',
          parentId: body.parentId,
          depth: 0,
          state: 'visible',
          author: ref,
          content: { type: 'doc', content: [] } as unknown as CommentView['content'],
          markdown: body.body,
          createdAt: '2026-01-01T00:00:00.000Z',
          editedAt: null,
          hidden: false,
          replies: [],
        };
        server.comments.push(view);
        server.ops.set(op, view);
        return json(201, view);
      }
      return json(404, { error: 'not_found', message: path });
    },
  });
  return { server, client };
}

async function setup() {
  const { server, client } = fakeServer();
  const { database, box } = await signedInDevice(client);
  const reactions = createReactions({ database, client, box });
  const comments = createComments({ database, client, box });
  return { server, box, database, reactions, comments };
}

describe('reactions and comments on the device', () => {
  it('offline: shown at once as pending; online: sent once each, confirmed, counts from the server', async () => {
    const { server, box, reactions, comments } = await setup();
    await reactions.refresh('p1', author.id);
    await comments.refresh('p1', author.id);
    server.offline = true;
    await reactions.set('p1', 'like', true);
    await comments.add('p1', 'Written offline');

    const like = async () => (await reactions.live('p1', author.id).read()).find((r) => r.kind === 'like');
    expect(await like()).toMatchObject({ count: 4, mine: true, pending: true });
    expect((await comments.live('p1', author.id).read())?.items).toMatchObject([
      { draft: 'Written offline', pending: 'add', local: true },
    ]);

    server.offline = false;
    await box.replay(true);
    await eventually(async () => {
      expect(await like()).toMatchObject({ count: 4, mine: true, pending: false });
      expect((await comments.live('p1', author.id).read())?.items).toMatchObject([
        { id: 'c1', markdown: 'Written offline', pending: null, local: false },
      ]);
    });
    expect(server.likes).toBe(4);
    expect(server.comments).toHaveLength(1);
    expect(await box.entries().read()).toEqual([]);
  });

  it('a refused comment keeps its text and the server message; Retry sends it, Drop forgets it', async () => {
    const { server, box, comments } = await setup();
    await comments.refresh('p1', author.id);
    server.refuse = 'This post was removed.';
    await comments.add('p1', 'First');
    await comments.add('p1', 'Second');
    await eventually(async () => {
      const items = (await comments.live('p1', author.id).read())?.items ?? [];
      expect(items.map((c) => c.refused?.message)).toEqual(['This post was removed.', 'This post was removed.']);
    });
    const items = (await comments.live('p1', author.id).read())?.items ?? [];
    const first = items.find((c) => c.draft === 'First');
    const second = items.find((c) => c.draft === 'Second');
    await comments.drop(second?.refused?.entryId ?? '');
    server.refuse = null;
    await comments.retry(first?.refused?.entryId ?? '');
    await eventually(async () => {
      expect((await comments.live('p1', author.id).read())?.items.map((c) => c.markdown)).toEqual(['First']);
    });
    expect(server.comments.map((c) => c.markdown)).toEqual(['First']);
    expect(await box.entries().read()).toEqual([]);
  });

  it('"Load more" adds the next page of top-level comments to the kept thread', async () => {
    const { server, comments } = await setup();
    for (const text of ['one', 'two', 'three']) await comments.add('p1', text);
    await eventually(() => expect(server.comments).toHaveLength(3));
    server.pageSize = 2;
    await comments.refresh('p1', author.id);
    const view = () => comments.live('p1', author.id).read();
    expect(await view()).toMatchObject({ total: 3, more: true });
    expect((await view())?.items).toHaveLength(2);
    await comments.loadMore('p1', author.id);
    expect(await view()).toMatchObject({ total: 3, more: false });
    expect((await view())?.items.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('once a reaction or comment is confirmed, the kept post shows the server’s counts in its header', async () => {
    const { server, database, reactions, comments } = await setup();
    await createCatalog(database, createApiClient()).putPost(makePost(1, { reactionCount: 3, commentCount: 0 }));
    const header = async () => {
      const post = await createCatalog(database, createApiClient()).readPost('post-1');
      return [post?.reactionCount, post?.commentCount];
    };
    await reactions.set('p1', 'like', true);
    await comments.add('p1', 'Counted');
    await eventually(async () => expect(await header()).toEqual([4, 1]));
    expect([server.likes, server.comments.length]).toEqual([4, 1]);
  });
});
