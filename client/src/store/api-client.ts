/** The one module that talks to the HTTP API. Everything it returns is a shape from shared/src/model. */
import { ACCOUNT_API, CSRF_HEADER } from '../../../shared/src/model/account-api.ts';
import type { FollowEntry, MyFollows, SessionInfo } from '../../../shared/src/model/accounts.ts';
import { API } from '../../../shared/src/model/api-routes.ts';
import type {
  Author,
  AuthorSummary,
  ApiError as ErrorBody,
  Page,
  PopularWindow,
  Post,
  PostSummary,
  Series,
  TagSummary,
} from '../../../shared/src/model/catalog.ts';
import {
  type CommentThread,
  type NotificationPage,
  type ReactionKind,
  type ReactionSummary,
  type Reactor,
  SOCIAL_API,
} from '../../../shared/src/model/social-api.ts';
import { reportReachable } from './reachability.ts';

/** The network could not be reached (or did not answer in time). */
export class OfflineError extends Error {
  override name = 'OfflineError';
  constructor(message = "You're offline.") {
    super(message);
  }
}

/** The server answered 404: the thing does not exist (any more). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Any other failed answer; `message` is the server's own explanation when it gave one. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type ChangeMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;
type Query = Record<string, string | number | null | undefined>;

export type ApiClientOptions = {
  fetch?: Fetcher;
  /** Origin to prefix paths with (tests); the app uses same-origin paths. */
  base?: string;
  isOnline?: () => boolean;
  timeoutMs?: number;
};

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch: Fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.base ?? '';
  const isOnline = options.isOnline ?? browserOnline;
  const timeoutMs = options.timeoutMs ?? 15_000;

  /** `init.timeoutMs`: longer than the default for requests that move a lot (export, import). */
  async function request<T>(
    path: string,
    { timeoutMs: ms = timeoutMs, ...init }: RequestInit & { timeoutMs?: number } = {},
    read = (r: Response) => r.json() as Promise<T>,
  ): Promise<T> {
    if (!isOnline()) throw new OfflineError();
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...init,
        headers: { accept: 'application/json', ...init.headers },
        credentials: 'same-origin',
        signal: AbortSignal.timeout(ms),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      reportReachable(false);
      throw new OfflineError(timedOut ? "The server didn't answer in time." : "You're offline.");
    }
    reportReachable(true);
    if (response.ok) {
      // 204 No Content (removing a co-author) has nothing to read.
      if (response.status === 204) return undefined as T;
      try {
        return await read(response);
      } catch {
        throw new ApiError(response.status, 'bad_response', 'The server sent an answer we could not read.');
      }
    }
    let body: Partial<ErrorBody> = {};
    try {
      body = (await response.json()) as Partial<ErrorBody>;
    } catch {
      // Not JSON (a proxy's error page): fall back to the status.
    }
    const message = body.message || `The server answered with an error (${response.status}).`;
    if (response.status === 404) throw new NotFoundError(message);
    throw new ApiError(response.status, body.error || 'http_error', message);
  }

  function get<T>(path: string, query: Query = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value != null) params.set(name, String(value));
    const qs = params.toString();
    return request<T>(qs ? `${path}?${qs}` : path);
  }

  /**
   * A state-changing POST. `csrf` is the session's token; anonymous requests (sign-in, sign-up) send any
   * value, since the server only checks that the header is there.
   */
  function post<T>(path: string, body: unknown, csrf = 'anonymous'): Promise<T> {
    return request<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrf },
      body: JSON.stringify(body ?? {}),
    });
  }

  /**
   * A state-changing request as the outbox sends it: any method, a JSON body, the caller's headers (CSRF,
   * Idempotency-Key). Resolves with the answer's JSON; fails like every other request.
   */
  function send<T>(method: ChangeMethod, path: string, body: unknown, headers: Record<string, string>): Promise<T> {
    return request<T>(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body ?? {}),
    });
  }

  /** Sends a file as it is (an image, an import); the server checks its kind and size. */
  function sendFile<T>(
    method: 'PUT' | 'POST',
    path: string,
    file: Blob,
    headers: Record<string, string>,
    { type = file.type || 'application/octet-stream', timeoutMs: ms = timeoutMs } = {},
  ): Promise<T> {
    return request<T>(path, {
      method,
      headers: { 'content-type': type, ...headers },
      body: file,
      timeoutMs: ms,
    });
  }

  return {
    send,
    /** A GET of any API path; the named methods below are for the catalog and account reads. */
    read: <T>(path: string, query: Query = {}) => get<T>(path, query),
    /** A GET answered with bytes (a draft version's Yjs state). */
    readBytes: (path: string) =>
      request(
        path,
        { headers: { accept: 'application/octet-stream' } },
        async (r) => new Uint8Array(await r.arrayBuffer()),
      ),
    /** A GET answered with a file (the export zip). */
    readFile: (path: string, accept: string, timeout = timeoutMs) =>
      request(path, { headers: { accept }, timeoutMs: timeout }, (r) => r.blob()),
    sendFile,
    uploadAvatar: (image: Blob, csrf: string) =>
      sendFile<Author>('PUT', ACCOUNT_API.avatar, image, { [CSRF_HEADER]: csrf }),
    /** A draft's image (DRAFTS_API.media, written out to keep the drafts module out of the entry chunk). */
    uploadMedia: (image: Blob, headers: Record<string, string>) =>
      sendFile<{ url: string }>('POST', '/api/media', image, headers),
    removeAvatar: (csrf: string) => send<Author>('DELETE', ACCOUNT_API.avatar, undefined, { [CSRF_HEADER]: csrf }),
    latest: (cursor?: string | null, limit?: number) => get<Page<PostSummary>>(API.latest, { cursor, limit }),
    popularPosts: (window: PopularWindow, limit?: number) =>
      get<{ items: PostSummary[] }>(API.popularPosts, { window, limit }),
    post: (slug: string) => get<Post>(API.post(slug)),
    popularTags: (window: PopularWindow, limit?: number) =>
      get<{ items: TagSummary[] }>(API.popularTags, { window, limit }),
    tag: (slug: string) => get<TagSummary>(API.tag(slug)),
    tagPosts: (slug: string, cursor?: string | null, limit?: number) =>
      get<Page<PostSummary>>(API.tagPosts(slug), { cursor, limit }),
    popularAuthors: (window: PopularWindow, limit?: number) =>
      get<{ items: AuthorSummary[] }>(API.popularAuthors, { window, limit }),
    authorByHandle: (handle: string) => get<Author>(API.authorByHandle(handle)),
    authorById: (id: string) => get<Author>(API.authorById(id)),
    authorPosts: (id: string, cursor?: string | null, limit?: number) =>
      get<Page<PostSummary>>(API.authorPosts(id), { cursor, limit }),
    series: (slug: string) => get<Series>(API.series(slug)),
    session: () => get<SessionInfo>(ACCOUNT_API.session),
    signup: (body: { email: string; password: string; handle: string }) => post<SessionInfo>(ACCOUNT_API.signup, body),
    signin: (body: { email: string; password: string }) => post<SessionInfo>(ACCOUNT_API.signin, body),
    signout: (csrf: string) => post<{ ok: true }>(ACCOUNT_API.signout, {}, csrf),
    myFollows: () => get<MyFollows>(ACCOUNT_API.follows),
    followingFeed: (cursor?: string | null, limit?: number) =>
      get<Page<PostSummary>>(ACCOUNT_API.feed, { cursor, limit }),
    followers: (id: string, cursor?: string | null, limit?: number) =>
      get<Page<FollowEntry>>(ACCOUNT_API.followers(id), { cursor, limit }),
    following: (id: string, cursor?: string | null, limit?: number) =>
      get<Page<FollowEntry>>(ACCOUNT_API.following(id), { cursor, limit }),
    reactions: (postId: string) => get<ReactionSummary>(SOCIAL_API.reactions(postId)),
    reactors: (postId: string, kind: ReactionKind, cursor?: string | null, limit?: number) =>
      get<Page<Reactor>>(SOCIAL_API.reaction(postId, kind), { cursor, limit }),
    comments: (postId: string, cursor?: string | null, limit?: number) =>
      get<CommentThread>(SOCIAL_API.comments(postId), { cursor, limit }),
    notifications: (cursor?: string | null, limit?: number) =>
      get<NotificationPage>(SOCIAL_API.notifications, { cursor, limit }),
    markNotificationsRead: (body: { ids: string[] } | { all: true }, csrf: string) =>
      post<{ unreadCount: number }>(SOCIAL_API.notificationsRead, body, csrf),
    signoutEverywhere: (csrf: string) => post<{ ok: true; ended: number }>(ACCOUNT_API.signoutEverywhere, {}, csrf),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

let shared: ApiClient | undefined;
export const api = (): ApiClient => {
  shared ??= createApiClient();
  return shared;
};
