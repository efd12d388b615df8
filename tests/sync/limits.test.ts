/**
 * Limits through a real server (tests/sync/SPEC.md: LIMIT-5 document size cap, LIMIT-6 client address
 * behind a proxy). The core's accounting is unit-tested in sync-server/src/rooms/sync-core.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/close-codes.ts';
import type { SyncOptions } from '../../sync-server/src/rooms/options.ts';
import { startTestServer, type TestServer } from './support/harness.ts';
import { RawClient } from './support/raw-client.ts';
import { sleep, waitFor } from './support/wait.ts';

describe('limits', () => {
  const servers: TestServer[] = [];
  const clients: RawClient[] = [];
  const start = async (options: Partial<SyncOptions>) => {
    const server = await startTestServer({ options });
    servers.push(server);
    return server;
  };
  const connect = async (...args: Parameters<typeof RawClient.connect>) => {
    const client = await RawClient.connect(...args);
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const server of servers.splice(0)) await server.close();
  });

  it('LIMIT-5: an edit past SYNC_MAX_DOC_BYTES closes its sender with 4413; the doc still loads and others keep working', async () => {
    const server = await start({ maxDocBytes: 4_096 });
    await server.access.setDraftMember('big', 'olga', 'owner');
    await server.access.setDraftMember('big', 'eddie', 'editor');
    const url = (user: string) => `${server.url}/draft:big?token=${server.token(user)}&acks=1`;
    const olga = await connect(url('olga'));
    const eddie = await connect(url('eddie'));
    await waitFor(() => olga.has('sync-step2') && eddie.has('sync-step2'));
    olga.edit((d) => d.getText('t').insert(0, 'kept'));
    await waitFor(() => eddie.doc.getText('t').toString() === 'kept');

    olga.edit((d) => d.getText('t').insert(4, 'x'.repeat(5_000)));
    expect(await olga.waitForClose()).toEqual({
      code: CloseCode.DocumentTooLarge,
      reason: 'document too large: this change would take it past 4096 bytes',
    });
    await sleep(50);
    expect(eddie.doc.getText('t').toString()).toBe('kept'); // never broadcast
    expect((await server.storedDoc('draft:big')).getText('t').toString()).toBe('kept'); // never stored

    // Others keep working, and a fresh client loads the document.
    eddie.edit((d) => d.getText('t').insert(4, '!'));
    await waitFor(() => eddie.lastAck() >= 2);
    expect(eddie.closed).toBeNull();
    const fresh = await connect(url('eddie'));
    await waitFor(() => fresh.doc.getText('t').toString() === 'kept!');
    expect((await server.storedDoc('draft:big')).getText('t').toString()).toBe('kept!');
  });

  describe('LIMIT-6: the per-IP connection rate behind a proxy', () => {
    const limits = { connectBurst: 2, connectsPerSecond: 1 };
    const tryConnect = async (server: TestServer, forwardedFor: string) => {
      const client = await connect(`${server.url}/user:alice?token=${server.token('alice')}`, {
        headers: { 'X-Forwarded-For': forwardedFor },
      });
      // Refusals close at once; an accepted connection gets the server's sync step 1.
      await waitFor(() => client.closed ?? client.has('sync-step1'));
      return client.closed?.code ?? 'open';
    };

    it('SYNC_TRUST_PROXY on: keyed on the LAST X-Forwarded-For entry, not on the proxy socket', async () => {
      const server = await start({ ...limits, trustProxy: true });
      // Every request comes from 127.0.0.1 (the "proxy"); the proxy appends the address it saw.
      expect(await tryConnect(server, '203.0.113.1')).toBe('open');
      expect(await tryConnect(server, '198.51.100.9, 203.0.113.1')).toBe('open');
      // The third from 203.0.113.1 is over its burst, whatever the client put in front…
      expect(await tryConnect(server, '192.0.2.77, 203.0.113.1')).toBe(CloseCode.RateLimited);
      // …while another client behind the same proxy is not affected.
      expect(await tryConnect(server, '203.0.113.1, 203.0.113.2')).toBe('open');
    });

    it('SYNC_TRUST_PROXY off (default): X-Forwarded-For is ignored, the socket address is the key', async () => {
      const server = await start(limits);
      expect(server.sync.core.options.trustProxy).toBe(false);
      expect(await tryConnect(server, '203.0.113.1')).toBe('open');
      expect(await tryConnect(server, '203.0.113.2')).toBe('open');
      // A forged header does not escape the limit: all three came from 127.0.0.1.
      expect(await tryConnect(server, '203.0.113.3')).toBe(CloseCode.RateLimited);
    });
  });
});
