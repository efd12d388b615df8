/** Accounts and profiles through the HTTP API (`app.request()`), against a temporary SQLite store. */
import type { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_API, CSRF_HEADER, type SessionInfo } from '../../../shared/src/model/accounts.ts';
import { API } from '../../../shared/src/model/api.ts';
import type { Author } from '../../../shared/src/model/catalog.ts';
import { authRateLimits } from '../api/account-routes.ts';
import { createApp } from '../app.ts';
import { verifyToken } from '../auth/tokens.ts';
import type { Store } from '../storage/store.ts';
import { fixtureCatalog, tempDir, tempStore } from '../testing/fixtures.ts';
import { SIGNIN_FAILED } from './accounts.ts';
import { AVATAR_MAX_BYTES } from './avatars.ts';
import { type Device, device, JPEG, PNG } from './testing.ts';

const SECRET = Buffer.from('test-secret-test-secret-test-secret-0123');
let store: Store;
let cleanup: () => Promise<void>;
let app: Hono;

function makeApp(accounts?: Parameters<typeof createApp>[0]['accounts']): Hono {
  const client = tempDir();
  return createApp({
    store,
    config: { dataDir: client.dir, clientDir: client.dir },
    logger: pino({ level: 'silent' }),
    tokenSecret: SECRET,
    accounts: accounts ?? { rateLimits: { signupPerIp: { burst: 1000, refillMs: 1 } } },
  });
}

beforeAll(async () => {
  ({ store, cleanup } = tempStore());
  await store.importCatalog(fixtureCatalog());
  app = makeApp();
});
afterAll(() => cleanup());

let counter = 0;
const fresh = () => {
  counter += 1;
  return { email: `person${counter}@example.com`, password: 'a long passphrase', handle: `person-${counter}` };
};

