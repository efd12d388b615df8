/**
 * Routes of the drafts API (shared/src/drafts/drafts-api.ts) and image uploads. Thin like the social
 * routes: refuse cross-site changes, check the session and CSRF token, take the op id, rate-limit per
 * user, validate with the shared schemas, and call drafts/. Creating a draft is a PUT whose id the client
 * made, so it needs no op id (one is checked if sent).
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DRAFTS_API, MEDIA_LIMITS } from '../../../shared/src/drafts/drafts-api.ts';
import { InviteCoauthorBody, PublishDraftBody, SaveVersionBody } from '../../../shared/src/drafts/drafts-schemas.ts';
import { IDEMPOTENCY_HEADER } from '../../../shared/src/model/accounts.ts';
import { IdParam } from '../../../shared/src/model/api.ts';
import type { ApiError } from '../../../shared/src/model/catalog.ts';
import { OpBody } from '../../../shared/src/model/social.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { type BucketOptions, TokenBuckets } from '../accounts/rate-limit.ts';
import type { Drafts } from '../drafts/drafts.ts';
import { PayloadTooLargeError } from '../errors.ts';
import { type MediaUploads, TOO_LARGE_MESSAGE } from '../media/uploads.ts';
import { rateLimited, refuseCrossSite, requireOpId, type SessionGuard, sessionGuard } from './session-guard.ts';
import { parseBody, parseParam } from './validate.ts';
import { slow, type Write, writeRoutes } from './write-route.ts';

export type DraftRateLimits = {
  creates: BucketOptions;
  publishes: BucketOptions;
  versions: BucketOptions;
  uploads: BucketOptions;
};

export const DEFAULT_DRAFT_RATE_LIMITS: DraftRateLimits = {
  // 30 new drafts at once, then one every 10 s per user.
  creates: { burst: 30, refillMs: 10_000 },
  // Publishing is retried by the outbox (425 while edits are on their way), so the burst allows for that.
  publishes: { burst: 30, refillMs: 10_000 },
  versions: { burst: 20, refillMs: 15_000 },
  // A post with many images uploads them together.
  uploads: { burst: 40, refillMs: 5_000 },
};

/** Far above any JSON body of this API (the largest is a publish's state vector). */
const MAX_JSON_BYTES = 128 * 1024;

export type DraftRouteDeps = {
  accounts: Accounts;
  /** Absent when the server runs without collaborative documents: then only uploads are served. */
  drafts: Drafts | null;
  media: MediaUploads;
  rateLimits?: Partial<DraftRateLimits>;
  now?: () => Date;
};

type Buckets = Record<keyof DraftRateLimits, TokenBuckets>;

const draftId = (c: Context) => parseParam(IdParam, c.req.param('id'), 'draft id');

export function draftRoutes(deps: DraftRouteDeps): Hono {
  const limits = { ...DEFAULT_DRAFT_RATE_LIMITS, ...deps.rateLimits };
  const buckets: Buckets = {
    creates: new TokenBuckets(limits.creates),
    publishes: new TokenBuckets(limits.publishes),
    versions: new TokenBuckets(limits.versions),
    uploads: new TokenBuckets(limits.uploads),
  };
  const guard = sessionGuard(deps.accounts);
  const api = new Hono();
  api.use(DRAFTS_API.media, refuseCrossSite);
  mediaRoutes(api, guard, deps.media, buckets.uploads);
  if (!deps.drafts) return api;
  const drafts = deps.drafts;
  for (const path of [DRAFTS_API.drafts, `${DRAFTS_API.drafts}/*`]) {
    api.use(path, refuseCrossSite);
    api.use(
      path,
      bodyLimit({
        maxSize: MAX_JSON_BYTES,
        onError: (c) =>
          c.json<ApiError>(
            { error: 'too_large', message: `The request body is over ${MAX_JSON_BYTES / 1024} KB; send less.` },
            413,
          ),
      }),
    );
  }
  const context: RouteContext = {
    guard,
    drafts,
    buckets,
    ...writeRoutes({ guard, now: deps.now ?? (() => new Date()) }),
  };
  lifecycleRoutes(api, context);
  memberRoutes(api, context);
  publishRoutes(api, context);
  versionRoutes(api, context);
  return api;
}

type RouteContext = {
  guard: SessionGuard;
  drafts: Drafts;
  buckets: Buckets;
  write: Write;
  opOnly: ReturnType<typeof writeRoutes>['opOnly'];
};

