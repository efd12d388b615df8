/** The SQLite SocialStore: one change per op id, thread shape, deletes that keep or remove, and counts. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureCatalog, hoursAgo, tempStore } from '../../testing/fixtures.ts';
import type { NewComment, OpRecord, StoredComment } from '../social-store.ts';
import type { Store } from '../store.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = tempStore());
  await store.importCatalog(fixtureCatalog());
});
afterEach(() => cleanup());

let n = 0;
const record = (userId: string, request = 'r'): OpRecord => ({
  userId,
  opId: `op-store-${++n}`,
  request,
  receivedAt: hoursAgo(0),
});

async function add(userId: string, parent: StoredComment | null, postId = 'p_004'): Promise<StoredComment> {
  n += 1;
  const comment: NewComment = {
    id: `c_t${n}`,
    postId,
    userId,
    parent: parent && { id: parent.id, rootId: parent.rootId, depth: parent.depth },
    markdown: `Comment ${n}`,
    contentJson: '{"type":"doc","content":[]}',
    createdAt: new Date(Date.UTC(2025, 5, 1, 0, 0, n)).toISOString(),
  };
  const outcome = await store.addComment(record(userId), comment);
  if (outcome.kind !== 'done') throw new Error(`addComment: ${outcome.kind}`);
  return outcome.result;
}

const summary = async (slug: string) => (await store.getPostBySlug(slug))?.summary;

describe('SQLite social store', () => {
  it('applies an op once: the same op id is answered from its record, the row is not written twice', async () => {
    const op = record('u_bo', 'like p_002');
    const first = await store.setReaction(op, { postId: 'p_002', kind: 'like', on: true });
    expect(first).toEqual({ kind: 'done', result: expect.objectContaining({ reacted: true, count: 1 }) });
    const again = await store.setReaction(op, { postId: 'p_002', kind: 'like', on: true });
    expect(again).toEqual({
      kind: 'seen',
      op: { request: 'like p_002', resultJson: JSON.stringify(first.kind === 'done' && first.result) },
    });
    expect(await store.getOp('u_bo', op.opId)).toEqual({ request: 'like p_002', resultJson: expect.any(String) });
    expect(await store.getOp('u_ana', op.opId)).toBeNull();
    expect((await summary('post-2'))?.reactionCount).toBe(1);
    expect(await store.setReaction(record('u_bo'), { postId: 'p_nope', kind: 'like', on: true })).toEqual({
      kind: 'missing',
    });
  });

  it('threads: depth and root follow the parent; replies are listed by their top-level comment', async () => {
    const top = await add('u_ana', null);
    const reply = await add('u_bo', top);
    const deeper = await add('u_cy', reply);
    expect([top, reply, deeper].map((c) => [c.depth, c.parentId, c.rootId])).toEqual([
      [0, null, null],
      [1, top.id, top.id],
      [2, reply.id, top.id],
    ]);
    const roots = await store.listTopLevelComments('p_004', { limit: 10 });
    expect(roots.map((c) => c.id)).toEqual([top.id]);
    expect((await store.listReplies([top.id])).map((c) => c.id)).toEqual([reply.id, deeper.id]);
    expect(await store.listReplies([])).toEqual([]);
  });

  it('imports replies: depth and root come from the parent; an unknown parent fails the whole import', async () => {
    const base = { users: [], tags: [], series: [], posts: [], follows: [], tagFollows: [], reactions: [] };
    const comment = (id: string, parentId: string | null) => ({
      id,
      postId: 'p_003',
      userId: 'u_bo',
      body: `Imported ${id}`,
      createdAt: hoursAgo(5),
      parentId,
    });
    await store.importCatalog({ ...base, comments: [comment('c_i2', 'c_1'), comment('c_i3', 'c_i2')] });
    expect(await store.getComment('c_i3')).toMatchObject({ parentId: 'c_i2', rootId: 'c_1', depth: 2 });
    await expect(
      store.importCatalog({ ...base, comments: [comment('c_i4', null), comment('c_i5', 'c_nope')] }),
    ).rejects.toThrow(/replies to c_nope/);
    expect(await store.getComment('c_i4')).toBeNull();
  });

  it('delete keeps a comment with replies (body wiped), removes one without, and deleted ancestors left alone', async () => {
    const top = await add('u_ana', null);
    const middle = await add('u_bo', top);
    const leaf = await add('u_cy', middle);
    expect(await store.deleteComment(record('u_ana'), { id: top.id, at: hoursAgo(0) })).toMatchObject({
      result: { removed: false },
    });
    expect(await store.getComment(top.id)).toMatchObject({
      markdown: '',
      contentJson: null,
      deletedAt: expect.any(String),
    });
    expect(await store.deleteComment(record('u_bo'), { id: middle.id, at: hoursAgo(0) })).toMatchObject({
      result: { removed: false },
    });
    expect(await store.deleteComment(record('u_cy'), { id: leaf.id, at: hoursAgo(0) })).toMatchObject({
      result: { removed: true },
    });
    expect(await store.getComment(top.id)).toBeNull();
    expect(await store.getComment(middle.id)).toBeNull();
    // The stored results of their writes no longer hold their text.
    for (const c of [top, middle, leaf]) {
      const added = await store.getOp(c.author.id, `op-store-${Number(c.id.slice(3)) + 1}`);
      expect(added?.resultJson).toContain(`"deletedAt":"`);
      expect(added?.resultJson).not.toContain(`Comment ${c.id.slice(3)}`);
    }
    expect(await store.deleteComment(record('u_cy'), { id: leaf.id, at: hoursAgo(0) })).toEqual({ kind: 'missing' });
  });

  it('post cards count neither deleted nor hidden comments; "comments written" counts hidden ones', async () => {
    const before = await summary('post-4');
    const writtenBefore = (await store.getAuthor({ id: 'u_bo' }))?.commentCount ?? 0;
    const hidden = await add('u_bo', null);
    const kept = await add('u_bo', null);
    await add('u_ana', kept);
    const gone = await add('u_bo', null);
    await store.setCommentHidden(record('u_cy'), { id: hidden.id, hidden: true, at: hoursAgo(0) });
    await store.deleteComment(record('u_bo'), { id: kept.id, at: hoursAgo(0) });
    await store.deleteComment(record('u_bo'), { id: gone.id, at: hoursAgo(0) });
    expect((await summary('post-4'))?.commentCount).toBe((before?.commentCount ?? 0) + 1);
    expect(await store.countVisibleComments('p_004')).toBe((before?.commentCount ?? 0) + 1);
    expect((await store.getAuthor({ id: 'u_bo' }))?.commentCount).toBe(writtenBefore + 1);
  });

  it('a report is stored once per user and comment', async () => {
    const comment = await add('u_ana', null);
    const report = { commentId: comment.id, reason: 'spam' as const, at: hoursAgo(0) };
    expect((await store.reportComment(record('u_bo'), report)).kind).toBe('done');
    expect(await store.reportComment(record('u_bo'), report)).toEqual({ kind: 'already-reported' });
    expect((await store.reportComment(record('u_cy'), report)).kind).toBe('done');
    expect(await store.reportComment(record('u_cy'), { ...report, commentId: 'c_nope' })).toEqual({ kind: 'missing' });
  });

  it('notifications: an id already stored is skipped; read marks only touch the owner’s', async () => {
    const note = { id: 'n_1', userId: 'u_ana', kind: 'new-follower' as const, actorId: 'u_bo', createdAt: hoursAgo(1) };
    expect(await store.addNotifications([note, { ...note, id: 'n_2', createdAt: hoursAgo(0) }])).toBe(2);
    expect(await store.addNotifications([note])).toBe(0);
    expect((await store.listNotifications('u_ana', { limit: 10 })).map((x) => x.id)).toEqual(['n_2', 'n_1']);
    expect(await store.markNotificationsRead('u_bo', ['n_1'], hoursAgo(0))).toBe(0);
    expect(await store.markNotificationsRead('u_ana', ['n_1', 'n_1'], hoursAgo(0))).toBe(1);
    expect(await store.countUnreadNotifications('u_ana')).toBe(1);
    expect(await store.markNotificationsRead('u_ana', 'all', hoursAgo(0))).toBe(1);
    await expect(store.addNotifications([{ ...note, id: 'n_self', actorId: 'u_ana' }])).rejects.toThrow();
  });

  it('author and tag activity over all time (null) counts every follow and post', async () => {
    const all = await store.listAuthorActivity(null);
    expect(all.find((a) => a.author.id === 'u_bo')).toMatchObject({ recentFollowers: 2, recentReactions: 6 });
    const recent = await store.listAuthorActivity(hoursAgo(10));
    expect(recent.find((a) => a.author.id === 'u_bo')).toMatchObject({ recentFollowers: 0, recentReactions: 0 });
    const tags = await store.listTagActivity(null);
    expect(tags.find((t) => t.tag.slug === 'caching')?.recentPostCount).toBe(16);
  });
});
