/**
 * What a viewer sees of stored comments (pure, so threading is unit-tested without a database).
 *
 * - Deleted (kept for its replies): no author, no body, for everyone.
 * - Hidden by the post's author: its writer and the post's author still see it, marked `hidden`;
 *   everyone else sees only that it was hidden.
 * - Threads: replies follow their parent, siblings oldest first. A reply whose parent is missing from the
 *   set (it cannot be, while deletes keep parents with replies) is attached to the top level of its thread.
 */

import { commentMarkdownToDoc } from '../../../shared/src/editor-schema/comment-markdown.ts';
import type { DocNode } from '../../../shared/src/model/content.ts';
import type { CommentView } from '../../../shared/src/model/social-api.ts';
import type { StoredComment } from '../storage/social-store.ts';

export type Viewer = { userId: string | null; postAuthorId: string };

function content(comment: StoredComment): DocNode {
  return comment.contentJson ? (JSON.parse(comment.contentJson) as DocNode) : commentMarkdownToDoc(comment.markdown);
}

export function toCommentView(comment: StoredComment, viewer: Viewer): CommentView {
  const base = {
    id: comment.id,
    postId: comment.postId,
    parentId: comment.parentId,
    depth: comment.depth,
    createdAt: comment.createdAt,
    replies: [],
  };
  if (comment.deletedAt) {
    return { ...base, state: 'deleted', author: null, content: null, markdown: null, editedAt: null, hidden: false };
  }
  const hidden = comment.hiddenAt !== null;
  const seesHidden = viewer.userId === comment.author.id || viewer.userId === viewer.postAuthorId;
  if (hidden && !seesHidden) {
    return { ...base, state: 'hidden', author: null, content: null, markdown: null, editedAt: null, hidden: true };
  }
  return {
    ...base,
    state: 'visible',
    author: comment.author,
    content: content(comment),
    markdown: comment.markdown,
    editedAt: comment.editedAt,
    hidden,
  };
}

/** Nests `replies` (any order) under `roots` (in page order), each level oldest first. */
export function buildThreads(
  roots: readonly StoredComment[],
  replies: readonly StoredComment[],
  viewer: Viewer,
): CommentView[] {
  const views = new Map<string, CommentView>();
  const top = roots.map((root) => {
    const view = toCommentView(root, viewer);
    views.set(root.id, view);
    return view;
  });
  const ordered = [...replies].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
  for (const reply of ordered) views.set(reply.id, toCommentView(reply, viewer));
  for (const reply of ordered) {
    const parent = (reply.parentId && views.get(reply.parentId)) || (reply.rootId && views.get(reply.rootId));
    const view = views.get(reply.id);
    if (parent && view) parent.replies.push(view);
  }
  return top;
}
