/**
 * "Sign in, then come back here": the link a signed-out reader follows from a control that needs an
 * account, and the sign-in page's reading of where to go next. Only paths on this site are followed.
 */

/** `/signin?next=<path>` for the page the reader is on. */
export const signInHref = (path: string): string => `/signin?next=${encodeURIComponent(path)}`;

/**
 * The path to go to after signing in, from the `next` parameter; null unless it is a path on this site
 * (`/…`, not `//host` or `/\host`, which browsers treat as another site).
 */
export function nextPath(next: string | undefined | null): string | null {
  const onThisSite = /^\/(?![/\\])/.test(next ?? '');
  return onThisSite ? (next as string) : null;
}
