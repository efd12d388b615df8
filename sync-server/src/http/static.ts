/**
 * Serves the built client and the media folder from disk.
 *
 * - Hashed build output under /assets/ is cached for a year (its name changes when it does).
 * - The files that decide which build a browser runs (index.html, the service worker, workbox, the
 *   manifest, registerSW.js) are `no-cache`, so an update is seen on the next visit.
 * - Any other extension-less GET gets index.html: the client's router owns those URLs.
 * - Paths are resolved segment by segment inside the root; `..`, dotfiles, encoded slashes and symlinks
 *   leaving the root are refused.
 * - Media are images only, and carry a CSP that forbids scripts, so an uploaded SVG cannot run any.
 */
import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';

export const CACHE = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'no-cache',
  media: 'public, max-age=86400',
  other: 'public, max-age=3600',
} as const;

export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const MEDIA_EXTENSIONS = new Set(['.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif']);

export const contentTypeFor = (path: string) =>
  CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** The Cache-Control for a client file, by its URL path. */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return CACHE.immutable;
  const name = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  if (
    name === 'index.html' ||
    name === 'sw.js' ||
    name === 'registerSW.js' ||
    /^workbox-[\w.-]*\.js$/.test(name) ||
    name.endsWith('.webmanifest') ||
    name.endsWith('.html')
  ) {
    return CACHE.revalidate;
  }
  return CACHE.other;
}

/** Headers every HTML page gets. */
export const HTML_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The decoded path segments of a URL path, or null when any segment could escape the root or name a
 * hidden file. Works on the raw URL so that `%2e%2e` and `%2f` are judged after decoding.
 */
export function safeSegments(rawPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment.startsWith('.') || /[/\\\0]/.test(segment) || segment.includes(':')) return null;
    segments.push(segment);
  }
  return segments;
}

type Found = { path: string; stat: Stats };

async function findFile(root: string, segments: readonly string[]): Promise<Found | null> {
  const base = resolve(root);
  const path = resolve(base, ...segments);
  if (!path.startsWith(base + sep)) return null;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    // A symlink inside the root must not lead outside it.
    const [realBase, realPath] = await Promise.all([realpath(base), realpath(path)]);
    if (!realPath.startsWith(realBase + sep)) return null;
    return { path, stat: info };
  } catch {
    return null;
  }
}

async function sendFile(c: Context, file: Found, headers: Record<string, string>): Promise<Response> {
  const etag = `W/"${file.stat.size.toString(16)}-${Math.floor(file.stat.mtimeMs).toString(16)}"`;
  const all = { ...headers, ETag: etag, 'Last-Modified': file.stat.mtime.toUTCString() };
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
    return new Response(null, { status: 304, headers: all });
  }
  const body = await readFile(file.path);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { ...all, 'Content-Type': contentTypeFor(file.path), 'Content-Length': String(body.byteLength) },
  });
}

const RESERVED_PREFIXES = new Set(['api', 'media', 'healthz', 'readyz', 'metrics', 'sync']);

const notFound = (c: Context, message: string) => c.json({ error: 'not_found', message }, 404);

const pathOf = (c: Context) => new URL(c.req.url).pathname;

/** GET handler for the built client, with the SPA fallback. */
export function serveClient(options: { root: string }) {
  return async (c: Context): Promise<Response> => {
    const urlPath = pathOf(c);
    const segments = safeSegments(urlPath);
    if (!segments) return notFound(c, 'There is nothing at this address.');
    const last = segments.at(-1) ?? '';
    // Server-owned prefixes never fall back to the app shell, even where their own routes did not match.
    if (RESERVED_PREFIXES.has(segments[0] ?? '')) return notFound(c, 'There is nothing at this address.');

    const file = segments.length > 0 ? await findFile(options.root, segments) : null;
    if (file) {
      const isHtml = extname(file.path) === '.html';
      return sendFile(c, file, {
        'Cache-Control': cacheControlFor(urlPath),
        ...(isHtml ? HTML_SECURITY_HEADERS : { 'X-Content-Type-Options': 'nosniff' }),
      });
    }
    // Names with an extension are files; a missing one is a 404, never the app shell.
    if (extname(last) !== '') return notFound(c, 'There is no such file.');

    const index = await findFile(options.root, ['index.html']);
    if (!index) {
      return c.json(
        {
          error: 'client_not_built',
          message: `The web client has not been built (no index.html in ${options.root}). Run "npm start", which builds it, or "npm run build".`,
        },
        503,
      );
    }
    return sendFile(c, index, { 'Cache-Control': CACHE.revalidate, ...HTML_SECURITY_HEADERS });
  };
}

/** GET handler for `/media/*`: images from the media folder. */
export function serveMedia(options: { root: string; prefix?: string }) {
  const prefix = options.prefix ?? '/media/';
  return async (c: Context): Promise<Response> => {
    const urlPath = pathOf(c);
    const segments = urlPath.startsWith(prefix) ? safeSegments(urlPath.slice(prefix.length)) : null;
    const last = segments?.at(-1);
    if (!segments || !last || !MEDIA_EXTENSIONS.has(extname(last).toLowerCase())) {
      return notFound(c, 'There is no such image.');
    }
    const file = await findFile(options.root, segments);
    if (!file) return notFound(c, 'There is no such image.');
    return sendFile(c, file, {
      'Cache-Control': CACHE.media,
      'X-Content-Type-Options': 'nosniff',
      // Images never need script; for SVG this is what keeps a stored file from running any.
      'Content-Security-Policy': MEDIA_CSP,
    });
  };
}

export const joinMedia = (dataDir: string) => join(dataDir, 'media');
