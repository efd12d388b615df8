/**
 * Work the app does while it is open, started after the first paint so it never delays it: sending the
 * outbox of offline changes (through the follows state, which registers its kind and starts the outbox;
 * profile edits register theirs, so one made offline goes out from any page) and keeping followed
 * writing offline. Reactions and comments register theirs when their code loads (the post page's social
 * section), or here when a change of theirs still waits from an earlier visit.
 */

import { outbox } from '../store/outbox.ts';
import { SOCIAL_KINDS } from '../store/social-kinds.ts';
import { startFollows } from './follows.ts';
import { startKeepFollowing } from './keep-following.ts';
import { startProfileEdits } from './profile.ts';

export function startBackground(): void {
  startFollows();
  startProfileEdits();
  startSocialIfWaiting();
  startKeepFollowing();
}

/** Loads the reaction and comment kinds only when one of their changes waits to be sent. */
function startSocialIfWaiting(): void {
  void outbox()
    .entries()
    .read()
    .then(async (entries) => {
      if (!entries.some((e) => SOCIAL_KINDS.includes(e.kind))) return;
      (await import('./social.ts')).startSocial();
    })
    .catch(() => undefined);
}
