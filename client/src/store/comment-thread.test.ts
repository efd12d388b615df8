import { describe, expect, it } from 'vitest';
import type { CommentThread, CommentView } from '../../../shared/src/model/social-api.ts';
import { COMMENT_KIND, type CommentChange, commentListView, commentProblem, withComment } from './comment-thread.ts';
import { newEntry, type OutboxEntry } from './outbox-model.ts';

const ana = { id: 'u_ana', handle: 'ana', displayName: 'Ana', avatarUrl: null };
const doc = { type: 'doc', content: [] } as unknown as CommentView['content'];

function comment(id: string, depth: number, replies: CommentView[] = [], parentId: string | null = null): CommentView {
  return {
    id,
    postId: 'p1',
    parentId,
    depth,
    state: 'visible',
    author: ana,
    content: doc,
    markdown: 'hi',
    createdAt: '2026-01-01T00:00:00.000Z',
    editedAt: null,
    hidden: false,
    replies,
  };
}

const thread: CommentThread = {
  items: [comment('c1', 0, [comment('c2', 1, [], 'c1')]), comment('c3', 0)],
  nextCursor: null,
  total: 3,
};

function change(
  id: string,
  payload: CommentChange,
  createdAt: number,
  extra: Partial<OutboxEntry<CommentChange>> = {},
): OutboxEntry<CommentChange> {
  return { ...newEntry({ id, kind: COMMENT_KIND, key: `comment:${id}`, payload, userId: 'u1', createdAt }), ...extra };
}

describe('comment list view: the server thread with waiting changes laid over it', () => {
  it('keeps the server thread and its nesting as it is', () => {
    const view = commentListView(thread, [], 'p1', 'u1');
    expect(view.total).toBe(3);
    expect(view.more).toBe(false);
    expect(commentListView({ ...thread, nextCursor: 'k' }, [], 'p1', 'u1').more).toBe(true);
    expect(view.items.map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(view.items[0]?.replies.map((c) => [c.id, c.depth])).toEqual([['c2', 1]]);
    expect(view.items[0]).toMatchObject({ pending: null, refused: null, local: false, draft: null });
  });

  it('a waiting comment shows last at the top level, a waiting reply under its parent one level deeper', () => {
    const entries = [
      change('e1', { op: 'add', postId: 'p1', localId: 'l1', parentId: null, body: 'top' }, 1),
      change('e2', { op: 'add', postId: 'p1', localId: 'l2', parentId: 'c2', body: '<img src=x>' }, 2),
    ];
    const view = commentListView(thread, entries, 'p1', 'u1');
    expect(view.total).toBe(5);
    expect(view.items.at(-1)).toMatchObject({ id: 'e1', depth: 0, draft: 'top', pending: 'add', local: true });
    const reply = view.items[0]?.replies[0]?.replies[0];
    expect(reply).toMatchObject({ id: 'e2', parentId: 'c2', depth: 2, draft: '<img src=x>', pending: 'add' });
  });

  it('a waiting edit shows its text; a waiting delete shows the comment deleted; a hide shows it hidden', () => {
    const entries = [
      change('e1', { op: 'edit', postId: 'p1', commentId: 'c2', body: 'better' }, 1),
      change('e2', { op: 'delete', postId: 'p1', commentId: 'c1' }, 2),
      change('e3', { op: 'hide', postId: 'p1', commentId: 'c3', hidden: true }, 3),
      change('e4', { op: 'add', postId: 'p1', localId: 'l4', parentId: null, body: 'slow' }, 4, {
        attempts: 2,
        error: 'You are commenting too fast.',
      }),
    ];
    const [c1, c3, slow] = commentListView(thread, entries, 'p1', 'u1').items;
    expect(slow).toMatchObject({ pending: 'add', note: 'You are commenting too fast.' });
    expect(c1).toMatchObject({ state: 'deleted', content: null, pending: 'delete' });
    expect(c1?.replies[0]).toMatchObject({ draft: 'better', pending: 'edit' });
    expect(c3).toMatchObject({ hidden: true, pending: 'hide', note: null });
  });

  it('a refused comment stays with the server message, not counted; a refused edit leaves the text', () => {
    const entries = [
      change('e1', { op: 'add', postId: 'p1', localId: 'l1', parentId: null, body: 'x' }, 1, {
        state: 'refused',
        error: 'You are commenting too fast.',
      }),
      change('e2', { op: 'edit', postId: 'p1', commentId: 'c3', body: 'y' }, 2, {
        state: 'refused',
        error: 'Too long.',
      }),
    ];
    const view = commentListView(thread, entries, 'p1', 'u1');
    expect(view.total).toBe(3);
    expect(view.items.at(-1)).toMatchObject({
      id: 'e1',
      pending: null,
      refused: { entryId: 'e1', message: 'You are commenting too fast.', op: 'add' },
    });
    expect(view.items[1]).toMatchObject({ draft: null, refused: { entryId: 'e2', message: 'Too long.', op: 'edit' } });
  });

  it("nothing fetched yet: only this device's comments; other posts and users are ignored", () => {
    const entries = [
      change('e1', { op: 'add', postId: 'p1', localId: 'l1', parentId: null, body: 'mine' }, 1),
      change('e2', { op: 'add', postId: 'p2', localId: 'l2', parentId: null, body: 'elsewhere' }, 2),
      change('e3', { op: 'add', postId: 'p1', localId: 'l3', parentId: null, body: 'theirs' }, 3, { userId: 'u2' }),
    ];
    const view = commentListView(undefined, entries, 'p1', 'u1');
    expect(view.items.map((c) => c.draft)).toEqual(['mine']);
    expect(view.total).toBe(1);
  });
});

describe('a comment the server would refuse, said before it is kept', () => {
  it('refuses an empty or blank comment and one over the limit, with the length', () => {
    expect(commentProblem('   ')).toBe('Write something first.');
    expect(commentProblem('x'.repeat(5001))).toMatch(/5001 characters; the limit is 5000/);
    expect(commentProblem('x'.repeat(5000))).toBeNull();
  });
});

describe("the server's answer put into the kept thread", () => {
  it('a new reply goes under its parent and counts; a new top-level comment goes last', () => {
    const reply = withComment(thread, comment('c4', 2, [], 'c2'));
    expect(reply.total).toBe(4);
    expect(reply.items[0]?.replies[0]?.replies.map((c) => c.id)).toEqual(['c4']);
    const top = withComment(thread, comment('c5', 0));
    expect(top.items.map((c) => c.id)).toEqual(['c1', 'c3', 'c5']);
  });

  it('an edited comment replaces the old one and keeps its replies', () => {
    const edited = { ...comment('c1', 0), markdown: 'better', editedAt: '2026-01-02T00:00:00.000Z' };
    const after = withComment(thread, edited);
    expect(after.total).toBe(3);
    expect(after.items[0]).toMatchObject({ markdown: 'better', editedAt: '2026-01-02T00:00:00.000Z' });
    expect(after.items[0]?.replies.map((c) => c.id)).toEqual(['c2']);
  });
});
