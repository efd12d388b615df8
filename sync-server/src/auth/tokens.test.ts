import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenAuthenticator, loadTokenSecret, mintToken, TokenSecretError, verifyToken } from './tokens.ts';

const secret = Buffer.from('s'.repeat(32));
const NOW = Date.UTC(2025, 0, 1);

describe('tokens', () => {
  it('AUTH-1: verifies what it mints and reads the user id', () => {
    const token = mintToken(secret, 'alice', { now: NOW, ttlSeconds: 60 });
    expect(verifyToken(secret, token, NOW)).toEqual({
      ok: true,
      claims: { sub: 'alice', exp: NOW / 1000 + 60 },
    });
    // AUTH-3: the expiry travels with the identity, so an open connection can be closed at it.
    expect(createTokenAuthenticator(secret, () => NOW)(token)).toEqual({
      ok: true,
      userId: 'alice',
      expiresAt: NOW + 60_000,
    });
  });

  it('AUTH-1: rejects missing, expired, tampered and foreign tokens', () => {
    const token = mintToken(secret, 'alice', { now: NOW, ttlSeconds: 60 });
    expect(verifyToken(secret, null, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyToken(secret, '', NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyToken(secret, token, NOW + 60_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(Buffer.from('t'.repeat(32)), token, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const [v, payload, sig] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ sub: 'mallory', exp: NOW / 1000 + 60 })).toString('base64url');
    expect(verifyToken(secret, `${v}.${forged}.${sig}`, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken(secret, `${v}.${payload}`, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken(secret, `v2.${payload}.${sig}`, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken(secret, 'garbage', NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to mint for an invalid user id', () => {
    expect(() => mintToken(secret, 'a b')).toThrow(RangeError);
  });
});

describe('loadTokenSecret', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdp-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('AUTH-2: prefers SESSION_SECRET and insists it is long enough', () => {
    const dir = tempDir();
    expect(loadTokenSecret({ env: { SESSION_SECRET: 'x'.repeat(40) }, dataDir: dir }).toString()).toBe('x'.repeat(40));
    expect(() => loadTokenSecret({ env: { SESSION_SECRET: 'short' }, dataDir: dir })).toThrow(TokenSecretError);
  });

  it('AUTH-2: otherwise creates DATA_DIR/secret with mode 0600 and reuses it', () => {
    const dir = tempDir();
    const first = loadTokenSecret({ env: {}, dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
    expect(loadTokenSecret({ env: {}, dataDir: dir })).toEqual(first);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first.toString());
  });

  it('tightens a secret file that others can read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret'), 'y'.repeat(43), { mode: 0o644 });
    loadTokenSecret({ env: {}, dataDir: dir });
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
  });
});