async function signedUp(): Promise<{ d: Device; info: SessionInfo; email: string; password: string }> {
  const d = device(app);
  const body = fresh();
  const res = await d.post(ACCOUNT_API.signup, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { d, info: res.body as SessionInfo, email: body.email, password: body.password };
}

describe('sign-up, sign-in, sign-out', () => {
  it('sign-up creates a user with a default display name, sets the session cookie and returns a sync token', async () => {
    const d = device(app);
    const before = Date.now();
    const res = await d.post(ACCOUNT_API.signup, {
      email: ' New@Example.com ',
      password: 'a long passphrase',
      handle: 'New_One',
    });
    expect(res.status).toBe(201);
    const info = res.body as SessionInfo;
    expect(info.user.handle).toBe('new_one');
    const ms = Number(/^User (\d{13})$/.exec(info.user.displayName)?.[1]);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
    expect(info.userDoc).toBe(`user:${info.user.id}`);
    const token = verifyToken(SECRET, info.syncToken);
    expect(token.ok && token.claims.sub).toBe(info.user.id);

    const cookie = res.res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sdp_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);

    const session = await d.get(ACCOUNT_API.session);
    expect(session.status).toBe(200);
    expect((session.body as SessionInfo).user).toEqual(info.user);
    // The public profile exists at once, with true (zero) counts.
    const author = await d.get(API.authorById(info.user.id));
    expect(author.body).toMatchObject({ handle: 'new_one', followerCount: 0, followingCount: 0, postCount: 0 });
  });

  it('sets Secure on the cookie under https', async () => {
    const res = await app.request('https://sysdespro.example/api/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify(fresh()),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('stores the password as scrypt with its parameters, never the password', async () => {
    const { email, password } = await signedUp();
    const credentials = await store.getCredentials(email);
    expect(credentials?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(credentials?.passwordHash).not.toContain(password);
  });

  it('signs in with the right password; the same message for a wrong password and an unknown email', async () => {
    const { email, password } = await signedUp();
    const d = device(app);
    const ok = await d.post(ACCOUNT_API.signin, { email: email.toUpperCase(), password });
    expect(ok.status).toBe(200);
    expect((await d.get(ACCOUNT_API.session)).status).toBe(200);

    const wrong = await device(app).post(ACCOUNT_API.signin, { email, password: 'not the password' });
    const unknown = await device(app).post(ACCOUNT_API.signin, { email: 'nobody@example.com', password });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ error: 'unauthorized', message: SIGNIN_FAILED });
    expect(wrong.res.headers.get('set-cookie')).toBeNull();
  });

  it('sign-out ends this session only; sign-out everywhere ends them all', async () => {
    const { d: first, email, password } = await signedUp();
    const second = device(app);
    const third = device(app);
    expect((await second.post(ACCOUNT_API.signin, { email, password })).status).toBe(200);
    expect((await third.post(ACCOUNT_API.signin, { email, password })).status).toBe(200);

    const out = await first.post(ACCOUNT_API.signout);
    expect(out.status).toBe(200);
    expect(out.res.headers.get('set-cookie')).toMatch(/sdp_session=;/);
    expect((await first.get(ACCOUNT_API.session)).status).toBe(401);
    expect((await second.get(ACCOUNT_API.session)).status).toBe(200);

    const everywhere = await second.post(ACCOUNT_API.signoutEverywhere);
    expect(everywhere.body).toEqual({ ok: true, ended: 2 });
    expect((await second.get(ACCOUNT_API.session)).status).toBe(401);
    expect((await third.get(ACCOUNT_API.session)).status).toBe(401);
    // A stolen cookie value is worthless after sign-out everywhere.
    expect((await third.patch(ACCOUNT_API.profile, { headline: 'x' })).status).toBe(401);
  });

  it('GET /session without a session is 401 JSON', async () => {
    const res = await device(app).get(ACCOUNT_API.session);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized' });
    const forged = await app.request(ACCOUNT_API.session, { headers: { cookie: `sdp_session=${'A'.repeat(43)}` } });
    expect(forged.status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a change without the session CSRF token, or with another session’s', async () => {
    const { d } = await signedUp();
    const { d: other } = await signedUp();
    expect((await d.patch(ACCOUNT_API.profile, { headline: 'ok' })).status).toBe(200);
    const missing = await d.patch(ACCOUNT_API.profile, { headline: 'no' }, { [CSRF_HEADER]: '' });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining(CSRF_HEADER) });
    const borrowed = await d.patch(ACCOUNT_API.profile, { headline: 'no' }, { [CSRF_HEADER]: other.csrf });
    expect(borrowed.status).toBe(403);
    expect((await d.post(ACCOUNT_API.signoutEverywhere, undefined, { [CSRF_HEADER]: '' })).status).toBe(403);
  });

  it('refuses cross-site requests by Origin or Sec-Fetch-Site, and anonymous posts without the header', async () => {
    const { d } = await signedUp();
    expect((await d.patch(ACCOUNT_API.profile, { headline: 'x' }, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await d.patch(ACCOUNT_API.profile, { headline: 'x' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await d.patch(ACCOUNT_API.profile, { headline: 'x' }, { origin: 'http://localhost' })).status).toBe(200);
    const anonymous = await device(app).post(ACCOUNT_API.signup, fresh(), { [CSRF_HEADER]: '' });
    expect(anonymous.status).toBe(403);
    const login = await device(app).post(ACCOUNT_API.signin, { email: 'a@b.c', password: 'x' }, { [CSRF_HEADER]: '' });
    expect(login.status).toBe(403);
  });
});

describe('handles', () => {
  it('are unique ignoring case, including the catalog’s authors', async () => {
    const taken = await device(app).post(ACCOUNT_API.signup, { ...fresh(), handle: 'ANA' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'conflict', message: expect.stringMatching(/handle "ana" is taken/) });
    const { info } = await signedUp();
    const again = await device(app).post(ACCOUNT_API.signup, { ...fresh(), handle: info.user.handle.toUpperCase() });
    expect(again.status).toBe(409);
  });

  it.each([['ab'], ['a'.repeat(31)], ['has space'], ['dots.no'], ['émile'], ['admin']])(
    'refuses "%s" with a message naming handle',
    async (handle) => {
      const res = await device(app).post(ACCOUNT_API.signup, { ...fresh(), handle });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/^handle/) });
    },
  );

  it('a second account with the same email is refused', async () => {
    const { email } = await signedUp();
    const res = await device(app).post(ACCOUNT_API.signup, { ...fresh(), email });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/^email/) });
  });
});

