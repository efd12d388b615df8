import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { createApiClient } from './api-client.ts';
import { openDb, type SdpDb } from './db.ts';
import { createOutbox, type OutboxEntry, SignInRequiredError } from './outbox.ts';
import { eventually, uniqueDbName } from './test-fixtures.ts';

type Note = { topic: string; on: boolean };
type Received = { method: string; path: string; key: string | null; csrf: string | null; body: unknown };

/**
 * A server for one test kind, "note": PUT/DELETE /api/notes/<topic>. Dedups by Idempotency-Key like the real
 * one; `answer` overrides the status of the next answers; `offline` makes every request fail to connect.
 */
function fakeNotesServer() {
  const server = {
    offline: false,
    answer: null as null | { status: number; message: string },
    csrf: 'csrf-1',
    received: [] as Received[],
    applied: new Map<string, boolean>(),
    seen: new Set<string>(),
  };
  const client = createApiClient({
    base: 'http://test.local',
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      const headers = new Headers(init?.headers);
      const path = new URL(input).pathname;
      const key = headers.get(IDEMPOTENCY_HEADER);
      server.received.push({
        method: init?.method ?? 'GET',
        path,
        key,
        csrf: headers.get(CSRF_HEADER),
        body: JSON.parse(String(init?.body ?? '{}')),
      });
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
      if (server.answer) return json(server.answer.status, { error: 'nope', message: server.answer.message });
      if (headers.get(CSRF_HEADER) !== server.csrf) return json(403, { error: 'forbidden', message: 'CSRF' });
      if (key && !server.seen.has(key)) {
        server.seen.add(key);
        server.applied.set(path, init?.method === 'PUT');
      }
      return json(200, { on: server.applied.get(path) ?? false });
    },
  });
  return { server, client };
}

const open: SdpDb[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const d of open.splice(0)) await d.delete();
});

function setup(options: { userId?: string | null; csrf?: () => string } = {}) {
  const { server, client } = fakeNotesServer();
  const database = openDb(uniqueDbName());
  open.push(database);
  const who = { userId: options.userId === undefined ? 'u1' : options.userId, refreshes: 0 };
  let token: string | null = null;
  let clock = 1_000;
  let ids = 0;
  const sentAnswers: unknown[] = [];
  const outbox = createOutbox({
    database,
    client,
    now: () => clock,
    newId: () => `entry-${++ids}-000000`,
    exclusive: (run) => run(),
    session: {
      userId: async () => who.userId,
      csrf: async () => {
        token ??= who.userId ? server.csrf : null;
        return token;
      },
      refresh: async () => {
        who.refreshes++;
        token = who.userId ? server.csrf : null;
      },
    },
  });
  outbox.register<Note>('note', {
    key: (note) => `note:${note.topic}`,
    request: (entry) => ({
      method: entry.payload.on ? 'PUT' : 'DELETE',
      path: `/api/notes/${entry.payload.topic}`,
      body: { at: new Date(entry.createdAt).toISOString() },
    }),
    merge: (_older, newer) => newer,
    sent: async (entry, response) => {
      // Still in the outbox while the kind records the answer: the view never shows the old state between.
      const kept = await database.read(['outbox'], (tx) => tx.objectStore('outbox').get(entry.id));
      sentAnswers.push({ response, stillKept: kept !== undefined });
    },
  });
  const entries = () => outbox.entries().read();
  const tick = (ms: number) => {
    clock += ms;
  };
  return { server, outbox, database, who, entries, tick, sentAnswers };
}

const stateOf = (entries: OutboxEntry[]) => entries.map((e) => [e.state, e.error]);

