/**
 * Accounts: sign-up, sign-in, sessions and profile edits. No HTTP here — cookies, CSRF and rate limits
 * are applied by api/account-routes.ts; this module decides who someone is and what they may change.
 *
 * Session and CSRF design (issue 5 §1):
 * - A session is a random 32-byte id (base64url) in an httpOnly, SameSite=Lax cookie (`sdp_session`,
 *   Path=/, Secure when the request came over https). The database stores only SHA-256(id), so a leaked
 *   database copy signs nobody in. Sessions last SESSION_TTL (30 days); "sign out everywhere" deletes
 *   every session row of the user.
 * - CSRF: SameSite=Lax already keeps the cookie off cross-site POST/PUT/PATCH/DELETE in current browsers;
 *   on top of that, every state-changing request must carry the header `X-SDP-CSRF`. With a session its
 *   value must equal the session's CSRF token, HMAC-SHA256(secret, "csrf:" + sessionId), returned by
 *   sign-in, sign-up and GET /api/auth/session (so nothing extra is stored, and it dies with the session).
 *   Anonymous POSTs (sign-in, sign-up) need the header present with any value: a custom header cannot be
 *   sent cross-site without a CORS preflight, which this server never approves, so login CSRF fails too.
 *   A request whose `Origin` (or `Sec-Fetch-Site: cross-site`) shows another site is refused outright.
 * - The sync socket cannot send cookies' worth of identity reliably, so GET /api/auth/session also mints
 *   a short-lived signed sync token (auth/tokens.ts) for `/sync/user:<id>?token=…`.
 *
 * No account enumeration on sign-in: one message for an unknown email and a wrong password, and the
 * unknown-email path verifies against a dummy scrypt hash so both take the same time. Sign-up cannot
 * hide that an email is registered without email delivery (there is none yet); it is rate limited.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProfilePatch, SessionInfo, SigninBody, SignupBody } from '../../../shared/src/model/accounts.ts';
import type { Author } from '../../../shared/src/model/catalog.ts';
import { mintToken } from '../auth/tokens.ts';
import { ConflictError, UnauthorizedError } from '../errors.ts';
import type { HandleOptions, HandleRedirect, Store, UserRecord } from '../storage/store.ts';
import {
  DEFAULT_SCRYPT,
  dummyHash,
  hashPassword,
  needsRehash,
  type ScryptParams,
  verifyPassword,
} from './passwords.ts';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** How long an old handle keeps redirecting (and stays reserved for its old owner) after a rename. */
export const HANDLE_HOLD_MS = 90 * 24 * 3600 * 1000;
/** Sync tokens are short-lived: the client asks /session again when one expires. */
export const SYNC_TOKEN_TTL_SECONDS = 3600;

export const SIGNIN_FAILED = 'Email or password is incorrect.';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export type AccountsDeps = {
  store: Store;
  tokenSecret: Uint8Array;
  now?: () => Date;
  scrypt?: ScryptParams;
};

/** A session just created: `sessionId` goes into the cookie and nowhere else. */
export type NewSession = { sessionId: string; userId: string; expiresAt: Date };
export type CurrentSession = { sessionId: string; idHash: string; user: UserRecord };

