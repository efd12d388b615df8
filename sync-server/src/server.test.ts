/** The real server on port 0: listen, answer, shut down. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';
import { DataDirInUseError } from './storage/data-dir-lock.ts';
import { openSqliteStore } from './storage/sqlite/sqlite-store.ts';
import { fixtureCatalog, hoursAgo, NOW, tempDir } from './testing/fixtures.ts';

describe('startServer', () => {
  it('seeds an empty data dir, serves on a free port and closes cleanly', async () => {
    const { dir, remove } = tempDir();
    const config = loadConfig({ PORT: '0', DATA_DIR: dir, CLIENT_DIR: dir, LOG_LEVEL: 'silent' });
    const running = await startServer(config, { logger: pino({ level: 'silent' }) });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${running.url}/healthz`);
      expect(await health.json()).toEqual({ ok: true });
      const latest = (await (await fetch(`${running.url}/api/posts?limit=1`)).json()) as { items: unknown[] };
      expect(latest.items).toHaveLength(1);
    } finally {
      await running.close();
      await running.close(); // idempotent
      remove();
    }
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('refuses a second server on the same data directory until the first has stopped', async () => {
    const { dir, remove } = tempDir();
    const config = loadConfig({ PORT: '0', DATA_DIR: dir, SEED: '0', LOG_LEVEL: 'silent' });
    const first = await startServer(config);
    try {
      await expect(startServer(config)).rejects.toBeInstanceOf(DataDirInUseError);
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startServer(config);
    await second.close();
    remove();
  });

  it('does not seed when SEED=0, and reports a busy port', async () => {
    const { dir, remove } = tempDir();
    const first = await startServer(loadConfig({ PORT: '0', DATA_DIR: dir, SEED: '0', LOG_LEVEL: 'silent' }));
    try {
      expect(await first.store.countPosts()).toBe(0);
      const port = new URL(first.url).port;
      const { dir: other, remove: removeOther } = tempDir();
      await expect(
        startServer(loadConfig({ PORT: port, DATA_DIR: other, SEED: '0', LOG_LEVEL: 'silent' })),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
      removeOther();
    } finally {
      await first.close();
      remove();
    }
  });

  it('forgets op records older than seven days once it runs, and keeps newer ones', async () => {
    const { dir, remove } = tempDir();
    const before = openSqliteStore({ dataDir: dir });
    await before.importCatalog(fixtureCatalog());
    const ops = { old: 'op-server-old', recent: 'op-server-recent' };
    for (const [opId, hours] of [
      [ops.old, 24 * 8],
      [ops.recent, 24 * 6],
    ] as const) {
      await before.setReaction(
        { userId: 'u_bo', opId, request: opId, receivedAt: hoursAgo(hours) },
        { postId: 'p_002', kind: 'like', on: true },
      );
    }
    await before.close();
    const running = await startServer(loadConfig({ PORT: '0', DATA_DIR: dir, SEED: '0', LOG_LEVEL: 'silent' }), {
      now: () => NOW,
    });
    try {
      const deadline = Date.now() + 5_000;
      while ((await running.store.getOp('u_bo', ops.old)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await running.store.getOp('u_bo', ops.old)).toBeNull();
      expect(await running.store.getOp('u_bo', ops.recent)).not.toBeNull();
    } finally {
      await running.close();
      remove();
    }
  });
});
