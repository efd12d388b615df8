import { describe, expect, it } from 'vitest';
import { UpdateLogGapError, UpdateLogIndex } from './update-log-index.ts';

describe('UpdateLogIndex', () => {
  it('keeps each document’s live rows as consecutive seqs with their row ids', () => {
    const index = new UpdateLogIndex();
    index.appended('a', 1, [10, 12]);
    index.appended('b', 1, [11]);
    index.appended('a', 3, [13]);
    expect(index.lastSeq('a')).toBe(3);
    expect(index.lastSeq('b')).toBe(1);
    expect(index.lastSeq('c')).toBeUndefined();
    expect(index.idsAfter('a', 0)).toEqual([10, 12, 13]);
    expect(index.idsAfter('a', 2)).toEqual([13]);
    expect(index.idsAfter('a', 3)).toEqual([]);
    expect(index.liveRows).toBe(4);
  });

  it('refuses rows that would leave a gap or repeat a seq', () => {
    const index = new UpdateLogIndex();
    index.appended('a', 1, [1, 2]);
    expect(() => index.appended('a', 4, [3])).toThrow(UpdateLogGapError);
    expect(() => index.appended('a', 2, [3])).toThrow(UpdateLogGapError);
    expect(index.idsAfter('a', 0)).toEqual([1, 2]);
  });

  it('drops what a snapshot covers, and forgets a document with nothing live', () => {
    const index = new UpdateLogIndex();
    index.appended('a', 5, [20, 21, 22]);
    index.covered('a', 4); // older than anything live: nothing changes
    expect(index.idsAfter('a', 0)).toEqual([20, 21, 22]);
    index.covered('a', 6);
    expect(index.idsAfter('a', 0)).toEqual([22]);
    expect(index.lastSeq('a')).toBe(7);
    index.appended('a', 8, [30]);
    index.covered('a', 8);
    expect(index.lastSeq('a')).toBeUndefined();
    expect(index.liveRows).toBe(0);
  });

  it('finds the lowest live row and the documents holding rows below a point', () => {
    const index = new UpdateLogIndex();
    expect(index.lowestLiveId()).toBeNull();
    index.appended('old', 1, [3, 40]);
    index.appended('new', 1, [35, 36]);
    expect(index.lowestLiveId()).toBe(3);
    expect(index.documentsBelow(30)).toEqual(['old']);
    expect(index.documentsBelow(36)).toEqual(['old', 'new']);
    index.moved('old', [50, 51]);
    expect(index.lowestLiveId()).toBe(35);
    expect(index.idsAfter('old', 1)).toEqual([51]);
    expect(() => index.moved('old', [60])).toThrow(RangeError);
  });
});
