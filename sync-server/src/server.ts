/**
 * Bootstrap only: open the store, seed an empty one, build the app, listen. `startServer` is what tests
 * and start.ts call; run directly, this file starts from the environment.
 *
 * The node http server is returned as `server` so the y-websocket endpoint can later attach to its
 * `upgrade` event for `/sync/<docName>` without changing how HTTP is served.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { authRateLimits } from './api/account-routes.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { createDraftActivity } from './drafts/draft-activity.ts';
import { createDraftStates } from './drafts/draft-state.ts';
import { isMainModule, loadConfigOrExit, runUntilSignalled } from './lifecycle.ts';
import { createLogger, type Logger } from './logger.ts';
import {
  attachSync,
  createTokenAuthenticator,
  DocumentAccessPolicy,
  loadTokenSecret,
  openSqliteDocStore,
  type SyncHandle,
} from './rooms/index.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { startWriteOpsPruner } from './social/write-ops-pruner.ts';
import { lockDataDir } from './storage/data-dir-lock.ts';
import { openSqliteStore } from './storage/sqlite/sqlite-store.ts';
import type { Store } from './storage/store.ts';

export type RunningServer = {
  url: string;
  server: Server;
  store: Store;
  logger: Logger;
  /** The y-websocket endpoint on `/sync/<docName>`. */
  sync: SyncHandle;
  /** Who may open which document; the drafts API changes co-authors through it so open sockets follow. */
  access: DocumentAccessPolicy;
  /** Stops accepting connections, lets in-flight requests finish (up to a few seconds), closes the store. */
  close(): Promise<void>;
};

const DRAIN_MS = 5_000;

export async function startServer(
  config: Config,
  options: { logger?: Logger; now?: () => Date } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const lock = lockDataDir(config.dataDir);
  let store: ReturnType<typeof openSqliteStore>;
  let docStore: ReturnType<typeof openSqliteDocStore>;
  try {
    store = openSqliteStore({ dataDir: config.dataDir });
    // Its own connection to the same SQLite file (WAL), so document writes never wait on catalog reads.
    docStore = openSqliteDocStore({ dataDir: config.dataDir });
  } catch (error) {
    lock.release();
    throw error;
  }
  const access = new DocumentAccessPolicy(docStore);
  let server: Server;
  let sync: SyncHandle | null = null;
  // Publishing reads a loaded draft from its room (sync), others from storage; titles follow stored changes.
  const states = createDraftStates({ docStore, live: () => sync?.core ?? null });
  const activity = createDraftActivity({ store, states, logger });
  try {
    const secret = loadTokenSecret({
      env: config.sessionSecret ? { SESSION_SECRET: config.sessionSecret } : {},
      dataDir: config.dataDir,
    });
    if (config.seed) {
      await seedIfEmpty({ store, seedDir: config.seedDir, dataDir: config.dataDir, logger, now: options.now?.() });
    }
    const app = createApp({
      store,
      config,
      logger,
      sync: () => sync,
      tokenSecret: secret,
      accounts: { rateLimits: authRateLimits(config.authBursts) },
      drafts: { access, states, activity },
      ...(options.now ? { now: options.now } : {}),
    });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
        resolve(listening as Server),
      );
      // In the same tick as serve(): no upgrade can arrive before its handler is there.
      sync = attachSync(listening as Server, {
        docStore,
        access,
        authenticate: createTokenAuthenticator(secret),
        logger,
        options: config.sync,
        onDocumentsStored: (names) => activity.stored(names),
      });
      listening.once('error', reject);
    });
  } catch (error) {
    await (sync as SyncHandle | null)?.close();
    await docStore.close();
    await store.close();
    lock.release();
    throw error;
  }
  const syncHandle = sync as unknown as SyncHandle;

  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  logger.info({ url, dataDir: config.dataDir, clientDir: config.clientDir }, 'listening');
  const pruner = startWriteOpsPruner({
    store,
    ...(options.now ? { now: options.now } : {}),
    onError: (err) => logger.warn({ err }, 'forgetting old op records failed; trying again in an hour'),
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Sync first: it stores and acknowledges what is pending and closes sockets with 1001 "going away".
      await syncHandle.close();
      await activity.flush();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        // Keep-alive sockets with no request in flight would otherwise hold close() open.
        server.closeIdleConnections();
      });
      await pruner.stop();
      await docStore.close();
      await store.close();
      lock.release();
      logger.info('stopped');
    })();
    return closing;
  };

  return { url, server, store, logger, sync: syncHandle, access, close };
}

if (isMainModule(import.meta.url)) {
  const config = loadConfigOrExit();
  void runUntilSignalled(() => startServer(config), config);
}
