/**
 * Work the app does while it is open, started after the first paint so it never delays it: sending the
 * outbox of offline changes (through the follows state, which registers its kind and starts the outbox)
 * and keeping followed writing offline.
 */
import { startFollows } from './follows.ts';
import { startKeepFollowing } from './keep-following.ts';

export function startBackground(): void {
  startFollows();
  startKeepFollowing();
}
