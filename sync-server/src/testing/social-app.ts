/**
 * An app over a throwaway SQLite store with the fixture catalog, and signed-up test users (each a
 * device with its cookie and CSRF token). Rate limits are generous unless a test passes its own.
 */
import type { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { ACCOUNT_API, type SessionInfo } from '../../../shared/src/model/accounts.ts';
import { type Device, device } from '../accounts/testing.ts';
import { type AppDeps, type AppServices, createApp } from '../app.ts';
import type { Store } from '../storage/store.ts';
import { fixtureCatalog, tempDir, tempStore } from './fixtures.ts';

export type TestUser = { d: Device; id: string; handle: string };

const generous = { burst: 10_000, refillMs: 1 };

/** More app deps made over the same store and DATA_DIR (e.g. documents for drafts), and how to close them. */
export type AppExtension = (store: Store, dataDir: string) => { deps: Partial<AppDeps>; close(): Promise<void> };

export async function socialApp(social: AppDeps['social'] = {}, extend?: AppExtension) {
  const { store, dir, cleanup } = tempStore();
  await store.importCatalog(fixtureCatalog());
  const client = tempDir();
  let services: AppServices | null = null;
  const extension = extend?.(store, dir);
  const app: Hono = createApp({
    ...extension?.deps,
    store,
    config: { dataDir: client.dir, clientDir: client.dir },
    logger: pino({ level: 'silent' }),
    tokenSecret: Buffer.from('social-tests-secret-social-tests-secret-'),
    accounts: { rateLimits: { signupPerIp: generous, signinPerIp: generous } },
    social: { rateLimits: { reactions: generous, comments: generous, reports: generous }, ...social },
    onServices: (s) => {
      services = s;
    },
  });
  let n = 0;
  return {
    app,
    store: store as Store,
    /** DATA_DIR of the store, to look at its file directly. */
    dataDir: dir,
    services: (): AppServices => {
      if (!services) throw new Error('The app did not hand out its services.');
      return services;
    },
    anonymous: () => device(app),
    async user(prefix = 'reader'): Promise<TestUser> {
      n += 1;
      const d = device(app);
      const handle = `${prefix}-${n}`;
      const res = await d.post(ACCOUNT_API.signup, {
        email: `${handle}@example.com`,
        password: 'a long passphrase',
        handle,
      });
      expect(res.status).toBe(201);
      return { d, id: (res.body as SessionInfo).user.id, handle };
    },
    /** Writes a post by `authorId` (a test user), optionally as a part of a series (created if new). */
    async publish(
      authorId: string,
      slug: string,
      series?: { id: string; slug: string; part: number; ownerId?: string },
    ): Promise<string> {
      const id = `p_${slug.replace(/-/g, '_')}`;
      const at = new Date().toISOString();
      const existing = series ? await store.getSeries({ id: series.id }) : null;
      await store.importCatalog({
        users: [],
        tags: [],
        series:
          series && !existing
            ? [
                {
                  id: series.id,
                  slug: series.slug,
                  title: `Series ${series.slug}`,
                  description: '',
                  authorId: series.ownerId ?? authorId,
                },
              ]
            : [],
        posts: [
          {
            id,
            slug,
            title: `Post ${slug}`,
            excerpt: 'An excerpt.',
            authorId,
            seriesId: series?.id ?? null,
            seriesPart: series?.part ?? null,
            tags: ['caching'],
            contentJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph' }] }),
            images: [],
            readingMinutes: 1,
            publishedAt: at,
            updatedAt: at,
          },
        ],
        follows: [],
        tagFollows: [],
        reactions: [],
        comments: [],
      });
      return id;
    },
    cleanup: async () => {
      await extension?.close();
      await cleanup();
      client.remove();
    },
  };
}

export type SocialApp = Awaited<ReturnType<typeof socialApp>>;

/**
 * For a test file: one app for all its tests, opened before and removed after them. The object is filled
 * in by `beforeAll`, so use it inside tests and hooks only.
 */
export function useSocialApp(social?: AppDeps['social']): SocialApp {
  const app = {} as SocialApp;
  beforeAll(async () => {
    Object.assign(app, await socialApp(social));
  });
  afterAll(() => app.cleanup());
  return app;
}
