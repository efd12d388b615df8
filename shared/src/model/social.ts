/**
 * Request schemas for reactions, comments, moderation and notifications (paths and shapes: social-api.ts).
 * Messages name their field, so the server returns them as they are.
 */
import * as v from 'valibot';
import { Handle, OpId, unknownKey } from './accounts.ts';
import { COMMENT_LIMITS, REACTION_KINDS, REPORT_REASONS } from './social-api.ts';

export * from './social-api.ts';

export const ReactionKindParam = v.pipe(
  v.string(),
  v.picklist(REACTION_KINDS, `kind must be one of ${REACTION_KINDS.join(', ')}.`),
);
export const CommentId = v.pipe(
  v.string('parentId must be text.'),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'parentId is not a valid comment id.'),
);

/** Only an op id (or none, when it comes as the Idempotency-Key header). */
export const OpBody = v.strictObject({ opId: v.optional(OpId) }, unknownKey);

const CommentMarkdown = v.pipe(
  v.string('body must be text.'),
  v.check((s) => s.trim().length > 0, 'body is empty; write something first.'),
  v.maxLength(
    COMMENT_LIMITS.bodyMax,
    `body is longer than ${COMMENT_LIMITS.bodyMax} characters; shorten it or split it into two comments.`,
  ),
);

export const CommentBody = v.strictObject(
  { body: CommentMarkdown, parentId: v.optional(v.nullable(CommentId)), opId: v.optional(OpId) },
  unknownKey,
);
export type CommentBody = v.InferOutput<typeof CommentBody>;

export const CommentEdit = v.strictObject({ body: CommentMarkdown, opId: v.optional(OpId) }, unknownKey);

export const ReportBody = v.strictObject(
  {
    reason: v.picklist(REPORT_REASONS, `reason must be one of ${REPORT_REASONS.join(', ')}.`),
    opId: v.optional(OpId),
  },
  unknownKey,
);

export const MarkReadBody = v.pipe(
  v.strictObject(
    {
      ids: v.optional(
        v.pipe(
          v.array(v.pipe(v.string('ids must be notification ids.'), v.maxLength(64, 'ids holds an invalid id.'))),
          v.maxLength(100, 'ids may name at most 100 notifications; send {"all": true} to mark everything.'),
        ),
      ),
      all: v.optional(v.literal(true, 'all must be true when given.')),
      /** Accepted like on every change; marking read needs no record, as doing it twice changes nothing. */
      opId: v.optional(OpId),
    },
    unknownKey,
  ),
  v.check((b) => (b.ids === undefined) !== (b.all === undefined), 'Send either ids (a list) or "all": true.'),
);
export type MarkReadBody = v.InferOutput<typeof MarkReadBody>;

/** The series owner names the co-author by handle. */
export const InviteBody = v.strictObject({ handle: Handle, opId: v.optional(OpId) }, unknownKey);

export const InvitationAnswer = v.strictObject(
  { accept: v.boolean('accept must be true or false.'), opId: v.optional(OpId) },
  unknownKey,
);
