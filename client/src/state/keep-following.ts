/**
 * "Keep followed writing offline": while it is on (the user's Following feed is a saved item), new posts
 * from what they follow are fetched for offline reading whenever the app is online — on start, when the
 * browser comes back online, and every 15 minutes while the app is open. Loaded after the first paint.
 */
import { createEffect, createRoot, on } from 'solid-js';
import { type SaveTarget, savedItem, savedKey } from '../store/saved.ts';
import { isOnline } from './online.ts';
import { currentUser } from './session.ts';

export const TOP_UP_EVERY_MS = 15 * 60_000;

let topping: Promise<void> | undefined;

/** Fetches the followed posts this device does not hold yet, if the user asked to keep them. */
export function topUpFollowing(userId: string): Promise<void> {
  topping ??= (async () => {
    const target: SaveTarget = { kind: 'following', userId };
    if (!(await savedItem(savedKey(target)).read())) return;
    const { offlineSaves } = await import('../store/offline-saves.ts');
    await offlineSaves().save(target, undefined, { onlyNew: true });
  })()
    // Offline or the server busy: the next trigger tries again.
    .catch(() => undefined)
    .finally(() => {
      topping = undefined;
    });
  return topping;
}

let started = false;
export function startKeepFollowing(): void {
  if (started) return;
  started = true;
  const run = () => {
    const userId = currentUser()?.id;
    if (userId && isOnline()) void topUpFollowing(userId);
  };
  createRoot(() => createEffect(on([isOnline, () => currentUser()?.id], run)));
  setInterval(run, TOP_UP_EVERY_MS);
}
