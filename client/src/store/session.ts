/**
 * Who is signed in: the server's answer (GET /api/auth/session) kept in IndexedDB, so a signed-in reader
 * stays signed in offline. Framework-free; state/session.ts turns it into a signal. Kept small on purpose:
 * the header loads this on every page, so there is no schema library here (the sign-in and sign-up pages
 * validate with the shared schemas themselves).
 *
 * The CSRF and sync tokens are held in memory only, and asked for again after a reload (they are needed for
 * changes and the sync socket, which need the network anyway).
 */
import type { SessionInfo, SessionUser } from '../../../shared/src/model/accounts.ts';
import { type ApiClient, ApiError, api, OfflineError } from './api-client.ts';
import type { LiveRead } from './changes.ts';
import { db, type SdpDb, type StoredSession } from './db.ts';

export type SessionDeps = { client?: ApiClient; database?: SdpDb; now?: () => number };

const KEY = 'current';
/** The server's sync tokens last an hour; one older than this is replaced before it is used. */
export const SYNC_TOKEN_FRESH_MS = 45 * 60_000;
const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

export function createSessionStore({ client = api(), database = db(), now = Date.now }: SessionDeps = {}) {
  let csrfToken: string | null = null;
  let sync: { token: string; at: number } | null = null;

  async function remember(info: SessionInfo): Promise<SessionUser> {
    csrfToken = info.csrfToken;
    sync = { token: info.syncToken, at: now() };
    const row: StoredSession = { key: KEY, user: info.user, userDoc: info.userDoc, checkedAt: now() };
    await database.write(['session'], (tx) => tx.objectStore('session').put(row));
    return info.user;
  }

  async function forget(): Promise<void> {
    csrfToken = null;
    sync = null;
    await database.write(['session'], (tx) => tx.objectStore('session').delete(KEY));
  }

  /**
   * Asks the server who is signed in and keeps the answer. Offline (or the server unreachable), the last
   * known session stays as it was; a 401 means signed out.
   */
  async function refresh(): Promise<SessionUser | null> {
    try {
      return await remember(await client.session());
    } catch (error) {
      if (isUnauthorized(error)) {
        await forget();
        return null;
      }
      if (error instanceof OfflineError) return (await stored())?.user ?? null;
      throw error;
    }
  }

  const stored = (): Promise<StoredSession | undefined> =>
    database.read(['session'], (tx) => tx.objectStore('session').get(KEY));

  /** The session's CSRF token, asking the server when this page has not seen it yet. */
  async function csrf(): Promise<string | null> {
    if (csrfToken) return csrfToken;
    await refresh();
    return csrfToken;
  }

  /**
   * A token for the sync socket, fresh enough to connect with (asks the server for a new one when the last
   * is older than SYNC_TOKEN_FRESH_MS, or always with `renew`); null when signed out or unreachable.
   */
  async function syncToken({ renew = false } = {}): Promise<string | null> {
    if (renew || !sync || now() - sync.at >= SYNC_TOKEN_FRESH_MS) {
      sync = null;
      await refresh();
    }
    return sync?.token ?? null;
  }

  /** Ends the session on the server (this device, or `everywhere`), then here. Needs the network. */
  async function signOut({ everywhere = false } = {}): Promise<void> {
    const token = await csrf();
    if (token) {
      try {
        if (everywhere) await client.signoutEverywhere(token);
        else await client.signout(token);
      } catch (error) {
        // Already signed out on the server (expired, or ended elsewhere): just forget it here.
        if (!isUnauthorized(error)) throw error;
      }
    }
    await forget();
  }

  return {
    /** The last known session, live (undefined when signed out). */
    current: (): LiveRead<StoredSession | undefined> =>
      database.live(['session'], (tx) => tx.objectStore('session').get(KEY)),
    stored,
    refresh,
    csrf,
    syncToken,
    signUp: async (body: { email: string; password: string; handle: string }) => remember(await client.signup(body)),
    signIn: async (body: { email: string; password: string }) => remember(await client.signin(body)),
    signOut,
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

let shared: SessionStore | undefined;
/** The app's session store. */
export const sessionStore = (): SessionStore => {
  shared ??= createSessionStore();
  return shared;
};