describe('bad input → 400 naming the field', () => {
  it.each([
    [ACCOUNT_API.signup, { password: 'a long passphrase', handle: 'okay-handle' }, /^email is required/],
    [ACCOUNT_API.signup, { email: 'not-an-email', password: 'a long passphrase', handle: 'okay-handle' }, /^email/],
    [
      ACCOUNT_API.signup,
      { email: 'x@example.com', password: 'short', handle: 'okay-handle' },
      /^password must be at least 8/,
    ],
    [
      ACCOUNT_API.signup,
      { email: 'x@example.com', password: 12345678, handle: 'okay-handle' },
      /^password must be text/,
    ],
    [ACCOUNT_API.signup, { email: 'x@example.com', password: 'a long passphrase' }, /^handle is required/],
    [ACCOUNT_API.signup, [], /JSON object/],
    [ACCOUNT_API.signin, { email: 'x@example.com' }, /^password is required/],
    [ACCOUNT_API.signin, { email: '', password: 'x' }, /^email is required/],
  ])('POST %s %j', async (path, body, message) => {
    const res = await device(app).post(path, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', message: expect.stringMatching(message) });
  });

  it('a body that is not JSON', async () => {
    const res = await app.request(ACCOUNT_API.signup, {
      method: 'POST',
      headers: { [CSRF_HEADER]: '1', 'content-type': 'application/json' },
      body: '{email',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: expect.stringMatching(/JSON/) });
  });

  it.each([
    [{ website: 'javascript:alert(1)' }, /^website must be an http/],
    [{ supportUrl: 'ftp://example.com' }, /^supportUrl must be an http/],
    [{ displayName: '   ' }, /^displayName cannot be empty/],
    [{ displayName: 'x'.repeat(61) }, /^displayName must be at most 60/],
    [{ bio: 'x'.repeat(1001) }, /^bio must be at most 1000/],
    [{ headline: 'two\nlines' }, /^headline has characters/],
    [{ github: 'not a user' }, /^github must be a GitHub username/],
    [{ handle: 'No Spaces' }, /^handle must be 3–30/],
    [{ id: 'u_ana' }, /^id is not a field/],
    [{ userId: 'u_ana', headline: 'x' }, /^userId is not a field/],
  ])('PATCH profile %j', async (patch, message) => {
    const { d } = await signedUp();
    const res = await d.patch(ACCOUNT_API.profile, patch);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', message: expect.stringMatching(message) });
  });
});

describe('profiles', () => {
  it('only the signed-in user edits, and only their own profile', async () => {
    const anonymous = await device(app).patch(ACCOUNT_API.profile, { headline: 'x' });
    expect(anonymous.status).toBe(401);
    // There is no route that names another user: the path has no id and the body refuses one.
    const { d, info } = await signedUp();
    expect((await d.patch(`${ACCOUNT_API.profile}/u_ana`, { headline: 'x' })).status).toBe(404);
    expect((await d.request('PATCH', '/api/authors/u_ana', { headline: 'x' })).status).toBe(404);
    const res = await d.patch(ACCOUNT_API.profile, {
      displayName: '  Dana Writer ',
      headline: 'Queues, mostly',
      website: 'https://dana.example',
      github: 'dana-w',
      supportUrl: 'https://buymeacoffee.com/dana',
      location: 'Lisbon',
      bio: 'Line one.\nLine two.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: info.user.id,
      displayName: 'Dana Writer',
      headline: 'Queues, mostly',
      website: 'https://dana.example',
      github: 'dana-w',
      supportUrl: 'https://buymeacoffee.com/dana',
      location: 'Lisbon',
      bio: 'Line one.\nLine two.',
    });
    expect((await d.get(API.authorById('u_ana'))).body).toMatchObject({ headline: 'Ana writes about systems' });
    // Empty clears an optional field.
    expect((await d.patch(ACCOUNT_API.profile, { website: '', location: null })).body).toMatchObject({
      website: null,
      location: null,
    });
  });

  it('a handle change keeps the id link, and the old handle answers 301 to the new one', async () => {
    const { d, info } = await signedUp();
    const old = info.user.handle;
    const res = await d.patch(ACCOUNT_API.profile, { handle: 'Renamed-Writer' });
    expect(res.status).toBe(200);
    expect((res.body as Author).handle).toBe('renamed-writer');
    expect((await d.get(API.authorById(info.user.id))).body).toMatchObject({ handle: 'renamed-writer' });

    const moved = await app.request(API.authorByHandle(old), { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(API.authorByHandle('renamed-writer'));
    expect(await moved.json()).toEqual({
      error: 'moved',
      message: expect.stringContaining('@renamed-writer'),
      movedTo: 'renamed-writer',
      id: info.user.id,
    });
    expect((await d.get(API.authorByHandle('renamed-writer'))).status).toBe(200);

    // Nobody else can take the old handle while it redirects; its owner can take it back.
    expect((await device(app).post(ACCOUNT_API.signup, { ...fresh(), handle: old })).status).toBe(409);
    const { d: other } = await signedUp();
    expect((await other.patch(ACCOUNT_API.profile, { handle: old })).status).toBe(409);
    expect((await d.patch(ACCOUNT_API.profile, { handle: old })).status).toBe(200);
    expect((await d.get(API.authorByHandle(old))).status).toBe(200);
    expect((await app.request(API.authorByHandle('renamed-writer'), { redirect: 'manual' })).status).toBe(301);
  });
});

describe('rate limits', () => {
  it('sign-in: 429 with Retry-After after the per-address burst', async () => {
    const limitedApp = makeApp({ rateLimits: { signinPerIp: { burst: 3, refillMs: 60_000 } } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await limitedApp.request(ACCOUNT_API.signin, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify({ email: `nobody${i}@example.com`, password: 'whatever-it-is' }),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last?.headers.get('retry-after')).toBe('60');
    expect(await last?.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringMatching(/Try again in 60 seconds/),
    });
  });

  it('sign-in: per account, whatever the address', async () => {
    const limitedApp = makeApp({
      rateLimits: { signinPerAccount: { burst: 2, refillMs: 30_000 } },
      clientAddress: (c) => c.req.header('x-test-ip') ?? 'none',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await limitedApp.request(ACCOUNT_API.signin, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', 'x-test-ip': `10.0.0.${i}` },
        body: JSON.stringify({ email: 'target@example.com', password: `guess-${i}-guess` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('sign-up: 429 after the per-address burst', async () => {
    const limitedApp = makeApp({ rateLimits: authRateLimits({ signin: 10, signup: 2 }) });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await limitedApp.request(ACCOUNT_API.signup, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify(fresh()),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });
});

describe('avatars', () => {
  const avatarOf = async (id: string) => ((await device(app).get(API.authorById(id))).body as Author).avatarUrl;

  it('an upload is stored under /media/avatars, shown on the profile, and replaced by the next one', async () => {
    const { d, info } = await signedUp();
    const first = await d.put(ACCOUNT_API.avatar, PNG, { 'content-type': 'image/png' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const url = (first.body as Author).avatarUrl ?? '';
    expect(url).toMatch(new RegExp(`^/media/avatars/${info.user.id}-[0-9a-f]{16}\\.png$`));
    expect(await avatarOf(info.user.id)).toBe(url);
    const served = await app.request(url);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);

    const second = await d.put(ACCOUNT_API.avatar, JPEG, { 'content-type': 'image/jpeg' });
    expect((second.body as Author).avatarUrl).toMatch(/\.jpg$/);
    expect((await app.request(url)).status).toBe(404);

    const cleared = await d.delete(ACCOUNT_API.avatar);
    expect((cleared.body as Author).avatarUrl).toBeNull();
  });

  it('refuses a file that is not PNG, JPEG or WebP by its bytes, whatever its Content-Type says (415)', async () => {
    const { d, info } = await signedUp();
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>');
    const res = await d.put(ACCOUNT_API.avatar, svg, { 'content-type': 'image/png' });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('PNG, JPEG') });
    expect(await avatarOf(info.user.id)).toBeNull();
  });

  it('refuses more than 1 MB (413) and keeps the avatar it had', async () => {
    const { d, info } = await signedUp();
    await d.put(ACCOUNT_API.avatar, PNG);
    const before = await avatarOf(info.user.id);
    const big = new Uint8Array(AVATAR_MAX_BYTES + 1);
    big.set(PNG);
    const res = await d.put(ACCOUNT_API.avatar, big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'too_large', message: expect.stringContaining('1 MB') });
    expect(await avatarOf(info.user.id)).toBe(before);
  });

  it('refuses uploads without a session (401) or without its CSRF token (403)', async () => {
    const anonymous = await device(app).put(ACCOUNT_API.avatar, PNG);
    expect(anonymous.status).toBe(401);
    const { d, info } = await signedUp();
    const noCsrf = await d.put(ACCOUNT_API.avatar, PNG, { [CSRF_HEADER]: 'not-the-token' });
    expect(noCsrf.status).toBe(403);
    expect(await avatarOf(info.user.id)).toBeNull();
  });
});
