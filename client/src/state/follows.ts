/**
 * Follows as signals: one live view of the signed-in user's follows (server state with waiting changes
 * laid over it) shared by every Follow button on the page, refreshed from the server on start, on sign-in
 * and when the browser comes back online.
 */
import { createEffect, createMemo, createRoot, createSignal, on, onCleanup } from 'solid-js';
import { type FollowStatus, type FollowTarget, follows, NOT_FOLLOWING, targetKey } from '../store/follows.ts';
import { isOnline } from './online.ts';
import { currentUser } from './session.ts';

export type { FollowStatus, FollowTarget } from '../store/follows.ts';

const [view, setView] = createSignal<ReadonlyMap<string, FollowStatus>>(new Map());
let started = false;

const refresh = (userId: string) =>
  void follows()
    .refresh(userId)
    .catch(() => undefined);

/** Starts watching the signed-in user's follows (and, through follows(), the outbox that sends them). */
export function startFollows(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  createRoot(() => {
    // The session row is rewritten on every check with the server: only a different user starts over.
    const userId = createMemo(() => currentUser()?.id);
    createEffect(
      on(userId, (userId) => {
        setView(new Map());
        if (!userId) return;
        const live = follows().live(userId);
        const reread = () => live.read().then(setView, () => undefined);
        onCleanup(live.changes.subscribe(live.stores, () => void reread()));
        void reread();
        refresh(userId);
      }),
    );
    createEffect(
      on(
        isOnline,
        (online) => {
          const id = userId();
          if (online && id) refresh(id);
        },
        { defer: true },
      ),
    );
  });
}

/** How a target shows for the signed-in user (not followed while signed out or not yet known). */
export function followStatus(target: FollowTarget): FollowStatus {
  startFollows();
  return view().get(targetKey(target)) ?? NOT_FOLLOWING;
}

/** The targets the server confirmed as followed, as one comparable string (changes when one is confirmed). */
export function confirmedFollows(): string {
  startFollows();
  return [...view()]
    .filter(([, status]) => status.following && !status.pending)
    .map(([key]) => key)
    .sort()
    .join(' ');
}

/** Follows or unfollows `target`; the change shows at once and is sent when it can be. */
export const setFollowing = (target: FollowTarget, follow: boolean) => follows().change(target, follow);
export const retryFollowChange = (entryId: string) => follows().retry(entryId);
export const dropFollowChange = (entryId: string) => follows().drop(entryId);
