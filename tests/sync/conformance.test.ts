/**
 * The stock y-websocket provider against our server (tests/sync/SPEC.md: SYNC-2, SYNC-4, SYNC-5,
 * ACK-1…ACK-3).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { PersistedAcks } from '../../client/src/sync/persisted-acks.ts';
import { connectProvider, destroyProviders, startTestServer, type TestServer } from './support/harness.ts';
import { holdWrites } from './support/store-gates.ts';
import { waitFor } from './support/wait.ts';

const text = (provider: WebsocketProvider) => provider.doc.getText('t').toString();

describe('stock WebsocketProvider conformance', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  const open = (docName: string, userId: string, options?: Parameters<typeof connectProvider>[3]) => {
    const provider = connectProvider(server, docName, userId, options);
    providers.push(provider);
    return provider;
  };

  beforeEach(async () => {
    server = await startTestServer();
    await server.access.setDraftMember('d1', 'alice', 'owner');
    await server.access.setDraftMember('d1', 'bob', 'editor');
  });
  afterEach(async () => {
    destroyProviders(...providers.splice(0));
    await server.close();
  });

  it('SYNC-2: two providers sync text both ways, and storage has it', async () => {
    const a = open('draft:d1', 'alice');
    const b = open('draft:d1', 'bob');
    await waitFor(() => a.synced && b.synced);
    a.doc.getText('t').insert(0, 'hello ');
    await waitFor(() => text(b) === 'hello ');
    b.doc.getText('t').insert(6, 'world');
    await waitFor(() => text(a) === 'hello world');
    await waitFor(async () => (await server.storedDoc('draft:d1')).getText('t').toString() === 'hello world');
  });

  it('SYNC-2: a late joiner gets the stored document (no empty doc before the load)', async () => {
    const a = open('user:alice', 'alice');
    await waitFor(() => a.synced);
    a.doc.getText('t').insert(0, 'persisted');
    await waitFor(async () => (await server.storedDoc('user:alice')).getText('t').toString() === 'persisted');
    a.destroy();
    // Force an unload so the next connection loads from storage.
    await waitFor(() => server.sync.stats().loadedDocs === 0, { message: 'doc not unloaded' });
    const again = open('user:alice', 'alice');
    await waitFor(() => again.synced);
    expect(text(again)).toBe('persisted');
  });

  it('ACCESS-7: a viewer on the stock provider: its edit reaches no store or client, it is told, and it still gets edits', async () => {
    await server.access.setDraftMember('d1', 'vera', 'viewer');
    const writer = open('draft:d1', 'alice');
    const other = open('draft:d1', 'bob');
    const viewer = open('draft:d1', 'vera');
    await waitFor(() => writer.synced && other.synced && viewer.synced);
    writer.doc.getText('t').insert(0, 'one');
    await waitFor(() => text(viewer) === 'one');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      viewer.doc.getText('t').insert(0, 'NOPE ');
      // The stock provider logs the server's auth "permission denied" message with console.warn.
      await waitFor(() => warn.mock.calls.some((call) => String(call.join(' ')).includes('read-only access')));
    } finally {
      warn.mockRestore();
    }
    // The others' edits still reach the viewer after the refusal…
    writer.doc.getText('t').insert(3, ' two');
    await waitFor(() => text(viewer) === 'NOPE one two');
    await waitFor(() => text(other) === 'one two');
    // …while its own edit reached neither the other clients nor the store.
    expect(text(writer)).toBe('one two');
    expect(text(other)).toBe('one two');
    expect((await server.storedDoc('draft:d1')).getText('t').toString()).toBe('one two');
    expect(viewer.wsconnected).toBe(true);
  });

  it('SYNC-4: awareness reaches the other client and is removed when its socket drops', async () => {
    const a = open('draft:d1', 'alice');
    const b = open('draft:d1', 'bob');
    await waitFor(() => a.synced && b.synced);
    a.awareness.setLocalStateField('user', { name: 'Alice' });
    await waitFor(
      () => (b.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } })?.user?.name === 'Alice',
    );
    // A third client joining later gets the current states on connect.
    const c = open('draft:d1', 'bob');
    await waitFor(() => c.awareness.getStates().has(a.doc.clientID));
    // Kill alice's socket without a goodbye: the server announces her removal.
    (a.ws as unknown as { terminate(): void }).terminate();
    a.shouldConnect = false;
    await waitFor(() => !b.awareness.getStates().has(a.doc.clientID));
  });

  it('SYNC-5: a dropped connection resumes without loss in either direction', async () => {
    const a = open('draft:d1', 'alice');
    const b = open('draft:d1', 'bob');
    await waitFor(() => a.synced && b.synced);
    a.doc.getText('t').insert(0, 'base.');
    await waitFor(() => text(b) === 'base.');
    a.disconnect();
    a.doc.getText('t').insert(5, 'offline-a.');
    b.doc.getText('t').insert(0, 'online-b.');
    a.connect();
    await waitFor(() => text(a) === text(b) && text(a).includes('offline-a.') && text(a).includes('online-b.'));
    await waitFor(async () => (await server.storedDoc('draft:d1')).getText('t').toString() === text(a));
  });

  it('SYNC-2: updates are stored before anyone else sees them', async () => {
    const gate = holdWrites();
    await server.close();
    server = await startTestServer({ wrapStore: gate.wrap });
    await server.access.setDraftMember('d1', 'alice', 'owner');
    await server.access.setDraftMember('d1', 'bob', 'editor');
    const a = open('draft:d1', 'alice');
    const b = open('draft:d1', 'bob');
    await waitFor(() => a.synced && b.synced);
    gate.hold();
    a.doc.getText('t').insert(0, 'x');
    await waitFor(() => gate.held > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(text(b)).toBe('');
    gate.release();
    await waitFor(() => text(b) === 'x');
  });

  describe('persisted acks', () => {
    it('ACK-1: synced turns true only once the change is in storage', async () => {
      const gate = holdWrites();
      await server.close();
      server = await startTestServer({ wrapStore: gate.wrap });
      const provider = open('user:alice', 'alice', { acks: true });
      const acks = new PersistedAcks(provider);
      const states: boolean[] = [];
      const dispose = acks.subscribe((state) => states.push(state.synced));
      await waitFor(() => provider.synced && acks.lastSyncedAt !== null);
      expect(acks.synced).toBe(true);

      gate.hold();
      provider.doc.getText('t').insert(0, 'draft text');
      expect(acks.synced).toBe(false);
      expect(acks.pending).toBe(1);
      await waitFor(() => gate.held > 0);
      await new Promise((r) => setTimeout(r, 50));
      expect(acks.synced).toBe(false); // socket open, server has it in memory at most: not synced
      expect((await server.storedDoc('user:alice')).getText('t').toString()).toBe('');

      gate.release();
      await waitFor(() => acks.synced);
      // The moment it says synced, storage has it.
      expect((await server.storedDoc('user:alice')).getText('t').toString()).toBe('draft text');
      expect(states.at(-1)).toBe(true);
      dispose();
      acks.destroy();
    });

    it('ACK-2: changes made offline are pending until the reconnect stores them', async () => {
      const provider = open('user:alice', 'alice', { acks: true });
      const acks = new PersistedAcks(provider);
      await waitFor(() => provider.synced);
      provider.disconnect();
      provider.doc.getText('t').insert(0, 'a');
      provider.doc.getText('t').insert(1, 'b');
      expect(acks.pending).toBe(2);
      await new Promise((r) => setTimeout(r, 50));
      expect(acks.synced).toBe(false);
      provider.connect();
      await waitFor(() => acks.synced);
      expect((await server.storedDoc('user:alice')).getText('t').toString()).toBe('ab');
      acks.destroy();
    });

    it('ACK-3: remote changes do not count as local; a viewer never reads as synced after editing', async () => {
      await server.access.setDraftMember('d1', 'vera', 'viewer');
      const writer = open('draft:d1', 'alice', { acks: true });
      const viewer = open('draft:d1', 'vera', { acks: true });
      const writerAcks = new PersistedAcks(writer);
      const viewerAcks = new PersistedAcks(viewer);
      await waitFor(() => writer.synced && viewer.synced);
      writer.doc.getText('t').insert(0, 'from alice');
      await waitFor(() => viewer.doc.getText('t').toString() === 'from alice');
      await waitFor(() => writerAcks.synced);
      expect(viewerAcks.pending).toBe(0);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      viewer.doc.getText('t').insert(0, 'nope');
      await waitFor(() => warn.mock.calls.some((call) => String(call[0]).includes('read-only access')));
      warn.mockRestore();
      expect(viewerAcks.synced).toBe(false);
      expect((await server.storedDoc('draft:d1')).getText('t').toString()).toBe('from alice');
      writerAcks.destroy();
      viewerAcks.destroy();
    });

    it('ACK-1: no ack messages unless asked (the stock provider would log them as unknown)', async () => {
      const { RawClient } = await import('./support/raw-client.ts');
      const client = await RawClient.connect(`${server.url}/user:alice?token=${server.token('alice')}`);
      client.edit((doc) => doc.getText('t').insert(0, 'x'));
      await waitFor(async () => (await server.storedDoc('user:alice')).getText('t').toString() === 'x');
      expect(client.has('persisted-ack')).toBe(false);
      client.close();
    });
  });
});
