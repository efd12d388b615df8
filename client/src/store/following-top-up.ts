/**
 * "Keep followed writing offline": when the user turned it on (their Following feed is a saved item), fetch
 * the followed posts this device does not hold yet. One top-up at a time; a failure (offline, the server
 * busy) is left for the next trigger. Framework-free; state/keep-following.ts decides when to run it.
 */
import type { SaveTarget } from './saved.ts';

export type TopUpDeps = {
  /** Whether the user keeps their Following feed offline (a saved item exists). */
  isKept(target: SaveTarget): Promise<boolean>;
  /** Saves the posts of `target` the saved item lacks. */
  saveNew(target: SaveTarget): Promise<unknown>;
};

export const followingTarget = (userId: string): SaveTarget => ({ kind: 'following', userId });

/** Returns `topUp(userId)`: resolves once done (or skipped); calls during a top-up share it. */
export function createFollowingTopUp({ isKept, saveNew }: TopUpDeps) {
  let running: Promise<boolean> | undefined;
  return function topUp(userId: string): Promise<boolean> {
    running ??= (async () => {
      const target = followingTarget(userId);
      if (!(await isKept(target))) return false;
      await saveNew(target);
      return true;
    })()
      .catch(() => false)
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}