export type Accounts = ReturnType<typeof createAccounts>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createAccounts({ store, tokenSecret, now = () => new Date(), scrypt = DEFAULT_SCRYPT }: AccountsDeps) {
  const handleOptions = (): HandleOptions => {
    const at = now();
    return { at: at.toISOString(), heldSince: new Date(at.getTime() - HANDLE_HOLD_MS).toISOString() };
  };

  async function startSession(userId: string): Promise<NewSession> {
    const sessionId = randomBytes(32).toString('base64url');
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + SESSION_TTL_MS);
    await store.createSession({
      idHash: sha256(sessionId),
      userId,
      createdAt: createdAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return { sessionId, userId, expiresAt };
  }

  function csrfToken(sessionId: string): string {
    return createHmac('sha256', tokenSecret).update(`csrf:${sessionId}`).digest('base64url');
  }

  return {
    csrfToken,

    checkCsrf(sessionId: string, given: string | undefined): boolean {
      if (!given) return false;
      const expected = Buffer.from(csrfToken(sessionId));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },

    async signup(body: SignupBody): Promise<NewSession> {
      // Hash first: the same work whatever the outcome.
      const passwordHash = await hashPassword(body.password, scrypt);
      const joined = now();
      const user: UserRecord = {
        id: `u_${randomBytes(12).toString('base64url')}`,
        handle: body.handle,
        displayName: `User ${joined.getTime()}`,
        headline: '',
        bio: '',
        website: null,
        github: null,
        supportUrl: null,
        location: null,
        joinedAt: joined.toISOString(),
      };
      const created = await store.createAccount({ user, email: body.email, passwordHash }, handleOptions());
      if (!created.ok) {
        throw new ConflictError(
          created.taken === 'handle'
            ? `handle "${body.handle}" is taken; choose another.`
            : 'email: an account with this email already exists; sign in instead.',
        );
      }
      return startSession(user.id);
    },

    async signin(body: SigninBody): Promise<NewSession> {
      const credentials = await store.getCredentials(body.email);
      // Unknown email: the same scrypt work against a dummy hash, then the same answer.
      const ok = await verifyPassword(body.password, credentials?.passwordHash ?? (await dummyHash(scrypt)));
      if (!credentials || !ok) throw new UnauthorizedError(SIGNIN_FAILED);
      if (needsRehash(credentials.passwordHash, scrypt)) {
        await store.setPasswordHash(credentials.userId, await hashPassword(body.password, scrypt), now().toISOString());
      }
      // Opportunistic clean-up; sessions are few per user and this is an indexed range delete.
      await store.deleteExpiredSessions(now().toISOString());
      return startSession(credentials.userId);
    },

    /** The signed-in user behind a cookie value, or null (unknown, malformed or expired). */
    async resolve(sessionId: string | undefined): Promise<CurrentSession | null> {
      if (!sessionId || !SESSION_ID.test(sessionId)) return null;
      const idHash = sha256(sessionId);
      const session = await store.getSession(idHash);
      if (!session) return null;
      if (session.expiresAt <= now().toISOString()) {
        await store.deleteSession(idHash);
        return null;
      }
      const user = await store.getUser(session.userId);
      return user ? { sessionId, idHash, user } : null;
    },

    async sessionInfo(session: { sessionId: string; user: UserRecord }): Promise<SessionInfo> {
      const { user } = session;
      return {
        user: { id: user.id, handle: user.handle, displayName: user.displayName },
        csrfToken: csrfToken(session.sessionId),
        syncToken: mintToken(tokenSecret, user.id, { ttlSeconds: SYNC_TOKEN_TTL_SECONDS, now: now().getTime() }),
        userDoc: `user:${user.id}`,
      };
    },

    startSession,

    async signout(session: CurrentSession): Promise<void> {
      await store.deleteSession(session.idHash);
    },

    signoutEverywhere(userId: string): Promise<number> {
      return store.deleteUserSessions(userId);
    },

    /** Changes the signed-in user's own profile; there is deliberately no way to name another user. */
    async updateProfile(userId: string, patch: ProfilePatch): Promise<Author> {
      const result = await store.updateProfile(userId, patch, handleOptions());
      if (!result.ok) {
        if (result.reason === 'handle-taken')
          throw new ConflictError(`handle "${patch.handle}" is taken; choose another.`);
        throw new UnauthorizedError('Your account no longer exists. Sign in again.');
      }
      const author = await store.getAuthor({ id: userId });
      if (!author) throw new Error(`User ${userId} vanished after a profile update.`);
      return author;
    },

    /** Points the user's profile at a stored avatar (or null: initials); returns the profile and the old path. */
    async setAvatar(userId: string, avatarUrl: string | null): Promise<{ author: Author; previous: string | null }> {
      const result = await store.setAvatar(userId, avatarUrl);
      if (!result) throw new UnauthorizedError('Your account no longer exists. Sign in again.');
      const author = await store.getAuthor({ id: userId });
      if (!author) throw new Error(`User ${userId} vanished after an avatar change.`);
      return { author, previous: result.previous };
    },

    handleRedirect(handle: string): Promise<HandleRedirect | null> {
      return store.findHandleRedirect(handle, handleOptions().heldSince);
    },
  };
}
