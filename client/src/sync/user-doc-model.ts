/**
 * What the private user doc (`user:<id>`) holds and the rules for changing it, over plain Yjs types:
 *
 * - `readingList`: a Y.Map from post id to `{ slug, title, addedAt }` ("Read later"). Keyed by post id,
 *   so adding a post twice is one entry, and removing it on two devices while apart leaves it removed
 *   once they meet (both deletions win over nothing).
 * - `settings`: a Y.Map of reader settings, one key per setting, so a theme change on one device and a
 *   font size change on another both survive.
 *
 * Values come from other devices: reading them checks every field and skips what does not fit (the
 * reading-list parts of that are shared with the server, in shared/src/model/reading-list.ts).
 */
import type * as Y from 'yjs';
import {
  parseReadingEntry,
  READING_LIST,
  READING_TITLE_MAX,
  type ReadingItem,
  readingItems,
  readingListMap,
} from '../../../shared/src/model/reading-list.ts';
import { parseSettings, type ReaderSettings } from '../state/reader-settings.ts';

export { parseReadingEntry, READING_LIST, type ReadingItem, readingItems, readingListMap };

/** What the post page knows when the reader taps "Read later". */
export type ReadingTarget = Pick<ReadingItem, 'postId' | 'slug' | 'title'>;

export const SETTINGS = 'settings';

export const settingsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(SETTINGS);

export const isInReadingList = (list: Y.Map<unknown>, postId: string): boolean =>
  parseReadingEntry(postId, list.get(postId)) !== null;

/** Adds a post (keeps the first time it was added when it is there already). */
export function addToReadingList(list: Y.Map<unknown>, target: ReadingTarget, now: number): void {
  if (isInReadingList(list, target.postId)) return;
  list.set(target.postId, { slug: target.slug, title: target.title.slice(0, READING_TITLE_MAX), addedAt: now });
}

export function removeFromReadingList(list: Y.Map<unknown>, postId: string): void {
  if (list.has(postId)) list.delete(postId);
}

/** Adds or removes; returns whether the post is in the list afterwards. */
export function toggleReadingList(list: Y.Map<unknown>, target: ReadingTarget, now: number): boolean {
  if (isInReadingList(list, target.postId)) {
    removeFromReadingList(list, target.postId);
    return false;
  }
  addToReadingList(list, target, now);
  return true;
}

export const readSettings = (settings: Y.Map<unknown>): ReaderSettings => parseSettings(settings.toJSON());

/** Writes only the settings that change, so concurrent changes to different settings both survive. */
export function writeSettings(settings: Y.Map<unknown>, change: Partial<ReaderSettings>): void {
  for (const [key, value] of Object.entries(change)) {
    if (value !== undefined && settings.get(key) !== value) settings.set(key, value);
  }
}
