import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocLoadError, DocState } from './doc-state.ts';

function typing(count: number, doc = new Y.Doc()) {
  const updates: Uint8Array[] = [];
  const listener = (u: Uint8Array) => updates.push(u);
  doc.on('update', listener);
  for (let i = 0; i < count; i++) doc.getText('t').insert(doc.getText('t').length, String(i % 10));
  doc.off('update', listener);
  return { doc, updates };
}

const textOf = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

describe('DocState', () => {
  it('loads snapshot + log, short and long tails alike', () => {
    const { doc, updates } = typing(100);
    const snapshot = Y.mergeUpdates(updates.slice(0, 30));
    for (const tail of [updates.slice(30, 35), updates.slice(30)]) {
      const state = DocState.fromStored({ snapshot, snapshotSeq: 30, updates: tail, lastSeq: 30 + tail.length });
      expect(textOf(state.current())).toBe(
        doc
          .getText('t')
          .toString()
          .slice(0, 30 + tail.length),
      );
    }
  });

  it('answers sync step 1 with exactly what the peer misses', () => {
    const { doc, updates } = typing(50);
    const state = DocState.empty();
    for (const update of updates) state.append(update);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.mergeUpdates(updates.slice(0, 20)));
    Y.applyUpdate(peer, state.diff(Y.encodeStateVector(peer)));
    expect(peer.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(state.stateVector()).toEqual(Y.encodeStateVector(doc));
  });

  it('answers a new client (empty state vector) with the whole state, deletions included', () => {
    const { doc, updates } = typing(40);
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('t').delete(3, 5);
    const state = DocState.empty();
    for (const update of updates) state.append(update);
    const answer = state.diff(Y.encodeStateVector(new Y.Doc()));
    expect(answer).toBe(state.current());
    expect(textOf(answer)).toBe(doc.getText('t').toString());
  });

  it('compacts through a Y.Doc to a smaller, equivalent snapshot', () => {
    const { doc, updates } = typing(2000);
    const state = DocState.empty();
    for (const update of updates) state.append(update);
    const merged = Y.mergeUpdates([Y.mergeUpdates(updates)]);
    const snapshot = state.compactSnapshot();
    expect(textOf(snapshot)).toBe(doc.getText('t').toString());
    expect(snapshot.byteLength).toBeLessThan(merged.byteLength);
    expect(state.tailLength).toBe(0);
  });

  it('keeps structs whose dependencies are missing', () => {
    const { updates } = typing(10);
    const state = DocState.empty();
    for (const update of updates.slice(5)) state.append(update); // 0..4 missing: pending in Yjs terms
    const snapshot = state.compactSnapshot();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(updates.slice(0, 5)));
    Y.applyUpdate(doc, snapshot);
    expect(doc.getText('t').toString()).toBe('0123456789');
  });

  it('SYNC-6: tells whether an update adds anything (read-only connections)', () => {
    const { doc, updates } = typing(10);
    doc.getText('t').delete(0, 3);
    const state = DocState.empty();
    state.append(Y.encodeStateAsUpdate(doc));
    // A peer's full state (with its delete set) adds nothing new…
    expect(state.contains(Y.encodeStateAsUpdate(doc))).toBe(true);
    expect(state.contains(updates[4]!)).toBe(true);
    // …a new insert or a new deletion does.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const changes: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => changes.push(u));
    other.getText('t').insert(0, 'x');
    other.getText('t').delete(3, 1);
    expect(changes.map((c) => state.contains(c))).toEqual([false, false]);
  });

  it('refuses a corrupt snapshot and skips an unmergeable log entry', () => {
    const { updates } = typing(5);
    expect(() =>
      DocState.fromStored({ snapshot: new Uint8Array([5, 200]), snapshotSeq: 1, updates: [], lastSeq: 1 }),
    ).toThrow(DocLoadError);
    const skipped: number[] = [];
    const state = DocState.fromStored(
      { snapshot: null, snapshotSeq: 0, updates: [updates[0]!, new Uint8Array([9, 9, 9]), updates[1]!], lastSeq: 3 },
      ({ index }) => skipped.push(index),
    );
    expect(skipped).toEqual([1]);
    expect(textOf(state.current())).toBe('01');
  });
});
