/**
 * Routes for reactions, comments, moderation and notifications (issue 7). Thin: refuse cross-site
 * changes, check the session and CSRF token, rate-limit per user, validate with the shared schemas, and
 * call social/. Every change takes an op id (Idempotency-Key header or body `opId`); see social/write-once.ts.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { IdParam, PageQuery } from '../../../shared/src/model/api.ts';
import type { ApiError } from '../../../shared/src/model/catalog.ts';
import {
  CommentBody,
  CommentEdit,
  MarkReadBody,
  OpBody,
  ReactionKindParam,
  ReportBody,
} from '../../../shared/src/model/social.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { type BucketOptions, TokenBuckets } from '../accounts/rate-limit.ts';
import type { Comments } from '../social/comments.ts';
import type { Notifications } from '../social/notifications.ts';
import type { Reactions } from '../social/reactions.ts';
import type { WriteOp } from '../social/write-once.ts';
import { markReplayed, rateLimited, refuseCrossSite, requireOpId, sessionGuard } from './session-guard.ts';
import { parseBody, parseParam, parseQuery } from './validate.ts';

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
  rateLimits?: Partial<SocialRateLimits>;
  now?: () => Date;
};

export function socialRoutes(deps: SocialRouteDeps): Hono {
  const { reactions, comments, notifications, now = () => new Date() } = deps;
  const limits = { ...DEFAULT_SOCIAL_RATE_LIMITS, ...deps.rateLimits };
  const buckets = {
    reactions: new TokenBuckets(limits.reactions),
    comments: new TokenBuckets(limits.comments),
    reports: new TokenBuckets(limits.reports),
  };
  const guard = sessionGuard(deps.accounts);
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

  /** The user and op id of a change (checks session, CSRF and the id), with the body parsed by `schema`. */
  async function change<T extends { opId?: string | undefined }>(
    c: Context,
    read: () => Promise<T>,
  ): Promise<{ op: WriteOp; body: T }> {
    const session = await guard.requireUser(c);
    const body = await read();
    return { op: { userId: session.user.id, opId: requireOpId(c, body.opId), at: now() }, body };
  }
  const opOnly = (c: Context) => change(c, () => parseBody(OpBody, c.req, { emptyIsObject: true }));

  const slow = (what: string) => (seconds: number) =>
    `You are ${what} too fast. Wait ${seconds} seconds and try again; nothing was lost.`;

  const postId = (c: Context) => parseParam(IdParam, c.req.param('postId'), 'post id');
  const commentId = (c: Context) => parseParam(IdParam, c.req.param('id'), 'comment id');
  const kind = (c: Context) => parseParam(ReactionKindParam, c.req.param('kind'), 'reaction kind');
  const viewerId = async (c: Context) => (await guard.current(c))?.user.id ?? null;

  // ── Reactions ───────────────────────────────────────────────────────────────────────────────────

  api.get('/api/posts/:postId/reactions', async (c) => c.json(await reactions.summary(postId(c), await viewerId(c))));

  api.get('/api/posts/:postId/reactions/:kind', async (c) =>
    c.json(await reactions.reactors(postId(c), kind(c), parseQuery(PageQuery, c.req.query()))),
  );

  const react = (on: boolean) => async (c: Context) => {
    const [id, k] = [postId(c), kind(c)];
    const { op } = await opOnly(c);
    const tooMany = rateLimited(c, buckets.reactions, op.userId, slow('reacting'));
    if (tooMany) return tooMany;
    const { result, replayed } = await reactions.set(op, id, k, on);
    markReplayed(c, replayed);
    return c.json(result);
  };
  api.put('/api/posts/:postId/reactions/:kind', react(true));
  api.delete('/api/posts/:postId/reactions/:kind', react(false));

  // ── Comments ────────────────────────────────────────────────────────────────────────────────────

  api.get('/api/posts/:postId/comments', async (c) =>
    c.json(await comments.thread(postId(c), await viewerId(c), parseQuery(PageQuery, c.req.query()))),
  );

  api.post('/api/posts/:postId/comments', async (c) => {
    const id = postId(c);
    const { op, body } = await change(c, () => parseBody(CommentBody, c.req));
    const tooMany = rateLimited(c, buckets.comments, op.userId, slow('commenting'));
    if (tooMany) return tooMany;
    const { result, replayed } = await comments.add(op, id, body);
    markReplayed(c, replayed);
    return c.json(result, 201);
  });

  api.patch('/api/comments/:id', async (c) => {
    const id = commentId(c);
    const { op, body } = await change(c, () => parseBody(CommentEdit, c.req));
    const tooMany = rateLimited(c, buckets.comments, op.userId, slow('editing comments'));
    if (tooMany) return tooMany;
    const { result, replayed } = await comments.edit(op, id, body.body);
    markReplayed(c, replayed);
    return c.json(result);
  });

  api.delete('/api/comments/:id', async (c) => {
    const id = commentId(c);
    const { op } = await opOnly(c);
    const { result, replayed } = await comments.remove(op, id);
    markReplayed(c, replayed);
    return c.json(result);
  });

  const hide = (hidden: boolean) => async (c: Context) => {
    const id = commentId(c);
    const { op } = await opOnly(c);
    const { result, replayed } = await comments.setHidden(op, id, hidden);
    markReplayed(c, replayed);
    return c.json(result);
  };
  api.put('/api/comments/:id/hidden', hide(true));
  api.delete('/api/comments/:id/hidden', hide(false));

  api.post('/api/comments/:id/reports', async (c) => {
    const id = commentId(c);
    const { op, body } = await change(c, () => parseBody(ReportBody, c.req));
    const tooMany = rateLimited(c, buckets.reports, op.userId, slow('reporting'));
    if (tooMany) return tooMany;
    const { result, replayed } = await comments.report(op, id, body.reason);
    markReplayed(c, replayed);
    return c.json(result, 201);
  });

  // ── Notifications ───────────────────────────────────────────────────────────────────────────────

  api.get('/api/me/notifications', async (c) => {
    const session = await guard.requireUser(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await notifications.list(session.user.id, parseQuery(PageQuery, c.req.query())));
  });

  api.post('/api/me/notifications/read', async (c) => {
    const session = await guard.requireUser(c);
    const body = await parseBody(MarkReadBody, c.req);
    return c.json(await notifications.markRead(session.user.id, body));
  });

  return api;
}
