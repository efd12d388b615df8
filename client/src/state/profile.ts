/** Profile edits for the editor page: save through the outbox, and the change still waiting, as a signal. */
import type { Accessor } from 'solid-js';
import { type ProfileChange, profileEdits, type SaveOutcome } from '../store/profile.ts';
import { createLive } from './swr.ts';

export { AVATAR_TYPES } from '../../../shared/src/model/account-api.ts';
export type { ProfileChange, SaveOutcome } from '../store/profile.ts';

export const uploadAvatar = (image: Blob) => profileEdits().uploadAvatar(image);
export const removeAvatar = () => profileEdits().removeAvatar();

/** Registers the `profile` outbox kind, so a waiting edit is sent from whatever page is open. */
export const startProfileEdits = (): void => void profileEdits();

export const saveProfile = (userId: string, change: ProfileChange): Promise<SaveOutcome> =>
  profileEdits().save(userId, change);

/** The signed-in user's profile change still waiting on this device (undefined: none, or not read yet). */
export const useWaitingProfileChange = (userId: Accessor<string | undefined>) =>
  createLive(userId, (id) => profileEdits().waiting(id));
