/**
 * The outbox's rules as pure functions: what an entry is, which entry goes next, what a server answer does
 * to it, how long to wait after a failure, and how a new change folds into one still waiting. No storage,
 * no network: store/outbox.ts applies these to IndexedDB and the API.
 *
 * An entry is one change the user made (follow, profile edit, …). Its `id` is made on the device and sent
 * as the Idempotency-Key, so sending it again (a replay after a lost answer, two tabs) changes nothing.
 */

/**
 * `pending`: waiting to be sent (now, after a back-off, or after sign-in). `sending`: one tab is sending it.
 * `refused`: the server said no (a 4xx); kept with the server's message until the user retries or drops it.
 */
export type OutboxState = 'pending' | 'sending' | 'refused';

export type OutboxEntry<P = unknown> = {
  /** Made on the device (a UUID); the Idempotency-Key. */
  id: string;
  /** Which registered kind sends it, e.g. `follow`. */
  kind: string;
  /** Entries with the same key are sent one at a time, oldest first (e.g. `follow:author:<id>`). */
  key: string;
  payload: P;
  /** Whose change it is: only sent while this user is signed in. */
  userId: string;
  /** When the user made the change (ms since the epoch, device clock). */
  createdAt: number;
  state: OutboxState;
  /** Failed sends so far (network or server trouble); refusals do not count. */
  attempts: number;
  /** Not sent again before this time (ms); 0 = now. */
  notBefore: number;
  /** The server's reason for a refusal, or the last failure's message while pending. */
  error: string | null;
  /** Pending because the session ended: waits for sign-in rather than a timer. */
  needsSignIn: boolean;
};

export type NewEntry<P> = Pick<OutboxEntry<P>, 'id' | 'kind' | 'key' | 'payload' | 'userId' | 'createdAt'>;

export const newEntry = <P>(fields: NewEntry<P>): OutboxEntry<P> => ({
  ...fields,
  state: 'pending',
  attempts: 0,
  notBefore: 0,
  error: null,
  needsSignIn: false,
});

/** Oldest first; ties by id so every tab orders entries the same way. */
export const byAge = (a: OutboxEntry, b: OutboxEntry): number => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/**
 * The entry to send next for `userId`, or undefined. Only the oldest entry of each key may go (a refused
 * one holds back the newer changes of its key until it is retried or dropped, so order holds); `sending`
 * entries are treated as pending, because only the one sender (under a lock) ever sends and an entry left
 * `sending` means a tab closed mid-send.
 */
export function nextToSend(
  entries: readonly OutboxEntry[],
  userId: string,
  now: number,
  canSend: (kind: string) => boolean = () => true,
): OutboxEntry | undefined {
  const seen = new Set<string>();
  for (const entry of [...entries].sort(byAge)) {
    if (entry.userId !== userId || seen.has(entry.key)) continue;
    seen.add(entry.key);
    if (entry.state === 'refused' || entry.needsSignIn || entry.notBefore > now || !canSend(entry.kind)) continue;
    return entry;
  }
  return undefined;
}

/** How a send ended, as the outbox sees it. */
export type SendOutcome =
  | { kind: 'sent' }
  /** No answer (offline, timeout) or the server was in trouble (5xx, 429): try again later. */
  | { kind: 'failed'; message: string }
  /** The session is gone (401): wait for sign-in. */
  | { kind: 'signed-out'; message: string }
  /** The server refused the change itself (other 4xx): show it, let the user retry or drop it. */
  | { kind: 'refused'; message: string };

/** Sorts an HTTP status (or none, when there was no answer) into a send outcome. */
export function classifyStatus(status: number | null, message: string): SendOutcome {
  if (status !== null && status >= 200 && status < 300) return { kind: 'sent' };
  // 425 Too Early: the server needs something first (a draft's latest edits before publishing it).
  if (status === null || status >= 500 || status === 408 || status === 425 || status === 429)
    return { kind: 'failed', message };
  if (status === 401) return { kind: 'signed-out', message };
  return { kind: 'refused', message };
}

