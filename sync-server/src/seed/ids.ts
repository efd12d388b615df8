/**
 * Ids look random (so nobody builds on their structure) but seed ids are derived from the handle or
 * slug, so re-seeding an empty store yields the same ids and old links keep working.
 */
import { createHash, randomBytes } from 'node:crypto';

export type IdPrefix = 'u' | 'p' | 's' | 'c';

/** A stable id for seeded data: `<prefix>_` + 16 base64url characters of a hash of the key. */
export function seedId(prefix: IdPrefix, key: string): string {
  const digest = createHash('sha256').update(`sysdespro-seed\0${prefix}\0${key}`).digest('base64url');
  return `${prefix}_${digest.slice(0, 16)}`;
}

/** A fresh id for data people create. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
