import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addedByClient, createMergeWatcher, mergedChanges, mergeMessage } from './merge-report.ts';

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

describe('createMergeWatcher', () => {
  afterEach(() => vi.useRealTimers());
  const names = new Map([
    [2, 'Ana'],
    [3, 'Bo'],
  ]);
  function watcher() {
    vi.useFakeTimers();
    let clock = 0;
    const reports: string[] = [];
    const w = createMergeWatcher({
      selfClientId: 1,
      nameOf: (id) => names.get(id),
      report: (m) => reports.push(m),
      now: () => clock,
    });
    const advance = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };
    return { w, reports, advance };
  }

  it('reports what arrives just after our reconnect as made while we were offline, once it is quiet', () => {
    const { w, reports, advance } = watcher();
    w.reconnected();
    w.remoteChanges(new Map([[2, 10]]));
    advance(300);
    w.remoteChanges(new Map([[2, 4]]));
    expect(reports).toEqual([]);
    advance(1_000);
    expect(reports).toEqual(['Merged 14 changes from Ana made while you were offline.']);
  });

  it('reports a co-author rejoining with their offline changes, but not their live typing later', () => {
    const { w, reports, advance } = watcher();
    advance(60_000); // long connected: our reconnect is not the reason
    w.joined(3);
    w.remoteChanges(new Map([[3, 9]]));
    advance(1_000);
    expect(reports).toEqual(['Merged 9 changes from Bo.']);
    advance(10_000);
    w.remoteChanges(new Map([[3, 1]]));
    advance(1_000);
    expect(reports).toHaveLength(1);
  });

  it('ignores our own client and counts operations from state vectors', () => {
    expect(
      addedByClient(
        new Map([[1, 5]]),
        new Map([
          [1, 7],
          [2, 3],
        ]),
      ),
    ).toEqual(
      new Map([
        [1, 2],
        [2, 3],
      ]),
    );
    const { w, reports, advance } = watcher();
    w.reconnected();
    w.remoteChanges(new Map([[1, 5]]));
    advance(2_000);
    expect(reports).toEqual([]);
  });
});
