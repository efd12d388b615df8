/**
 * The reader's local copy of the catalog (IndexedDB through `idb`). Only `client/src/store` imports this.
 * Every post, author, tag, series and list the reader has seen is kept here so pages render without a network.
 *
 * All access goes through `read` / `write` (one transaction each): a write reports the stores it changed on
 * the change bus once its transaction has completed, and `live` reads re-run when those stores change.
 * Failures come out as `StorageError`s with a message a reader can act on.
 */
import {
  type DBSchema,
  deleteDB,
  type IDBPDatabase,
  type IDBPObjectStore,
  type IDBPTransaction,
  openDB,
  type StoreNames,
  wrap,
} from 'idb';
import type { SessionUser } from '../../../shared/src/model/accounts.ts';
import type {
  Author,
  AuthorRef,
  AuthorSummary,
  Post,
  PostSummary,
  Series,
  TagSummary,
} from '../../../shared/src/model/catalog.ts';
import { broadcastChannel, type ChangeBus, createChangeBus, type LiveRead } from './changes.ts';
import { takeEarlyConnection } from './early-read.ts';
import type { OutboxEntry } from './outbox-model.ts';

/** A post as kept locally: always its summary; `content` and `seriesDetail` once the full post was fetched. */
export type StoredPost = Omit<PostSummary, 'author'> & {
  author: AuthorRef | AuthorSummary;
  authorId: string;
  content?: Post['content'];
  seriesDetail?: Series | null;
};

/**
 * Who is signed in on this device, as the server last said. No CSRF or sync token: those are asked for
 * again (GET /api/auth/session) when online, and the session cookie itself stays httpOnly.
 */
export type StoredSession = { key: 'current'; user: SessionUser; userDoc: string; checkedAt: number };

/** How much of an author we have: a byline (0), a summary (1) or the full profile (2). */
export type AuthorLevel = 0 | 1 | 2;
export type StoredAuthor = AuthorRef & Partial<Omit<Author, keyof AuthorRef>> & { level: AuthorLevel };

/**
 * An ordered list as the server last returned it. Keys: `latest`, `popular:<window>`, `tag:<slug>`,
 * `author:<id>` (post slugs); `tags:popular` (tag slugs); `authors:popular` (author ids).
 */
export type StoredList = { key: string; ids: string[]; nextCursor: string | null; fetchedAt: number };

/**
 * A server answer kept as it came, for pages that show it offline (stale-while-revalidate). Keys:
 * `comments:<postId>`, `reactions:<postId>`, `notifications:<userId>`.
 */
export type StoredAnswer<T = unknown> = { key: string; value: T; fetchedAt: number };

export type SavedKind = 'post' | 'tag' | 'author' | 'latest' | 'series' | 'following';
/**
 * Something the reader made available offline. Key: `post:<slug>`, `tag:<slug>`, `author:<id>`, `latest`,
 * `series:<slug>`, `following:<userId>` (the user's Following feed, kept up to date in the background).
 */
export type SavedItem = {
  key: string;
  kind: SavedKind;
  title: string;
  /** The site path that shows it. */
  href: string;
  postSlugs: string[];
  images: string[];
  /** Bytes of post JSON and images fetched for it. */
  bytes: number;
  savedAt: number;
};

export interface SdpSchema extends DBSchema {
  posts: {
    key: string;
    value: StoredPost;
    indexes: { id: string; authorId: string; tags: string; publishedAt: string };
  };
  authors: { key: string; value: StoredAuthor; indexes: { handle: string } };
  tags: { key: string; value: TagSummary };
  series: { key: string; value: Series };
  lists: { key: string; value: StoredList };
  saved: { key: string; value: SavedItem; indexes: { kind: SavedKind; savedAt: number } };
  /** The last session the server confirmed (one row, key `current`), so the reader stays signed in offline. */
  session: { key: string; value: StoredSession };
  /** Changes made on this device waiting to reach the server (store/outbox.ts). */
  outbox: { key: string; value: OutboxEntry; indexes: { key: string } };
  /** Reactions, comments and notifications as the server last answered (issue 7). */
  answers: { key: string; value: StoredAnswer };
}

