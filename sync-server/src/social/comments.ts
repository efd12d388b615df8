/**
 * Comments: threads, edits and deletes by their writer, hiding by the post's author, reports by anyone
 * signed in. Bodies arrive as Markdown and are stored with their structured content (the comment subset
 * in shared/editor-schema), never as HTML. Every write is idempotent per op id (write-once.ts).
 */
import { randomBytes } from 'node:crypto';
import { commentMarkdownToDoc } from '../../../shared/src/editor-schema/comment-markdown.ts';
import { plainText, validateDoc } from '../../../shared/src/model/content.ts';
import {
  COMMENT_LIMITS,
  type CommentDeleted,
  type CommentThread,
  type CommentView,
  type ReportReason,
  type ReportResult,
} from '../../../shared/src/model/social-api.ts';
import { readListCursor, toListPage } from '../catalog/cursor.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { PostRef, StoredComment } from '../storage/social-store.ts';
import type { Store } from '../storage/store.ts';
import { buildThreads, toCommentView } from './comment-view.ts';
import type { Notifications } from './notifications.ts';
import { requestKey, type WriteOp, type Written, writeOnce } from './write-once.ts';

export type Comments = ReturnType<typeof createComments>;

export type CommentsDeps = {
  store: Store;
  notifications: Pick<Notifications, 'commentAdded'>;
  /** After a change that alters counts or popularity. */
  onChange?: () => void;
  newId?: () => string;
};

const noPost = (postId: string) =>
  `There is no post with id "${postId}". It may have been removed; reload the page to see what is there now.`;
const noComment = (id: string) =>
  `There is no comment with id "${id}". It may have been deleted; reload the comments to see what is there now.`;

/** Markdown → stored structured content; a body that cannot be held, or shows nothing, is a 400 that says why. */
function structured(markdown: string): string {
  const checked = validateDoc(commentMarkdownToDoc(markdown));
  if (!checked.ok) {
    throw new BadRequestError(`body cannot be stored: ${checked.problems[0]?.message ?? 'it is not valid'}.`);
  }
  if (plainText(checked.doc).trim() === '') {
    throw new BadRequestError('body has no text to show (a rule or an image without a description); write some words.');
  }
  return JSON.stringify(checked.doc);
}

