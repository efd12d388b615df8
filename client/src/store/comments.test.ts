import { describe, expect, it } from 'vitest';
import { commentRequest } from './comments.ts';

describe('comment changes as requests', () => {
  it('new comments and replies are POSTed to the post with their parent', () => {
    expect(commentRequest({ op: 'add', postId: 'p1', localId: 'l1', parentId: 'c1', body: 'hi' })).toEqual({
      method: 'POST',
      path: '/api/posts/p1/comments',
      body: { body: 'hi', parentId: 'c1' },
    });
  });

  it('edits, deletes, hides and reports go to the comment', () => {
    expect(commentRequest({ op: 'edit', postId: 'p1', commentId: 'c1', body: 'new' })).toEqual({
      method: 'PATCH',
      path: '/api/comments/c1',
      body: { body: 'new' },
    });
    expect(commentRequest({ op: 'delete', postId: 'p1', commentId: 'c1' })).toEqual({
      method: 'DELETE',
      path: '/api/comments/c1',
    });
    expect(commentRequest({ op: 'hide', postId: 'p1', commentId: 'c1', hidden: true })).toMatchObject({
      method: 'PUT',
      path: '/api/comments/c1/hidden',
    });
    expect(commentRequest({ op: 'hide', postId: 'p1', commentId: 'c1', hidden: false }).method).toBe('DELETE');
    expect(commentRequest({ op: 'report', postId: 'p1', commentId: 'c 1', reason: 'spam' })).toEqual({
      method: 'POST',
      path: '/api/comments/c%201/reports',
      body: { reason: 'spam' },
    });
  });
});