function lifecycleRoutes(api: Hono, { guard, write, opOnly, drafts, buckets }: RouteContext): void {
  api.get(DRAFTS_API.drafts, async (c) => {
    const session = await guard.requireUser(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await drafts.list(session.user.id));
  });
  api.put('/api/drafts/:id', async (c) => {
    const session = await guard.requireUser(c);
    const body = await parseBody(OpBody, c.req, { emptyIsObject: true });
    if (body.opId !== undefined || c.req.header(IDEMPOTENCY_HEADER) !== undefined) requireOpId(c, body.opId);
    const tooMany = rateLimited(c, buckets.creates, session.user.id, slow('creating drafts'));
    if (tooMany) return tooMany;
    const { draft, created } = await drafts.create(session.user.id, draftId(c));
    return c.json(draft, created ? 201 : 200);
  });
  api.get('/api/drafts/:id', async (c) => {
    const session = await guard.requireUser(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await drafts.get(session.user.id, draftId(c)));
  });
  api.delete(
    '/api/drafts/:id',
    write(opOnly, (c, op) => drafts.remove(op, draftId(c))),
  );
  api.post(
    '/api/drafts/:id/restore',
    write(opOnly, (c, op) => drafts.restore(op, draftId(c))),
  );
}

function memberRoutes(api: Hono, { write, opOnly, drafts }: RouteContext): void {
  api.post(
    '/api/drafts/:id/members',
    write({ read: (c) => parseBody(InviteCoauthorBody, c.req), status: 201 }, (c, op, body) =>
      drafts.invite(op, draftId(c), body),
    ),
  );
  api.delete(
    '/api/drafts/:id/members/:userId',
    write({ ...opOnly, status: 204 }, (c, op) =>
      drafts.removeMember(op, draftId(c), parseParam(IdParam, c.req.param('userId'), 'user id')),
    ),
  );
}

function publishRoutes(api: Hono, { guard, write, opOnly, drafts, buckets }: RouteContext): void {
  api.post(
    '/api/drafts/:id/publish',
    write(
      {
        read: (c) => parseBody(PublishDraftBody, c.req, { emptyIsObject: true }),
        limit: [buckets.publishes, 'publishing'],
      },
      (c, op, body) => drafts.publish(op, draftId(c), body),
    ),
  );
  api.post(
    '/api/drafts/:id/unpublish',
    write(opOnly, (c, op) => drafts.unpublish(op, draftId(c))),
  );
  api.get('/api/drafts/:id/revisions', async (c) => {
    const session = await guard.requireUser(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await drafts.revisions(session.user.id, draftId(c)));
  });
}

function versionRoutes(api: Hono, { guard, write, drafts, buckets }: RouteContext): void {
  api.post(
    '/api/drafts/:id/versions',
    write(
      { read: (c) => parseBody(SaveVersionBody, c.req), status: 201, limit: [buckets.versions, 'saving versions'] },
      (c, op, body) => drafts.saveVersion(op, draftId(c), body.name),
    ),
  );
  api.get('/api/drafts/:id/versions', async (c) => {
    const session = await guard.requireUser(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await drafts.versions(session.user.id, draftId(c)));
  });
  api.get('/api/drafts/:id/versions/:versionId', async (c) => {
    const session = await guard.requireUser(c);
    const versionId = parseParam(IdParam, c.req.param('versionId'), 'version id');
    const state = await drafts.versionState(session.user.id, draftId(c), versionId);
    return c.body(new Uint8Array(state), 200, {
      'Content-Type': 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
  });
}

/** Signed in first (an anonymous upload is refused before its body is read), then at most the limit. */
function mediaRoutes(api: Hono, guard: SessionGuard, media: MediaUploads, bucket: TokenBuckets): void {
  api.post(
    DRAFTS_API.media,
    async (c, next) => {
      await guard.requireUser(c);
      await next();
    },
    bodyLimit({
      maxSize: MEDIA_LIMITS.imageBytes,
      onError: () => {
        throw new PayloadTooLargeError(TOO_LARGE_MESSAGE);
      },
    }),
    async (c) => {
      const session = await guard.requireUser(c);
      const tooMany = rateLimited(c, bucket, session.user.id, slow('uploading images'));
      if (tooMany) return tooMany;
      const url = await media.save(new Uint8Array(await c.req.arrayBuffer()));
      return c.json({ url }, 201);
    },
  );
}
