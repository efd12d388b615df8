/**
 * The client's user doc (client/src/sync/synced-doc.ts) against a real sync server, with the stock
 * provider underneath: two devices of one user share the reading list and settings, offline changes
 * arrive after reconnect, removals on both sides while apart stay removed, the device copy loads before
 * connecting, an expired token is renewed, and nobody else can open the doc.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSyncedDoc, type SyncedDoc, type SyncedDocOptions } from '../../client/src/sync/synced-doc.ts';
import {
  addToReadingList,
  readingItems,
  readingListMap,
  readSettings,
  removeFromReadingList,
  settingsMap,
  writeSettings,
} from '../../client/src/sync/user-doc-model.ts';
import { userDocName } from '../../shared/src/protocol/doc-name.ts';
import { WebSocket } from '../../sync-server/src/rooms/ws-module.ts';
import { startTestServer, type TestServer } from './support/harness.ts';
import { sleep, waitFor } from './support/wait.ts';

const post = (n: number) => ({ postId: `p${n}`, slug: `post-${n}`, title: `Post ${n}` });
const ids = (device: SyncedDoc) => readingItems(readingListMap(device.doc)).map((item) => item.postId);

describe('user doc over the sync server', () => {
  let server: TestServer;
  const devices: SyncedDoc[] = [];
  let run = 0;

  /** One device of `userId`; `persist` names its IndexedDB copy (each device its own). */
  async function device(userId: string, extra: Partial<SyncedDocOptions> = {}) {
    const opened = await openSyncedDoc({
      docName: userDocName(userId),
      serverUrl: server.url,
      token: async () => server.token(userId),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 100,
      ...extra,
    });
    devices.push(opened);
    await opened.connect();
    return opened;
  }
  const synced = (d: SyncedDoc) => waitFor(() => d.status().connection === 'connected' && d.status().synced);

  beforeEach(async () => {
    server = await startTestServer();
    run += 1;
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) d.destroy();
    await server.close();
  });

  it('a bookmark and a setting made on one device appear on the other, and are stored', async () => {
    const a = await device('u1');
    const b = await device('u1');
    await Promise.all([synced(a), synced(b)]);
    addToReadingList(readingListMap(a.doc), post(1), 1);
    writeSettings(settingsMap(a.doc), { theme: 'dark' });
    await waitFor(() => ids(b).includes('p1') && readSettings(settingsMap(b.doc)).theme === 'dark');
    await synced(a);
    const stored = await server.storedDoc(userDocName('u1'));
    expect(readingItems(readingListMap(stored)).map((i) => i.postId)).toEqual(['p1']);
  });

  it('added while disconnected, it appears on the other device after reconnect', async () => {
    const a = await device('u1');
    const b = await device('u1');
    await Promise.all([synced(a), synced(b)]);
    b.disconnect();
    expect(b.status().connection).toBe('offline');
    addToReadingList(readingListMap(b.doc), post(2), 2);
    expect(b.status().synced).toBe(false);
    await sleep(100);
    expect(ids(a)).toEqual([]);
    await b.connect();
    await waitFor(() => ids(a).includes('p2'));
    await synced(b);
    // Connecting again while connected (a second `online` event) changes nothing.
    await b.connect();
    expect(b.status().connection).toBe('connected');
  });

  it('removed on both devices while apart, it stays removed', async () => {
    const a = await device('u1');
    const b = await device('u1');
    await Promise.all([synced(a), synced(b)]);
    addToReadingList(readingListMap(a.doc), post(1), 1);
    addToReadingList(readingListMap(a.doc), post(2), 2);
    await waitFor(() => ids(b).length === 2);
    a.disconnect();
    b.disconnect();
    removeFromReadingList(readingListMap(a.doc), 'p1');
    removeFromReadingList(readingListMap(b.doc), 'p1');
    await Promise.all([a.connect(), b.connect()]);
    await Promise.all([synced(a), synced(b)]);
    await sleep(50);
    expect(ids(a)).toEqual(['p2']);
    expect(ids(b)).toEqual(['p2']);
  });

  it('loads the copy kept on the device before connecting (the list shows offline)', async () => {
    const docName = userDocName(`u-persist-${run}`);
    const userId = docName.slice('user:'.length);
    const first = await device(userId, { persist: true });
    await synced(first);
    addToReadingList(readingListMap(first.doc), post(7), 7);
    await synced(first);
    first.destroy();
    // Same device, no token to be had (offline): the list is there from IndexedDB.
    const again = await device(userId, { persist: true, token: async () => null });
    expect(ids(again)).toEqual(['p7']);
    expect(again.status().connection).toBe('offline');
  });

  it('connects again with a renewed token when the server says the token expired', async () => {
    let renewals = 0;
    const a = await device('u1', {
      token: async ({ renew }) => {
        if (renew) renewals += 1;
        return renew ? server.token('u1') : server.token('u1', 1);
      },
    });
    await synced(a);
    // The 1-second token expires; the server closes with 4401 and the doc reconnects with a new one.
    await waitFor(() => renewals > 0, { timeout: 4_000 });
    await waitFor(() => a.status().connection === 'connected', { timeout: 4_000 });
    addToReadingList(readingListMap(a.doc), post(3), 3);
    await synced(a);
  });

  it("another user's token is refused and nothing is shared", async () => {
    const owner = await device('u1');
    await synced(owner);
    addToReadingList(readingListMap(owner.doc), post(1), 1);
    await synced(owner);
    const intruder = await openSyncedDoc({
      docName: userDocName('u1'),
      serverUrl: server.url,
      token: async () => server.token('u2'),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    devices.push(intruder);
    await intruder.connect();
    await waitFor(() => intruder.status().connection === 'refused');
    expect(ids(intruder)).toEqual([]);
  });
});
