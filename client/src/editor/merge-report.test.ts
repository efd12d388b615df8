import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergedChanges, mergeMessage } from './merge-report.ts';

describe('mergedChanges', () => {
  it('counts what each other writer added between two state vectors, by name', () => {
    const mine = new Y.Doc();
    const ana = new Y.Doc();
    const bo = new Y.Doc();
    mine.getText('t').insert(0, 'shared start');
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(mine));
    Y.applyUpdate(bo, Y.encodeStateAsUpdate(mine));
    const before = Y.decodeStateVector(Y.encodeStateVector(mine));
    ana.getText('t').insert(0, 'fourteen chars'); // 14 operations
    bo.getText('t').insert(0, 'abc');
    mine.getText('t').insert(0, 'my own');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(ana));
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(bo));
    const after = Y.decodeStateVector(Y.encodeStateVector(mine));
    const names = new Map([
      [ana.clientID, 'Ana'],
      [bo.clientID, 'Bo'],
    ]);
    const merged = mergedChanges(before, after, mine.clientID, (id) => names.get(id));
    expect(merged).toEqual([
      { name: 'Ana', count: 14 },
      { name: 'Bo', count: 3 },
    ]);
    expect(mergeMessage(merged, true)).toBe('Merged 14 changes from Ana and 3 from Bo made while you were offline.');
  });

  it('says nothing when nobody else changed anything, and names unknown writers generically', () => {
    expect(
      mergeMessage(
        mergedChanges(new Map([[1, 5]]), new Map([[1, 9]]), 1, () => 'Me'),
        true,
      ),
    ).toBeNull();
    const unknown = mergedChanges(new Map(), new Map([[2, 1]]), 1, () => undefined);
    expect(mergeMessage(unknown, false)).toBe('Merged 1 change from a co-author.');
  });
});
