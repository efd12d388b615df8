/**
 * When to keep followed writing offline: on start, when the browser comes back online, when another user
 * signs in, and every 15 minutes while the app is open (see store/following-top-up.ts for what it does).
 * Loaded after the first paint.
 */
import { createEffect, createRoot, on } from 'solid-js';
import { createFollowingTopUp } from '../store/following-top-up.ts';
import { savedItem, savedKey } from '../store/saved.ts';
import { isOnline } from './online.ts';
import { currentUser } from './session.ts';

export const TOP_UP_EVERY_MS = 15 * 60_000;

const topUp = createFollowingTopUp({
  isKept: async (target) => (await savedItem(savedKey(target)).read()) !== undefined,
  // The save machinery is loaded only for a user who keeps their feed offline.
  saveNew: async (target) =>
    (await import('../store/offline-saves.ts')).offlineSaves().save(target, undefined, { onlyNew: true }),
});

let started = false;
export function startKeepFollowing(): void {
  if (started) return;
  started = true;
  const run = () => {
    const userId = currentUser()?.id;
    if (userId && isOnline()) void topUp(userId);
  };
  createRoot(() => createEffect(on([isOnline, () => currentUser()?.id], run)));
  setInterval(run, TOP_UP_EVERY_MS);
}
