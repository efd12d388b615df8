/**
 * Accounts, profiles and follows: the request schemas both sides validate with, and the response shapes.
 * Messages name the field they are about, so the server can return them as they are and the client can
 * show them next to the input.
 */
import * as v from 'valibot';
import { HANDLE_PATTERN } from './catalog.ts';

// Paths and headers live in account-api.ts (no valibot there); re-exported for the server.
export { ACCOUNT_API, CSRF_HEADER, IDEMPOTENCY_HEADER } from './account-api.ts';

export const LIMITS = {
  emailMax: 254,
  passwordMin: 8,
  passwordMax: 256,
  displayNameMax: 60,
  headlineMax: 120,
  urlMax: 200,
  locationMax: 60,
  bioMax: 1000,
} as const;

/** Handles that would read as the site speaking, or collide with routes. */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'api',
  'me',
  'new',
  'root',
  'settings',
  'support',
  'sysdespro',
]);

/** For objects: a missing key reads "<key> is required."; anything else "The body must be a JSON object." */
const objectMessage = (issue: v.BaseIssue<unknown>) =>
  issue.expected?.startsWith('"') ? `${issue.expected.slice(1, -1)} is required.` : 'The body must be a JSON object.';
/** For strict objects: names the key that is missing ("<key> is required.") or not expected. */
export const unknownKey = (issue: v.BaseIssue<unknown>) => {
  if (issue.expected?.startsWith('"')) return `${issue.expected.slice(1, -1)} is required.`;
  const key = issue.path?.at(-1)?.key;
  return typeof key === 'string' ? `${key} is not a field this request takes.` : 'The body must be a JSON object.';
};

export const Handle = v.pipe(
  v.string('handle must be text.'),
  v.trim(),
  v.toLowerCase(),
  v.regex(HANDLE_PATTERN, 'handle must be 3–30 characters, each a–z, 0–9, _ or -.'),
  v.check((handle) => !RESERVED_HANDLES.has(handle), 'handle is reserved; choose another.'),
);

export const Email = v.pipe(
  v.string('email must be text.'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(LIMITS.emailMax, `email must be at most ${LIMITS.emailMax} characters.`),
  v.email('email is not a valid email address.'),
);

export const Password = v.pipe(
  v.string('password must be text.'),
  v.minLength(LIMITS.passwordMin, `password must be at least ${LIMITS.passwordMin} characters.`),
  v.maxLength(LIMITS.passwordMax, `password must be at most ${LIMITS.passwordMax} characters.`),
);

export const SignupBody = v.object({ email: Email, password: Password, handle: Handle }, objectMessage);
export type SignupBody = v.InferOutput<typeof SignupBody>;

/** Sign-in checks shape only: the rules of today must not lock out a password set under older ones. */
export const SigninBody = v.object(
  {
    email: v.pipe(
      v.string('email must be text.'),
      v.trim(),
      v.toLowerCase(),
      v.nonEmpty('email is required.'),
      v.maxLength(LIMITS.emailMax, 'email is too long.'),
    ),
    password: v.pipe(
      v.string('password must be text.'),
      v.nonEmpty('password is required.'),
      v.maxLength(LIMITS.passwordMax, 'password is too long.'),
    ),
  },
  objectMessage,
);
export type SigninBody = v.InferOutput<typeof SigninBody>;

// No control characters other than newline and tab in plain-text fields.
const hasControl = (s: string, multiline: boolean) =>
  [...s].some((ch) => {
    const code = ch.charCodeAt(0);
    return (code < 0x20 || code === 0x7f) && !(multiline && (ch === '\n' || ch === '\t'));
  });
const text = (field: string, max: number, { multiline = false } = {}) =>
  v.pipe(
    v.string(`${field} must be text.`),
    v.trim(),
    v.maxLength(max, `${field} must be at most ${max} characters.`),
    v.check((s) => !hasControl(s, multiline), `${field} has characters it cannot hold.`),
  );
/** Empty or null clears the field. */
const optionalText = (field: string, max: number) =>
  v.pipe(
    v.nullable(text(field, max)),
    v.transform((s) => (s ? s : null)),
  );
const httpUrl = (field: string) =>
  v.pipe(
    v.nullable(text(field, LIMITS.urlMax)),
    v.transform((s) => (s ? s : null)),
    v.check((s) => s === null || isHttpUrl(s), `${field} must be an http:// or https:// address.`),
  );

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const GithubUsername = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Every field optional; only those present change. */
export const ProfilePatch = v.strictObject(
  {
    displayName: v.optional(
      v.pipe(text('displayName', LIMITS.displayNameMax), v.nonEmpty('displayName cannot be empty.')),
    ),
    handle: v.optional(Handle),
    headline: v.optional(text('headline', LIMITS.headlineMax)),
    website: v.optional(httpUrl('website')),
    github: v.optional(
      v.pipe(
        optionalText('github', 39),
        v.check(
          (s) => s === null || GithubUsername.test(s),
          'github must be a GitHub username (letters, digits and single hyphens).',
        ),
      ),
    ),
    supportUrl: v.optional(httpUrl('supportUrl')),
    location: v.optional(optionalText('location', LIMITS.locationMax)),
    bio: v.optional(text('bio', LIMITS.bioMax, { multiline: true })),
  },
  unknownKey,
);
export type ProfilePatch = v.InferOutput<typeof ProfilePatch>;

/** A client-generated id for one change, so the outbox can send it again safely (UUIDs fit). */
export const OpId = v.pipe(
  v.string('opId must be text.'),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'opId must be 8–64 characters of A–Z, a–z, 0–9, _ or -.'),
);

/** The body of a follow change; both fields optional (opId may come as the Idempotency-Key header). */
export const FollowBody = v.strictObject(
  {
    opId: v.optional(OpId),
    /** When the user made the change, by their device's clock (ISO-8601). Defaults to arrival time. */
    at: v.optional(
      v.pipe(
        v.string('at must be text.'),
        v.isoTimestamp('at must be an ISO-8601 timestamp, e.g. 2025-06-01T12:00:00.000Z.'),
      ),
    ),
  },
  unknownKey,
);
export type FollowBody = v.InferOutput<typeof FollowBody>;

export type SessionUser = { id: string; handle: string; displayName: string };

export type SessionInfo = {
  user: SessionUser;
  /** Send as the X-SDP-CSRF header on every POST/PUT/PATCH/DELETE while this session lasts. */
  csrfToken: string;
  /** For the sync socket (`/sync/user:<id>?token=…`); short-lived, ask /session again for a new one. */
  syncToken: string;
  /** The user's private document name. */
  userDoc: string;
};

export type FollowTarget =
  | { kind: 'author'; id: string }
  | { kind: 'tag'; slug: string }
  | { kind: 'series'; slug: string };

export type FollowResult = {
  opId: string;
  target: FollowTarget;
  /** The state after this change (which may have lost to a later intent already applied). */
  following: boolean;
  /** Whether this change was the newest intent for the target when it arrived. */
  applied: boolean;
};

export type FollowEntry = { id: string; handle: string; displayName: string; followedAt: string };
export type MyFollows = {
  authors: FollowEntry[];
  tags: { slug: string; name: string; followedAt: string }[];
  series: { slug: string; title: string; followedAt: string }[];
};

/** `GET /api/authors/by-handle/<old>` after a rename: 301 with Location and this body. */
export type HandleMoved = { error: 'moved'; message: string; movedTo: string; id: string };
