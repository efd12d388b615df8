import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_API, CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import type { SessionInfo } from '../../../shared/src/model/accounts.ts';
import { createApiClient } from './api-client.ts';
import { base64, createDraftActions, waitingCreate, waitingDeletes, waitingPublish } from './draft-actions.ts';
import { signedInDevice } from './test-device.ts';
import { author, eventually } from './test-fixtures.ts';

type Call = { method: string; path: string; body: unknown; op: string | null; csrf: string | null };

/** A drafts server that answers publish with `publishStatus` and records every change it receives. */
function fakeServer() {
  const server = { offline: false, publishStatus: 200, calls: [] as Call[] };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const client = createApiClient({
    base: 'http://test.local',
    isOnline: () => !server.offline,
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      const path = new URL(input).pathname;
      const method = init?.method ?? 'GET';
      if (path === ACCOUNT_API.session) {
        const info: SessionInfo = {
          user: { id: author.id, handle: author.handle, displayName: author.displayName },
          csrfToken: 'c1',
          syncToken: 's',
          userDoc: '',
        };
        return json(200, info);
      }
      const headers = new Headers(init?.headers);
      server.calls.push({
        method,
        path,
        body: init?.body ? JSON.parse(String(init.body)) : null,
        op: headers.get(IDEMPOTENCY_HEADER),
        csrf: headers.get(CSRF_HEADER),
      });
      if (path.endsWith('/publish')) {
        return server.publishStatus === 200
          ? json(200, { revision: 1, stripped: [] })
          : json(server.publishStatus, {
              error: 'draft-not-synced',
              message: 'Your latest edits have not reached the server yet.',
            });
      }
      if (path.includes('/versions/')) return new Response(new Uint8Array([1, 2, 3]), { status: 200 });
      if (method === 'DELETE' && path.includes('/members/')) return new Response(null, { status: 204 });
      return json(200, { items: [] });
    },
  });
  return { server, client };
}

describe('draft actions', () => {
  it('publishing offline waits on the device, then goes with the state vector once online', async () => {
    const { server, client } = fakeServer();
    const { box, session } = await signedInDevice(client);
    const actions = createDraftActions({ box, client, session });
    server.offline = true;
    await actions.publish('d1', new Uint8Array([7, 8]));
    const waiting = waitingPublish(await box.entries().read(), 'd1');
    expect(waiting?.state).toBe('pending');
    server.offline = false;
    await box.replay(true);
    await eventually(async () => expect(waitingPublish(await box.entries().read(), 'd1')).toBeUndefined());
    const publish = server.calls.find((c) => c.path === '/api/drafts/d1/publish');
    expect(publish?.body).toEqual({ stateVector: base64(new Uint8Array([7, 8])) });
    expect(publish?.op).toBeTruthy();
    expect(publish?.csrf).toBe('c1');
  });

  it('a draft written offline is created on the server before it is published', async () => {
    const { server, client } = fakeServer();
    const { box, session } = await signedInDevice(client);
    const actions = createDraftActions({ box, client, session });
    server.offline = true;
    await actions.create('d9');
    await actions.publish('d9', new Uint8Array([3]));
    expect(waitingCreate(await box.entries().read(), 'd9')?.state).not.toBe('refused');
    server.offline = false;
    await box.replay(true);
    await eventually(async () => expect(await box.entries().read()).toEqual([]));
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'PUT /api/drafts/d9',
      'POST /api/drafts/d9/publish',
    ]);
    expect(server.calls[0]?.op).toBeTruthy();
  });

  it('a 425 (edits not on the server yet) keeps the publish waiting to retry, not refused', async () => {
    const { server, client } = fakeServer();
    const { box, session } = await signedInDevice(client);
    const actions = createDraftActions({ box, client, session });
    server.publishStatus = 425;
    await actions.publish('d1', new Uint8Array([1]));
    await eventually(async () => expect(waitingPublish(await box.entries().read(), 'd1')?.attempts).toBe(1));
    const entry = waitingPublish(await box.entries().read(), 'd1');
    expect(entry?.state).toBe('pending');
    expect(entry?.error).toMatch(/not reached the server/);
  });

  it('delete then undo while offline folds into one restore; a waiting delete hides the draft', async () => {
    const { server, client } = fakeServer();
    const { box, session } = await signedInDevice(client);
    const actions = createDraftActions({ box, client, session });
    server.offline = true;
    await actions.remove('d2');
    expect(waitingDeletes(await box.entries().read()).has('d2')).toBe(true);
    // Let the first (offline) attempt end, so the delete is waiting rather than being sent.
    await eventually(async () => expect((await box.entries().read())[0]?.attempts).toBe(1));
    await actions.undoRemove('d2');
    expect(waitingDeletes(await box.entries().read()).has('d2')).toBe(false);
    server.offline = false;
    await box.replay(true);
    await eventually(async () => expect(await box.entries().read()).toEqual([]));
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/drafts/d2/restore']);
  });

  it('invitations need the network and carry CSRF and an idempotency key; version state comes back as bytes', async () => {
    const { server, client } = fakeServer();
    const { box, session } = await signedInDevice(client);
    const actions = createDraftActions({ box, client, session });
    await actions.invite('d1', 'ana', 'editor');
    const invite = server.calls.at(-1);
    expect(invite).toMatchObject({
      method: 'POST',
      path: '/api/drafts/d1/members',
      body: { handle: 'ana', role: 'editor' },
      csrf: 'c1',
    });
    expect(invite?.op).toBeTruthy();
    expect(Array.from(await actions.versionState('d1', 'v1'))).toEqual([1, 2, 3]);
    // The server answers a removal with 204 and no body.
    await expect(actions.removeMember('d1', 'u_2')).resolves.toBeUndefined();
    expect(server.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/drafts/d1/members/u_2', csrf: 'c1' });
    server.offline = true;
    await expect(actions.saveVersion('d1', 'Before edits')).rejects.toThrow(/offline/);
  });
});
