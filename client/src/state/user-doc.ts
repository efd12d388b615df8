/**
 * The signed-in user's private doc (reading list, reader settings) as signals. Opens when someone is
 * signed in, closes on sign-out, disconnects when the browser goes offline and connects again when it
 * comes back (a socket can outlive the network, and changes made meanwhile must wait for reconnect).
 *
 * Yjs and the providers load on first use through a dynamic import: this module stays small.
 */
import { createEffect, createRoot, createSignal, on } from 'solid-js';
import { sessionStore } from '../store/session.ts';
import type { SyncedDocStatus as UserDocStatus } from '../sync/synced-doc.ts';
import type { ReadingItem, ReadingTarget } from '../sync/user-doc-model.ts';
import type { UserDocSession, UserDocSnapshot } from '../sync/user-doc-session.ts';
import { isOnline } from './online.ts';
import { cachedSettings, keepAndApply, type ReaderSettings } from './reader-settings.ts';
import { currentUser } from './session.ts';

export type { SyncedDocStatus as UserDocStatus } from '../sync/synced-doc.ts';
export type { ReadingItem, ReadingTarget } from '../sync/user-doc-model.ts';

/** A signed-out reader has no reading list; thrown by the actions. */
export class SignInNeededError extends Error {
  override name = 'SignInNeededError';
  constructor() {
    super('Sign in to keep a reading list across your devices.');
  }
}

const [items, setItems] = createSignal<ReadingItem[] | undefined>(undefined);
const [status, setStatus] = createSignal<UserDocStatus | null>(null);
const [settings, setSettings] = createSignal<ReaderSettings>(cachedSettings());
const [openError, setOpenError] = createSignal<string | null>(null);

type Active = { userId: string; session: Promise<UserDocSession | null> };
let active: Active | null = null;
let started = false;

function onSnapshot(snapshot: UserDocSnapshot) {
  setItems(snapshot.items);
  if (snapshot.settings) {
    setSettings(snapshot.settings);
    keepAndApply(snapshot.settings);
  }
}

function open(userId: string) {
  setOpenError(null);
  const mine: Active = { userId, session: Promise.resolve(null) };
  mine.session = import('../sync/user-doc-session.ts')
    .then(({ startUserDocSession }) =>
      startUserDocSession({
        userId,
        token: (options) => sessionStore().syncToken(options),
        online: isOnline(),
        onSnapshot: (snapshot) => active === mine && onSnapshot(snapshot),
        onStatus: (next) => active === mine && setStatus(next),
      }),
    )
    .then((session) => {
      // Signed out (or switched user) while it opened.
      if (active === mine) return session;
      session.destroy();
      return null;
    })
    .catch((error: unknown) => {
      if (active === mine) setOpenError(`Your reading list could not be opened: ${String(error)}`);
      return null;
    });
  active = mine;
}

function close() {
  const closing = active;
  active = null;
  setItems(undefined);
  setStatus(null);
  void closing?.session.then((session) => session?.destroy());
}

/** Starts following the session (idempotent). The layout calls it after the first paint. */
export function startUserDoc(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  createRoot(() => {
    createEffect(
      on(currentUser, (user) => {
        if (user === undefined) return; // not known yet
        if (user === null) close();
        else if (active?.userId !== user.id) {
          close();
          open(user.id);
        }
      }),
    );
    createEffect(
      on(
        isOnline,
        (online) => void active?.session.then((session) => (online ? session?.connect() : session?.disconnect())),
        { defer: true },
      ),
    );
  });
}

async function session(): Promise<UserDocSession> {
  startUserDoc();
  const opened = await active?.session;
  if (!opened) throw new SignInNeededError();
  return opened;
}

/** The reading list, newest first; undefined while it loads or when signed out. */
export const readingList = (): ReadingItem[] | undefined => {
  startUserDoc();
  return items();
};
export const userDocStatus = (): UserDocStatus | null => status();
export const userDocError = (): string | null => openError();
export const readerSettings = (): ReaderSettings => settings();

export const toggleReadLater = async (target: ReadingTarget): Promise<boolean> => (await session()).toggle(target);
export const removeFromReadingList = async (postId: string): Promise<void> => (await session()).remove(postId);

/**
 * Changes reader settings: through the user doc when signed in (every device follows), on this device
 * only otherwise.
 */
export async function changeSettings(change: Partial<ReaderSettings>): Promise<void> {
  startUserDoc();
  const opened = await active?.session;
  if (opened) {
    opened.updateSettings(change);
    return;
  }
  const next = { ...settings(), ...change };
  setSettings(next);
  keepAndApply(next);
}
