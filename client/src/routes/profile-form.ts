/**
 * The profile editor's pure parts: the form's starting values (the profile as kept, with a change still
 * waiting to be sent laid over it) and what to send (only the fields that changed).
 */
import type { Author } from '../../../shared/src/model/catalog.ts';
import { PROFILE_FIELDS, type ProfileChange, type ProfileField } from '../store/profile.ts';

export type ProfileValues = Record<ProfileField, string>;

/** The form's labels, also used in messages that start with a field's key. */
export const PROFILE_LABELS: Record<ProfileField, string> = {
  displayName: 'Display name',
  handle: 'Handle',
  headline: 'Headline',
  website: 'Website',
  github: 'GitHub username',
  supportUrl: 'Support link',
  location: 'Location',
  bio: 'Bio',
};

export function profileValues(author: Author, waiting?: ProfileChange): ProfileValues {
  const saved: ProfileValues = {
    displayName: author.displayName,
    handle: author.handle,
    headline: author.headline,
    website: author.website ?? '',
    github: author.github ?? '',
    supportUrl: author.supportUrl ?? '',
    location: author.location ?? '',
    bio: author.bio,
  };
  return { ...saved, ...waiting };
}

/** The fields whose value (trimmed) differs from where the form started. */
export function changedFields(initial: ProfileValues, values: ProfileValues): ProfileChange {
  const change: ProfileChange = {};
  for (const field of PROFILE_FIELDS) {
    if (values[field].trim() !== initial[field].trim()) change[field] = values[field];
  }
  return change;
}
