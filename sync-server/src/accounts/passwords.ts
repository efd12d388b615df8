/**
 * Password hashing with scrypt (node:crypto): memory-hard, a random 16-byte salt per hash, and the
 * parameters stored with the hash — `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url) — so they can be
 * raised later: old hashes still verify with their own parameters and `needsRehash` says when to
 * replace them (at the next successful sign-in). Comparison is constant-time.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export type ScryptParams = { N: number; r: number; p: number };

/** N=2^15, r=8, p=1: 32 MiB and roughly 50–100 ms per hash on a server core (OWASP's scrypt minimum is 2^17/8/1 at 128 MiB; 2^15 keeps many concurrent sign-ins within a small box's memory). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Refuse absurd parameters read from the database (or a forged hash): at most 256 MiB per hash. */
const MAX_MEMORY = 256 * 1024 * 1024;

const run = (password: string, salt: Buffer, { N, r, p }: ScryptParams, length: number) =>
  new Promise<Buffer>((resolve, reject) => {
    // scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) is exactly the default's need, so raise it.
    scrypt(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 128 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await run(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export type ParsedHash = { params: ScryptParams; salt: Buffer; key: Buffer };

export function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  if ((N & (N - 1)) !== 0 || N < 2 || 128 * N * r > MAX_MEMORY || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { params: { N, r, p }, salt, key };
}

/** True when the password matches; false for a mismatch or a hash this code cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await run(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash uses weaker parameters than `current` (or cannot be read). */
export function needsRehash(stored: string, current: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < current.N || r < current.r || p < current.p;
}

let dummy: Promise<string> | null = null;
/**
 * A real hash of a random password, made once: sign-in verifies against it when the email is unknown,
 * so an unknown email costs the same scrypt as a wrong password and timing does not tell them apart.
 */
export function dummyHash(params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (params !== DEFAULT_SCRYPT) return hashPassword(randomBytes(16).toString('base64url'), params);
  dummy ??= hashPassword(randomBytes(16).toString('base64url'), params);
  return dummy;
}
