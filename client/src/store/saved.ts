/**
 * What the reader saved for offline, read side only. Small on purpose: pages import this at load, while the
 * machinery that fetches and removes (offline-saves.ts) is loaded when the reader first asks for it.
 */
import type { LiveRead } from './changes.ts';
import { db, type SavedItem, type SdpDb } from './db.ts';

export type SaveTarget =
  | { kind: 'post'; slug: string }
  | { kind: 'tag'; slug: string }
  | { kind: 'author'; id: string }
  | { kind: 'latest' }
  | { kind: 'series'; slug: string }
  | { kind: 'following'; userId: string };

export const savedKey = (target: SaveTarget): string => {
  switch (target.kind) {
    case 'post':
    case 'tag':
    case 'series':
      return `${target.kind}:${target.slug}`;
    case 'author':
      return `author:${target.id}`;
    case 'latest':
      return 'latest';
    case 'following':
      return `following:${target.userId}`;
  }
};

/** One saved item, live. */
export const savedItem = (key: string, database: SdpDb = db()): LiveRead<SavedItem | undefined> =>
  database.live(['saved'], (tx) => tx.objectStore('saved').get(key));
/** Everything saved, newest first, live. */
export const allSaved = (database: SdpDb = db()): LiveRead<SavedItem[]> =>
  database.live(['saved'], async (tx) => (await tx.objectStore('saved').index('savedAt').getAll()).reverse());

export async function storageEstimate(): Promise<{ usage: number; quota: number; persisted: boolean | null } | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return null;
  const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted?.().catch(() => null) ?? null,
  ]);
  return { usage, quota, persisted };
}
