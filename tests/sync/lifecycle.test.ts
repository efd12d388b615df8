/**
 * The WebSocket transport's edges (tests/sync/SPEC.md: LIFE-1, LIMIT-4, METRICS-1, SYNC-1): graceful
 * shutdown over real sockets, dead-client detection, upgrades that are not ours, and /metrics text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/close-codes.ts';
import { WebSocket } from '../../sync-server/src/rooms/ws-module.ts';
import { connectProvider, destroyProviders, startTestServer, type TestServer } from './support/harness.ts';
import { RawClient } from './support/raw-client.ts';
import { holdWrites } from './support/store-gates.ts';
import { waitFor } from './support/wait.ts';

describe('transport lifecycle', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('LIFE-1: close() stores what is pending and closes providers with 1001 "going away"', async () => {
    const gate = holdWrites();
    server = await startTestServer({ wrapStore: gate.wrap });
    const provider = connectProvider(server, 'user:alice', 'alice');
    const closes: number[] = [];
    provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    await waitFor(() => provider.synced);
    gate.hold();
    provider.doc.getText('t').insert(0, 'flushed on shutdown');
    await waitFor(() => gate.held > 0); // received, not yet stored, when the shutdown begins
    provider.shouldConnect = false; // do not reconnect into the stopped server
    const store = server.store;
    const closing = server.sync.close();
    gate.release();
    await closing;
    await waitFor(() => closes.includes(CloseCode.GoingAway));
    const stored = await store.loadDoc('user:alice');
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(doc.getText('t').toString()).toBe('flushed on shutdown');
    expect(stored.updates).toHaveLength(0); // snapshotted on the way out
    expect(server.sync.isReady()).toBe(false);
    destroyProviders(provider);
  });

  it('LIMIT-4: a client that stops answering pings is dropped', async () => {
    server = await startTestServer({ options: { pingIntervalMs: 50 } });
    const ws = new WebSocket(`${server.url}/user:alice?token=${server.token('alice')}`, { autoPong: false });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    await waitFor(() => server!.sync.stats().connections === 1);
    expect(await closed).toBe(1006); // terminated, no close frame
    await waitFor(() => server!.sync.stats().connections === 0);
  });

  it('SYNC-1: an upgrade outside the sync path is answered 404, not left hanging', async () => {
    server = await startTestServer();
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });

  it('METRICS-1: /metrics text reflects traffic', async () => {
    server = await startTestServer();
    const client = await RawClient.connect(`${server.url}/user:alice?token=${server.token('alice')}&acks=1`);
    client.edit((doc) => doc.getText('t').insert(0, 'counted'));
    await waitFor(() => client.lastAck() >= 2);
    const refused = await RawClient.connect(`${server.url}/user:bob?token=${server.token('alice')}`);
    await refused.waitForClose();
    const text = await server.sync.metricsText();
    expect(text).toMatch(/sysdespro_sync_connections_open 1/);
    expect(text).toMatch(/sysdespro_sync_docs_loaded 1/);
    expect(text).toMatch(/sysdespro_sync_updates_total 1/);
    expect(text).toMatch(/sysdespro_sync_persist_duration_seconds_count 1/);
    expect(text).toMatch(/sysdespro_sync_rejected_connections_total\{reason="forbidden"\} 1/);
    expect(text).toMatch(/sysdespro_sync_received_bytes_total [1-9]/);
    expect(text).toMatch(/sysdespro_sync_sent_bytes_total [1-9]/);
    expect(text).toMatch(/sysdespro_sync_unpersisted_bytes 0/);
    client.close();
  });
});
