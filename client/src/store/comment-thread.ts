/**
 * What the comment list shows: the server's thread (kept in `answers`) with the user's changes still in
 * the outbox laid over it — a new comment or reply appears at once under its parent, an edit shows its new
 * text, a delete or hide shows as done, each marked pending (or refused, with the server's words). Pure.
 */
import {
  COMMENT_LIMITS,
  type CommentThread,
  type CommentView,
  type ReportReason,
} from '../../../shared/src/model/social-api.ts';
import type { OutboxEntry } from './outbox-model.ts';
import { waitingNote } from './reaction-view.ts';
import { COMMENT_KIND } from './social-kinds.ts';

export { COMMENT_KIND };

/** One comment change: the payload of a `comment` outbox entry. `localId` keys a new comment's entry. */
export type CommentChange =
  | { op: 'add'; postId: string; localId: string; parentId: string | null; body: string }
  | { op: 'edit'; postId: string; commentId: string; body: string }
  | { op: 'delete'; postId: string; commentId: string }
  | { op: 'hide'; postId: string; commentId: string; hidden: boolean }
  | { op: 'report'; postId: string; commentId: string; reason: ReportReason };

export type CommentItem = Omit<CommentView, 'replies'> & {
  /** Markdown written on this device and not yet on the server (a new comment or an edit), shown as text. */
  draft: string | null;
  /** A change to this comment is waiting for the server: what it is. */
  pending: CommentChange['op'] | null;
  /** Why the pending change has not gone yet (offline, rate-limited), once a send failed. */
  note: string | null;
  refused: { entryId: string; message: string; op: CommentChange['op'] } | null;
  /** Made on this device, not on the server yet (its id is the outbox entry's). */
  local: boolean;
  replies: CommentItem[];
};

/** `more`: the server has further top-level comments after these. */
export type CommentListView = { items: CommentItem[]; total: number; more: boolean };

const isCommentEntry = (entry: OutboxEntry): entry is OutboxEntry<CommentChange> => entry.kind === COMMENT_KIND;

const fromServer = (view: CommentView): CommentItem => ({
  ...view,
  draft: null,
  pending: null,
  note: null,
  refused: null,
  local: false,
  replies: view.replies.map(fromServer),
});

function find(items: CommentItem[], id: string): CommentItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = find(item.replies, id);
    if (inner) return inner;
  }
  return undefined;
}

function added(entry: OutboxEntry<CommentChange & { op: 'add' }>, depth: number): CommentItem {
  return {
    id: entry.id,
    postId: entry.payload.postId,
    parentId: entry.payload.parentId,
    depth,
    state: 'visible',
    author: null,
    content: null,
    markdown: entry.payload.body,
    createdAt: new Date(entry.createdAt).toISOString(),
    editedAt: null,
    hidden: false,
    draft: entry.payload.body,
    pending: entry.state === 'refused' ? null : 'add',
    note: entry.state === 'refused' ? null : waitingNote(entry),
    refused: entry.state === 'refused' ? { entryId: entry.id, message: entry.error ?? '', op: 'add' } : null,
    local: true,
    replies: [],
  };
}

/** Lays one waiting (or refused) change over the comment it is about. */
function apply(target: CommentItem, entry: OutboxEntry<CommentChange>): void {
  const change = entry.payload;
  if (entry.state === 'refused') {
    target.refused = { entryId: entry.id, message: entry.error ?? '', op: change.op };
    return;
  }
  target.pending = change.op;
  target.note = waitingNote(entry);
  if (change.op === 'edit') target.draft = change.body;
  if (change.op === 'delete') {
    target.state = 'deleted';
    target.content = null;
  }
  if (change.op === 'hide') target.hidden = change.hidden;
}

export function commentListView(
  thread: CommentThread | undefined,
  entries: readonly OutboxEntry[],
  postId: string,
  userId: string | null,
): CommentListView {
  const items = (thread?.items ?? []).map(fromServer);
  let total = thread?.total ?? 0;
  const mine = entries
    .filter(isCommentEntry)
    .filter((e) => e.userId === userId && e.payload.postId === postId)
    .sort((a, b) => a.createdAt - b.createdAt);
  for (const entry of mine) {
    const change = entry.payload;
    if (change.op === 'add') {
      const parent = change.parentId ? find(items, change.parentId) : undefined;
      const item = added(entry as OutboxEntry<typeof change>, parent ? parent.depth + 1 : 0);
      (parent ? parent.replies : items).push(item);
      if (item.pending) total += 1;
      continue;
    }
    const target = find(items, change.commentId);
    if (target) apply(target, entry);
  }
  return { items, total, more: Boolean(thread?.nextCursor) };
}

/**
 * The kept thread with a comment the server just answered with (new or edited) in its place, so the
 * device shows it the moment its outbox entry is gone, before the thread is fetched again.
 */
export function withComment(thread: CommentThread, comment: CommentView): CommentThread {
  let found = false;
  const replace = (items: CommentView[]): CommentView[] =>
    items.map((c) => {
      if (c.id === comment.id) {
        found = true;
        return { ...comment, replies: c.replies };
      }
      return { ...c, replies: replace(c.replies) };
    });
  const items = replace(thread.items);
  if (found) return { ...thread, items };
  const attach = (list: CommentView[]): CommentView[] =>
    list.map((c) => {
      if (c.id === comment.parentId) {
        found = true;
        return { ...c, replies: [...c.replies, comment] };
      }
      return { ...c, replies: attach(c.replies) };
    });
  const attached = comment.parentId ? attach(items) : items;
  return { ...thread, total: thread.total + 1, items: found ? attached : [...items, comment] };
}

/** Said before sending, so the box keeps the text; the server says the same. */
export function commentProblem(body: string): string | null {
  if (body.trim().length === 0) return 'Write something first.';
  if (body.length > COMMENT_LIMITS.bodyMax)
    return `Your comment is ${body.length} characters; the limit is ${COMMENT_LIMITS.bodyMax}. Shorten it or split it into two comments.`;
  return null;
}
