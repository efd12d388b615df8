/**
 * A small change bus for the local store, in place of Dexie's liveQuery: every write reports the object
 * stores it changed once its transaction has completed, and whoever reads those stores runs its read again.
 * Other tabs of the same database hear about changes through a BroadcastChannel (when there is one).
 * Framework-free; `state/` turns watched reads into signals.
 */

/** Told which stores changed (here or in another tab). */
export type ChangeListener = (changed: readonly string[]) => void;

export interface ChangeBus {
  /** Tells this tab's subscribers, and other tabs, that these stores changed. Call after the write is committed. */
  publish(stores: readonly string[]): void;
  /** Calls `listener` whenever one of `stores` changes; returns the disposer. */
  subscribe(stores: readonly string[], listener: ChangeListener): () => void;
  /** Stops listening to other tabs; subscribers hear nothing more from them. */
  close(): void;
}

/** The part of BroadcastChannel the bus uses, so tests can hand in their own (or none). */
export interface ChangeChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** A BroadcastChannel for `name`, or null where there is none (older browsers, some test environments). */
export const broadcastChannel = (name: string): ChangeChannel | null =>
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);

type ChangeMessage = { stores: string[] };
const isChangeMessage = (data: unknown): data is ChangeMessage =>
  typeof data === 'object' && data !== null && Array.isArray((data as ChangeMessage).stores);

export function createChangeBus(channel: ChangeChannel | null = null): ChangeBus {
  const subscribers = new Set<{ stores: readonly string[]; listener: ChangeListener }>();

  const notify = (changed: readonly string[]) => {
    for (const subscriber of [...subscribers]) {
      if (!subscriber.stores.some((store) => changed.includes(store))) continue;
      try {
        subscriber.listener(changed);
      } catch (error) {
        // One broken subscriber must not keep the others from hearing; still say so.
        console.error('A store change subscriber failed:', error);
      }
    }
  };

  channel?.addEventListener('message', (event) => {
    if (isChangeMessage(event.data)) notify(event.data.stores);
  });

  return {
    publish(stores) {
      if (stores.length === 0) return;
      notify(stores);
      channel?.postMessage({ stores: [...stores] } satisfies ChangeMessage);
    },
    subscribe(stores, listener) {
      const subscriber = { stores: [...stores], listener };
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    close() {
      channel?.close();
      channel = null;
    },
  };
}

/** A read of local data and the stores it depends on: watchers run it again when one of them changes. */
export type LiveRead<T> = {
  read(): Promise<T>;
  stores: readonly string[];
  changes: ChangeBus;
};

/** The same live read with its value passed through `map`. */
export const mapLive = <A, B>(source: LiveRead<A>, map: (value: A) => B): LiveRead<B> => ({
  ...source,
  read: async () => map(await source.read()),
});
