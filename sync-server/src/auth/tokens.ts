/**
 * Bearer tokens for the sync socket: `v1.<payload>.<signature>`, base64url, where the payload is JSON
 * `{ sub: userId, exp: unix seconds }` and the signature is HMAC-SHA256 over `v1.<payload>` with a
 * server secret. Stateless on purpose: verifying needs no database read on every connection. Accounts
 * (a later issue) mint them at sign-in with `mintToken`; until then `dev-token.ts` prints one.
 *
 * Tokens travel in the `?token=` query parameter because browsers cannot set headers on WebSockets;
 * nothing in the server logs request URLs of the sync endpoint for that reason.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type TokenClaims = { sub: string; exp: number };

export type TokenFailure = 'missing' | 'malformed' | 'bad-signature' | 'expired';
export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenFailure };

const VERSION = 'v1';
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
/** Long enough to resist guessing (32 random bytes encode to 43 base64url characters). */
export const MIN_SECRET_LENGTH = 32;

export class TokenSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenSecretError';
  }
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const sign = (secret: Uint8Array, signed: string) => createHmac('sha256', secret).update(signed).digest();

export function mintToken(
  secret: Uint8Array,
  userId: string,
  options: { ttlSeconds?: number; now?: number } = {},
): string {
  if (!USER_ID.test(userId)) throw new RangeError(`Invalid user id "${userId}"`);
  const now = options.now ?? Date.now();
  const exp = Math.floor(now / 1000) + (options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const payload = b64(JSON.stringify({ sub: userId, exp } satisfies TokenClaims));
  const signed = `${VERSION}.${payload}`;
  return `${signed}.${b64(sign(secret, signed))}`;
}

export function verifyToken(secret: Uint8Array, token: string | null | undefined, now = Date.now()): VerifyResult {
  if (!token) return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || token.length > 1024) return { ok: false, reason: 'malformed' };
  const [version, payload, signature] = parts as [string, string, string];
  const expected = sign(secret, `${version}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  // Compare in constant time; the length check first because timingSafeEqual requires equal lengths.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const { sub, exp } = value as Record<string, unknown>;
  return typeof sub === 'string' && USER_ID.test(sub) && typeof exp === 'number' && Number.isSafeInteger(exp);
}

/**
 * `expiresAt` (milliseconds since the epoch, wall clock) is when the credential stops being valid: the
 * sync server closes a connection still open then with 4401 "…: expired". Absent: it never expires.
 */
export type AuthResult = { ok: true; userId: string; expiresAt?: number } | { ok: false; reason: TokenFailure };
/** What the sync server calls on every upgrade. Async so a session store can back it later. */
export type Authenticate = (token: string | null) => AuthResult | Promise<AuthResult>;

export function createTokenAuthenticator(secret: Uint8Array, now: () => number = Date.now): Authenticate {
  return (token) => {
    const result = verifyToken(secret, token, now());
    return result.ok ? { ok: true, userId: result.claims.sub, expiresAt: result.claims.exp * 1000 } : result;
  };
}

export const SECRET_FILE_NAME = 'secret';

/**
 * The signing secret: `SESSION_SECRET` when set (at least 32 characters), else `${dataDir}/secret`,
 * created with 32 random bytes and mode 0600 on first start so tokens survive restarts.
 */
export function loadTokenSecret(options: { env?: Record<string, string | undefined>; dataDir: string }): Buffer {
  const fromEnv = options.env?.SESSION_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new TokenSecretError(
        `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters; generate one with: openssl rand -base64 32`,
      );
    }
    return Buffer.from(fromEnv, 'utf8');
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, SECRET_FILE_NAME);
  try {
    // 'wx' fails if the file exists, so two processes starting together cannot overwrite each other.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new TokenSecretError(
      `${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters; delete it to make a new one.`,
    );
  }
  return Buffer.from(secret, 'utf8');
}
