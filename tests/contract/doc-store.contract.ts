/**
 * The one test suite every DocStore implementation runs (SQLite now, PostgreSQL later). Call
 * `docStoreContract(name, createHarness)` from a `*.test.ts` file. Rule ids (PERSIST-n) are in
 * tests/sync/SPEC.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore, DraftMemberStore } from '../../sync-server/src/storage/doc-store.ts';

export type ContractStore = DocStore & DraftMemberStore;

export type DocStoreHarness = {
  store: ContractStore;
  /**
   * Arms a fault: the next compaction fails after writing its snapshot and before deleting the updates
   * it covers, as a crash between the two steps would.
   */
  failNextCompactionBetweenSteps(): void;
  /** Closes the store and opens a new one on the same data. */
  reopen(): Promise<ContractStore>;
  cleanup(): Promise<void>;
};

const bytes = (...values: number[]) => new Uint8Array(values);

/** Real Yjs updates: the store must not care, but loading them back must give the same text. */
function textUpdates(count: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i % 3 === 0 ? 0 : doc.getText('t').length, `${i};`);
  return { updates, text: doc.getText('t').toString() };
}

function textOf(snapshot: Uint8Array | null, updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

export function docStoreContract(implementation: string, createHarness: () => Promise<DocStoreHarness>): void {
  describe(`DocStore contract: ${implementation}`, () => {
    let harness: DocStoreHarness;
    let store: ContractStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('PERSIST-1: an unknown document loads as empty', async () => {
      expect(await store.loadDoc('draft:nothing')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
    });

    it('PERSIST-2: appends load back in order with per-document sequences', async () => {
      expect(await store.appendUpdates('draft:a', [bytes(1), bytes(2)])).toBe(2);
      expect(await store.appendUpdates('draft:b', [bytes(9)])).toBe(1);
      expect(await store.appendUpdates('draft:a', [bytes(3)])).toBe(3);
      const a = await store.loadDoc('draft:a');
      expect(a.updates).toEqual([bytes(1), bytes(2), bytes(3)]);
      expect(a.lastSeq).toBe(3);
      expect((await store.loadDoc('draft:b')).updates).toEqual([bytes(9)]);
    });

    it('PERSIST-2: an empty append changes nothing', async () => {
      await store.appendUpdates('draft:a', [bytes(1)]);
      expect(await store.appendUpdates('draft:a', [])).toBe(1);
      expect(await store.appendBatch([{ name: 'draft:a', updates: [] }])).toEqual(new Map());
      expect((await store.loadDoc('draft:a')).lastSeq).toBe(1);
    });

    it('PERSIST-3: a batch for several documents is stored as one', async () => {
      const result = await store.appendBatch([
        { name: 'draft:a', updates: [bytes(1), bytes(2)] },
        { name: 'user:u', updates: [bytes(7)] },
        { name: 'draft:a', updates: [bytes(3)] },
      ]);
      expect(result).toEqual(
        new Map([
          ['draft:a', 3],
          ['user:u', 1],
        ]),
      );
      expect((await store.loadDoc('draft:a')).updates).toEqual([bytes(1), bytes(2), bytes(3)]);
    });

    it('PERSIST-2: updates survive closing and reopening', async () => {
      const { updates, text } = textUpdates(20);
      await store.appendUpdates('draft:a', updates);
      store = await harness.reopen();
      const loaded = await store.loadDoc('draft:a');
      expect(textOf(loaded.snapshot, loaded.updates)).toBe(text);
    });

    it('PERSIST-4: large updates round-trip byte for byte', async () => {
      const big = new Uint8Array(8 * 1024 * 1024 + 17);
      for (let i = 0; i < big.length; i += 4093) big[i] = i % 251;
      await store.appendUpdates('draft:big', [big, bytes(5)]);
      const loaded = await store.loadDoc('draft:big');
      expect(loaded.updates).toHaveLength(2);
      expect(Buffer.compare(Buffer.from(loaded.updates[0]!), Buffer.from(big))).toBe(0);
    });

    it('PERSIST-5: compaction replaces the covered prefix by the snapshot; later updates stay', async () => {
      const { updates, text } = textUpdates(30);
      await store.appendUpdates('draft:a', updates.slice(0, 20));
      const snapshot = Y.mergeUpdates(updates.slice(0, 20));
      await store.compact('draft:a', snapshot, 20);
      await store.appendUpdates('draft:a', updates.slice(20));
      const loaded = await store.loadDoc('draft:a');
      expect(loaded.snapshotSeq).toBe(20);
      expect(loaded.lastSeq).toBe(30);
      expect(loaded.updates).toHaveLength(10);
      expect(loaded.snapshot).toEqual(snapshot);
      expect(textOf(loaded.snapshot, loaded.updates)).toBe(text);
    });

    it('PERSIST-5: compacting part of the log keeps the uncovered updates', async () => {
      const { updates, text } = textUpdates(10);
      await store.appendUpdates('draft:a', updates);
      await store.compact('draft:a', Y.mergeUpdates(updates.slice(0, 4)), 4);
      const loaded = await store.loadDoc('draft:a');
      expect(loaded.updates).toHaveLength(6);
      expect(textOf(loaded.snapshot, loaded.updates)).toBe(text);
    });

    it('PERSIST-6: a crash between writing the snapshot and deleting the log loses nothing', async () => {
      const { updates, text } = textUpdates(12);
      await store.appendUpdates('draft:a', updates);
      const before = await store.loadDoc('draft:a');
      harness.failNextCompactionBetweenSteps();
      await expect(store.compact('draft:a', Y.mergeUpdates(updates), 12)).rejects.toThrow();
      // Nothing of the failed compaction is visible: same log, no snapshot.
      expect(await store.loadDoc('draft:a')).toEqual(before);
      store = await harness.reopen();
      const after = await store.loadDoc('draft:a');
      expect(after).toEqual(before);
      expect(textOf(after.snapshot, after.updates)).toBe(text);
      // And the document can still be compacted and appended to.
      await store.compact('draft:a', Y.mergeUpdates(updates), 12);
      expect(await store.appendUpdates('draft:a', [Y.encodeStateAsUpdate(new Y.Doc())])).toBe(13);
    });

    it('PERSIST-5: compaction never moves backwards and never past the log', async () => {
      const { updates } = textUpdates(6);
      await store.appendUpdates('draft:a', updates);
      await store.compact('draft:a', Y.mergeUpdates(updates), 6);
      await store.compact('draft:a', Y.mergeUpdates(updates.slice(0, 2)), 2); // stale: ignored
      const loaded = await store.loadDoc('draft:a');
      expect(loaded.snapshotSeq).toBe(6);
      expect(loaded.updates).toEqual([]);
      await expect(store.compact('draft:a', bytes(0, 0), 7)).rejects.toThrow(RangeError);
    });

    it('PERSIST-1: an empty document can be compacted and loaded', async () => {
      const empty = Y.encodeStateAsUpdate(new Y.Doc());
      await store.compact('draft:empty', empty, 0);
      const loaded = await store.loadDoc('draft:empty');
      expect(loaded.snapshotSeq).toBe(0);
      expect(loaded.updates).toEqual([]);
      expect(textOf(loaded.snapshot, loaded.updates)).toBe('');
    });

    it('PERSIST-7: draft membership: set, change, list, remove', async () => {
      expect(await store.getDraftRole('d1', 'alice')).toBeNull();
      await store.setDraftMember('d1', 'alice', 'owner');
      await store.setDraftMember('d1', 'bob', 'viewer');
      await store.setDraftMember('d1', 'bob', 'editor');
      await store.setDraftMember('d2', 'bob', 'viewer');
      expect(await store.getDraftRole('d1', 'bob')).toBe('editor');
      expect(await store.listDraftMembers('d1')).toEqual([
        { draftId: 'd1', userId: 'alice', role: 'owner' },
        { draftId: 'd1', userId: 'bob', role: 'editor' },
      ]);
      expect(await store.removeDraftMember('d1', 'bob')).toBe(true);
      expect(await store.removeDraftMember('d1', 'bob')).toBe(false);
      expect(await store.getDraftRole('d1', 'bob')).toBeNull();
      expect(await store.getDraftRole('d2', 'bob')).toBe('viewer');
    });
  });
}
