/**
 * The client's outbox and follows against the real server app (SQLite, fixture catalog): replaying a
 * follow is idempotent, two devices converge to the last intent, a refused follow is kept for retry/drop.
 * Each "device" is its own IndexedDB (fake-indexeddb), cookie jar and stores, as in the browser.
 */
import 'fake-indexeddb/auto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../client/src/store/api-client.ts';
import { createCatalog } from '../../client/src/store/catalog.ts';
import { openDb, type SdpDb } from '../../client/src/store/db.ts';
import { createFollows, type FollowTarget, targetKey } from '../../client/src/store/follows.ts';
import { createOutbox, outboxSession } from '../../client/src/store/outbox.ts';
import { createSessionStore } from '../../client/src/store/session.ts';
import { uniqueDbName } from '../../client/src/store/test-fixtures.ts';
import type { Author } from '../../shared/src/model/catalog.ts';
import { fixtureApp } from '../../sync-server/src/testing/app.ts';

let cleanup: () => Promise<void>;
let app: Hono;
const databases: SdpDb[] = [];

beforeAll(async () => {
  ({ app, cleanup } = await fixtureApp());
});
afterAll(async () => {
  for (const database of databases) await database.delete();
  await cleanup();
});

/** One browser: its own storage and cookie jar; `offline` makes every request fail to connect. */
function newDevice() {
  const net = { offline: false, requests: 0, clock: Date.now() - 60_000 };
  let cookie = '';
  const client = createApiClient({
    base: 'http://sysdespro.test',
    fetch: async (input, init) => {
      if (net.offline) throw new TypeError('Failed to fetch');
      net.requests++;
      const headers = new Headers(init?.headers);
      if (cookie) headers.set('cookie', cookie);
      const res = await app.request(input, { ...init, headers });
      const set = res.headers.get('set-cookie');
      if (set) cookie = /sdp_session=([^;]*)/.exec(set)?.[0] ?? '';
      return res;
    },
  });
  const database = openDb(uniqueDbName());
  databases.push(database);
  const session = createSessionStore({ client, database });
  const box = createOutbox({
    database,
    client,
    session: outboxSession(session),
    now: () => net.clock,
    exclusive: (run) => run(),
  });
  const follows = createFollows({ database, client, box, repo: createCatalog(database, client) });
  const statusOf = async (userId: string, target: FollowTarget) =>
    (await follows.live(userId).read()).get(targetKey(target));
  return { net, database, session, box, follows, statusOf };
}

let n = 0;
async function signedUpUser() {
  n += 1;
  const credentials = { email: `outbox${n}@example.com`, password: 'a long passphrase', handle: `outboxer-${n}` };
  const first = newDevice();
  const user = await first.session.signUp(credentials);
  const second = newDevice();
  await second.session.signIn({ email: credentials.email, password: credentials.password });
  return { user, first, second };
}

const followerCount = async (id: string) => {
  const res = await app.request(`/api/authors/${id}`);
  return ((await res.json()) as Author).followerCount;
};

describe('follow outbox against the server', () => {
  it('one follow replayed three times is one follow', async () => {
    const { user, first } = await signedUpUser();
    const before = await followerCount('u_bo');
    first.net.offline = true;
    const entry = await first.follows.change({ kind: 'author', id: 'u_bo' }, true);
    await first.box.replay();
    expect(await first.statusOf(user.id, { kind: 'author', id: 'u_bo' })).toEqual({
      following: true,
      pending: true,
      refused: null,
    });
    first.net.offline = false;
    // Three sends of the same entry, as when answers are lost and the page reloads mid-send.
    for (let i = 0; i < 3; i++) {
      await first.database.write(['outbox'], (tx) => tx.objectStore('outbox').put({ ...entry, state: 'sending' }));
      await first.box.replay(true);
    }
    expect(await followerCount('u_bo')).toBe(before + 1);
    expect(await first.statusOf(user.id, { kind: 'author', id: 'u_bo' })).toEqual({
      following: true,
      pending: false,
      refused: null,
    });
    // The follower count the device keeps was refreshed after the confirmation.
    expect((await first.database.read(['authors'], (tx) => tx.objectStore('authors').get('u_bo')))?.followerCount).toBe(
      before + 1,
    );
  });

  it('two devices offline: the later intent wins whichever replays first', async () => {
    for (const laterFirst of [true, false]) {
      const { user, first, second } = await signedUpUser();
      const cy = { kind: 'author', id: 'u_cy' } as const;
      first.net.offline = true;
      second.net.offline = true;
      // First device follows; a minute later (by the clocks) the second unfollows.
      await first.follows.change(cy, true);
      second.net.clock = first.net.clock + 60_000;
      await second.follows.change(cy, false);
      await Promise.all([first.box.replay(), second.box.replay()]);

      first.net.offline = false;
      second.net.offline = false;
      const order = laterFirst ? [second, first] : [first, second];
      for (const device of order) await device.box.replay(true);
      for (const device of [first, second]) {
        await device.follows.refresh(user.id);
        expect((await device.statusOf(user.id, cy))?.following ?? false).toBe(false);
      }
    }
  });

  it('a refused follow is kept with the server message; drop forgets it, retry sends it again', async () => {
    const { user, first } = await signedUpUser();
    const ghost = { kind: 'author', id: 'u_nobody' } as const;
    const entry = await first.follows.change(ghost, true);
    await first.box.replay();
    const status = await first.statusOf(user.id, ghost);
    expect(status?.following).toBe(false);
    expect(status?.refused).toEqual({
      entryId: entry.id,
      message: 'There is no author with id "u_nobody".',
      follow: true,
    });
    const sent = first.net.requests;
    await first.follows.retry(entry.id);
    expect(first.net.requests).toBeGreaterThan(sent);
    expect((await first.statusOf(user.id, ghost))?.refused).not.toBeNull();
    await first.follows.drop(entry.id);
    expect(await first.statusOf(user.id, ghost)).toBeUndefined();
  });

  it('follow then unfollow while offline sends only the unfollow', async () => {
    const { user, first } = await signedUpUser();
    const queues = { kind: 'tag', slug: 'queues' } as const;
    first.net.offline = true;
    await first.follows.change(queues, true);
    await first.follows.change(queues, false);
    await first.box.replay();
    expect((await first.box.entries().read()).map((e) => e.payload)).toEqual([{ target: queues, follow: false }]);
    first.net.offline = false;
    await first.box.replay(true);
    await first.follows.refresh(user.id);
    expect(await first.statusOf(user.id, queues)).toBeUndefined();
  });
});
