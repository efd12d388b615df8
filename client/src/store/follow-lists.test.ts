import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_API } from '../../../shared/src/model/account-api.ts';
import type { FollowEntry } from '../../../shared/src/model/accounts.ts';
import { createApiClient } from './api-client.ts';
import { createCatalog } from './catalog.ts';
import { openDb, type SdpDb } from './db.ts';
import { createFollowLists } from './follow-lists.ts';
import { uniqueDbName } from './test-fixtures.ts';

const person = (n: number): FollowEntry => ({
  id: `u${n}`,
  handle: `reader${n}`,
  displayName: `Reader ${n}`,
  followedAt: `2025-01-0${n}T00:00:00.000Z`,
});

const open: SdpDb[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

/** Followers of `a1` answered two at a time (cursor = next index); nobody is followed. */
function setup() {
  const server = { followers: [1, 2, 3].map(person), offline: false };
  const client = createApiClient({
    base: 'http://test.local',
    fetch: async (input) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      const url = new URL(input);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      if (url.pathname === ACCOUNT_API.followers('a1')) {
        const items = server.followers.slice(start, start + 2);
        const next = start + 2 < server.followers.length ? String(start + 2) : null;
        return new Response(JSON.stringify({ items, nextCursor: next }));
      }
      if (url.pathname === ACCOUNT_API.following('a1'))
        return new Response(JSON.stringify({ items: [], nextCursor: null }));
      return new Response(JSON.stringify({ error: 'not_found', message: 'There is no author.' }), { status: 404 });
    },
  });
  const database = openDb(uniqueDbName());
  open.push(database);
  return { server, lists: createFollowLists(client, createCatalog(database, client)) };
}

describe('followers and following lists', () => {
  it('keeps the first page, appends the next, and still reads offline', async () => {
    const { server, lists } = setup();
    await lists.refresh('followers', 'a1');
    expect((await lists.live('followers', 'a1').read())?.items.map((p) => p.handle)).toEqual(['reader1', 'reader2']);
    expect(await lists.loadMore('followers', 'a1')).toBe(true);
    const all = await lists.live('followers', 'a1').read();
    expect(all).toEqual({
      items: [1, 2, 3].map((n) =>
        expect.objectContaining({ id: `u${n}`, handle: `reader${n}`, displayName: `Reader ${n}` }),
      ),
      nextCursor: null,
    });
    expect(await lists.loadMore('followers', 'a1')).toBe(false);

    server.offline = true;
    await expect(lists.refresh('followers', 'a1')).rejects.toThrow("You're offline.");
    expect((await lists.live('followers', 'a1').read())?.items).toHaveLength(3);
  });

  it('an empty list is kept as empty (the page shows its empty state); an unknown author fails', async () => {
    const { lists } = setup();
    await lists.refresh('following', 'a1');
    expect(await lists.live('following', 'a1').read()).toEqual({ items: [], nextCursor: null });
    await expect(lists.refresh('followers', 'nobody')).rejects.toThrow('There is no author.');
    expect(await lists.live('followers', 'nobody').read()).toBeUndefined();
  });
});
