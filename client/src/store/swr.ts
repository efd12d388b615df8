/**
 * Stale-while-revalidate over the local store, framework-free: render what is kept locally (a live read),
 * refresh from the network, write the store, and let the change bus re-run the read to deliver the new value.
 * `state/` turns this into signals.
 */
import { NotFoundError, OfflineError } from './api-client.ts';
import type { LiveRead } from './changes.ts';

export type RemoteState = 'idle' | 'pending' | 'ok' | 'offline' | 'not-found' | 'error';
export type SwrSnapshot<T> = {
  data: T | undefined;
  /** The first local read has answered. */
  local: boolean;
  remote: RemoteState;
  message: string | null;
};
export type SwrStatus = 'loading' | 'ready' | 'offline-missing' | 'not-found' | 'error';

export const initialSnapshot = <T>(): SwrSnapshot<T> => ({
  data: undefined,
  local: false,
  remote: 'idle',
  message: null,
});

/** What a page should show. `complete` says whether the kept value is enough to show the page. */
export function swrStatus<T>(snap: SwrSnapshot<T>, complete: (value: T) => boolean = () => true): SwrStatus {
  if (snap.remote === 'not-found') return 'not-found';
  if (snap.data !== undefined && complete(snap.data)) return 'ready';
  if (!snap.local || snap.remote === 'idle' || snap.remote === 'pending' || snap.remote === 'ok') return 'loading';
  return snap.remote === 'offline' ? 'offline-missing' : 'error';
}

export function remoteFailure(error: unknown): Pick<SwrSnapshot<unknown>, 'remote' | 'message'> {
  if (error instanceof OfflineError) return { remote: 'offline', message: error.message };
  if (error instanceof NotFoundError) return { remote: 'not-found', message: error.message };
  return { remote: 'error', message: error instanceof Error ? error.message : 'Something went wrong.' };
}

export type SwrWatch = { revalidate(): Promise<void>; dispose(): void };

export function watchSwr<T>(
  /** The local read and the stores it depends on: it runs once now and again whenever one of them changes. */
  source: LiveRead<T | undefined>,
  refresh: () => Promise<unknown>,
  onChange: (snap: SwrSnapshot<T>) => void,
  /** A read already under way (started while the route's code loaded): shown if it answers before the live read. */
  early?: Promise<T | undefined>,
): SwrWatch {
  let snap = initialSnapshot<T>();
  let disposed = false;
  let lastJson: string | undefined;
  let run = 0;
  const emit = (patch: Partial<SwrSnapshot<T>>) => {
    if (disposed) return;
    snap = { ...snap, ...patch };
    onChange(snap);
  };

  // One read at a time: changes that arrive while a read runs are answered by one more read after it, so a
  // burst of writes costs at most two reads and the last value delivered is never older than the last change.
  let reading = false;
  let again = false;
  async function reread() {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    do {
      again = false;
      try {
        const value = await source.read();
        if (disposed) break;
        // A refresh that wrote the same data must not re-render the page.
        const json = JSON.stringify(value);
        if (snap.local && json === lastJson) continue;
        lastJson = json;
        emit({ data: value, local: true });
      } catch (error) {
        emit({
          local: true,
          remote: 'error',
          message: error instanceof Error ? error.message : 'Reading saved data failed.',
        });
      }
    } while (again && !disposed);
    reading = false;
  }
  const unsubscribe = source.changes.subscribe(source.stores, () => void reread());
  void reread();

  early?.then(
    (value) => {
      if (snap.local || value === undefined) return;
      lastJson = JSON.stringify(value);
      emit({ data: value, local: true });
    },
    () => undefined,
  );

  async function revalidate() {
    const id = ++run;
    emit({ remote: 'pending', message: null });
    try {
      await refresh();
      if (id === run) emit({ remote: 'ok' });
    } catch (error) {
      if (id === run) emit(remoteFailure(error));
    }
  }
  void revalidate();

  return {
    revalidate,
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
