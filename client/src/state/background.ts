/**
 * Work the app does while it is open, started after the first paint so it never delays it: sending the
 * outbox of offline changes (through the follows state, which registers its kind and starts the outbox;
 * profile edits, reactions and comments register theirs, so one made offline goes out from any page) and keeping followed
 * writing offline.
 */
import { startFollows } from './follows.ts';
import { startKeepFollowing } from './keep-following.ts';
import { startProfileEdits } from './profile.ts';
import { startSocial } from './social.ts';

export function startBackground(): void {
  startFollows();
  startProfileEdits();
  startSocial();
  startKeepFollowing();
}