export type StoreName = StoreNames<SdpSchema>;
export type Connection = IDBPDatabase<SdpSchema>;
export type ReadTx<S extends StoreName> = IDBPTransaction<SdpSchema, S[], 'readonly'>;
export type WriteTx<S extends StoreName> = IDBPTransaction<SdpSchema, S[], 'readwrite'>;
/** One object store inside any transaction that includes it. */
export type Store<S extends StoreName, Mode extends IDBTransactionMode = 'readonly'> = IDBPObjectStore<
  SdpSchema,
  ArrayLike<StoreName>,
  S,
  Mode
>;

/**
 * A new name: the Dexie-era database (`sysdespro`) may still exist in browsers and is left alone; what it
 * held is fetched again on demand.
 */
export const DB_NAME = 'sysdespro-reader';

type Upgrade = (database: Connection, tx: IDBPTransaction<SdpSchema, StoreName[], 'versionchange'>) => void;
/**
 * Schema steps: `migrations[n]` takes the database from version n to n + 1. Only ever append a step (new
 * stores, new indexes through `tx.objectStore(...)`, data moves); never edit one that has shipped.
 */
const migrations: Upgrade[] = [
  (database) => {
    const posts = database.createObjectStore('posts', { keyPath: 'slug' });
    posts.createIndex('id', 'id');
    posts.createIndex('authorId', 'authorId');
    posts.createIndex('tags', 'tags', { multiEntry: true });
    posts.createIndex('publishedAt', 'publishedAt');
    database.createObjectStore('authors', { keyPath: 'id' }).createIndex('handle', 'handle', { unique: true });
    database.createObjectStore('tags', { keyPath: 'slug' });
    database.createObjectStore('series', { keyPath: 'slug' });
    database.createObjectStore('lists', { keyPath: 'key' });
    const saved = database.createObjectStore('saved', { keyPath: 'key' });
    saved.createIndex('kind', 'kind');
    saved.createIndex('savedAt', 'savedAt');
  },
  // v2: accounts (issue 5) — the signed-in user, kept for offline use.
  (database) => {
    database.createObjectStore('session', { keyPath: 'key' });
  },
  // v3: the outbox of offline changes (issue 5 §3), by entry id; `key` orders the changes to one thing.
  (database) => {
    database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('key', 'key');
  },
  // v4: reactions, comments and notifications as last fetched (issue 7), readable offline.
  (database) => {
    database.createObjectStore('answers', { keyPath: 'key' });
  },
];
export const DB_VERSION = migrations.length;

/** Reading or writing the device's storage failed; `message` says so in words a reader can act on. */
export class StorageError extends Error {
  override name = 'StorageError';
}
/** There is no IndexedDB to use: a private window, storage turned off, or a browser without it. */
export class StorageUnavailableError extends StorageError {
  override name = 'StorageUnavailableError';
  constructor(options?: ErrorOptions) {
    super(
      "This browser won't let SysDesPro keep anything on this device (a private window or storage turned off), so pages can't be saved for offline reading.",
      options,
    );
  }
}
/** The browser refused a write because the site's storage is full. */
export class StorageFullError extends StorageError {
  override name = 'StorageFullError';
  constructor(options?: ErrorOptions) {
    super('There is no room left on this device for saved posts. Remove some saved items and try again.', options);
  }
}

const errorName = (error: unknown) =>
  typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Turns whatever IndexedDB threw into a `StorageError` (keeping it as `cause`). */
export function storageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = errorName(error);
  if (name === 'QuotaExceededError') return new StorageFullError({ cause: error });
  if (name === 'VersionError')
    return new StorageError('A newer version of SysDesPro is open in another tab. Reload this page to continue.', {
      cause: error,
    });
  return new StorageError(`Reading or writing saved data on this device failed: ${errorMessage(error)}`, {
    cause: error,
  });
}

