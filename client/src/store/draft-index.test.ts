import { describe, expect, it } from 'vitest';
import { createDraftIndex } from './draft-index.ts';

const memoryStorage = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
};

describe('draft index', () => {
  it('remembers drafts per user, last edited first, updating only the fields given', () => {
    const index = createDraftIndex(memoryStorage());
    index.remember({ id: 'a', userId: 'u1', title: 'Queues', editedAt: 10 });
    index.remember({ id: 'b', userId: 'u1', title: 'Caches', editedAt: 20 });
    index.remember({ id: 'c', userId: 'u2', title: 'Other', editedAt: 30 });
    index.remember({ id: 'a', userId: 'u1', pending: 3 });
    expect(index.list('u1').map((d) => [d.id, d.title, d.pending])).toEqual([
      ['b', 'Caches', 0],
      ['a', 'Queues', 3],
    ]);
    index.forget('b', 'u1');
    expect(index.list('u1').map((d) => d.id)).toEqual(['a']);
    expect(index.list('u2').map((d) => d.id)).toEqual(['c']);
  });

  it('reads nothing from corrupt or foreign data, and survives storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem('sdp:device-drafts', '{not json');
    expect(createDraftIndex(storage).list('u1')).toEqual([]);
    storage.setItem(
      'sdp:device-drafts',
      JSON.stringify([{ id: 1 }, { id: 'x', userId: 'u1', title: 't', editedAt: 1, pending: 0, lastSyncedAt: null }]),
    );
    expect(
      createDraftIndex(storage)
        .list('u1')
        .map((d) => d.id),
    ).toEqual(['x']);
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const index = createDraftIndex(throwing);
    expect(() => index.remember({ id: 'a', userId: 'u1' })).not.toThrow();
    expect(index.list('u1')).toEqual([]);
  });
});
