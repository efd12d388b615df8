/**
 * Reads started by the inline boot script in index.html (client/build/boot-script.ts) before any module
 * has loaded: the database connection, and on a post page the post itself. Opening IndexedDB takes
 * 10–30 ms and the modules take as long to load and run, so starting both at once lets a saved post
 * render as soon as its page mounts. The script never creates or upgrades the database: when it is
 * missing or older, it stands aside and `db.ts` opens it as usual. Every value is taken once.
 */

/** What the boot script leaves on `window`. */
export type EarlyRead = {
  /** The database it opened at `version`, or null when it could not (missing, older, newer, no storage). */
  db: Promise<IDBDatabase | null>;
  name: string;
  version: number;
  /** The post page's slug and its kept record (undefined when not kept or unreadable). */
  post?: { slug: string; value: Promise<unknown> };
};

declare global {
  interface Window {
    __sdpEarlyRead?: EarlyRead;
  }
}

const early = (): EarlyRead | undefined => (typeof window === 'undefined' ? undefined : window.__sdpEarlyRead);

/** The connection the boot script opened for this database and version, if any (once). */
export function takeEarlyConnection(name: string, version: number): Promise<IDBDatabase | null> | undefined {
  const read = early();
  if (!read || read.name !== name || read.version !== version) return undefined;
  const connection = read.db;
  read.db = Promise.resolve(null);
  return connection;
}

/** The boot script's read of the post at `slug`, if it made one (once). */
export function takeEarlyPost<T>(slug: string): Promise<T | undefined> | undefined {
  const read = early();
  if (read?.post?.slug !== slug) return undefined;
  const value = read.post.value as Promise<T | null | undefined>;
  delete read.post;
  return value.then((post) => post ?? undefined);
}

/**
 * Settles when the boot script's post read has answered, or after `maxWaitMs`, or at once when it made none.
 * The entry waits for it before the first render so a saved post is laid out and painted once, with its
 * text, instead of as a skeleton first; the wait is capped so a slow device still gets the skeleton.
 */
export function earlyPostSettled(maxWaitMs: number): Promise<void> {
  const value = early()?.post?.value;
  if (!value) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    value.then(done, done);
  });
}
