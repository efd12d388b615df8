import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addToReadingList,
  isInReadingList,
  parseReadingEntry,
  readingItems,
  readingListMap,
  readSettings,
  removeFromReadingList,
  settingsMap,
  toggleReadingList,
  writeSettings,
} from './user-doc-model.ts';

const post = (n: number) => ({ postId: `p${n}`, slug: `post-${n}`, title: `Post ${n}` });

/** Two devices that exchange everything they have (as the server would on reconnect). */
function meet(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('reading list', () => {
  it('lists items newest first and keeps the first added time on a second add', () => {
    const list = readingListMap(new Y.Doc());
    addToReadingList(list, post(1), 100);
    addToReadingList(list, post(2), 200);
    addToReadingList(list, post(1), 300);
    expect(readingItems(list)).toEqual([
      { ...post(2), addedAt: 200 },
      { ...post(1), addedAt: 100 },
    ]);
  });

  it('toggles in and out', () => {
    const list = readingListMap(new Y.Doc());
    expect(toggleReadingList(list, post(1), 1)).toBe(true);
    expect(isInReadingList(list, 'p1')).toBe(true);
    expect(toggleReadingList(list, post(1), 2)).toBe(false);
    expect(readingItems(list)).toEqual([]);
  });

  it('skips entries another device wrote in a shape it does not know', () => {
    const list = readingListMap(new Y.Doc());
    list.set('bad1', 'just text');
    list.set('bad2', { slug: '', title: 'x', addedAt: 1 });
    list.set('bad3', { slug: 's', title: 'x', addedAt: 'yesterday' });
    addToReadingList(list, post(1), 5);
    expect(readingItems(list).map((i) => i.postId)).toEqual(['p1']);
    expect(parseReadingEntry('p', null)).toBeNull();
  });

  it('converges: added on one device appears on the other; removed on both while apart stays removed', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addToReadingList(readingListMap(a), post(1), 1);
    addToReadingList(readingListMap(a), post(2), 2);
    meet(a, b);
    expect(readingItems(readingListMap(b)).map((i) => i.postId)).toEqual(['p2', 'p1']);

    removeFromReadingList(readingListMap(a), 'p1');
    removeFromReadingList(readingListMap(b), 'p1');
    addToReadingList(readingListMap(b), post(3), 3);
    meet(a, b);
    for (const doc of [a, b]) expect(readingItems(readingListMap(doc)).map((i) => i.postId)).toEqual(['p3', 'p2']);
  });
});

describe('settings in the doc', () => {
  it('reads defaults from an empty doc and ignores unknown values', () => {
    const settings = settingsMap(new Y.Doc());
    expect(readSettings(settings)).toEqual({ theme: 'system', fontSize: 'medium' });
    settings.set('theme', 'neon');
    expect(readSettings(settings).theme).toBe('system');
  });

  it('keeps concurrent changes to different settings from two devices', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeSettings(settingsMap(a), { theme: 'dark' });
    writeSettings(settingsMap(b), { fontSize: 'large' });
    meet(a, b);
    expect(readSettings(settingsMap(a))).toEqual({ theme: 'dark', fontSize: 'large' });
    expect(readSettings(settingsMap(b))).toEqual({ theme: 'dark', fontSize: 'large' });
  });
});
