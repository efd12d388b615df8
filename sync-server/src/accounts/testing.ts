/** A test "device": a cookie jar and the CSRF token of its session, over `app.request()`. */
import type { Hono } from 'hono';
import { CSRF_HEADER } from '../../../shared/src/model/accounts.ts';

export type Reply = { res: Response; status: number; body: unknown };
export type Device = ReturnType<typeof device>;

export function device(app: Hono) {
  let cookie = '';
  const state = { csrf: '' };
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { 'content-type': 'application/json', [CSRF_HEADER]: state.csrf || '1' };
    if (cookie) h.cookie = cookie;
    for (const [key, value] of Object.entries(headers)) {
      if (value === '' && key === CSRF_HEADER) delete h[CSRF_HEADER];
      else h[key] = value;
    }
    const init: RequestInit = { method, headers: h };
    if (body !== undefined) init.body = JSON.stringify(body);
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
    get csrf() {
      return state.csrf;
    },
  };
}
