/** Solid adapter for the store's stale-while-revalidate core: snapshots become signals, keys drive re-subscription. */
import { type Accessor, createComputed, createMemo, createSignal, on, onCleanup } from 'solid-js';
import type { LiveRead } from '../store/changes.ts';
import {
  initialSnapshot,
  type RemoteState,
  type SwrSnapshot,
  type SwrStatus,
  type SwrWatch,
  swrStatus,
  watchSwr,
} from '../store/swr.ts';
import { isOnline } from './online.ts';

export type Swr<T> = {
  data: Accessor<T | undefined>;
  status: Accessor<SwrStatus>;
  remote: Accessor<RemoteState>;
  message: Accessor<string | null>;
  revalidate: () => void;
};

export function createSwr<K, T>(
  key: Accessor<K | undefined>,
  /** The live read for a key (see store/changes.ts): re-run whenever a store it depends on changes. */
  read: (key: K) => LiveRead<T | undefined>,
  refresh: (key: K) => Promise<unknown>,
  complete?: (value: T) => boolean,
  early?: (key: K) => Promise<T | undefined> | undefined,
): Swr<T> {
  const [snap, setSnap] = createSignal<SwrSnapshot<T>>(initialSnapshot<T>());
  const currentKey = createMemo(key);
  let watch: SwrWatch | undefined;

  createComputed(
    on(currentKey, (k) => {
      setSnap(initialSnapshot<T>());
      if (k === undefined) return;
      const w = watchSwr<T>(
        read(k),
        () => refresh(k),
        (s) => setSnap(s),
        early?.(k),
      );
      watch = w;
      onCleanup(() => {
        w.dispose();
        if (watch === w) watch = undefined;
      });
    }),
  );

  // Back online after a failed refresh: try again.
  createComputed(
    on(
      isOnline,
      (online) => {
        if (online && snap().remote === 'offline') void watch?.revalidate();
      },
      { defer: true },
    ),
  );

  return {
    data: () => snap().data,
    status: createMemo(() => swrStatus(snap(), complete)),
    remote: () => snap().remote,
    message: () => snap().message,
    revalidate: () => void watch?.revalidate(),
  };
}

/** A live read of the local store as a signal (re-subscribed when `key` changes). */
export function createLive<K, T>(
  key: Accessor<K | undefined>,
  read: (key: K) => LiveRead<T | undefined>,
): Accessor<T | undefined> {
  return createSwr<K, T>(key, read, async () => undefined).data;
}
