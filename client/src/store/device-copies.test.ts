import { describe, expect, it } from 'vitest';
import { deviceCopies } from './device-copies.ts';
import { createDraftIndex } from './draft-index.ts';

const memoryStorage = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
};

describe('device copies of a user’s writing', () => {
  it('counts the drafts and those with unsynced changes, and removes only that user’s copies', async () => {
    const index = createDraftIndex(memoryStorage());
    index.remember({ id: 'a', userId: 'u1', editedAt: 1, pending: 2 });
    index.remember({ id: 'b', userId: 'u1', editedAt: 2 });
    index.remember({ id: 'c', userId: 'u2', editedAt: 3 });
    const copies = deviceCopies('u1', index);
    expect([copies.count, copies.unsynced]).toEqual([2, 1]);
    const removed: string[] = [];
    await copies.remove(async (name) => void removed.push(name));
    expect(removed.sort()).toEqual(['draft:a', 'draft:b', 'user:u1']);
    expect(index.list('u1')).toEqual([]);
    expect(index.list('u2').map((d) => d.id)).toEqual(['c']);
  });

  it('keeps a draft in the list when its database could not be removed', async () => {
    const index = createDraftIndex(memoryStorage());
    index.remember({ id: 'a', userId: 'u1', editedAt: 1 });
    await expect(
      deviceCopies('u1', index).remove(async () => {
        throw new Error('busy');
      }),
    ).rejects.toThrow('busy');
    expect(index.list('u1').map((d) => d.id)).toEqual(['a']);
  });
});
