/**
 * Routes for accounts, profiles and follows (issue 5 §1–§3). Thin: check origin/CSRF and rate limits,
 * validate with the shared schemas, call accounts/ and follows/. The session and CSRF design is described
 * at the top of accounts/accounts.ts; follow idempotency and convergence at the top of follows/follows.ts.
 */
import type { IncomingMessage } from 'node:http';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  ACCOUNT_API,
  CSRF_HEADER,
  FollowBody,
  type FollowTarget,
  ProfilePatch,
  SigninBody,
  SignupBody,
} from '../../../shared/src/model/accounts.ts';
import { IdParam, PageQuery, SlugParam } from '../../../shared/src/model/api.ts';
import type { Accounts, NewSession } from '../accounts/accounts.ts';
import { AVATAR_MAX_BYTES, type AvatarFiles, checkAvatar } from '../accounts/avatars.ts';
import { type BucketOptions, TokenBuckets } from '../accounts/rate-limit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { ForbiddenError, PayloadTooLargeError, UnauthorizedError } from '../errors.ts';
import type { Follows } from '../follows/follows.ts';
import {
  markReplayed,
  rateLimited,
  refuseCrossSite,
  requireOpId,
  SESSION_COOKIE,
  sessionGuard,
} from './session-guard.ts';
import { parseBody, parseParam, parseQuery } from './validate.ts';

export { SESSION_COOKIE } from './session-guard.ts';

export type RateLimits = {
  signinPerIp: BucketOptions;
  signinPerAccount: BucketOptions;
  signupPerIp: BucketOptions;
};

export const DEFAULT_RATE_LIMITS: RateLimits = {
  // 10 attempts at once, then one every 6 s (10 a minute) from one address.
  signinPerIp: { burst: 10, refillMs: 6_000 },
  // 5 at once, then one a minute per email: slows guessing one password without locking the owner out long.
  signinPerAccount: { burst: 5, refillMs: 60_000 },
  // 5 accounts at once, then one a minute from one address.
  signupPerIp: { burst: 5, refillMs: 60_000 },
};

/** The default limits with the configured bursts (SIGNIN_BURST, SIGNUP_BURST) per address. */
export function authRateLimits(bursts: { signin: number; signup: number }): RateLimits {
  return {
    ...DEFAULT_RATE_LIMITS,
    signinPerIp: { ...DEFAULT_RATE_LIMITS.signinPerIp, burst: bursts.signin },
    signupPerIp: { ...DEFAULT_RATE_LIMITS.signupPerIp, burst: bursts.signup },
  };
}

export type AccountRouteDeps = {
  accounts: Accounts;
  follows: Follows;
  /** Where uploaded avatars are written (DATA_DIR/media/avatars). */
  avatarFiles: AvatarFiles;
  /** The catalog, for the signed-in user's "Following" feed. */
  catalog: Pick<Catalog, 'followingFeed'>;
  rateLimits?: Partial<RateLimits>;
  /**
   * The address rate limits are keyed by. Default: the TCP peer. Behind a reverse proxy every request
   * shares the proxy's address, so pass a function that reads the proxy's header there.
   */
  clientAddress?: (c: Context) => string;
};

