/**
 * Comments on this device: a post's thread as the server last answered (kept in `answers`, readable
 * offline) with the user's waiting changes laid over it (comment-thread.ts). New comments, edits, deletes,
 * hides and reports are outbox entries of kind `comment`, sent idempotently; once one is accepted, the
 * thread is fetched again.
 */
import { PAGE_LIMIT } from '../../../shared/src/model/api-routes.ts';
import type { CommentThread, CommentView, ReportReason } from '../../../shared/src/model/social-api.ts';
import { SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { keepAnswer, liveAnswerWithOutbox, readAnswer } from './answers.ts';
import { type ApiClient, api } from './api-client.ts';
import type { LiveRead } from './changes.ts';
import {
  COMMENT_KIND,
  type CommentChange,
  type CommentListView,
  commentListView,
  withComment,
} from './comment-thread.ts';
import { db, type SdpDb } from './db.ts';
import { type Outbox, type OutboxKind, type OutboxRequest, outbox, randomId } from './outbox.ts';
import { keepPostCounts } from './post-counts.ts';

export type { CommentItem, CommentListView } from './comment-thread.ts';

/** Per viewer: what the server shows (hidden comments, to their writer and the post's author) depends on who asks. */
export const commentsKey = (postId: string, userId: string | null) => `comments:${postId}:${userId ?? 'anyone'}`;

/** The request that makes one change on the server. */
export function commentRequest(change: CommentChange): OutboxRequest {
  switch (change.op) {
    case 'add':
      return {
        method: 'POST',
        path: SOCIAL_API.comments(change.postId),
        body: { body: change.body, parentId: change.parentId },
      };
    case 'edit':
      return { method: 'PATCH', path: SOCIAL_API.comment(change.commentId), body: { body: change.body } };
    case 'delete':
      return { method: 'DELETE', path: SOCIAL_API.comment(change.commentId) };
    case 'hide':
      return { method: change.hidden ? 'PUT' : 'DELETE', path: SOCIAL_API.commentHidden(change.commentId) };
    case 'report':
      return { method: 'POST', path: SOCIAL_API.commentReports(change.commentId), body: { reason: change.reason } };
  }
}

export type CommentsDeps = { database?: SdpDb; client?: ApiClient; box?: Outbox };

export function createComments({ database = db(), client = api(), box = outbox() }: CommentsDeps = {}) {
  /** The thread's first page as the server has it now; the post's header count follows. */
  const refresh = async (postId: string, userId: string | null) => {
    const thread = await client.comments(postId, null, PAGE_LIMIT.max);
    await keepAnswer<CommentThread>(database, commentsKey(postId, userId), thread);
    await keepPostCounts(database, postId, { commentCount: thread.total });
  };

  /** Puts the server's answer for a new or edited comment into the kept thread. */
  const keepAnswered = async (postId: string, userId: string, comment: CommentView) => {
    const key = commentsKey(postId, userId);
    const kept = await readAnswer<CommentThread>(database, key);
    if (kept) await keepAnswer(database, key, withComment(kept, comment));
  };

  const kind: OutboxKind<CommentChange, unknown> = {
    // New comments go independently; changes to one comment go in order.
    key: (change) => (change.op === 'add' ? `comment:new:${change.localId}` : `comment:${change.commentId}`),
    request: ({ payload }) => commentRequest(payload),
    // Two edits waiting: only the newer text needs to go.
    merge: (older, newer) => (older.op === 'edit' && newer.op === 'edit' ? newer : undefined),
    async sent(entry, answer) {
      const { op, postId } = entry.payload;
      if (op === 'add' || op === 'edit') await keepAnswered(postId, entry.userId, answer as CommentView);
      // The thread as everyone sees it now (deletes, hides, others' comments): fetched without holding the outbox.
      void refresh(postId, entry.userId).catch(() => undefined);
    },
  };
  box.register(COMMENT_KIND, kind);

  const change = (payload: CommentChange) => box.enqueue<CommentChange>(COMMENT_KIND, payload);
  return {
    /** undefined while nothing is known here (never fetched and nothing written on this device). */
    live: (postId: string, userId: string | null): LiveRead<CommentListView | undefined> =>
      liveAnswerWithOutbox<CommentThread, CommentListView | undefined>(
        database,
        commentsKey(postId, userId),
        (kept, entries) => {
          const view = commentListView(kept, entries, postId, userId);
          return kept === undefined && view.items.length === 0 ? undefined : view;
        },
      ),
    refresh,
    /** Fetches the top-level comments after the kept ones and keeps them too. */
    async loadMore(postId: string, userId: string | null): Promise<void> {
      const key = commentsKey(postId, userId);
      const kept = await readAnswer<CommentThread>(database, key);
      if (!kept?.nextCursor) return;
      const next = await client.comments(postId, kept.nextCursor, PAGE_LIMIT.max);
      const known = new Set(kept.items.map((c) => c.id));
      const items = [...kept.items, ...next.items.filter((c) => !known.has(c.id))];
      await keepAnswer<CommentThread>(database, key, { ...next, items });
    },
    add: (postId: string, body: string, parentId: string | null = null) =>
      change({ op: 'add', postId, localId: randomId(), parentId, body }),
    edit: (postId: string, commentId: string, body: string) => change({ op: 'edit', postId, commentId, body }),
    remove: (postId: string, commentId: string) => change({ op: 'delete', postId, commentId }),
    hide: (postId: string, commentId: string, hidden: boolean) => change({ op: 'hide', postId, commentId, hidden }),
    report: (postId: string, commentId: string, reason: ReportReason) =>
      change({ op: 'report', postId, commentId, reason }),
    retry: (entryId: string) => box.retry(entryId),
    drop: (entryId: string) => box.drop(entryId),
  };
}

export type Comments = ReturnType<typeof createComments>;

let shared: Comments | undefined;
/** The app's comments (registers the `comment` kind with the app's outbox on first use). */
export const comments = (): Comments => {
  shared ??= createComments();
  return shared;
};