export type SdpDb = {
  readonly name: string;
  readonly changes: ChangeBus;
  /** The open connection (opened on first use, and again after the browser closed it). */
  connection(): Promise<Connection>;
  /** Runs `run` in one read-only transaction over `stores`. */
  read<S extends StoreName, T>(stores: S[], run: (tx: ReadTx<S>) => Promise<T>): Promise<T>;
  /**
   * Runs `run` in one read-write transaction over `stores`; when the transaction has completed, tells the
   * change bus those stores changed. `run` may only await IndexedDB requests of `tx` (anything else lets the
   * transaction commit early); if it throws, nothing it wrote is kept.
   */
  write<S extends StoreName, T>(stores: S[], run: (tx: WriteTx<S>) => Promise<T>): Promise<T>;
  /** `read` as a live read: watchers run it again when one of `stores` changes. */
  live<S extends StoreName, T>(stores: S[], run: (tx: ReadTx<S>) => Promise<T>): LiveRead<T>;
  close(): void;
  /** Closes and deletes the database (tests). */
  delete(): Promise<void>;
};

export function openDb(
  name = DB_NAME,
  changes: ChangeBus = createChangeBus(broadcastChannel(`${name}:changes`)),
): SdpDb {
  let opening: Promise<Connection> | undefined;

  /** Opens the database; `lost` is called when the browser or another tab takes the connection away. */
  async function connect(lost: () => void): Promise<Connection> {
    const early = await takeEarlyConnection(name, DB_VERSION);
    if (early) return adopt(early, lost);
    if (typeof indexedDB === 'undefined' || indexedDB === null) throw new StorageUnavailableError();
    try {
      const opened: Connection = await openDB<SdpSchema>(name, DB_VERSION, {
        upgrade(database, oldVersion, newVersion, tx) {
          for (let v = oldVersion; v < (newVersion ?? DB_VERSION); v++) migrations[v]?.(database, tx);
        },
        // Another tab wants a newer schema: step aside (the next access here reopens, or says to reload).
        blocking() {
          lost();
          opened.close();
        },
        terminated: lost,
      });
      return opened;
    } catch (error) {
      const name = errorName(error);
      if (name === 'VersionError' || name === 'QuotaExceededError') throw storageError(error);
      // Firefox private windows and blocked storage fail the open itself.
      throw new StorageUnavailableError({ cause: error });
    }
  }

  function connection(): Promise<Connection> {
    if (!opening) {
      const forget = () => {
        if (opening === attempt) opening = undefined;
      };
      const attempt = connect(forget);
      opening = attempt;
      // A failed open is not kept: the next access tries again.
      attempt.catch(forget);
    }
    return opening;
  }

  function close() {
    const open = opening;
    opening = undefined;
    void open?.then(
      (connection) => connection.close(),
      () => undefined,
    );
    changes.close();
  }

  async function read<S extends StoreName, T>(stores: S[], run: (tx: ReadTx<S>) => Promise<T>): Promise<T> {
    try {
      return await run((await connection()).transaction(stores, 'readonly'));
    } catch (error) {
      throw storageError(error);
    }
  }

  async function write<S extends StoreName, T>(stores: S[], run: (tx: WriteTx<S>) => Promise<T>): Promise<T> {
    let tx: WriteTx<S> | undefined;
    try {
      tx = (await connection()).transaction(stores, 'readwrite');
      const result = await run(tx);
      await tx.done;
      changes.publish(stores);
      return result;
    } catch (error) {
      if (tx) {
        tx.done.catch(() => undefined);
        try {
          tx.abort();
        } catch {
          // Already committed or aborted by the failed request.
        }
      }
      throw storageError(error);
    }
  }

  return {
    name,
    changes,
    connection,
    read,
    write,
    live: (stores, run) => ({ stores, changes, read: () => read(stores, run) }),
    close,
    async delete() {
      close();
      await deleteDB(name);
    },
  };
}

/** Takes over a connection the boot script opened, with the handlers `connect` gives its own. */
function adopt(raw: IDBDatabase, lost: () => void): Connection {
  raw.onversionchange = null;
  raw.addEventListener('versionchange', () => {
    lost();
    raw.close();
  });
  raw.addEventListener('close', lost);
  return wrap(raw) as Connection;
}

let shared: SdpDb | undefined;
/** The app's database, opened on first use. */
export const db = (): SdpDb => {
  shared ??= openDb();
  return shared;
};
