/**
 * The account API's paths and headers, apart from the schemas in accounts.ts so the reader's first-load
 * code (the header's session state) can use them without pulling in a schema library.
 */
export const ACCOUNT_API = {
  signup: '/api/auth/signup', // POST SignupBody → 201 SessionInfo
  signin: '/api/auth/signin', // POST SigninBody → SessionInfo
  signout: '/api/auth/signout', // POST → { ok: true }
  signoutEverywhere: '/api/auth/signout-everywhere', // POST → { ok: true, ended: number }
  session: '/api/auth/session', // GET → SessionInfo | 401
  profile: '/api/me/profile', // PATCH ProfilePatch → Author
  avatar: '/api/me/avatar', // PUT image bytes (PNG, JPEG or WebP, ≤ 1 MB) | DELETE → Author
  follows: '/api/me/follows', // GET → MyFollows
  feed: '/api/me/feed', // GET ?cursor&limit → Page<PostSummary>: posts by followed authors and tags, newest first
  followAuthor: (id: string) => `/api/me/follows/authors/${encodeURIComponent(id)}`, // PUT | DELETE → FollowResult
  followTag: (slug: string) => `/api/me/follows/tags/${encodeURIComponent(slug)}`, // PUT | DELETE → FollowResult
  followSeries: (slug: string) => `/api/me/follows/series/${encodeURIComponent(slug)}`, // PUT | DELETE → FollowResult
  followers: (id: string) => `/api/authors/${encodeURIComponent(id)}/followers`, // ?cursor&limit → Page<FollowEntry>
  following: (id: string) => `/api/authors/${encodeURIComponent(id)}/following`, // ?cursor&limit → Page<FollowEntry>
} as const;

/** Sent on every state-changing request (see sync-server/src/accounts/sessions.ts for the design). */
export const CSRF_HEADER = 'X-SDP-CSRF';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** What an avatar upload may be: the server checks the kind by the file's first bytes. */
export const AVATAR_MAX_BYTES = 1024 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