export const BACKOFF = { firstMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Wait before try `attempts + 1`: doubling from 2 s up to 5 min, with up to a quarter of random spread so
 * devices that come back online together do not all retry at once. `random` is in [0, 1).
 */
export function backoffMs(attempts: number, random: number = Math.random()): number {
  const base = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (1 + random / 4));
}

/** The entry after a send ended with `outcome`; null once it is sent (it leaves the outbox). */
export function afterSend<P>(
  entry: OutboxEntry<P>,
  outcome: SendOutcome,
  now: number,
  random?: number,
): OutboxEntry<P> | null {
  switch (outcome.kind) {
    case 'sent':
      return null;
    case 'failed': {
      const attempts = entry.attempts + 1;
      return {
        ...entry,
        state: 'pending',
        attempts,
        notBefore: now + backoffMs(attempts, random),
        error: outcome.message,
      };
    }
    case 'signed-out':
      return { ...entry, state: 'pending', needsSignIn: true, error: outcome.message };
    case 'refused':
      return { ...entry, state: 'refused', error: outcome.message };
  }
}

/** A refused (or waiting) entry the user asked to send again: pending, now. */
export const retried = <P>(entry: OutboxEntry<P>): OutboxEntry<P> => ({
  ...entry,
  state: 'pending',
  notBefore: 0,
  error: null,
  needsSignIn: false,
});

/** After sign-in: entries that waited for it may go again. */
export const signedIn = <P>(entry: OutboxEntry<P>): OutboxEntry<P> =>
  entry.needsSignIn ? { ...entry, needsSignIn: false, notBefore: 0 } : entry;

/**
 * Folds `added` into the waiting changes of its key (see `fold`) and dates it after every change of that
 * key, so two changes made in the same millisecond still go in the order they were made.
 */
export function coalesce<P>(
  existing: readonly OutboxEntry<P>[],
  added: OutboxEntry<P>,
  merge: ((older: P, newer: P) => P | undefined) | undefined,
): { remove: string[]; add: OutboxEntry<P> } {
  const folded = fold(existing, added, merge);
  const latest = Math.max(
    ...existing.filter((e) => e.key === added.key && !folded.remove.includes(e.id)).map((e) => e.createdAt),
  );
  return folded.add.createdAt > latest ? folded : { ...folded, add: { ...folded.add, createdAt: latest + 1 } };
}

/**
 * Folds a new change into the entries of its key. `merge(older, newer)` is the kind's rule: the payload that
 * replaces both, or undefined to keep both. Only entries not being sent are folded (one being sent may
 * already have reached the server); the newest such entry of the key merges with the new one, which keeps
 * its own id and time. Returns the entries to delete and the entry to add.
 */
function fold<P>(
  existing: readonly OutboxEntry<P>[],
  added: OutboxEntry<P>,
  merge: ((older: P, newer: P) => P | undefined) | undefined,
): { remove: string[]; add: OutboxEntry<P> } {
  if (!merge) return { remove: [], add: added };
  const sameKey = existing
    .filter((e) => e.key === added.key && e.userId === added.userId && e.state !== 'sending')
    .sort(byAge);
  const older = sameKey.at(-1);
  // Kinds may share a key to keep their order (a draft's create before its publish); only like folds into like.
  if (!older || older.kind !== added.kind) return { remove: [], add: added };
  // Only a tail of the key can fold: something older than a `sending` entry must stay behind it.
  const sendingAfter = existing.some(
    (e) => e.key === added.key && e.userId === added.userId && e.state === 'sending' && byAge(older, e) < 0,
  );
  if (sendingAfter) return { remove: [], add: added };
  const payload = merge(older.payload, added.payload);
  if (payload === undefined) return { remove: [], add: added };
  return { remove: [older.id], add: { ...added, payload } };
}
