/** Comments through the HTTP API: threads, Markdown without HTML, edit/delete, counts, limits, idempotency. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { API } from '../../../shared/src/model/api.ts';
import type { Author, Post } from '../../../shared/src/model/catalog.ts';
import {
  COMMENT_LIMITS,
  type CommentDeleted,
  type CommentThread,
  type CommentView,
  SOCIAL_API,
} from '../../../shared/src/model/social-api.ts';
import { SQLITE_FILE_NAME } from '../storage/sqlite/sqlite-store.ts';
import { socialApp, type TestUser, useSocialApp } from '../testing/social-app.ts';

const t = useSocialApp();

let ops = 0;
const op = () => {
  ops += 1;
  return `op-comment-${String(ops).padStart(4, '0')}`;
};

async function comment(u: TestUser, postId: string, body: string, parentId?: string): Promise<CommentView> {
  const res = await u.d.post(SOCIAL_API.comments(postId), { body, opId: op(), ...(parentId ? { parentId } : {}) });
  expect(res.status).toBe(201);
  // Order is by creation time; keep each comment in its own millisecond.
  await new Promise((resolve) => setTimeout(resolve, 2));
  return res.body as CommentView;
}

const thread = async (postId: string, u?: TestUser, query = '') =>
  (await (u?.d ?? t.anonymous()).get(`${SOCIAL_API.comments(postId)}${query}`)).body as CommentThread;
const postCount = async (slug: string) => ((await t.anonymous().get(API.post(slug))).body as Post).commentCount;
const written = async (id: string) => ((await t.anonymous().get(API.authorById(id))).body as Author).commentCount;

describe('writing comments', () => {
  it('stores Markdown as structured content; HTML comes back as literal text', async () => {
    const u = await t.user();
    const view = await comment(u, 'p_010', 'Nice **point**.\n\n<img src=x onerror=alert(1)>');
    expect(view).toMatchObject({ state: 'visible', depth: 0, parentId: null, author: { id: u.id }, editedAt: null });
    expect(view.content).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Nice ' },
            { type: 'text', text: 'point', marks: [{ type: 'bold' }] },
            { type: 'text', text: '.' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }] },
      ],
    });
    expect(JSON.stringify((await thread('p_010')).items)).not.toMatch(/"type":"(html|image)"/);
  });

  it('replayed with the same key, it is one comment with the same answer; counts go up by one', async () => {
    const u = await t.user();
    const [cardBefore, writtenBefore] = [await postCount('post-11'), await written(u.id)];
    const send = () => u.d.post(SOCIAL_API.comments('p_011'), { body: 'Once.' }, { 'Idempotency-Key': 'op-once-0001' });
    const [first, second, third] = [await send(), await send(), await send()];
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(second.body).toEqual(first.body);
    expect(third.res.headers.get('idempotent-replayed')).toBe('true');
    expect((await thread('p_011')).items.filter((c) => c.author?.id === u.id)).toHaveLength(1);
    expect(await postCount('post-11')).toBe(cardBefore + 1);
    expect(await written(u.id)).toBe(writtenBefore + 1);
    expect((await thread('p_011')).total).toBe(cardBefore + 1);
  });

  it('threads replies to replies, and a reply past the depth limit goes beside its parent', async () => {
    const [a, b] = [await t.user(), await t.user()];
    const top = await comment(a, 'p_012', 'Top.');
    let parent = top;
    const chain = [top];
    for (let depth = 1; depth <= COMMENT_LIMITS.maxDepth + 1; depth++) {
      parent = await comment(depth % 2 ? b : a, 'p_012', `Level ${depth}.`, parent.id);
      chain.push(parent);
    }
    expect(chain.map((c) => c.depth)).toEqual([0, 1, 2, 3, 4, 4]);
    expect(chain.at(-1)?.parentId).toBe(chain.at(-3)?.id);
    const second = await comment(b, 'p_012', 'Second top.');
    const page = await thread('p_012');
    expect(page.items.map((c) => c.id)).toEqual([top.id, second.id]);
    const path: string[] = [];
    let node: CommentView | undefined = page.items[0];
    while (node) {
      path.push(node.id);
      node = node.replies[0];
    }
    expect(path).toEqual(chain.slice(0, 5).map((c) => c.id));
    expect(page.items[0]?.replies[0]?.replies[0]?.replies[0]?.replies.map((c) => c.id)).toEqual([
      chain[4]?.id,
      chain[5]?.id,
    ]);
  });

  it('pages by top-level comment, each with all its replies', async () => {
    const u = await t.user();
    const tops = [];
    for (let i = 0; i < 3; i++) {
      tops.push(await comment(u, 'p_013', `Top ${i}.`));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const reply = await comment(u, 'p_013', 'Reply to the first.', tops[0]?.id);
    const first = await thread('p_013', undefined, '?limit=2');
    expect(first.items.map((c) => c.id)).toEqual([tops[0]?.id, tops[1]?.id]);
    expect(first.items[0]?.replies.map((c) => c.id)).toEqual([reply.id]);
    expect(first.nextCursor).not.toBeNull();
    const next = await thread('p_013', undefined, `?limit=2&cursor=${first.nextCursor}`);
    expect(next.items.map((c) => c.id)).toEqual([tops[2]?.id]);
    expect(next.nextCursor).toBeNull();
  });
});

describe('editing and deleting', () => {
  it('edits your own comment and marks it edited; someone else gets 403', async () => {
    const [a, b] = [await t.user(), await t.user()];
    const mine = await comment(a, 'p_014', 'Frist.');
    const edited = await a.d.patch(SOCIAL_API.comment(mine.id), { body: 'First, *fixed*.', opId: op() });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ markdown: 'First, *fixed*.', editedAt: expect.any(String) });
    const other = await b.d.patch(SOCIAL_API.comment(mine.id), { body: 'Mine now.', opId: op() });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ message: 'You can only edit your own comments.' });
    expect((await b.d.delete(SOCIAL_API.comment(mine.id), { opId: op() })).status).toBe(403);
  });

  it('a deleted comment with replies stays as [deleted] without author or body; one without disappears', async () => {
    const [a, b] = [await t.user(), await t.user()];
    const before = await postCount('post-15');
    const writtenBefore = await written(a.id);
    const parent = await comment(a, 'p_015', 'Parent.');
    const reply = await comment(b, 'p_015', 'Reply.', parent.id);
    const lonelyAdd = await a.d.post(SOCIAL_API.comments('p_015'), { body: 'Alone.', opId: 'op-add-lonely' });
    const lonely = lonelyAdd.body as CommentView;
    expect(await written(a.id)).toBe(writtenBefore + 2);

    const kept = await a.d.delete(SOCIAL_API.comment(parent.id), undefined, { 'Idempotency-Key': 'op-del-parent' });
    expect(kept.body).toEqual({ id: parent.id, removed: false } satisfies CommentDeleted);
    const gone = await a.d.delete(SOCIAL_API.comment(lonely.id), { opId: 'op-del-lonely' });
    expect(gone.body).toEqual({ id: lonely.id, removed: true });
    // A replay after it is gone still answers what it answered.
    const replay = await a.d.delete(SOCIAL_API.comment(lonely.id), { opId: 'op-del-lonely' });
    expect(replay).toMatchObject({ status: 200, body: { id: lonely.id, removed: true } });
    // Replaying the add answers without its text: a deleted comment's words are gone from replays too.
    const addReplay = await a.d.post(SOCIAL_API.comments('p_015'), { body: 'Alone.', opId: 'op-add-lonely' });
    expect(addReplay.body).toMatchObject({ id: lonely.id, state: 'deleted', markdown: null, content: null });
    expect(JSON.stringify(addReplay.body)).not.toContain('Alone.');
    const db = new Database(join(t.dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const ops = db.prepare('SELECT request, result_json FROM write_ops').all();
      expect(ops.length).toBeGreaterThan(0);
      expect(JSON.stringify(ops)).not.toMatch(/Alone\.|Parent\./);
    } finally {
      db.close();
    }
    // Deleting again under a new key: it is not there any more.
    expect((await a.d.delete(SOCIAL_API.comment(lonely.id), { opId: op() })).status).toBe(404);

    const page = await thread('p_015', a);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: parent.id,
      state: 'deleted',
      author: null,
      content: null,
      markdown: null,
    });
    expect(page.items[0]?.replies.map((c) => c.id)).toEqual([reply.id]);
    expect(JSON.stringify(page)).not.toContain('Parent.');
    expect(await postCount('post-15')).toBe(before + 1);
    expect(page.total).toBe(before + 1);
    expect(await written(a.id)).toBe(writtenBefore);
    expect((await a.d.patch(SOCIAL_API.comment(parent.id), { body: 'Back?', opId: op() })).status).toBe(404);
    const toDeleted = await b.d.post(SOCIAL_API.comments('p_015'), { body: 'Hello?', parentId: parent.id, opId: op() });
    expect(toDeleted).toMatchObject({ status: 404, body: { message: expect.stringMatching(/was deleted/) } });

    // When the last reply goes, the [deleted] parent goes with it.
    await b.d.delete(SOCIAL_API.comment(reply.id), { opId: op() });
    expect((await thread('p_015')).items).toEqual([]);
  });
});

describe('refusals', () => {
  it('checks the body: empty, too long, wrong types, unknown fields, oversized request', async () => {
    const u = await t.user();
    const path = SOCIAL_API.comments('p_016');
    const long = 'x'.repeat(COMMENT_LIMITS.bodyMax + 1);
    const cases: [unknown, RegExp][] = [
      [{ body: '   ', opId: op() }, /body is empty/],
      [{ body: '---\n\n![](https://example.com/a.png)', opId: op() }, /body has no text to show/],
      [{ body: long, opId: op() }, /longer than 5000 characters; shorten it/],
      [{ body: 12, opId: op() }, /body must be text/],
      [{ opId: op() }, /body is required/],
      [{ body: 'Hi', parentId: 7, opId: op() }, /parentId must be text/],
      [{ body: 'Hi', parentId: 'not a valid id!', opId: op() }, /parentId is not a valid comment id/],
      [{ body: 'Hi', html: '<b>', opId: op() }, /html is not a field/],
      [{ body: 'Hi' }, /opId is required/],
    ];
    for (const [body, message] of cases) {
      const res = await u.d.post(path, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body).toEqual({ error: 'bad_request', message: expect.stringMatching(message) });
    }
    expect((await u.d.post(path, { body: 'x'.repeat(COMMENT_LIMITS.bodyMax), opId: op() })).status).toBe(201);
    const huge = await u.d.post(path, { body: 'y'.repeat(70_000), opId: op() });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: 'too_large' });
  });

  it('unknown post, unknown parent, a parent on another post, signed out, missing CSRF', async () => {
    const u = await t.user();
    const elsewhere = await comment(u, 'p_017', 'On 17.');
    const cases: [Promise<{ status: number; body: unknown }>, number, RegExp][] = [
      [u.d.post(SOCIAL_API.comments('p_nope'), { body: 'Hi', opId: op() }), 404, /no post with id "p_nope"/],
      [u.d.post(SOCIAL_API.comments('p_016'), { body: 'Hi', parentId: 'c_nope', opId: op() }), 404, /reply to/],
      [u.d.post(SOCIAL_API.comments('p_016'), { body: 'Hi', parentId: elsewhere.id, opId: op() }), 404, /on this post/],
      [t.anonymous().post(SOCIAL_API.comments('p_016'), { body: 'Hi', opId: op() }), 401, /not signed in/],
      [u.d.post(SOCIAL_API.comments('p_016'), { body: 'Hi', opId: op() }, { 'X-SDP-CSRF': '' }), 403, /X-SDP-CSRF/],
      [
        u.d.post(SOCIAL_API.comments('p_016'), { body: 'Hi', opId: op() }, { 'X-SDP-CSRF': 'wrong' }),
        403,
        /does not match/,
      ],
      [u.d.patch(SOCIAL_API.comment('c_nope'), { body: 'Hi', opId: op() }), 404, /no comment/],
      [t.anonymous().get(SOCIAL_API.comments('p_nope')), 404, /no post/],
    ];
    for (const [reply, status, message] of cases) {
      const res = await reply;
      expect(res.status).toBe(status);
      expect((res.body as { message: string }).message).toMatch(message);
    }
  });

  it('the same key for a different comment is a 409', async () => {
    const u = await t.user();
    await u.d.post(SOCIAL_API.comments('p_018'), { body: 'One.', opId: 'op-same-key-1' });
    const other = await u.d.post(SOCIAL_API.comments('p_018'), { body: 'Two.', opId: 'op-same-key-1' });
    expect(other.status).toBe(409);
    expect((await thread('p_018')).items.map((c) => c.markdown)).toEqual(['One.']);
  });

  it('rate-limits comments per user with 429, Retry-After and a message', async () => {
    const limited = await socialApp({ rateLimits: { comments: { burst: 2, refillMs: 20_000 } } });
    try {
      const u = await limited.user();
      for (let i = 0; i < 2; i++) {
        expect((await u.d.post(SOCIAL_API.comments('p_001'), { body: `Hi ${i}`, opId: `op-rl-c-${i}00` })).status).toBe(
          201,
        );
      }
      const third = await u.d.post(SOCIAL_API.comments('p_001'), { body: 'Hi again', opId: 'op-rl-c-300' });
      expect(third.status).toBe(429);
      expect(third.res.headers.get('retry-after')).toBe('20');
      expect(third.body).toMatchObject({
        message: 'You are commenting too fast. Wait 20 seconds and try again; nothing was lost.',
      });
    } finally {
      await limited.cleanup();
    }
  });
});
