/**
 * The authorisation matrix: document kinds × roles × actions (read, write, awareness), rejections at
 * connect, and access changes while connected (tests/sync/SPEC.md: ACCESS-1…ACCESS-5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/close-codes.ts';
import { encodeAwareness } from '../../shared/src/protocol/messages.ts';
import { mintToken } from '../../sync-server/src/auth/tokens.ts';
import { encodeAwarenessUpdate } from '../../sync-server/src/rooms/awareness-relay.ts';
import { startTestServer, type TestServer } from './support/harness.ts';
import { RawClient } from './support/raw-client.ts';
import { sleep, waitFor } from './support/wait.ts';

type Expect = { connect: boolean; write?: boolean };

// kind × role → what they may do. Awareness follows read access.
const MATRIX: Array<{ doc: string; user: string; role: string } & Expect> = [
  { doc: 'user:alice', user: 'alice', role: 'owner of a user doc', connect: true, write: true },
  { doc: 'user:alice', user: 'bob', role: 'another user on a user doc', connect: false },
  { doc: 'draft:d1', user: 'olga', role: 'draft owner', connect: true, write: true },
  { doc: 'draft:d1', user: 'eddie', role: 'draft editor', connect: true, write: true },
  { doc: 'draft:d1', user: 'vera', role: 'draft viewer', connect: true, write: false },
  { doc: 'draft:d1', user: 'sam', role: 'not a member', connect: false },
];

describe('authorisation', () => {
  let server: TestServer;
  let seq = 0;
  const url = (doc: string, user: string, extra = '') => `${server.url}/${doc}?token=${server.token(user)}${extra}`;

  beforeAll(async () => {
    server = await startTestServer();
    await server.access.setDraftMember('d1', 'olga', 'owner');
    await server.access.setDraftMember('d1', 'eddie', 'editor');
    await server.access.setDraftMember('d1', 'vera', 'viewer');
  });
  afterAll(async () => {
    await server.close();
  });

  describe.each(MATRIX)('ACCESS-1/2: $role ($doc as $user)', ({ doc, user, connect, write }) => {
    if (!connect) {
      it('is refused with 4403 and nothing else happens', async () => {
        const client = await RawClient.connect(url(doc, user));
        expect(await client.waitForClose()).toEqual({
          code: CloseCode.Forbidden,
          reason: 'no permission for this document',
        });
        expect(client.has('sync-step2')).toBe(false);
      });
      return;
    }

    it('reads: gets the stored content on sync', async () => {
      const owner = doc === 'user:alice' ? 'alice' : 'olga';
      const writer = await RawClient.connect(url(doc, owner, '&acks=1'));
      const marker = `r${++seq}`;
      writer.edit((d) => d.getArray('log').push([marker]));
      await waitFor(() => writer.lastAck() >= 2);
      const reader = await RawClient.connect(url(doc, user));
      await waitFor(() => reader.doc.getArray('log').toArray().includes(marker));
      writer.close();
      reader.close();
    });

    it(
      write ? 'writes: stored, broadcast and acked' : 'cannot write: refused, told why, not stored or broadcast',
      async () => {
        const observer = await RawClient.connect(url(doc, doc === 'user:alice' ? 'alice' : 'olga'));
        const client = await RawClient.connect(url(doc, user, '&acks=1'));
        await waitFor(() => client.has('sync-step2') && observer.has('sync-step2'));
        const marker = `w${++seq}`;
        client.edit((d) => d.getArray('log').push([marker]));
        if (write) {
          await waitFor(() => observer.doc.getArray('log').toArray().includes(marker));
          await waitFor(() => client.lastAck() >= 2);
          expect((await server.storedDoc(doc)).getArray('log').toArray()).toContain(marker);
        } else {
          await waitFor(() => client.has('permission-denied'));
          await sleep(50);
          expect(observer.doc.getArray('log').toArray()).not.toContain(marker);
          expect((await server.storedDoc(doc)).getArray('log').toArray()).not.toContain(marker);
          // Its sync step 2 (nothing new) was acked; the refused update never is.
          expect(client.lastAck()).toBe(1);
          expect(client.closed).toBeNull(); // still reading
        }
        client.close();
        observer.close();
      },
    );

    it('shares awareness both ways', async () => {
      const observer = await RawClient.connect(url(doc, doc === 'user:alice' ? 'alice' : 'olga'));
      const client = await RawClient.connect(url(doc, user));
      await waitFor(() => client.has('sync-step1') && observer.has('sync-step1'));
      const id = 1000 + ++seq;
      client.send(encodeAwareness(encodeAwarenessUpdate([{ clientId: id, clock: 1, state: '{"cursor":1}' }])));
      observer.send(encodeAwareness(encodeAwarenessUpdate([{ clientId: id + 5000, clock: 1, state: '{"c":2}' }])));
      await waitFor(() => observer.has('awareness') && client.has('awareness'));
      client.close();
      observer.close();
    });
  });

  describe('ACCESS-3: rejected at connect with a documented code', () => {
    it.each([
      ['no token', () => `${server.url}/user:alice`, CloseCode.Unauthenticated],
      [
        'an expired token',
        () => `${server.url}/user:alice?token=${server.token('alice', -1)}`,
        CloseCode.Unauthenticated,
      ],
      [
        'a token from another secret',
        () => `${server.url}/user:alice?token=${mintToken(Buffer.alloc(32, 7), 'alice')}`,
        CloseCode.Unauthenticated,
      ],
      ['garbage token', () => `${server.url}/user:alice?token=abc`, CloseCode.Unauthenticated],
      ['a malformed name', () => url('draft:a/b', 'alice'), CloseCode.MalformedDocName],
      ['a bad escape', () => url('draft:%zz', 'alice'), CloseCode.MalformedDocName],
      ['a name without kind', () => url('alice', 'alice'), CloseCode.MalformedDocName],
      ['an unknown kind', () => url('board:x', 'alice'), CloseCode.UnknownDocKind],
    ])('%s', async (_name, makeUrl, code) => {
      const client = await RawClient.connect(makeUrl());
      const closed = await client.waitForClose();
      expect(closed.code).toBe(code);
      expect(closed.reason.length).toBeGreaterThan(0);
      expect(client.has('sync-step1')).toBe(false);
    });

    it('an expired token says so in the reason', async () => {
      const client = await RawClient.connect(`${server.url}/user:alice?token=${server.token('alice', -1)}`);
      expect((await client.waitForClose()).reason).toBe('missing, invalid or expired token: expired');
    });
  });

  it('ACCESS-6: a token that expires while connected is closed with 4401 "expired" within a second of expiry', async () => {
    // A real one-second token: `exp` is whole seconds, so it expires 0–1 s from now.
    const token = server.token('alice', 1);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    const client = await RawClient.connect(`${server.url}/user:alice?token=${token}`);
    if (!client.closed) {
      await waitFor(() => client.has('sync-step1') || client.closed);
      const closed = await client.waitForClose(2_500);
      const at = Date.now();
      expect(closed).toEqual({ code: CloseCode.Unauthenticated, reason: 'missing, invalid or expired token: expired' });
      expect(at).toBeGreaterThanOrEqual(exp * 1000);
      expect(at - exp * 1000).toBeLessThan(1_000);
    } else {
      // Minted just before a second boundary and already expired at connect: the same refusal.
      expect(client.closed.reason).toBe('missing, invalid or expired token: expired');
    }
  });

  describe('access changes while connected', () => {
    it('ACCESS-4: a removed co-author is disconnected with 4410 within a second', async () => {
      await server.access.setDraftMember('d2', 'olga', 'owner');
      await server.access.setDraftMember('d2', 'rita', 'editor');
      const rita = await RawClient.connect(url('draft:d2', 'rita'));
      const olga = await RawClient.connect(url('draft:d2', 'olga'));
      await waitFor(() => rita.has('sync-step1') && olga.has('sync-step1'));
      const started = Date.now();
      await server.access.removeDraftMember('d2', 'rita');
      expect((await rita.waitForClose(1_000)).code).toBe(CloseCode.AccessRevoked);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(olga.closed).toBeNull();
      // …and cannot come back.
      const again = await RawClient.connect(url('draft:d2', 'rita'));
      expect((await again.waitForClose()).code).toBe(CloseCode.Forbidden);
      olga.close();
    });

    it('ACCESS-5: a downgraded editor becomes read-only from then on', async () => {
      await server.access.setDraftMember('d3', 'olga', 'owner');
      await server.access.setDraftMember('d3', 'dan', 'editor');
      const dan = await RawClient.connect(url('draft:d3', 'dan', '&acks=1'));
      await waitFor(() => dan.has('sync-step2'));
      dan.edit((d) => d.getArray('log').push(['before']));
      await waitFor(() => dan.lastAck() >= 2);
      await server.access.setDraftMember('d3', 'dan', 'viewer');
      await sleep(20);
      dan.edit((d) => d.getArray('log').push(['after']));
      await waitFor(() => dan.has('permission-denied'));
      expect((await server.storedDoc('draft:d3')).getArray('log').toArray()).toEqual(['before']);
      // Upgraded again: its refused change was never stored, so it is asked to reconnect (and resend).
      await server.access.setDraftMember('d3', 'dan', 'editor');
      expect((await dan.waitForClose()).code).toBe(CloseCode.PermissionsChanged);
    });
  });
});
