/** The whole HTTP app over a temporary SQLite store holding the fixture catalog, for tests through `app.request()`. */
import type { Hono } from 'hono';
import { pino } from 'pino';
import { type AppDeps, createApp } from '../app.ts';
import type { Store } from '../storage/store.ts';
import { fixtureCatalog, tempDir, tempStore } from './fixtures.ts';

/** Sign-up and sign-in limits loose enough for a test that signs up many users from one address. */
export const RELAXED_LIMITS: AppDeps['accounts'] = {
  rateLimits: { signupPerIp: { burst: 1000, refillMs: 1 }, signinPerIp: { burst: 1000, refillMs: 1 } },
};

export async function fixtureApp(
  options: { accounts?: AppDeps['accounts'] } = {},
): Promise<{ app: Hono; store: Store; cleanup(): Promise<void> }> {
  const { store, cleanup } = tempStore();
  await store.importCatalog(fixtureCatalog());
  const client = tempDir();
  const app = createApp({
    store,
    config: { dataDir: client.dir, clientDir: client.dir },
    logger: pino({ level: 'silent' }),
    tokenSecret: Buffer.from('fixture-app-secret-fixture-app-secret-00'),
    accounts: options.accounts ?? RELAXED_LIMITS,
  });
  return {
    app,
    store,
    cleanup: async () => {
      await cleanup();
      client.remove();
    },
  };
}
