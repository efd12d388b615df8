/**
 * What every signed-in route checks, shared by the account and social routes: cross-site refusal, the
 * session (401) and its CSRF token (403), the op id of a change, and per-key rate limits (429).
 * The session and CSRF design is described at the top of accounts/accounts.ts.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ACCOUNT_API, CSRF_HEADER, IDEMPOTENCY_HEADER, OpId } from '../../../shared/src/model/accounts.ts';
import type { ApiError } from '../../../shared/src/model/catalog.ts';
import type { Accounts, CurrentSession } from '../accounts/accounts.ts';
import type { TokenBuckets } from '../accounts/rate-limit.ts';
import { BadRequestError, ForbiddenError, UnauthorizedError } from '../errors.ts';
import { parseParam } from './validate.ts';

export const SESSION_COOKIE = 'sdp_session';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cross-site state changes are refused before anything else, signed in or not. */
export const refuseCrossSite: MiddlewareHandler = async (c, next) => {
  if (UNSAFE.has(c.req.method) && isCrossSite(c)) {
    throw new ForbiddenError('This request came from another site and was refused.');
  }
  await next();
};

export type SessionGuard = ReturnType<typeof sessionGuard>;

export function sessionGuard(accounts: Accounts) {
  async function current(c: Context): Promise<CurrentSession | null> {
    return accounts.resolve(getCookie(c, SESSION_COOKIE));
  }

  return {
    current,

    /** The signed-in user for a change: 401 without a session, 403 without the session's CSRF token. */
    async requireUser(c: Context): Promise<CurrentSession> {
      const session = await current(c);
      if (!session) throw new UnauthorizedError('You are not signed in. Sign in and try again.');
      if (UNSAFE.has(c.req.method) && !accounts.checkCsrf(session.sessionId, c.req.header(CSRF_HEADER))) {
        throw new ForbiddenError(
          `${CSRF_HEADER} header is missing or does not match this session; fetch ${ACCOUNT_API.session} for the current one.`,
        );
      }
      return session;
    },
  };
}

/** The change's op id: the Idempotency-Key header or the body's `opId` (one of them, or both equal). */
export function requireOpId(c: Context, bodyOpId: string | undefined): string {
  const header = c.req.header(IDEMPOTENCY_HEADER);
  const fromHeader = header === undefined ? undefined : parseParam(OpId, header, `${IDEMPOTENCY_HEADER} header`);
  if (fromHeader !== undefined && bodyOpId !== undefined && fromHeader !== bodyOpId) {
    throw new BadRequestError(`opId and the ${IDEMPOTENCY_HEADER} header differ; send one id for one change.`);
  }
  const opId = fromHeader ?? bodyOpId;
  if (opId === undefined) {
    throw new BadRequestError(`opId is required: send it in the body or as the ${IDEMPOTENCY_HEADER} header.`);
  }
  return opId;
}

/** Says that a change was answered from its first arrival. */
export function markReplayed(c: Context, replayed: boolean): void {
  if (replayed) c.header('Idempotent-Replayed', 'true');
}

/** 429 with Retry-After when the key's bucket is empty; null when the request may go on. */
export function rateLimited(
  c: Context,
  bucket: TokenBuckets,
  key: string,
  message: (seconds: number) => string,
): Response | null {
  const taken = bucket.take(key);
  if (taken.ok) return null;
  const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
  c.header('Retry-After', String(seconds));
  return c.json<ApiError>({ error: 'rate_limited', message: message(seconds) }, 429);
}

/** `Sec-Fetch-Site: cross-site`, or an `Origin` whose host is not this request's host. */
function isCrossSite(c: Context): boolean {
  if (c.req.header('sec-fetch-site') === 'cross-site') return true;
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return true;
  }
}
