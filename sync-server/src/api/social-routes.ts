/**
 * Routes for reactions, comments, moderation and notifications (issue 7). Thin: refuse cross-site
 * changes, check the session and CSRF token, rate-limit per user, validate with the shared schemas, and
 * call social/. Every change takes an op id (Idempotency-Key header or body `opId`); see social/write-once.ts.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { IdParam, PageQuery, SlugParam } from '../../../shared/src/model/api.ts';
import type { ApiError } from '../../../shared/src/model/catalog.ts';
import {
  CommentBody,
  CommentEdit,
  InvitationAnswer,
  InviteBody,
  MarkReadBody,
  ReactionKindParam,
  ReportBody,
} from '../../../shared/src/model/social.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { type BucketOptions, TokenBuckets } from '../accounts/rate-limit.ts';
import type { Coauthors } from '../social/coauthors.ts';
import type { Comments } from '../social/comments.ts';
import type { Notifications } from '../social/notifications.ts';
import type { Reactions } from '../social/reactions.ts';
import { refuseCrossSite, type SessionGuard, sessionGuard } from './session-guard.ts';
import { parseBody, parseParam, parseQuery } from './validate.ts';
import { type Write, writeRoutes } from './write-route.ts';

export type SocialRateLimits = { reactions: BucketOptions; comments: BucketOptions; reports: BucketOptions };

export const DEFAULT_SOCIAL_RATE_LIMITS: SocialRateLimits = {
  // 30 at once, then one every 2 s: clicking through a reading list is fine, a script is not.
  reactions: { burst: 30, refillMs: 2_000 },
  // 5 comments (and edits) at once, then one every 20 s per user.
  comments: { burst: 5, refillMs: 20_000 },
  // 5 reports at once, then one a minute per user.
  reports: { burst: 5, refillMs: 60_000 },
};

/** Far above the longest comment in JSON; anything bigger is refused before it is read. */
const MAX_BODY_BYTES = 64 * 1024;

export type SocialRouteDeps = {
  accounts: Accounts;
  reactions: Reactions;
  comments: Comments;
  notifications: Notifications;
  coauthors: Coauthors;
  rateLimits?: Partial<SocialRateLimits>;
  now?: () => Date;
};

export function socialRoutes(deps: SocialRouteDeps): Hono {
  const limits = { ...DEFAULT_SOCIAL_RATE_LIMITS, ...deps.rateLimits };
  const guard = sessionGuard(deps.accounts);
  const context: RouteContext = {
    guard,
    ...writeRoutes({ guard, now: deps.now ?? (() => new Date()) }),
    buckets: {
      reactions: new TokenBuckets(limits.reactions),
      comments: new TokenBuckets(limits.comments),
      reports: new TokenBuckets(limits.reports),
    },
  };
  const api = new Hono();
  api.use('/api/*', refuseCrossSite);
  api.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json<ApiError>(
          { error: 'too_large', message: `The request body is over ${MAX_BODY_BYTES / 1024} KB; send less.` },
          413,
        ),
    }),
  );
  reactionRoutes(api, context, deps.reactions);
  commentRoutes(api, context, deps.comments);
  coauthorRoutes(api, context, deps.coauthors);
  notificationRoutes(api, context, deps.notifications);
  return api;
}

type RouteContext = {
  guard: SessionGuard;
  write: Write;
  opOnly: ReturnType<typeof writeRoutes>['opOnly'];
  buckets: Record<keyof SocialRateLimits, TokenBuckets>;
};

const postId = (c: Context) => parseParam(IdParam, c.req.param('postId'), 'post id');
const commentId = (c: Context) => parseParam(IdParam, c.req.param('id'), 'comment id');
const kind = (c: Context) => parseParam(ReactionKindParam, c.req.param('kind'), 'reaction kind');
const seriesSlug = (c: Context) => parseParam(SlugParam, c.req.param('slug'), 'series slug');
const viewerId = async (guard: SessionGuard, c: Context) => (await guard.current(c))?.user.id ?? null;

