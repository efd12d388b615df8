/** Static serving against a temp dir of fake build output and media. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Store } from '../storage/store.ts';
import { tempDir, tempStore } from '../testing/fixtures.ts';
import { CACHE, cacheControlFor, MEDIA_CSP, safeSegments } from './static.ts';

let app: Hono;
let cleanup: () => Promise<void>;
let root: { dir: string; remove(): void };
const INDEX = '<!doctype html><title>SysDesPro</title>';

beforeAll(() => {
  root = tempDir();
  const client = join(root.dir, 'client');
  const data = join(root.dir, 'data');
  const files: Record<string, string> = {
    'index.html': INDEX,
    'sw.js': 'self.addEventListener("fetch", () => {});',
    'workbox-5f3a9c.js': '/* workbox */',
    'registerSW.js': '/* register */',
    'manifest.webmanifest': '{"name":"SysDesPro"}',
    'assets/index-AbC123.js': 'console.log(1)',
    'assets/index-AbC123.css': 'body{}',
    'icons/icon-192.png': 'png',
    'robots.txt': 'User-agent: *',
    '.env': 'SECRET=1',
  };
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(client, name, '..'), { recursive: true });
    writeFileSync(join(client, name), body);
  }
  mkdirSync(join(data, 'media'), { recursive: true });
  writeFileSync(
    join(data, 'media', 'diagram.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  writeFileSync(join(data, 'media', 'photo.png'), 'png');
  writeFileSync(join(data, 'media', 'notes.txt'), 'not an image');
  writeFileSync(join(root.dir, 'outside.txt'), 'secret');
  symlinkSync(join(root.dir, 'outside.txt'), join(client, 'link.txt'));

  const temp = tempStore();
  cleanup = temp.cleanup;
  app = createApp({
    store: temp.store as Store,
    config: { dataDir: data, clientDir: client },
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await cleanup();
  root.remove();
});

describe('client files', () => {
  it.each([
    ['/assets/index-AbC123.js', CACHE.immutable, 'text/javascript; charset=utf-8'],
    ['/assets/index-AbC123.css', CACHE.immutable, 'text/css; charset=utf-8'],
    ['/index.html', 'no-cache', 'text/html; charset=utf-8'],
    ['/sw.js', 'no-cache', 'text/javascript; charset=utf-8'],
    ['/workbox-5f3a9c.js', 'no-cache', 'text/javascript; charset=utf-8'],
    ['/registerSW.js', 'no-cache', 'text/javascript; charset=utf-8'],
    ['/manifest.webmanifest', 'no-cache', 'application/manifest+json; charset=utf-8'],
    ['/icons/icon-192.png', CACHE.other, 'image/png'],
    ['/robots.txt', CACHE.other, 'text/plain; charset=utf-8'],
  ])('%s → %s, %s', async (path, cacheControl, contentType) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(cacheControl);
    expect(res.headers.get('content-type')).toBe(contentType);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/', '/posts/some-post', '/authors/ana/posts', '/tags/caching'])(
    'SPA fallback: %s → index.html, no-cache, with security headers',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it.each(['/api', '/media', '/healthz/x', '/sync/doc-1'])(
    'server-owned path %s is a JSON 404, not the app shell',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    },
  );

  it.each(['/missing.js', '/assets/missing-123.css', '/posts/x.png'])(
    'a missing file with an extension is a 404: %s',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    },
  );

  it.each([
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/%2e%2e/%2e%2e/outside.txt',
    '/assets%2f..%2f..%2foutside.txt',
    '/..%5coutside.txt',
    '/.env',
    '/%2eenv',
    '/link.txt',
    '/%00index.html',
  ])('never serves anything outside the root or hidden: %s', async (path) => {
    const res = await app.request(path);
    expect([400, 404]).toContain(res.status);
    expect(await res.text()).not.toMatch(/secret|SECRET/);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await app.request('/sw.js');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.request('/sw.js', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('handles HEAD like GET without a body', async () => {
    const res = await app.request('/index.html', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe('');
  });

  it('explains a missing client build instead of a bare 404', async () => {
    const bare = createApp({
      store: {} as Store,
      config: { dataDir: root.dir, clientDir: join(root.dir, 'nope') },
      logger: pino({ level: 'silent' }),
    });
    const res = await bare.request('/posts/x');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'client_not_built', message: expect.stringContaining('npm') });
  });
});

describe('media', () => {
  it('serves SVG with a CSP that forbids scripts, cached for a day', async () => {
    const res = await app.request('/media/diagram.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toBe(MEDIA_CSP);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves raster images', async () => {
    const res = await app.request('/media/photo.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it.each([
    '/media/missing.svg',
    '/media/notes.txt',
    '/media/',
    '/media/%2e%2e/client/index.html',
    '/media/no-extension',
  ])('404 JSON for %s (never the SPA shell)', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('helpers', () => {
  it('picks cache policies by path', () => {
    expect(cacheControlFor('/assets/app-1a2b.js')).toBe(CACHE.immutable);
    expect(cacheControlFor('/workbox-abc.js')).toBe('no-cache');
    expect(cacheControlFor('/site.webmanifest')).toBe('no-cache');
    expect(cacheControlFor('/favicon.ico')).toBe(CACHE.other);
  });

  it('refuses unsafe segments', () => {
    expect(safeSegments('/a/b.js')).toEqual(['a', 'b.js']);
    expect(safeSegments('/a%20b/c')).toEqual(['a b', 'c']);
    for (const bad of ['/../x', '/a/%2e%2e/x', '/a%2fb', '/a%5cb', '/.git/config', '/%E0%A4%A', '/c:/x']) {
      expect(safeSegments(bad), bad).toBeNull();
    }
  });
});
