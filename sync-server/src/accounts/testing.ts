/**
 * Test helpers: a "device" (a cookie jar and the CSRF token of its session, over `app.request()` or a
 * running server), image bytes.
 */
import { CSRF_HEADER } from '../../../shared/src/model/accounts.ts';

export type Reply = { res: Response; status: number; body: unknown };
export type Device = ReturnType<typeof device>;

/** What a device sends requests through: the app itself (`app.request`), or fetch to a running server. */
export type Requester = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** A requester for a server listening at `baseUrl`. */
export const overHttp = (baseUrl: string): Requester => ({ request: (path, init) => fetch(`${baseUrl}${path}`, init) });

export function device(app: Requester) {
  let cookie = '';
  const state = { csrf: '' };
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { 'content-type': 'application/json', [CSRF_HEADER]: state.csrf || '1' };
    if (cookie) h.cookie = cookie;
    for (const [key, value] of Object.entries(headers)) {
      if (value === '' && key === CSRF_HEADER) delete h[CSRF_HEADER];
      else h[key] = value;
    }
    // Bytes (an upload) go as they are; anything else as JSON.
    if (body instanceof Uint8Array && !headers['content-type']) h['content-type'] = 'application/octet-stream';
    const init: RequestInit = { method, headers: h };
    if (body instanceof Uint8Array) init.body = new Blob([new Uint8Array(body)]);
    else if (body !== undefined) init.body = JSON.stringify(body);
    const res = await app.request(path, init);
    const set = res.headers.get('set-cookie');
    if (set) {
      const value = /sdp_session=([^;]*)/.exec(set)?.[1] ?? '';
      cookie = value ? `sdp_session=${value}` : '';
      if (!value) state.csrf = '';
    }
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    const csrf = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof csrf === 'string') state.csrf = csrf;
    return { res, status: res.status, body: parsed } satisfies Reply;
  }
  return {
    request,
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => request('POST', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => request('PUT', path, body, headers),
    patch: (path: string, body?: unknown, headers?: Record<string, string>) => request('PATCH', path, body, headers),
    delete: (path: string, body?: unknown, headers?: Record<string, string>) => request('DELETE', path, body, headers),
    /** A GET answered with bytes (not JSON), with this device's cookie. */
    async bytes(path: string) {
      const res = await app.request(path, { headers: cookie ? { cookie } : {} });
      return { res, status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
    },
    get csrf() {
      return state.csrf;
    },
  };
}

/** Bytes from numbers and ASCII text, e.g. a file's magic bytes. */
export const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

/** The first bytes of a PNG, a JPEG, a WebP and a GIF: enough for the magic-byte check. */
export const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
export const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], [0, 16], 'JFIF');
export const WEBP = bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 ');
export const GIF = bytes('GIF89a', [1, 0, 1, 0]);
