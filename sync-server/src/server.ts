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
import { createApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { isMainModule, runUntilSignalled } from './lifecycle.ts';
import { createLogger, type Logger } from './logger.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { openSqliteStore } from './storage/sqlite/sqlite-store.ts';
import type { Store } from './storage/store.ts';

export type RunningServer = {
  url: string;
  server: Server;
  store: Store;
  logger: Logger;
  /** Stops accepting connections, lets in-flight requests finish (up to a few seconds), closes the store. */
  close(): Promise<void>;
};

const DRAIN_MS = 5_000;

export async function startServer(
  config: Config,
  options: { logger?: Logger; now?: () => Date } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = openSqliteStore({ dataDir: config.dataDir });
  let server: Server;
  try {
    if (config.seed) {
      await seedIfEmpty({ store, seedDir: config.seedDir, dataDir: config.dataDir, logger, now: options.now?.() });
    }
    const app = createApp({ store, config, logger, ...(options.now ? { now: options.now } : {}) });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
        resolve(listening as Server),
      );
      listening.once('error', reject);
    });
  } catch (error) {
    await store.close();
    throw error;
  }

  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  logger.info({ url, dataDir: config.dataDir, clientDir: config.clientDir }, 'listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
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
      await store.close();
      logger.info('stopped');
    })();
    return closing;
  };

  return { url, server, store, logger, close };
}

if (isMainModule(import.meta.url)) {
  void runUntilSignalled(() => startServer(loadConfig()));
}