describe('outbox store', () => {
  it('sends a change with its id as the Idempotency-Key and the CSRF header, then forgets it', async () => {
    const { server, outbox, entries, sentAnswers } = setup();
    const entry = await outbox.enqueue<Note>('note', { topic: 'caching', on: true });
    await outbox.replay();
    expect(server.received).toEqual([
      {
        method: 'PUT',
        path: '/api/notes/caching',
        key: entry.id,
        csrf: 'csrf-1',
        body: { at: new Date(1_000).toISOString() },
      },
    ]);
    expect(await entries()).toEqual([]);
    expect(sentAnswers).toEqual([{ response: { on: true }, stillKept: true }]);
  });

  it('offline: the change stays pending with a back-off, and goes when the network is back', async () => {
    const { server, outbox, entries, tick } = setup();
    server.offline = true;
    await outbox.enqueue<Note>('note', { topic: 'caching', on: true });
    await outbox.replay();
    const [waiting] = await entries();
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, error: "You're offline." });
    server.offline = false;
    await outbox.replay();
    expect(server.received).toHaveLength(0); // still backing off
    tick(60_000);
    await outbox.replay();
    expect(server.applied.get('/api/notes/caching')).toBe(true);
    expect(await entries()).toEqual([]);
  });

  it('coming online (forced replay) does not wait out the back-off', async () => {
    const { server, outbox, entries } = setup();
    server.offline = true;
    await outbox.enqueue<Note>('note', { topic: 'caching', on: true });
    await outbox.replay();
    server.offline = false;
    await outbox.replay(true);
    expect(await entries()).toEqual([]);
  });

  it('a follow-like change replayed three times is applied once', async () => {
    const { server, outbox, database } = setup();
    const entry = await outbox.enqueue<Note>('note', { topic: 'caching', on: true });
    // Lost answers: the same entry is put back and sent again, as after a reload mid-send.
    for (let i = 0; i < 3; i++) {
      await outbox.replay();
      await database.write(['outbox'], (tx) => tx.objectStore('outbox').put({ ...entry, state: 'sending' }));
    }
    await outbox.replay();
    expect(server.received.map((r) => r.key)).toEqual([entry.id, entry.id, entry.id, entry.id]);
    expect(server.seen.size).toBe(1);
  });

  it('a change made while offline over an older waiting one replaces it (last intent)', async () => {
    const { server, outbox, entries } = setup();
    server.offline = true;
    await outbox.enqueue<Note>('note', { topic: 'caching', on: true });
    await outbox.enqueue<Note>('note', { topic: 'caching', on: false });
    await outbox.enqueue<Note>('note', { topic: 'queues', on: true });
    expect((await entries()).map((e) => e.payload)).toEqual([
      { topic: 'caching', on: false },
      { topic: 'queues', on: true },
    ]);
    server.offline = false;
    await outbox.replay(true);
    expect(server.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /api/notes/caching',
      'PUT /api/notes/queues',
    ]);
  });

  it('a refusal is kept with the server message; retry sends it again, drop forgets it', async () => {
    const { server, outbox, entries } = setup();
    server.answer = { status: 404, message: 'There is no topic "gone".' };
    const entry = await outbox.enqueue<Note>('note', { topic: 'gone', on: true });
    await outbox.replay();
    expect(stateOf(await entries())).toEqual([['refused', 'There is no topic "gone".']]);
    await outbox.replay();
    expect(server.received).toHaveLength(1); // not sent again by itself
    server.answer = null;
    await outbox.retry(entry.id);
    expect(await entries()).toEqual([]);

    server.answer = { status: 400, message: 'Bad topic.' };
    const other = await outbox.enqueue<Note>('note', { topic: 'bad', on: true });
    await outbox.replay();
    await outbox.drop(other.id);
    expect(await entries()).toEqual([]);
  });

  it('a stale CSRF token is renewed once; a second 403 is a refusal', async () => {
    const { server, outbox, entries, who } = setup();
    await outbox.enqueue<Note>('note', { topic: 'a', on: true });
    await outbox.replay();
    server.csrf = 'csrf-2';
    await outbox.enqueue<Note>('note', { topic: 'b', on: true });
    await outbox.replay();
    expect(who.refreshes).toBe(1);
    expect(await entries()).toEqual([]);

    server.answer = { status: 403, message: 'Not yours.' };
    await outbox.enqueue<Note>('note', { topic: 'c', on: true });
    await outbox.replay();
    expect(stateOf(await entries())).toEqual([['refused', 'Not yours.']]);
  });

  it('401 waits for sign-in, then goes', async () => {
    const { server, outbox, entries, who } = setup();
    server.answer = { status: 401, message: 'You are not signed in.' };
    await outbox.enqueue<Note>('note', { topic: 'a', on: true });
    const refreshes = who.refreshes;
    await outbox.replay();
    expect(await entries()).toMatchObject([{ state: 'pending', needsSignIn: true }]);
    expect(who.refreshes).toBe(refreshes + 1); // the session is checked, so the app shows who is signed in
    server.answer = null;
    await outbox.replay(true);
    expect(server.received).toHaveLength(1);
    await outbox.resume();
    expect(await entries()).toEqual([]);
  });

  it("keeps one user's changes for that user: another user signed in does not send them", async () => {
    const { server, outbox, entries, who } = setup();
    server.offline = true;
    await outbox.enqueue<Note>('note', { topic: 'a', on: true });
    await outbox.replay();
    server.offline = false;
    who.userId = 'u2';
    await outbox.replay(true);
    expect(server.received).toHaveLength(0);
    expect(await entries()).toHaveLength(1);
  });

  it('refuses a change while signed out, with a typed error, and keeps nothing', async () => {
    const { outbox, entries } = setup({ userId: null });
    await expect(outbox.enqueue<Note>('note', { topic: 'a', on: true })).rejects.toBeInstanceOf(SignInRequiredError);
    expect(await entries()).toEqual([]);
  });

  it('waits for a kind registered later, then sends it', async () => {
    const { server, outbox, entries, database } = setup();
    await database.write(['outbox'], (tx) =>
      tx.objectStore('outbox').put({
        id: 'later-kind-0001',
        kind: 'profile',
        key: 'profile',
        payload: { bio: 'x' },
        userId: 'u1',
        createdAt: 5,
        state: 'pending',
        attempts: 0,
        notBefore: 0,
        error: null,
        needsSignIn: false,
      }),
    );
    await outbox.replay();
    expect(await entries()).toHaveLength(1);
    outbox.register<{ bio: string }>('profile', {
      key: () => 'profile',
      request: (entry) => ({ method: 'PATCH', path: '/api/me/profile', body: entry.payload }),
    });
    await eventually(async () => expect(await entries()).toEqual([]));
    expect(server.received.at(-1)).toMatchObject({ method: 'PATCH', key: 'later-kind-0001' });
  });

  it('start() replays what was left from the last visit and tells the change bus', async () => {
    const { server, outbox, database, entries } = setup();
    server.offline = true;
    await outbox.enqueue<Note>('note', { topic: 'a', on: true });
    server.offline = false;
    const heard: string[][] = [];
    database.changes.subscribe(['outbox'], (stores) => heard.push([...stores]));
    await outbox.replay(true);
    expect(heard.length).toBeGreaterThan(0);

    server.offline = true;
    await outbox.enqueue<Note>('note', { topic: 'b', on: true });
    await outbox.replay();
    expect(await entries()).toMatchObject([{ state: 'pending', attempts: 1 }]);
    server.offline = false;
    // As on the next page load: the back-off from the last visit is not waited out.
    stops.push(outbox.start());
    await eventually(async () => expect(await entries()).toEqual([]));
  });
});
