/**
 * Whether a doc's changes are stored on this device yet, for "Saved on this device", the warning before
 * leaving the page, and the update prompt (which reloads only once everything is stored).
 *
 * y-indexeddb writes each update in its own IndexedDB transaction and does not say when it is done. After
 * each local update (y-indexeddb's handler ran first and opened its read-write transaction), a read-only
 * transaction on the same store is opened: IndexedDB starts it only after the earlier read-write one has
 * finished, so its completion means the update is on disk. A full disk shows up as y-indexeddb's write
 * rejecting with QuotaExceededError, which nothing else catches: it is noticed here and said, not lost.
 *
 * IndexedDB commits asynchronously, and a page that unloads (a reload, a closed tab) aborts transactions
 * still in flight; browsers do not always ask before leaving. So each local change is also written at once,
 * synchronously, to a small journal in localStorage, kept only until IndexedDB has it; opening the doc
 * replays what the journal still holds (Yjs ignores what it already has). A keystroke on screen is thus on
 * the device before the next event can unload the page.
 */
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/**
 * `loading`: reading the device's copy; `saving`: changes on their way to disk; `saved`: all on disk;
 * `unavailable`: this browser keeps no copy (no IndexedDB, e.g. some private windows); `full`: storage
 * refused a write (quota).
 */
export type DeviceCopy = 'loading' | 'saving' | 'saved' | 'unavailable' | 'full';

const UPDATES_STORE = 'updates'; // y-indexeddb's object store

export const isQuotaError = (reason: unknown): boolean =>
  /QuotaExceeded|quota/i.test(reason instanceof Error ? `${reason.name} ${reason.message}` : String(reason));

export type DeviceJournal = {
  /** localStorage key of this doc's journal. */
  key: string;
  /** Changes that need no journal (they came from the server, which keeps them). */
  skip(origin: unknown): boolean;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
};

const JOURNAL_ORIGIN = 'device-journal';

function readJournal(journal: DeviceJournal): Uint8Array[] {
  try {
    const raw: unknown = JSON.parse(journal.storage?.getItem(journal.key) ?? '[]');
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').map(fromBase64) : [];
  } catch {
    return [];
  }
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function trackDeviceWrites({
  doc,
  persistence,
  onChange,
  journal,
}: {
  doc: Y.Doc;
  persistence: IndexeddbPersistence | null;
  onChange(): void;
  journal?: DeviceJournal;
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
  let journaled: string[] = [];
  const writeJournal = (entries: string[]) => {
    try {
      if (entries.length === 0) journal?.storage?.removeItem(journal.key);
      else journal?.storage?.setItem(journal.key, JSON.stringify(entries));
      journaled = entries;
    } catch {
      // localStorage full or blocked: IndexedDB still gets the change; only the reload guard is lost.
    }
  };
  const settle = () => {
    if (pending > 0 || loading) return;
    if (journaled.length > 0) writeJournal([]);
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (!persistence || origin === persistence) return;
    if (journal && !journal.skip(origin) && origin !== JOURNAL_ORIGIN) writeJournal([...journaled, toBase64(update)]);
    const db = persistence.db;
    if (!db) return;
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
        // What a previous page wrote but IndexedDB never got (it unloaded first).
        if (journal && !openFailed) {
          const left = readJournal(journal);
          journaled = left.map(toBase64);
          for (const update of left) Y.applyUpdate(doc, update, JOURNAL_ORIGIN);
        }
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
