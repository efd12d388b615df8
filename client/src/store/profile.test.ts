import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_API, CSRF_HEADER } from '../../../shared/src/model/account-api.ts';
import type { SessionInfo } from '../../../shared/src/model/accounts.ts';
import type { Author } from '../../../shared/src/model/catalog.ts';
import { createApiClient } from './api-client.ts';
import { createCatalog } from './catalog.ts';
import { avatarProblem, createProfileEdits, PROFILE_KIND } from './profile.ts';
import { signedInDevice } from './test-device.ts';
import { author } from './test-fixtures.ts';

/** A server with one signed-in user: the session, and PATCH /api/me/profile ("taken" is a taken handle). */
function fakeServer() {
  const server = { offline: false, profile: { ...author } as Author, patches: [] as unknown[] };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const client = createApiClient({
    base: 'http://test.local',
    isOnline: () => !server.offline,
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      const path = new URL(input).pathname;
      if (path === ACCOUNT_API.session) {
        const { id, handle, displayName } = server.profile;
        const info: SessionInfo = { user: { id, handle, displayName }, csrfToken: 'c1', syncToken: 's', userDoc: '' };
        return json(200, info);
      }
      if (path === ACCOUNT_API.profile && init?.method === 'PATCH') {
        if (new Headers(init.headers).get(CSRF_HEADER) !== 'c1') return json(403, { error: 'forbidden', message: '' });
        const patch = JSON.parse(String(init.body)) as Partial<Author>;
        server.patches.push(patch);
        if (patch.handle === 'taken') {
          return json(409, { error: 'conflict', message: 'handle "taken" is taken; choose another.' });
        }
        server.profile = { ...server.profile, ...patch };
        return json(200, server.profile);
      }
      return json(404, { error: 'not_found', message: path });
    },
  });
  return { server, client };
}

async function setup() {
  const { server, client } = fakeServer();
  const { database, session, box } = await signedInDevice(client);
  const repo = createCatalog(database, client);
  const edits = createProfileEdits({ database, box, repo, session, client });
  const waiting = () => box.entries().read();
  return { server, session, box, repo, edits, waiting };
}

describe('profile edits', () => {
  it('online: sent at once; the device keeps the new profile and the session shows the new name', async () => {
    const { server, session, repo, edits, waiting } = await setup();
    const outcome = await edits.save(author.id, { displayName: 'Ana O.', headline: 'Queues' });
    expect(outcome).toMatchObject({ kind: 'saved', author: { displayName: 'Ana O.', headline: 'Queues' } });
    expect(server.patches).toEqual([{ displayName: 'Ana O.', headline: 'Queues' }]);
    expect((await repo.readAuthor(author.id))?.displayName).toBe('Ana O.');
    expect((await session.stored())?.user.displayName).toBe('Ana O.');
    expect(await waiting()).toEqual([]);
  });

  it('offline: kept and folded into one change, sent as one PATCH when back online', async () => {
    const { server, box, edits, waiting } = await setup();
    server.offline = true;
    expect(await edits.save(author.id, { headline: 'On a plane' })).toEqual({ kind: 'queued' });
    expect(await edits.save(author.id, { bio: 'Still flying', headline: 'Landing' })).toEqual({ kind: 'queued' });
    const kept = await waiting();
    expect(kept.map((e) => [e.kind, e.payload])).toEqual([
      [PROFILE_KIND, { headline: 'Landing', bio: 'Still flying' }],
    ]);
    expect((await edits.waiting(author.id).read())?.payload).toEqual({ headline: 'Landing', bio: 'Still flying' });

    server.offline = false;
    await box.replay(true);
    expect(server.patches).toEqual([{ headline: 'Landing', bio: 'Still flying' }]);
    expect(server.profile).toMatchObject({ headline: 'Landing', bio: 'Still flying' });
    expect(await waiting()).toEqual([]);
  });

  it('refused: the server says why and nothing is left to send again', async () => {
    const { edits, waiting } = await setup();
    const outcome = await edits.save(author.id, { handle: 'taken' });
    expect(outcome).toEqual({ kind: 'refused', message: 'handle "taken" is taken; choose another.' });
    expect(await waiting()).toEqual([]);
  });

  it('avatars: only PNG, JPEG or WebP up to 1 MB go to the server', async () => {
    expect(avatarProblem({ type: 'image/gif', size: 10 })).toBe('Choose a PNG, JPEG or WebP image.');
    expect(avatarProblem({ type: 'image/png', size: 1024 * 1024 + 1 })).toMatch(/larger than 1 MB/);
    expect(avatarProblem({ type: 'image/webp', size: 1024 * 1024 })).toBeNull();
    const { server, edits } = await setup();
    await expect(edits.uploadAvatar(new Blob(['GIF89a'], { type: 'image/gif' }))).rejects.toThrow('Choose a PNG');
    expect(server.patches).toEqual([]);
  });
});