function reactionRoutes(api: Hono, { guard, write, opOnly, buckets }: RouteContext, reactions: Reactions): void {
  api.get('/api/posts/:postId/reactions', async (c) =>
    c.json(await reactions.summary(postId(c), await viewerId(guard, c))),
  );
  api.get('/api/posts/:postId/reactions/:kind', async (c) =>
    c.json(await reactions.reactors(postId(c), kind(c), parseQuery(PageQuery, c.req.query()))),
  );
  const react = (on: boolean) =>
    write({ ...opOnly, limit: [buckets.reactions, 'reacting'] }, (c, op) => reactions.set(op, postId(c), kind(c), on));
  api.put('/api/posts/:postId/reactions/:kind', react(true));
  api.delete('/api/posts/:postId/reactions/:kind', react(false));
}

function commentRoutes(api: Hono, { guard, write, opOnly, buckets }: RouteContext, comments: Comments): void {
  api.get('/api/posts/:postId/comments', async (c) =>
    c.json(await comments.thread(postId(c), await viewerId(guard, c), parseQuery(PageQuery, c.req.query()))),
  );
  api.post(
    '/api/posts/:postId/comments',
    write(
      { read: (c) => parseBody(CommentBody, c.req), limit: [buckets.comments, 'commenting'], status: 201 },
      (c, op, body) => comments.add(op, postId(c), body),
    ),
  );
  api.patch(
    '/api/comments/:id',
    write(
      { read: (c) => parseBody(CommentEdit, c.req), limit: [buckets.comments, 'editing comments'] },
      (c, op, body) => comments.edit(op, commentId(c), body.body),
    ),
  );
  api.delete(
    '/api/comments/:id',
    write(opOnly, (c, op) => comments.remove(op, commentId(c))),
  );
  const hide = (hidden: boolean) => write(opOnly, (c, op) => comments.setHidden(op, commentId(c), hidden));
  api.put('/api/comments/:id/hidden', hide(true));
  api.delete('/api/comments/:id/hidden', hide(false));
  api.post(
    '/api/comments/:id/reports',
    write(
      { read: (c) => parseBody(ReportBody, c.req), limit: [buckets.reports, 'reporting'], status: 201 },
      (c, op, body) => comments.report(op, commentId(c), body.reason),
    ),
  );
}

function coauthorRoutes(api: Hono, { guard, write }: RouteContext, coauthors: Coauthors): void {
  api.post(
    '/api/series/:slug/invitations',
    write({ read: (c) => parseBody(InviteBody, c.req), status: 201 }, (c, op, body) =>
      coauthors.invite(op, seriesSlug(c), body.handle),
    ),
  );
  api.get('/api/series/:slug/coauthors', async (c) => {
    const viewer = await viewerId(guard, c);
    // The owner's answer lists who was invited: never kept by a shared cache.
    if (viewer) c.header('Cache-Control', 'no-store');
    return c.json(await coauthors.list(seriesSlug(c), viewer));
  });
  api.get('/api/me/coauthor-invitations', async (c) => {
    const session = await guard.requireUser(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await coauthors.pending(session.user.id));
  });
  api.put(
    '/api/me/coauthor-invitations/:slug',
    write({ read: (c) => parseBody(InvitationAnswer, c.req) }, (c, op, body) =>
      coauthors.answer(op, seriesSlug(c), body.accept),
    ),
  );
}

function notificationRoutes(api: Hono, { guard }: RouteContext, notifications: Notifications): void {
  api.get('/api/me/notifications', async (c) => {
    const session = await guard.requireUser(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await notifications.list(session.user.id, parseQuery(PageQuery, c.req.query())));
  });
  // Marking read is idempotent by nature (an id already read stays read), so it takes no op id.
  api.post('/api/me/notifications/read', async (c) => {
    const session = await guard.requireUser(c);
    const body = await parseBody(MarkReadBody, c.req);
    return c.json(await notifications.markRead(session.user.id, body));
  });
}
