/**
 * An in-process sync server on 127.0.0.1:0 over a throwaway SQLite DATA_DIR, and stock y-websocket
 * providers (Node, `ws` as WebSocketPolyfill) connected to it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DocumentAccessPolicy } from '../../../sync-server/src/auth/access.ts';
import { createTokenAuthenticator, mintToken } from '../../../sync-server/src/auth/tokens.ts';
import type { SyncOptions } from '../../../sync-server/src/rooms/options.ts';
import { WebSocket } from '../../../sync-server/src/rooms/ws-module.ts';
import { attachSync, type SyncHandle } from '../../../sync-server/src/rooms/ws-transport.ts';
import type { DocStore } from '../../../sync-server/src/storage/doc-store.ts';
import { openSqliteDocStore, type SqliteDocStore } from '../../../sync-server/src/storage/sqlite/sqlite-doc-store.ts';

/** Limits high enough that tests from one IP are not rate limited unless they mean to be. */
export const TEST_OPTIONS: Partial<SyncOptions> = {
  connectBurst: 100_000,
  connectsPerSecond: 100_000,
  messageBurst: 100_000,
  messagesPerSecond: 100_000,
  sweepIntervalMs: 20,
  unloadGraceMs: 100,
  closeTimeoutMs: 500,
};

export type TestServer = {
  /** ws://127.0.0.1:<port>/sync — a provider's serverUrl. */
  url: string;
  port: number;
  http: Server;
  store: SqliteDocStore;
  access: DocumentAccessPolicy;
  sync: SyncHandle;
  dataDir: string;
  token(userId: string, ttlSeconds?: number): string;
  /** Loads a document straight from storage into a fresh Y.Doc. */
  storedDoc(name: string): Promise<Y.Doc>;
  close(): Promise<void>;
};

export async function startTestServer(
  setup: { options?: Partial<SyncOptions>; wrapStore?: (store: DocStore) => DocStore } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sdp-sync-'));
  const store = openSqliteDocStore({ dataDir });
  const secret = randomBytes(32);
  const access = new DocumentAccessPolicy(store);
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const sync = attachSync(http, {
    docStore: setup.wrapStore ? setup.wrapStore(store) : store,
    access,
    authenticate: createTokenAuthenticator(secret),
    logger: pino({ level: 'silent' }),
    options: { ...TEST_OPTIONS, ...setup.options },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/sync`,
    port,
    http,
    store,
    access,
    sync,
    dataDir,
    token: (userId, ttlSeconds) => mintToken(secret, userId, ttlSeconds === undefined ? {} : { ttlSeconds }),
    storedDoc: async (name) => docFromStore(store, name),
    close: async () => {
      await sync.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function docFromStore(store: DocStore, name: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** `acks: true` only with a PersistedAcks attached: the bare provider logs unknown message types. */
export type ProviderOptions = { acks?: boolean; doc?: Y.Doc; connect?: boolean; token?: string };

/** A stock provider, unchanged: only the WebSocket class, BroadcastChannel off, fast backoff. */
export function connectProvider(
  server: Pick<TestServer, 'url' | 'token'>,
  docName: string,
  userId: string,
  options: ProviderOptions = {},
): WebsocketProvider {
  return new WebsocketProvider(server.url, docName, options.doc ?? new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: options.token ?? server.token(userId), ...(options.acks ? { acks: '1' } : {}) },
    // In Node, BroadcastChannel would sync providers in one process without the server.
    disableBc: true,
    maxBackoffTime: 200,
    connect: options.connect ?? true,
  });
}

export function destroyProviders(...providers: WebsocketProvider[]) {
  for (const provider of providers) {
    provider.destroy();
    provider.awareness.destroy();
  }
}
