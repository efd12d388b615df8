/**
 * The outbox: changes the user made on this device (follows, and later profile edits, reactions, …), kept
 * in IndexedDB until the server has them. The rules live in outbox-model.ts; this module stores entries,
 * sends them and decides when.
 *
 * - Generic: each kind of change is registered once (`register`) with how to send it; the outbox knows
 *   nothing about follows or profiles. An entry of a kind not registered yet waits until it is.
 * - Idempotent: the entry id goes as the Idempotency-Key, so a replay (lost answer, reload, two tabs)
 *   changes nothing on the server.
 * - One sender: in this tab one replay at a time; across tabs a Web Lock, when the browser has them.
 * - Replays on `start()`, when the browser comes online, after sign-in, after each new change and when a
 *   back-off ends. Every write goes through the change bus, so every tab shows the same outbox.
 */
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { type ApiClient, ApiError, api, type ChangeMethod, NotFoundError, OfflineError } from './api-client.ts';
import type { LiveRead } from './changes.ts';
import { db, type SdpDb } from './db.ts';
import {
  afterSend,
  byAge,
  classifyStatus,
  coalesce,
  newEntry,
  nextToSend,
  type OutboxEntry,
  retried,
  type SendOutcome,
  signedIn,
} from './outbox-model.ts';
import { type SessionStore, sessionStore } from './session.ts';

export type { OutboxEntry, OutboxState } from './outbox-model.ts';

/** What the server is asked to do for one entry. The outbox adds the CSRF and Idempotency-Key headers. */
export type OutboxRequest = { method: ChangeMethod; path: string; body?: unknown };

/** How to send one kind of change. `P` is the entry's payload (plain, structured-cloneable data). */
export type OutboxKind<P, R = unknown> = {
  /** Changes with the same key go one at a time, oldest first, e.g. `follow:author:<id>`. */
  key(payload: P): string;
  request(entry: OutboxEntry<P>): OutboxRequest;
  /**
   * Folds a new change into the newest one still waiting for the same key: the payload replacing both, or
   * undefined to keep both. E.g. follow then unfollow → just the unfollow; two profile patches → one.
   */
  merge?(older: P, newer: P): P | undefined;
  /** Called once the server accepted the change, with its answer (to update what the device keeps). */
  sent?(entry: OutboxEntry<P>, response: R): Promise<void> | void;
};

/** A change was made while nobody is signed in on this device. */
export class SignInRequiredError extends Error {
  override name = 'SignInRequiredError';
  constructor() {
    super('Sign in to make this change.');
  }
}

/** Who is signed in and the session's CSRF token (the session store in the app). */
export type OutboxSession = {
  userId(): Promise<string | null>;
  csrf(): Promise<string | null>;
  /** Asks the server for the session again (a new CSRF token after a 403). */
  refresh(): Promise<unknown>;
};

export type OutboxDeps = {
  database?: SdpDb;
  client?: ApiClient;
  session?: OutboxSession;
  now?: () => number;
  newId?: () => string;
  /** Runs `run` while no other tab sends; default: a Web Lock, or just `run` without the Locks API. */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
};

const STORE = 'outbox';

/** A random UUID; `crypto.randomUUID` only exists in secure contexts, so fall back to random bytes. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const webLock = <T>(run: () => Promise<T>): Promise<T> =>
  typeof navigator !== 'undefined' && navigator.locks
    ? (navigator.locks.request('sdp-outbox', run) as Promise<T>)
    : run();

/** The outbox's view of a session store (the app's by default). */
export const outboxSession = (store: SessionStore = sessionStore()): OutboxSession => ({
  userId: async () => (await store.stored())?.user.id ?? null,
  csrf: () => store.csrf(),
  refresh: () => store.refresh(),
});

