/**
 * The HTTP application: routes, static files and error handling, with no knowledge of how it is served
 * (no listening here), so tests call `app.request()` and the server wires it to a socket.
 */

import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError } from '../../shared/src/model/catalog.ts';
import { createAccounts } from './accounts/accounts.ts';
import { createAvatarFiles } from './accounts/avatars.ts';
import type { BucketOptions } from './accounts/rate-limit.ts';
import { accountRoutes, type RateLimits } from './api/account-routes.ts';
import { type DraftRateLimits, draftRoutes } from './api/draft-routes.ts';
import { exportRoutes } from './api/export-routes.ts';
import { apiRoutes } from './api/routes.ts';
import { type SocialRateLimits, socialRoutes } from './api/social-routes.ts';
import type { DocumentAccessPolicy } from './auth/access.ts';
import { createCatalog } from './catalog/catalog.ts';
import { createPopularCache } from './catalog/popular-cache.ts';
import type { Config } from './config.ts';
import type { DraftActivity } from './drafts/draft-activity.ts';
import type { DraftStates } from './drafts/draft-state.ts';
import { createDrafts, type Drafts } from './drafts/drafts.ts';
import { AppError } from './errors.ts';
import { createWritingArchive } from './export/writing-archive.ts';
import { createFollows } from './follows/follows.ts';
import { joinMedia, serveClient, serveMedia } from './http/static.ts';
import type { Logger } from './logger.ts';
import { createMediaUploads } from './media/uploads.ts';
import type { SyncHandle } from './rooms/index.ts';
import { type Coauthors, createCoauthors } from './social/coauthors.ts';
import { createComments } from './social/comments.ts';
import { createNotifications, type Notifications } from './social/notifications.ts';
import { createReactions } from './social/reactions.ts';
import type { Store } from './storage/store.ts';

export type AppDeps = {
  store: Store;
  config: Pick<Config, 'dataDir' | 'clientDir'>;
  logger: Logger;
  /** The clock popularity is computed against; tests fix it. */
  now?: () => Date;
  /** The sync endpoint, once attached (the app is built before the server listens). */
  sync?: () => SyncHandle | null;
  /**
   * Signs sync tokens and CSRF tokens (server.ts passes the one the sync socket verifies with). Absent in
   * tests that do not sign in: a random one, so tokens minted then are valid for this app only.
   */
  tokenSecret?: Uint8Array;
  /** Accounts tuning: rate limits, and how to find the client's address behind a proxy. */
  accounts?: { rateLimits?: Partial<RateLimits>; clientAddress?: (c: Context) => string };
  /** Per-user limits on reactions, comments and reports; how long popular lists are kept (ms). */
  social?: { rateLimits?: Partial<SocialRateLimits>; popularTtlMs?: number };
  /**
   * Collaborative documents, for the drafts API: the access policy (membership changes reach open sync
   * connections through it), the drafts' stored states and the title tracker. Without them the drafts API
   * and export/import are not served (image uploads still are).
   */
  drafts?: {
    access: DocumentAccessPolicy;
    states: DraftStates;
    activity: DraftActivity;
    rateLimits?: Partial<DraftRateLimits>;
    /** Exports and imports per user (each reads or makes many documents). */
    transferRateLimit?: BucketOptions;
  };
  /** Receives the services other server code calls (the publishing code: `postPublished`). */
  onServices?: (services: AppServices) => void;
};

export type AppServices = {
  notifications: Notifications;
  /** `mayPublishPart(seriesId, userId)`: the series owner or an accepted co-author. */
  coauthors: Coauthors;
  /**
   * For the publishing code, once a post is live: popular lists are recomputed and, when the post is a
   * part of a series, the series' followers are notified (once per post). Returns how many were notified.
   */
  postPublished(postId: string): Promise<number>;
  /** The drafts service (null without `drafts` deps): e.g. `createWithState` for drafts made on the server. */
  drafts: Drafts | null;
};

/** Popular lists change slowly; writes that matter drop them sooner. */
const POPULAR_TTL_MS = 60_000;

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';

