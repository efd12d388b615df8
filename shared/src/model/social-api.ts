/**
 * Reactions, comments, moderation and notifications: paths, fixed lists and response shapes. No schema
 * library here (the schemas are in social.ts), so the reader's first-load code can use the labels and paths.
 */
import type { AuthorRef, Page } from './catalog.ts';
import type { DocNode } from './content.ts';

const seg = encodeURIComponent;

/** Every state-changing request takes an op id (`Idempotency-Key` header or body `opId`); a replay returns the first result. */
export const SOCIAL_API = {
  reactions: (postId: string) => `/api/posts/${seg(postId)}/reactions`, // GET → ReactionSummary
  /** PUT | DELETE → ReactionResult; GET ?cursor&limit → Page<Reactor> (who reacted, newest first). */
  reaction: (postId: string, kind: string) => `/api/posts/${seg(postId)}/reactions/${seg(kind)}`,
  /** GET ?cursor&limit → CommentThread (top-level comments, oldest first, with their replies); POST CommentBody → 201 CommentView. */
  comments: (postId: string) => `/api/posts/${seg(postId)}/comments`,
  comment: (id: string) => `/api/comments/${seg(id)}`, // PATCH CommentEdit → CommentView; DELETE → CommentDeleted
  commentHidden: (id: string) => `/api/comments/${seg(id)}/hidden`, // PUT | DELETE (post author only) → CommentView
  commentReports: (id: string) => `/api/comments/${seg(id)}/reports`, // POST ReportBody → 201 ReportResult
  /** POST InviteBody (the series owner) → 201 CoauthorInvitation; the invitee is notified. */
  seriesInvitations: (seriesSlug: string) => `/api/series/${seg(seriesSlug)}/invitations`,
  /** GET → SeriesCoauthors (accepted co-authors; pending invitations only for the series owner). */
  seriesCoauthors: (seriesSlug: string) => `/api/series/${seg(seriesSlug)}/coauthors`,
  myInvitations: '/api/me/coauthor-invitations', // GET → { items: CoauthorInvitation[] } (pending ones)
  /** PUT InvitationAnswer → CoauthorInvitation (accepted or declined). */
  myInvitation: (seriesSlug: string) => `/api/me/coauthor-invitations/${seg(seriesSlug)}`,
  notifications: '/api/me/notifications', // GET ?cursor&limit → NotificationPage
  notificationsRead: '/api/me/notifications/read', // POST MarkReadBody → { unreadCount }
} as const;

export const REACTION_KINDS = ['like', 'insightful', 'bookmark'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export const REACTION_LABELS: Record<ReactionKind, string> = {
  like: 'Like',
  insightful: 'Insightful',
  bookmark: 'Bookmark-worthy',
};

export const COMMENT_LIMITS = {
  /** Characters of Markdown source. */
  bodyMax: 5000,
  /** Top-level comments are depth 0; a reply to a comment at maxDepth is attached beside it instead. */
  maxDepth: 4,
} as const;

/** What others see in place of a comment's author and body. */
export const COMMENT_PLACEHOLDERS = { deleted: '[deleted]', hidden: '[hidden by the author]' } as const;

export const REPORT_REASONS = ['spam', 'harassment', 'off-topic', 'misinformation', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: 'Spam or advertising',
  harassment: 'Harassment or abuse',
  'off-topic': 'Off-topic',
  misinformation: 'Misleading or false',
  other: 'Something else',
};

export const NOTIFICATION_KINDS = [
  'new-follower',
  'comment-on-post',
  'reply-to-comment',
  'series-part',
  /** The series owner invites you to write parts of their series. */
  'coauthor-invitation',
  /** A draft's owner adds you to it as an editor or a viewer. */
  'draft-invitation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type ReactionCounts = Record<ReactionKind, number>;
export type ReactionSummary = { postId: string; counts: ReactionCounts; total: number; mine: ReactionKind[] };
export type ReactionResult = { opId: string; postId: string; kind: ReactionKind; reacted: boolean; count: number };
export type Reactor = { id: string; handle: string; displayName: string; reactedAt: string };

/**
 * `visible`: author and content shown. `deleted`: removed by its writer but kept for its replies.
 * `hidden`: hidden by the post's author; its writer and the post's author still see it (with `hidden: true`).
 */
export type CommentState = 'visible' | 'deleted' | 'hidden';
export type CommentView = {
  id: string;
  postId: string;
  parentId: string | null;
  depth: number;
  state: CommentState;
  /** null when deleted, or hidden and the viewer is neither its writer nor the post's author. */
  author: AuthorRef | null;
  content: DocNode | null;
  /** The Markdown as written (for the edit box); null whenever `content` is. */
  markdown: string | null;
  createdAt: string;
  editedAt: string | null;
  /** Hidden by the post's author (told to those who still see the comment). */
  hidden: boolean;
  replies: CommentView[];
};
/** `total` is the post's comment count (visible comments, as on its card). */
export type CommentThread = Page<CommentView> & { total: number };
/** `removed`: gone entirely (it had no replies); otherwise kept as "[deleted]". */
export type CommentDeleted = { id: string; removed: boolean };
export type ReportResult = { commentId: string; reason: ReportReason; reported: true };

export type NotificationView = {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  /** Who did it: the follower, the commenter, the part's author, the inviter. */
  actor: AuthorRef | null;
  post: { id: string; slug: string; title: string } | null;
  commentId: string | null;
  series: { id: string; slug: string; title: string } | null;
  /** The draft an invitation is about (its title as of its last stored change; "" when untitled). */
  draft?: { id: string; title: string } | null;
};
export type NotificationPage = Page<NotificationView> & { unreadCount: number };

export type InvitationStatus = 'invited' | 'accepted' | 'declined';
/** An invitation to write parts of someone's series. */
export type CoauthorInvitation = {
  series: { id: string; slug: string; title: string };
  invitee: AuthorRef;
  invitedBy: AuthorRef | null;
  status: InvitationStatus;
  invitedAt: string;
  respondedAt: string | null;
};

/**
 * Who writes a series: its owner and the co-authors who accepted, first to accept first. `pending` (the
 * invitations not answered yet) is told only to the owner; anyone else gets null.
 */
export type SeriesCoauthors = {
  series: { id: string; slug: string; title: string };
  owner: AuthorRef;
  coauthors: AuthorRef[];
  pending: CoauthorInvitation[] | null;
};