const peerAddress = (c: Context) =>
  (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

export function accountRoutes({
  accounts,
  follows,
  avatarFiles,
  catalog,
  rateLimits,
  clientAddress = peerAddress,
}: AccountRouteDeps): Hono {
  const limits = { ...DEFAULT_RATE_LIMITS, ...rateLimits };
  const buckets = {
    signinPerIp: new TokenBuckets(limits.signinPerIp),
    signinPerAccount: new TokenBuckets(limits.signinPerAccount),
    signupPerIp: new TokenBuckets(limits.signupPerIp),
  };
  const api = new Hono();

  api.use('/api/*', refuseCrossSite);
  const guard = sessionGuard(accounts);
  const requireUser = guard.requireUser;
  const currentSession = guard.current;

  const limited = (c: Context, bucket: TokenBuckets, key: string, what: string) =>
    rateLimited(c, bucket, key, (seconds) => `Too many ${what} attempts. Try again in ${seconds} seconds.`);

  function requireAnonymousCsrf(c: Context): void {
    if (!c.req.header(CSRF_HEADER)) {
      throw new ForbiddenError(`${CSRF_HEADER} header is missing; the app sends it on every change.`);
    }
  }

  async function issue(c: Context, session: NewSession, status: 200 | 201) {
    setCookie(c, SESSION_COOKIE, session.sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      expires: session.expiresAt,
    });
    const resolved = await accounts.resolve(session.sessionId);
    if (!resolved) throw new Error('A session just created could not be read back.');
    return c.json(await accounts.sessionInfo(resolved), status);
  }

  const clearCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });

  api.post(ACCOUNT_API.signup, async (c) => {
    requireAnonymousCsrf(c);
    const tooMany = limited(c, buckets.signupPerIp, clientAddress(c), 'sign-up');
    if (tooMany) return tooMany;
    const body = await parseBody(SignupBody, c.req);
    return issue(c, await accounts.signup(body), 201);
  });

  api.post(ACCOUNT_API.signin, async (c) => {
    requireAnonymousCsrf(c);
    const body = await parseBody(SigninBody, c.req);
    const tooMany =
      limited(c, buckets.signinPerIp, clientAddress(c), 'sign-in') ??
      limited(c, buckets.signinPerAccount, body.email, 'sign-in');
    if (tooMany) return tooMany;
    return issue(c, await accounts.signin(body), 200);
  });

  api.post(ACCOUNT_API.signout, async (c) => {
    const session = await currentSession(c);
    if (session) {
      await requireUser(c);
      await accounts.signout(session);
    }
    clearCookie(c);
    return c.json({ ok: true });
  });

  api.post(ACCOUNT_API.signoutEverywhere, async (c) => {
    const session = await requireUser(c);
    const ended = await accounts.signoutEverywhere(session.user.id);
    clearCookie(c);
    return c.json({ ok: true, ended });
  });

  api.get(ACCOUNT_API.session, async (c) => {
    const session = await currentSession(c);
    if (!session) {
      if (getCookie(c, SESSION_COOKIE) !== undefined) clearCookie(c);
      throw new UnauthorizedError('You are not signed in.');
    }
    c.header('Cache-Control', 'no-store');
    return c.json(await accounts.sessionInfo(session));
  });

  api.patch(ACCOUNT_API.profile, async (c) => {
    const session = await requireUser(c);
    const patch = await parseBody(ProfilePatch, c.req);
    return c.json(await accounts.updateProfile(session.user.id, patch));
  });

  // Signed in first (an anonymous upload is refused before its body is read), then at most 1 MB.
  api.put(
    ACCOUNT_API.avatar,
    async (c, next) => {
      await requireUser(c);
      await next();
    },
    bodyLimit({
      maxSize: AVATAR_MAX_BYTES,
      onError: () => {
        throw new PayloadTooLargeError('The avatar is larger than 1 MB. Choose a smaller image.');
      },
    }),
    async (c) => {
      const session = await requireUser(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      checkAvatar(bytes);
      const url = await avatarFiles.save(session.user.id, bytes);
      const { author, previous } = await accounts.setAvatar(session.user.id, url);
      if (previous !== url) await avatarFiles.remove(previous);
      return c.json(author);
    },
  );

  api.delete(ACCOUNT_API.avatar, async (c) => {
    const session = await requireUser(c);
    const { author, previous } = await accounts.setAvatar(session.user.id, null);
    await avatarFiles.remove(previous);
    return c.json(author);
  });

  api.get(ACCOUNT_API.follows, async (c) => {
    const session = await requireUser(c);
    return c.json(await follows.mine(session.user.id));
  });

  api.get(ACCOUNT_API.feed, async (c) => {
    const session = await requireUser(c);
    const request = parseQuery(PageQuery, c.req.query());
    // Private to the user: no shared cache may keep it.
    c.header('Cache-Control', 'private, no-store');
    return c.json(await catalog.followingFeed(session.user.id, request));
  });

  async function followChange(c: Context, target: FollowTarget, follow: boolean) {
    const session = await requireUser(c);
    const body = await parseBody(FollowBody, c.req, { emptyIsObject: true });
    const opId = requireOpId(c, body.opId);
    const { result, replayed } = await follows.change(session.user.id, { target, follow, opId, at: body.at });
    markReplayed(c, replayed);
    return c.json(result);
  }

  const authorTarget = (c: Context): FollowTarget => ({
    kind: 'author',
    id: parseParam(IdParam, c.req.param('authorId'), 'authorId'),
  });
  const tagTarget = (c: Context): FollowTarget => ({
    kind: 'tag',
    slug: parseParam(SlugParam, c.req.param('slug'), 'tag slug'),
  });
  const seriesTarget = (c: Context): FollowTarget => ({
    kind: 'series',
    slug: parseParam(SlugParam, c.req.param('slug'), 'series slug'),
  });

  api.put('/api/me/follows/authors/:authorId', (c) => followChange(c, authorTarget(c), true));
  api.delete('/api/me/follows/authors/:authorId', (c) => followChange(c, authorTarget(c), false));
  api.put('/api/me/follows/tags/:slug', (c) => followChange(c, tagTarget(c), true));
  api.delete('/api/me/follows/tags/:slug', (c) => followChange(c, tagTarget(c), false));
  api.put('/api/me/follows/series/:slug', (c) => followChange(c, seriesTarget(c), true));
  api.delete('/api/me/follows/series/:slug', (c) => followChange(c, seriesTarget(c), false));

  api.get('/api/authors/:id/followers', async (c) => {
    const id = parseParam(IdParam, c.req.param('id'), 'author id');
    return c.json(await follows.followers(id, parseQuery(PageQuery, c.req.query())));
  });

  api.get('/api/authors/:id/following', async (c) => {
    const id = parseParam(IdParam, c.req.param('id'), 'author id');
    return c.json(await follows.following(id, parseQuery(PageQuery, c.req.query())));
  });

  return api;
}
