import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_API, CSRF_HEADER } from '../../../shared/src/model/account-api.ts';
import type { SessionInfo } from '../../../shared/src/model/accounts.ts';
import { createApiClient, OfflineError } from './api-client.ts';
import { openDb, type SdpDb } from './db.ts';
import { createSessionStore, SYNC_TOKEN_FRESH_MS } from './session.ts';
import { uniqueDbName } from './test-fixtures.ts';

const info: SessionInfo = {
  user: { id: 'u1', handle: 'ana', displayName: 'User 1775805635367' },
  csrfToken: 'csrf-1',
  syncToken: 'sync-1',
  userDoc: 'user:u1',
};

type Call = { method: string; path: string; csrf: string | null; body: unknown };

/** A fake server: `signedIn` decides what /session says; every request is recorded. */
function fakeServer() {
  const state = { signedIn: false, online: true, calls: [] as Call[] };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const client = createApiClient({
    isOnline: () => state.online,
    fetch: async (input, init) => {
      const path = new URL(input, 'http://test').pathname;
      const headers = new Headers(init?.headers);
      const method = init?.method ?? 'GET';
      state.calls.push({
        method,
        path,
        csrf: headers.get(CSRF_HEADER),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      if (path === ACCOUNT_API.session)
        return state.signedIn
          ? json(200, info)
          : json(401, { error: 'unauthorized', message: 'You are not signed in.' });
      if (path === ACCOUNT_API.signin) {
        const body = JSON.parse(String(init?.body)) as { password: string };
        if (body.password !== 'right-password')
          return json(401, { error: 'unauthorized', message: 'Email or password is incorrect.' });
        state.signedIn = true;
        return json(200, info);
      }
      if (path === ACCOUNT_API.signup) {
        state.signedIn = true;
        return json(201, info);
      }
      if (path === ACCOUNT_API.signout || path === ACCOUNT_API.signoutEverywhere) {
        if (headers.get(CSRF_HEADER) !== info.csrfToken) return json(403, { error: 'forbidden', message: 'CSRF' });
        state.signedIn = false;
        return json(200, { ok: true });
      }
      return json(404, { error: 'not_found', message: 'no route' });
    },
  });
  return { state, client };
}

const open: SdpDb[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});
const newDb = () => {
  const database = openDb(uniqueDbName());
  open.push(database);
  return database;
};

describe('session store', () => {
  it('signs up with the CSRF header present and keeps the user on this device', async () => {
    const { state, client } = fakeServer();
    const database = newDb();
    const store = createSessionStore({ client, database, now: () => 42 });
    const user = await store.signUp({ email: 'a@example.com', password: 'long-password', handle: 'ana' });
    expect(user).toEqual(info.user);
    expect(state.calls[0]).toMatchObject({ method: 'POST', path: ACCOUNT_API.signup });
    expect(state.calls[0]?.csrf).toBeTruthy();
    expect(await store.stored()).toEqual({ key: 'current', user: info.user, userDoc: 'user:u1', checkedAt: 42 });
  });

  it('a wrong password keeps the reader signed out and says why', async () => {
    const { client } = fakeServer();
    const store = createSessionStore({ client, database: newDb() });
    await expect(store.signIn({ email: 'a@example.com', password: 'nope' })).rejects.toThrow(
      'Email or password is incorrect.',
    );
    expect(await store.stored()).toBeUndefined();
  });

  it('stays signed in offline with the last known session', async () => {
    const { state, client } = fakeServer();
    const database = newDb();
    await createSessionStore({ client, database }).signIn({ email: 'a@example.com', password: 'right-password' });

    // A reload while offline: a new store over the same database.
    state.online = false;
    const reloaded = createSessionStore({ client, database });
    expect(await reloaded.refresh()).toEqual(info.user);
    expect((await reloaded.stored())?.user).toEqual(info.user);
  });

  it('forgets the session when the server says it has ended (401)', async () => {
    const { state, client } = fakeServer();
    const database = newDb();
    const store = createSessionStore({ client, database });
    await store.signIn({ email: 'a@example.com', password: 'right-password' });
    state.signedIn = false;
    expect(await store.refresh()).toBeNull();
    expect(await store.stored()).toBeUndefined();
  });

  it('signs out with the session CSRF token, fetched again after a reload', async () => {
    const { state, client } = fakeServer();
    const database = newDb();
    await createSessionStore({ client, database }).signIn({ email: 'a@example.com', password: 'right-password' });
    const reloaded = createSessionStore({ client, database });
    await reloaded.signOut({ everywhere: true });
    const signout = state.calls.find((c) => c.path === ACCOUNT_API.signoutEverywhere);
    expect(signout?.csrf).toBe(info.csrfToken);
    expect(state.signedIn).toBe(false);
    expect(await reloaded.stored()).toBeUndefined();
  });

  it('cannot sign out offline: the session is kept', async () => {
    const { state, client } = fakeServer();
    const database = newDb();
    const store = createSessionStore({ client, database });
    await store.signIn({ email: 'a@example.com', password: 'right-password' });
    state.online = false;
    await expect(store.signOut()).rejects.toBeInstanceOf(OfflineError);
    expect((await store.stored())?.user).toEqual(info.user);
  });

  it('tells live readers when the session changes', async () => {
    const { client } = fakeServer();
    const database = newDb();
    const store = createSessionStore({ client, database });
    const live = store.current();
    const heard: string[][] = [];
    const dispose = live.changes.subscribe(live.stores, (changed) => heard.push([...changed]));
    await store.signIn({ email: 'a@example.com', password: 'right-password' });
    expect(heard).toEqual([['session']]);
    expect((await live.read())?.user.handle).toBe('ana');
    dispose();
  });

  it('hands out the sync token while it is fresh, and asks the server for a new one after that', async () => {
    const { state, client } = fakeServer();
    let clock = 1_000;
    const store = createSessionStore({ client, database: newDb(), now: () => clock });
    await store.signIn({ email: 'a@example.com', password: 'right-password' });
    const sessionCalls = () => state.calls.filter((c) => c.path === ACCOUNT_API.session).length;
    expect(await store.syncToken()).toBe(info.syncToken);
    expect(sessionCalls()).toBe(0);
    clock += SYNC_TOKEN_FRESH_MS;
    expect(await store.syncToken()).toBe(info.syncToken);
    expect(sessionCalls()).toBe(1);
    state.signedIn = false;
    clock += SYNC_TOKEN_FRESH_MS;
    expect(await store.syncToken()).toBeNull();
  });
});
