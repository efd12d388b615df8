/**
 * Whether a doc's changes are stored on this device yet, for "Saved on this device", the warning before
 * leaving the page, and the update prompt (which reloads only once everything is stored).
 *
 * y-indexeddb writes each update in its own IndexedDB transaction and does not say when it is done. After
 * each local update (y-indexeddb's handler ran first and opened its read-write transaction), a read-only
 * transaction on the same store is opened: IndexedDB starts it only after the earlier read-write one has
 * finished, so its completion means the update is on disk. A full disk shows up as y-indexeddb's write
 * rejecting with QuotaExceededError, which nothing else catches: it is noticed here and said, not lost.
 */
import type { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/**
 * `loading`: reading the device's copy; `saving`: changes on their way to disk; `saved`: all on disk;
 * `unavailable`: this browser keeps no copy (no IndexedDB, e.g. some private windows); `full`: storage
 * refused a write (quota).
 */
export type DeviceCopy = 'loading' | 'saving' | 'saved' | 'unavailable' | 'full';

const UPDATES_STORE = 'updates'; // y-indexeddb's object store

export const isQuotaError = (reason: unknown): boolean =>
  /QuotaExceeded|quota/i.test(reason instanceof Error ? `${reason.name} ${reason.message}` : String(reason));

export function trackDeviceWrites({
  doc,
  persistence,
  onChange,
}: {
  doc: Y.Doc;
  persistence: IndexeddbPersistence | null;
  onChange(): void;
}) {
  let loading = persistence !== null;
  let openFailed = false;
  let full = false;
  let pending = 0;
  let waiters: Array<() => void> = [];

  const state = (): DeviceCopy => {
    if (!persistence || openFailed) return 'unavailable';
    if (full) return 'full';
    if (loading) return 'loading';
    return pending > 0 ? 'saving' : 'saved';
  };
  const settle = () => {
    if (pending > 0 || loading) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    const db = persistence?.db;
    if (!db || origin === persistence) return;
    pending += 1;
    if (pending === 1) onChange();
    const probe = db.transaction([UPDATES_STORE], 'readonly');
    const finished = () => {
      pending -= 1;
      settle();
      if (pending === 0) onChange();
    };
    probe.oncomplete = finished;
    probe.onabort = finished;
  };
  doc.on('update', onUpdate);

  const onRejection = (event: PromiseRejectionEvent) => {
    if (!persistence || !isQuotaError(event.reason)) return;
    event.preventDefault();
    if (!full) {
      full = true;
      onChange();
    }
  };
  if (typeof window !== 'undefined') window.addEventListener('unhandledrejection', onRejection);

  // y-indexeddb's whenSynced never settles when the database cannot be opened (a private window that
  // refuses IndexedDB): its `_db` promise is the only place that failure shows.
  const loaded: Promise<void> = persistence
    ? Promise.race([
        persistence.whenSynced.then(() => undefined),
        persistence._db.then(
          () => new Promise<void>(() => undefined),
          () => {
            openFailed = true;
          },
        ),
      ]).then(() => {
        loading = false;
        settle();
        onChange();
      })
    : Promise.resolve();

  return {
    loaded,
    state,
    /** Resolves once every change so far is on the device (at once when it keeps no copy). */
    whenStored: (): Promise<void> =>
      !persistence || openFailed || (pending === 0 && !loading)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push(resolve)),
    destroy() {
      doc.off('update', onUpdate);
      if (typeof window !== 'undefined') window.removeEventListener('unhandledrejection', onRejection);
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    },
  };
}