export function createComments({
  store,
  notifications,
  onChange,
  newId = () => `c_${randomBytes(12).toString('base64url')}`,
}: CommentsDeps) {
  async function requirePost(postId: string): Promise<PostRef> {
    const post = await store.getPostRef(postId);
    if (!post) throw new NotFoundError(noPost(postId));
    return post;
  }

  async function requireComment(id: string): Promise<StoredComment> {
    const comment = await store.getComment(id);
    if (!comment) throw new NotFoundError(noComment(id));
    return comment;
  }

  /** The writer's own, not deleted: what edit and delete need. */
  async function requireOwn(userId: string, id: string, verb: string): Promise<StoredComment> {
    const comment = await requireComment(id);
    if (comment.deletedAt) throw new NotFoundError(noComment(id));
    if (comment.author.id !== userId) throw new ForbiddenError(`You can only ${verb} your own comments.`);
    return comment;
  }

  /** The comment a reply attaches to: the one replied to, or its parent when that one is nested to the limit. */
  async function replyTarget(postId: string, parentId: string): Promise<StoredComment> {
    const parent = await store.getComment(parentId);
    if (!parent || parent.postId !== postId) {
      throw new NotFoundError(
        `There is no comment "${parentId}" on this post to reply to. It may have been removed; reload the comments.`,
      );
    }
    if (parent.deletedAt) {
      throw new NotFoundError('The comment you are replying to was deleted; reply to the post or another comment.');
    }
    if (parent.depth < COMMENT_LIMITS.maxDepth || !parent.parentId) return parent;
    return requireComment(parent.parentId);
  }

  const writerView = async (comment: StoredComment) => {
    const post = await store.getPostRef(comment.postId);
    return toCommentView(comment, { userId: comment.author.id, postAuthorId: post?.authorId ?? '' });
  };

  return {
    async add(
      op: WriteOp,
      postId: string,
      input: { body: string; parentId?: string | null | undefined },
    ): Promise<Written<CommentView>> {
      const parentId = input.parentId ?? null;
      const request = requestKey('comment.add', { postId, parentId, body: input.body });
      // Filled in by the first (not replayed) write, for the notifications it causes.
      const cause: { post?: PostRef; repliedTo?: StoredComment | null } = {};
      const written = await writeOnce(store, op, request, noPost(postId), async (record) => {
        cause.post = await requirePost(postId);
        cause.repliedTo = parentId ? await store.getComment(parentId) : null;
        const parent = parentId ? await replyTarget(postId, parentId) : null;
        return store.addComment(record, {
          id: newId(),
          postId,
          userId: op.userId,
          parent: parent && { id: parent.id, rootId: parent.rootId, depth: parent.depth },
          markdown: input.body,
          contentJson: structured(input.body),
          createdAt: op.at.toISOString(),
        });
      });
      if (written.replayed || !cause.post) return { result: await writerView(written.result), replayed: true };
      await notifications.commentAdded(cause.post, written.result, cause.repliedTo ?? null);
      onChange?.();
      const viewer = { userId: op.userId, postAuthorId: cause.post.authorId };
      return { result: toCommentView(written.result, viewer), replayed: false };
    },

    async edit(op: WriteOp, id: string, body: string): Promise<Written<CommentView>> {
      const written = await writeOnce(
        store,
        op,
        requestKey('comment.edit', { id, body }),
        noComment(id),
        async (record) => {
          await requireOwn(op.userId, id, 'edit');
          return store.editComment(record, {
            id,
            markdown: body,
            contentJson: structured(body),
            at: op.at.toISOString(),
          });
        },
      );
      return { result: await writerView(written.result), replayed: written.replayed };
    },

    async remove(op: WriteOp, id: string): Promise<Written<CommentDeleted>> {
      const written = await writeOnce(
        store,
        op,
        requestKey('comment.delete', { id }),
        noComment(id),
        async (record) => {
          await requireOwn(op.userId, id, 'delete');
          return store.deleteComment(record, { id, at: op.at.toISOString() });
        },
      );
      if (!written.replayed) onChange?.();
      return written;
    },

    /** Only the post's author may hide or show a comment on it. */
    async setHidden(op: WriteOp, id: string, hidden: boolean): Promise<Written<CommentView>> {
      let postAuthorId = '';
      const request = requestKey('comment.hide', { id, hidden });
      const written = await writeOnce(store, op, request, noComment(id), async (record) => {
        const comment = await requireComment(id);
        const post = await requirePost(comment.postId);
        if (post.authorId !== op.userId) {
          throw new ForbiddenError('Only the author of the post can hide or show comments on it.');
        }
        postAuthorId = post.authorId;
        return store.setCommentHidden(record, { id, hidden, at: op.at.toISOString() });
      });
      if (!written.replayed) onChange?.();
      return {
        result: toCommentView(written.result, { userId: op.userId, postAuthorId: postAuthorId || op.userId }),
        replayed: written.replayed,
      };
    },

    async report(op: WriteOp, id: string, reason: ReportReason): Promise<Written<ReportResult>> {
      return writeOnce(store, op, requestKey('comment.report', { id, reason }), noComment(id), async (record) => {
        const outcome = await store.reportComment(record, { commentId: id, reason, at: op.at.toISOString() });
        if (outcome.kind === 'already-reported') {
          throw new ConflictError('You have already reported this comment; thank you, it is being looked at.');
        }
        return outcome;
      });
    },

    /** A page of top-level comments (oldest first) with all their replies nested, as `viewerId` sees them. */
    async thread(
      postId: string,
      viewerId: string | null,
      request: { cursor?: string | undefined; limit: number },
    ): Promise<CommentThread> {
      const post = await requirePost(postId);
      const after = readListCursor(request.cursor);
      const rows = await store.listTopLevelComments(postId, { after, limit: request.limit + 1 });
      const page = toListPage(rows, request.limit, (row) => row.createdAt);
      const [replies, total] = await Promise.all([
        store.listReplies(page.items.map((root) => root.id)),
        store.countVisibleComments(postId),
      ]);
      const viewer = { userId: viewerId, postAuthorId: post.authorId };
      return { items: buildThreads(page.items, replies, viewer), nextCursor: page.nextCursor, total };
    },
  };
}