/** The HTTP status a failed request ended with; null when there was no answer. */
function statusOf(error: unknown): number | null {
  if (error instanceof ApiError) return error.status;
  if (error instanceof NotFoundError) return 404;
  return null;
}
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createOutbox({
  database = db(),
  client = api(),
  session = outboxSession(),
  now = Date.now,
  newId = randomId,
  exclusive = webLock,
}: OutboxDeps = {}) {
  // biome-ignore lint/suspicious/noExplicitAny: kinds differ in payload type; each is only used with its own.
  const kinds = new Map<string, OutboxKind<any, any>>();
  let replaying: Promise<void> | undefined;
  let again = false;
  let forceAgain = false;
  let wake: ReturnType<typeof setTimeout> | undefined;

  const all = () => database.read([STORE], (tx) => tx.objectStore(STORE).getAll());

  /** Writes `entry` back unless it was dropped meanwhile (a user may drop an entry while it is sent). */
  const update = (entry: OutboxEntry) =>
    database.write([STORE], async (tx) => {
      const store = tx.objectStore(STORE);
      if (await store.getKey(entry.id)) await store.put(entry);
    });

  const remove = (id: string) => database.write([STORE], (tx) => tx.objectStore(STORE).delete(id));

  /** Sends one entry; never throws (every failure becomes an outcome). */
  async function send(entry: OutboxEntry, fresh = false): Promise<{ outcome: SendOutcome; response?: unknown }> {
    const kind = kinds.get(entry.kind);
    if (!kind) return { outcome: { kind: 'failed', message: `Nothing can send "${entry.kind}" changes yet.` } };
    try {
      if (fresh) await session.refresh();
      const csrf = await session.csrf();
      if (!csrf) {
        const stillSignedIn = (await session.userId()) === entry.userId;
        return {
          outcome: stillSignedIn
            ? { kind: 'failed', message: "You're offline." }
            : { kind: 'signed-out', message: 'Sign in to send this change.' },
        };
      }
      const request = kind.request(entry);
      const response = await client.send(request.method, request.path, request.body, {
        [CSRF_HEADER]: csrf,
        [IDEMPOTENCY_HEADER]: entry.id,
      });
      return { outcome: { kind: 'sent' }, response };
    } catch (error) {
      // A stale CSRF token (the session was renewed elsewhere): ask for the current one and try once more.
      if (statusOf(error) === 403 && !fresh) return send(entry, true);
      if (error instanceof OfflineError) return { outcome: { kind: 'failed', message: error.message } };
      return { outcome: classifyStatus(statusOf(error), messageOf(error)) };
    }
  }

  function scheduleWake(entries: readonly OutboxEntry[], userId: string) {
    if (wake !== undefined) clearTimeout(wake);
    wake = undefined;
    const waiting = entries.filter((e) => e.userId === userId && e.state !== 'refused' && !e.needsSignIn);
    const soonest = Math.min(...waiting.map((e) => e.notBefore));
    if (!Number.isFinite(soonest) || soonest <= now()) return;
    wake = setTimeout(() => void replay(), soonest - now());
  }

  /**
   * Sends what can go now, one entry at a time, until nothing can or the network fails. `force` ignores
   * back-offs (the browser just came online, so waiting longer helps nobody).
   */
  async function drain(force: boolean): Promise<void> {
    const userId = await session.userId();
    if (!userId) return;
    for (;;) {
      const entries = await all();
      // A failure ends the round, so forcing cannot pick the same entry twice.
      const pickAt = force ? Number.POSITIVE_INFINITY : now();
      const entry = nextToSend(entries, userId, pickAt, (kind) => kinds.has(kind));
      if (!entry) return scheduleWake(entries, userId);
      const sending: OutboxEntry = { ...entry, state: 'sending' };
      await update(sending);
      const { outcome, response } = await send(sending);
      const next = afterSend(sending, outcome, now());
      if (next) await update(next);
      else {
        // The kind records the server's answer before the entry goes, so what the user sees never falls
        // back to the old state in between.
        try {
          await kinds.get(entry.kind)?.sent?.(entry, response);
        } catch (error) {
          // The server has the change; only the device's copy of its effect is behind until the next refresh.
          console.error('Updating the device after a sent change failed:', error);
        }
        await remove(entry.id);
      }
      // The server no longer knows this session: ask again, so the app shows the reader signed out and
      // the entries go after the next sign-in (start() resumes then).
      if (outcome.kind === 'signed-out') await session.refresh().catch(() => undefined);
      if (outcome.kind === 'failed' || outcome.kind === 'signed-out') return scheduleWake(await all(), userId);
    }
  }

  /**
   * Sends every entry that can go now (`force`: even those waiting out a back-off). Calls during a replay
   * are answered by one more round after it.
   */
  function replay(force = false): Promise<void> {
    if (replaying) {
      again = true;
      forceAgain ||= force;
      return replaying;
    }
    replaying = (async () => {
      let forced = force;
      do {
        again = false;
        try {
          await exclusive(() => drain(forced));
        } catch (error) {
          // Storage trouble: the entries stay where they are and the next trigger tries again.
          console.error('Sending saved changes failed:', error);
        }
        forced = forceAgain;
        forceAgain = false;
      } while (again);
    })().finally(() => {
      replaying = undefined;
    });
    return replaying;
  }

  async function enqueue<P>(kindName: string, payload: P): Promise<OutboxEntry<P>> {
    const kind = kinds.get(kindName) as OutboxKind<P> | undefined;
    if (!kind) throw new Error(`Outbox kind "${kindName}" is not registered.`);
    const userId = await session.userId();
    if (!userId) throw new SignInRequiredError();
    const added = newEntry({ id: newId(), kind: kindName, key: kind.key(payload), payload, userId, createdAt: now() });
    const entry = await database.write([STORE], async (tx) => {
      const store = tx.objectStore(STORE);
      const existing = (await store.index('key').getAll(added.key)) as OutboxEntry<P>[];
      const folded = coalesce(existing, added, kind.merge?.bind(kind));
      for (const id of folded.remove) await store.delete(id);
      await store.put(folded.add);
      return folded.add;
    });
    void replay();
    return entry;
  }

  /** Marks entries that waited for sign-in as ready, then replays everything (a new start, no back-off). */
  async function resume(): Promise<void> {
    await database.write([STORE], async (tx) => {
      const store = tx.objectStore(STORE);
      for (const entry of await store.getAll()) if (entry.needsSignIn) await store.put(signedIn(entry));
    });
    await replay(true);
  }

  async function retry(id: string): Promise<void> {
    await database.write([STORE], async (tx) => {
      const store = tx.objectStore(STORE);
      const entry = await store.get(id);
      if (entry) await store.put(retried(entry));
    });
    await replay();
  }

  /**
   * Starts replaying: now, whenever the browser comes online, and after sign-in (the session store's
   * writes). Returns the disposer.
   */
  function start(): () => void {
    const onOnline = () => void replay(true);
    let lastUser: string | null | undefined;
    const onSession = () =>
      void session.userId().then((userId) => {
        if (userId && userId !== lastUser) void resume();
        lastUser = userId;
      });
    if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
    const unsubscribe = database.changes.subscribe(['session'], onSession);
    onSession();
    return () => {
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      unsubscribe();
      if (wake !== undefined) clearTimeout(wake);
    };
  }

  return {
    /** Teaches the outbox to send `kind` changes; entries of it already waiting are sent. */
    register<P, R = unknown>(kind: string, spec: OutboxKind<P, R>): void {
      kinds.set(kind, spec);
      void replay();
    },
    /** Keeps a change and sends it when it can; resolves once it is stored (not sent). */
    enqueue,
    /** Every entry on this device (all users), oldest first, live. */
    entries: (): LiveRead<OutboxEntry[]> =>
      database.live([STORE], async (tx) => (await tx.objectStore(STORE).getAll()).sort(byAge)),
    replay,
    resume,
    /** Sends a refused (or waiting) entry again now. */
    retry,
    /** Forgets an entry without sending it. */
    drop: remove,
    start,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

let shared: Outbox | undefined;
let stop: (() => void) | undefined;
/** The app's outbox, replaying from its first use. */
export const outbox = (): Outbox => {
  if (!shared) {
    shared = createOutbox();
    stop = shared.start();
  }
  return shared;
};
/** Stops the app's outbox (tests). */
export const stopOutbox = () => {
  stop?.();
  shared = undefined;
};
