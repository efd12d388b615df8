/**
 * The Store's social half: reactions, comment threads, moderation, notifications. Same rules as store.ts:
 * async, plain records, no database feature in the names. Every write carries an `OpRecord` and is
 * idempotent by (userId, opId): the write and the record of its result commit together, and an op id
 * seen before returns what it returned the first time (`seen`), changing nothing.
 */
import type { AuthorRef } from '../../../shared/src/model/catalog.ts';
import type {
  CoauthorInvitation,
  CommentDeleted,
  NotificationKind,
  NotificationView,
  ReactionCounts,
  ReactionKind,
  ReactionResult,
  Reactor,
  ReportReason,
  ReportResult,
} from '../../../shared/src/model/social-api.ts';
import type { Timestamp } from './store.ts';

/** The idempotency record of one change: who, which op id, what was asked (a canonical string). */
export type OpRecord = { userId: string; opId: string; request: string; receivedAt: Timestamp };
/** What was stored for an op id: the request it was for and the result returned then (JSON). */
export type SeenOp = { request: string; resultJson: string };

export type OpOutcome<T> = { kind: 'done'; result: T } | { kind: 'seen'; op: SeenOp } | { kind: 'missing' };

/** Enough of a post to check a social write against it. */
export type PostRef = { id: string; slug: string; title: string; authorId: string; seriesId: string | null };

/** A comment as stored, with its writer; the service decides what each viewer sees. */
export type StoredComment = {
  id: string;
  postId: string;
  parentId: string | null;
  rootId: string | null;
  depth: number;
  author: AuthorRef;
  markdown: string;
  /** Structured content as JSON text; null for rows older than the social migration. */
  contentJson: string | null;
  createdAt: Timestamp;
  editedAt: Timestamp | null;
  deletedAt: Timestamp | null;
  hiddenAt: Timestamp | null;
};

export type NewComment = {
  id: string;
  postId: string;
  userId: string;
  /** The comment replied to, already checked to be on the same post; depth and root follow from it. */
  parent: { id: string; rootId: string | null; depth: number } | null;
  markdown: string;
  contentJson: string;
  createdAt: Timestamp;
};

/** Position in an ordered list: rows strictly after (at, id) come next. */
export type ListCursor = { at: Timestamp; id: string };
export type ListQuery = { after?: ListCursor | null; limit: number };

export type NewNotification = {
  id: string;
  userId: string;
  kind: NotificationKind;
  actorId: string | null;
  postId?: string | null;
  commentId?: string | null;
  seriesId?: string | null;
  draftId?: string | null;
  createdAt: Timestamp;
};

export interface SocialStore {
  /** The stored result of an op id, so a replay is answered even when its subject is gone. */
  getOp(userId: string, opId: string): Promise<SeenOp | null>;
  /**
   * Forgets up to `limit` op records received before `before`, oldest first; returns how many went. A
   * change sent again after that is applied again, so `before` must lie past any outbox's patience.
   */
  pruneWriteOps(before: Timestamp, limit: number): Promise<number>;

  getPostRef(postId: string): Promise<PostRef | null>;

  /** Adds (`on`) or removes the user's reaction of `kind`; `missing` when the post is gone. */
  setReaction(
    op: OpRecord,
    change: { postId: string; kind: ReactionKind; on: boolean },
  ): Promise<OpOutcome<ReactionResult>>;
  reactionCounts(postId: string): Promise<ReactionCounts>;
  myReactions(postId: string, userId: string): Promise<ReactionKind[]>;
  /** Who reacted with `kind`, newest first by (reactedAt, user id). */
  listReactors(postId: string, kind: ReactionKind, query: ListQuery): Promise<Reactor[]>;

  getComment(id: string): Promise<StoredComment | null>;
  /** Comment writes keep the comment as written then (a StoredComment) as their replay result. */
  addComment(op: OpRecord, comment: NewComment): Promise<OpOutcome<StoredComment>>;
  editComment(
    op: OpRecord,
    edit: { id: string; markdown: string; contentJson: string; at: Timestamp },
  ): Promise<OpOutcome<StoredComment>>;
  /**
   * A comment with replies is kept with its body wiped (`deletedAt` set); one without is removed, and so is
   * every deleted ancestor left without replies by that.
   */
  deleteComment(op: OpRecord, removal: { id: string; at: Timestamp }): Promise<OpOutcome<CommentDeleted>>;
  setCommentHidden(
    op: OpRecord,
    change: { id: string; hidden: boolean; at: Timestamp },
  ): Promise<OpOutcome<StoredComment>>;
  /** `already-reported`: this user reported this comment before (under another op id). */
  reportComment(
    op: OpRecord,
    report: { commentId: string; reason: ReportReason; at: Timestamp },
  ): Promise<OpOutcome<ReportResult> | { kind: 'already-reported' }>;

  /** Top-level comments of a post, oldest first by (createdAt, id). */
  listTopLevelComments(postId: string, query: ListQuery): Promise<StoredComment[]>;
  /** Every reply under the given top-level comments, oldest first. */
  listReplies(rootIds: readonly string[]): Promise<StoredComment[]>;
  /** Comments that are neither deleted nor hidden (the number on the post's card). */
  countVisibleComments(postId: string): Promise<number>;

  /**
   * Invites a co-author (again, after a decline). `already-coauthor`: they accepted before; `missing`: the
   * series or the user is gone.
   */
  inviteCoauthor(
    op: OpRecord,
    invitation: { seriesId: string; userId: string; at: Timestamp },
  ): Promise<OpOutcome<CoauthorInvitation> | { kind: 'already-coauthor' }>;
  /** Accepts or declines a pending invitation; `missing` when there is none pending. */
  answerInvitation(
    op: OpRecord,
    answer: { seriesId: string; accept: boolean; at: Timestamp },
  ): Promise<OpOutcome<CoauthorInvitation>>;
  listPendingInvitations(userId: string): Promise<CoauthorInvitation[]>;
  /** Every invitation to a series whatever its answer, oldest first by (invitedAt, invitee id). */
  listSeriesInvitations(seriesId: string): Promise<CoauthorInvitation[]>;
  /** The series' owner or an accepted co-author: may publish parts of it. */
  isSeriesAuthor(seriesId: string, userId: string): Promise<boolean>;

  /** Inserts what is new; an id already stored is skipped. Returns how many were added. */
  addNotifications(notifications: readonly NewNotification[]): Promise<number>;
  /** Newest first by (createdAt, id). */
  listNotifications(userId: string, query: ListQuery): Promise<NotificationView[]>;
  countUnreadNotifications(userId: string): Promise<number>;
  markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: Timestamp): Promise<number>;
  listSeriesFollowerIds(seriesId: string): Promise<string[]>;
}
