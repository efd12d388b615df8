/**
 * Server answers kept as they came (the `answers` store), so reactions, comments and notifications seen
 * once stay readable offline. Keys are made by the module that owns the answer.
 */
import type { LiveRead } from './changes.ts';
import type { SdpDb, StoredAnswer } from './db.ts';
import type { OutboxEntry } from './outbox-model.ts';

export const keepAnswer = <T>(database: SdpDb, key: string, value: T) =>
  database.write(['answers'], async (tx) => {
    const row: StoredAnswer<T> = { key, value, fetchedAt: Date.now() };
    await tx.objectStore('answers').put(row);
  });

export const readAnswer = <T>(database: SdpDb, key: string) =>
  database.read(['answers'], async (tx) => (await tx.objectStore('answers').get(key))?.value as T | undefined);

/**
 * Replaces the kept answer under `key` with `change(kept)` in one transaction, so two writers cannot lose
 * each other's change; `change` returning undefined leaves it as it is.
 */
export const updateAnswer = <T>(database: SdpDb, key: string, change: (kept: T | undefined) => T | undefined) =>
  database.write(['answers'], async (tx) => {
    const store = tx.objectStore('answers');
    const value = change((await store.get(key))?.value as T | undefined);
    if (value !== undefined) await store.put({ key, value, fetchedAt: Date.now() } satisfies StoredAnswer<T>);
  });

/** The kept answer with the outbox's waiting changes laid over it by `view`, live. */
export const liveAnswerWithOutbox = <T, V>(
  database: SdpDb,
  key: string,
  view: (kept: T | undefined, entries: OutboxEntry[]) => V,
): LiveRead<V> =>
  database.live(['answers', 'outbox'], async (tx) => {
    const kept = (await tx.objectStore('answers').get(key))?.value as T | undefined;
    return view(kept, await tx.objectStore('outbox').getAll());
  });
