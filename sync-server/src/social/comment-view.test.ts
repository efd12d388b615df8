/** What each viewer sees of a comment, and how replies nest (pure). */
import { describe, expect, it } from 'vitest';
import type { StoredComment } from '../storage/social-store.ts';
import { buildThreads, toCommentView } from './comment-view.ts';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

function stored(id: string, minute: number, parent: StoredComment | null, extra: Partial<StoredComment> = {}) {
  return {
    id,
    postId: 'p_1',
    parentId: parent?.id ?? null,
    rootId: parent ? (parent.rootId ?? parent.id) : null,
    depth: parent ? parent.depth + 1 : 0,
    author: { id: 'u_writer', handle: 'writer', displayName: 'Writer' },
    markdown: `Comment ${id}`,
    contentJson: null,
    createdAt: at(minute),
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    ...extra,
  } satisfies StoredComment;
}

const reader = { userId: 'u_reader', postAuthorId: 'u_author' };

describe('toCommentView', () => {
  it('converts stored Markdown when the row has no structured content yet (seeded rows)', () => {
    const view = toCommentView(stored('a', 1, null, { markdown: 'Hi <b>there</b>' }), reader);
    expect(view.content).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi <b>there</b>' }] }],
    });
  });

  it('a deleted comment has no author, body or edit time for anyone', () => {
    const deleted = stored('a', 1, null, { deletedAt: at(2), editedAt: at(1) });
    for (const viewer of [reader, { userId: 'u_writer', postAuthorId: 'u_author' }]) {
      expect(toCommentView(deleted, viewer)).toMatchObject({
        state: 'deleted',
        author: null,
        content: null,
        markdown: null,
        editedAt: null,
      });
    }
  });

  it('a hidden comment is a placeholder for readers, visible (marked) to its writer and the post author', () => {
    const hidden = stored('a', 1, null, { hiddenAt: at(2) });
    expect(toCommentView(hidden, reader)).toMatchObject({
      state: 'hidden',
      author: null,
      markdown: null,
      hidden: true,
    });
    expect(toCommentView(hidden, { userId: null, postAuthorId: 'u_author' })).toMatchObject({ state: 'hidden' });
    for (const userId of ['u_writer', 'u_author']) {
      expect(toCommentView(hidden, { userId, postAuthorId: 'u_author' })).toMatchObject({
        state: 'visible',
        hidden: true,
        markdown: 'Comment a',
      });
    }
  });
});

describe('buildThreads', () => {
  it('nests replies under their parents, each level oldest first, whatever order they arrive in', () => {
    const a = stored('a', 1, null);
    const b = stored('b', 2, null);
    const a1 = stored('a1', 3, a);
    const a2 = stored('a2', 4, a);
    const a1x = stored('a1x', 5, a1);
    const a1y = stored('a1y', 5, a1);
    const b1 = stored('b1', 6, b);
    const threads = buildThreads([a, b], [b1, a1y, a2, a1x, a1], reader);
    const shape = (views: ReturnType<typeof buildThreads>): unknown =>
      views.map((v) => (v.replies.length ? { [v.id]: shape(v.replies) } : v.id));
    expect(shape(threads)).toEqual([{ a: [{ a1: ['a1x', 'a1y'] }, 'a2'] }, { b: ['b1'] }]);
  });

  it('a reply whose parent is not in the set is kept under its thread’s top-level comment', () => {
    const a = stored('a', 1, null);
    const gone = stored('gone', 2, a);
    const orphan = stored('orphan', 3, gone);
    expect(buildThreads([a], [orphan], reader)[0]?.replies.map((v) => v.id)).toEqual(['orphan']);
  });
});
