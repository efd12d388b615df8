/**
 * The reading list ("Read later") as the private user doc (`user:<id>`) holds it: a Y.Map from post id
 * to `{ slug, title, addedAt }`. Shared so the server can read it for an export; the client's rules for
 * changing it are in client/src/sync/user-doc-model.ts. Values come from other devices: reading them
 * checks every field and skips what does not fit.
 */
import type * as Y from 'yjs';

export type ReadingItem = { postId: string; slug: string; title: string; addedAt: number };

export const READING_LIST = 'readingList';
export const READING_TITLE_MAX = 300;

export const readingListMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(READING_LIST);

/** One stored entry as a ReadingItem, or null when it is not one. */
export function parseReadingEntry(postId: string, value: unknown): ReadingItem | null {
  if (typeof value !== 'object' || value === null) return null;
  const { slug, title, addedAt } = value as Record<string, unknown>;
  if (typeof slug !== 'string' || slug === '' || typeof title !== 'string') return null;
  if (typeof addedAt !== 'number' || !Number.isFinite(addedAt)) return null;
  return { postId, slug, title: title.slice(0, READING_TITLE_MAX), addedAt };
}

/** The reading list, most recently added first. */
export function readingItems(list: Y.Map<unknown>): ReadingItem[] {
  const items: ReadingItem[] = [];
  for (const [postId, value] of list.entries()) {
    const item = parseReadingEntry(postId, value);
    if (item) items.push(item);
  }
  return items.sort((a, b) => b.addedAt - a.addedAt || a.postId.localeCompare(b.postId));
}