export function createApp(deps: AppDeps): Hono {
  const { store, config, logger, now, sync, tokenSecret, accounts: tuning, social } = deps;
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    const path = c.req.path;
    const entry = { method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - started) };
    if (path.startsWith('/api/')) logger.info(entry, 'request');
    else logger.debug(entry, 'request');
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  // Ready: the sync endpoint is attached and not shutting down (a load balancer stops sending new clients).
  app.get('/readyz', (c) => (sync?.()?.isReady() ? c.json({ ready: true }) : c.json({ ready: false }, 503)));
  app.get('/metrics', async (c) => {
    const handle = sync?.();
    if (!handle) return c.json<ApiError>({ error: 'unavailable', message: 'Metrics are not available yet.' }, 503);
    return c.body(await handle.metricsText(), 200, { 'Content-Type': handle.metrics.contentType });
  });

  const clock = now ? { now } : {};
  const accounts = createAccounts({ store, tokenSecret: tokenSecret ?? randomBytes(32), ...clock });
  const popular = createPopularCache({
    ttlMs: social?.popularTtlMs ?? POPULAR_TTL_MS,
    ...(now ? { now: () => now().getTime() } : {}),
  });
  const onChange = () => popular.invalidate();
  const notifications = createNotifications({ store, ...clock });
  const coauthors = createCoauthors({ store, notifications });
  const postPublished = async (postId: string) => {
    popular.invalidate();
    return notifications.seriesPartPublished(postId);
  };
  const drafts = deps.drafts
    ? createDrafts({
        store,
        ...deps.drafts,
        notifications,
        coauthors,
        postChanged: async (postId, joinedSeries) => {
          if (joinedSeries) await postPublished(postId);
          else popular.invalidate();
        },
        ...clock,
      })
    : null;
  deps.onServices?.({ notifications, coauthors, postPublished, drafts });
  const follows = createFollows({ store, ...clock, onChange, onFollowed: notifications.newFollower });
  const catalog = createCatalog({ store, popular, ...clock });
  app.route(
    '/',
    apiRoutes(catalog, (handle) => accounts.handleRedirect(handle)),
  );
  app.route(
    '/',
    accountRoutes({
      accounts,
      follows,
      avatarFiles: createAvatarFiles(joinMedia(config.dataDir)),
      catalog,
      ...tuning,
    }),
  );
  if (drafts && deps.drafts) {
    const archive = createWritingArchive({ store, drafts, states: deps.drafts.states, follows, ...clock });
    const { transferRateLimit } = deps.drafts;
    app.route('/', exportRoutes({ accounts, archive, ...(transferRateLimit ? { transferRateLimit } : {}), ...clock }));
  }
  // Before the social routes: their 64 KB body limit must not apply to image uploads (nor imports).
  app.route(
    '/',
    draftRoutes({
      accounts,
      drafts,
      media: createMediaUploads(joinMedia(config.dataDir)),
      ...(deps.drafts?.rateLimits ? { rateLimits: deps.drafts.rateLimits } : {}),
      ...clock,
    }),
  );
  app.route(
    '/',
    socialRoutes({
      accounts,
      reactions: createReactions({ store, onChange }),
      comments: createComments({ store, notifications, onChange }),
      notifications,
      coauthors,
      ...(social?.rateLimits ? { rateLimits: social.rateLimits } : {}),
      ...clock,
    }),
  );
  app.all('/api/*', (c) =>
    c.json<ApiError>({ error: 'not_found', message: `There is no API route ${c.req.method} ${c.req.path}.` }, 404),
  );

  app.get('/media/*', serveMedia({ root: joinMedia(config.dataDir) }));
  app.get('*', serveClient({ root: config.clientDir }));

  app.notFound((c) => c.json<ApiError>({ error: 'not_found', message: 'There is nothing at this address.' }, 404));

  app.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json(error.toJSON(), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json<ApiError>({ error: 'bad_request', message: error.message || 'The request is not valid.' }, 400);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json<ApiError>({ error: 'internal', message: INTERNAL_MESSAGE }, 500);
  });

  return app;
}
