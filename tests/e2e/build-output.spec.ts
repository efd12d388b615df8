import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/** The built client as the browser gets it: manifest, icons, service-worker precache, cache headers. */
const DIST = 'dist/client';

type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  icons: { src: string; sizes: string; purpose?: string }[];
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest makes the site installable: name, icons 192/512/maskable, standalone', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8')) as Manifest;
  expect(manifest.name).toBe('SysDesPro');
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#/);
  const bySize = (size: number, purpose?: string) =>
    manifest.icons.find((i) => i.sizes === `${size}x${size}` && (purpose ? i.purpose?.includes(purpose) : true));
  for (const [size, purpose] of [[192], [512], [512, 'maskable']] as const) {
    const icon = bySize(size, purpose);
    expect(icon, `icon ${size} ${purpose ?? ''}`).toBeTruthy();
    expect(pngSize(join(DIST, icon!.src.replace(/^\//, '')))).toEqual({ width: size, height: size });
  }
});

test('the service worker precaches the shell and every route chunk, and falls back to the shell offline', () => {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const scripts = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  expect(scripts.length).toBeGreaterThan(2);
  for (const file of scripts) expect(sw, `${file} precached`).toContain(`assets/${file}`);
  expect(sw).toContain('index.html');
  expect(sw).toMatch(/NavigationRoute/);
  expect(sw).toContain('sdp-media');
});

test('the server caches hashed assets forever and the shell, worker and manifest never', async ({ request }) => {
  const html = await request.get('/');
  expect(html.headers()['cache-control']).toBe('no-cache');
  const asset = /\/assets\/[^"']+\.js/.exec(await html.text())?.[0];
  expect(asset).toBeTruthy();
  const assetRes = await request.get(asset!);
  expect(assetRes.headers()['cache-control']).toContain('immutable');
  for (const path of ['/sw.js', '/manifest.webmanifest']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['cache-control'], path).toBe('no-cache');
  }
});

test('the API answers errors as JSON with the right status and no stack trace', async ({ request }) => {
  const missing = await request.get('/api/posts/no-such-post');
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: 'not_found', message: expect.any(String) });
  const bad = await request.get('/api/posts?limit=abc');
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(body).toMatchObject({ error: 'bad_request' });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
});
