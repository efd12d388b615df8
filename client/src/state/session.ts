/**
 * The signed-in user as a signal: the last session kept on this device, checked with the server on start
 * and whenever the browser comes back online. `undefined` until the device's copy has been read.
 */
import { createEffect, createRoot, createSignal, on } from 'solid-js';
import type { SessionUser } from '../../../shared/src/model/accounts.ts';
import { sessionStore } from '../store/session.ts';
import { isOnline } from './online.ts';

const [user, setUser] = createSignal<SessionUser | null | undefined>(undefined);
let started = false;

function start() {
  if (started || typeof window === 'undefined') return;
  started = true;
  const store = sessionStore();
  const live = store.current();
  const reread = () =>
    live.read().then(
      (row) => setUser(row?.user ?? null),
      // No storage on this device (a private window): shown as signed out.
      () => setUser(null),
    );
  live.changes.subscribe(live.stores, () => void reread());
  void reread().then(() => store.refresh().catch(() => undefined));
  createRoot(() =>
    createEffect(
      on(
        isOnline,
        (online) => {
          if (online) void store.refresh().catch(() => undefined);
        },
        { defer: true },
      ),
    ),
  );
}

/** Who is signed in on this device: a user, null when signed out, undefined while not yet known. */
export const currentUser = () => {
  start();
  return user();
};

/** Signs in, up or out through the store; the signal follows through the store's change bus. */
export const session = () => sessionStore();
