import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { restoreVersion } from './restore-version.ts';

function writeDraft(doc: Y.Doc, title: string, paragraph: string, tags: string[], series?: string) {
  const f = draftFields(doc);
  doc.transact(() => {
    f.title.delete(0, f.title.length);
    f.title.insert(0, title);
    f.tags.delete(0, f.tags.length);
    f.tags.insert(0, tags);
    if (series) f.meta.set('series', series);
    else f.meta.delete('series');
    f.body.delete(0, f.body.length);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(paragraph)]);
    f.body.insert(0, [p]);
  });
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('restoreVersion', () => {
  it('brings back every field of the version as a new change that a co-author receives', () => {
    const mine = new Y.Doc();
    const coauthor = new Y.Doc();
    writeDraft(mine, 'First title', 'Original text', ['queues'], 'Scaling reads');
    const saved = Y.encodeStateAsUpdate(mine);
    writeDraft(mine, 'Second title', 'Rewritten text', ['caching', 'redis']);
    sync(mine, coauthor);

    restoreVersion(mine, saved);
    sync(mine, coauthor);

    for (const doc of [mine, coauthor]) {
      const f = draftFields(doc);
      expect(f.title.toString()).toBe('First title');
      expect(f.tags.toArray()).toEqual(['queues']);
      expect(f.meta.get('series')).toBe('Scaling reads');
      expect(f.body.toString()).toBe('<paragraph>Original text</paragraph>');
    }
  });

  it('leaves the draft untouched when the version bytes are not a Yjs update', () => {
    const mine = new Y.Doc();
    writeDraft(mine, 'Kept', 'Kept text', []);
    expect(() => restoreVersion(mine, new Uint8Array([255, 1, 2]))).toThrow();
    expect(draftFields(mine).title.toString()).toBe('Kept');
  });
});
