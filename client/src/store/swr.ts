/**
 * Stale-while-revalidate over Dexie, framework-free: render what is kept locally (liveQuery), refresh from
 * the network, write Dexie, and let the live query deliver the new value. `state/` turns this into signals.
 */
import { liveQuery } from 'dexie';
import { NotFoundError, OfflineError } from './api-client.ts';

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
  read: () => Promise<T | undefined>,
  refresh: () => Promise<unknown>,
  onChange: (snap: SwrSnapshot<T>) => void,
  /** A read already under way (started while the route's code loaded): shown if it answers before the live query. */
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

  const subscription = liveQuery(read).subscribe({
    next(value) {
      // A refresh that wrote the same data must not re-render the page.
      const json = JSON.stringify(value);
      if (snap.local && json === lastJson) return;
      lastJson = json;
      emit({ data: value, local: true });
    },
    error(error: unknown) {
      emit({
        local: true,
        remote: 'error',
        message: error instanceof Error ? error.message : 'Reading saved data failed.',
      });
    },
  });

  early?.then(
    (value) => {
      if (!snap.local && value !== undefined) emit({ data: value, local: true });
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
      subscription.unsubscribe();
    },
  };
}
