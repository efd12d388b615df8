import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftTitle, readDraftContent } from './draft-content.ts';
import { coversStateVector, readStateVector } from './draft-state.ts';
import { draftState, paragraph, writeDraft } from './testing.ts';

const read = (fixture: Parameters<typeof draftState>[0]) => readDraftContent(draftState(fixture));

describe('readDraftContent', () => {
  it('reads title, body, derived excerpt, tags and reading time', () => {
    const result = read({ title: '  Backpressure,\n explained ', tags: ['Queues', 'flow-control', 'queues', ''] });
    expect(result).toEqual({
      ok: true,
      content: {
        title: 'Backpressure, explained',
        excerpt: 'Queues fill up when producers outrun consumers.',
        doc: { type: 'doc', content: [paragraph('Queues fill up when producers outrun consumers.')] },
        tags: [
          { slug: 'queues', name: 'Queues' },
          { slug: 'flow-control', name: 'Flow control' },
        ],
        series: null,
        part: null,
        cover: null,
        images: [],
        readingMinutes: 1,
        stripped: [],
      },
    });
  });

  it('keeps an excerpt the writer gave, the series and part, and the cover first among the images', () => {
    const body = {
      type: 'doc',
      content: [
        paragraph('Text.'),
        { type: 'image', attrs: { src: '/media/uploads/abc.png', alt: 'Diagram' } },
        {
          type: 'taskList',
          content: [
            {
              type: 'taskItem',
              attrs: { checked: true },
              content: [{ type: 'image', attrs: { src: 'https://x.test/t.png' } }],
            },
          ],
        },
      ],
    };
    const result = read({
      title: 'T',
      excerpt: 'My own words.',
      body,
      meta: { series: ' Flow ', part: 2, cover: '/media/uploads/cover.webp' },
    });
    expect(result.ok && result.content).toMatchObject({
      excerpt: 'My own words.',
      series: 'Flow',
      part: 2,
      cover: '/media/uploads/cover.webp',
      images: ['/media/uploads/cover.webp', '/media/uploads/abc.png', 'https://x.test/t.png'],
    });
  });

  it('strips what the schema does not allow and names it', () => {
    const result = read({
      title: 'Sneaky',
      body: {
        type: 'doc',
        content: [
          paragraph('Click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
          paragraph('Fine', [{ type: 'link', attrs: { href: 'https://example.com' } }]),
        ],
      },
      rawElements: ['iframe', 'script'],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.content.stripped).toEqual([
      'a link that is not http(s)',
      'an unsupported "iframe" element',
      'an unsupported "script" element',
    ]);
    expect(JSON.stringify(result.content.doc)).not.toMatch(/javascript|iframe|script|alert/);
    expect(result.content.doc.content[1]).toEqual(
      paragraph('Fine', [{ type: 'link', attrs: { href: 'https://example.com' } }]),
    );
  });

  it('refuses with every problem: no title, too many tags, an image still on the device', () => {
    const result = read({
      title: '   ',
      tags: ['a1', 'b2', 'c3', 'd4', 'e5'],
      meta: { cover: 'local:123' },
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: 'local:img-1', alt: '' } }] },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['image', 'title', 'tags', 'cover']);
  });

  it('refuses a title or excerpt over the limits and an unsafe cover', () => {
    const result = read({ title: 'x'.repeat(151), excerpt: 'y'.repeat(301), meta: { cover: 'javascript:alert(1)' } });
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['title', 'excerpt', 'cover']);
  });

  it('draftTitle reads the title field alone', () => {
    expect(draftTitle(draftState({ title: ' Hello ' }))).toBe('Hello');
    expect(draftTitle(Y.encodeStateAsUpdate(new Y.Doc()))).toBe('');
  });
});

describe('state vectors', () => {
  it('a state covers a device state vector only once it has all its insertions', () => {
    const device = writeDraft({ title: 'A' });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
    const stored = () => Y.encodeStateAsUpdate(server);
    expect(coversStateVector(stored(), Y.encodeStateVector(device))).toBe(true);
    device.getText('title').insert(1, 'B');
    expect(coversStateVector(stored(), Y.encodeStateVector(device))).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
    expect(coversStateVector(stored(), Y.encodeStateVector(device))).toBe(true);
    expect(coversStateVector(stored(), Y.encodeStateVector(new Y.Doc()))).toBe(true);
  });

  it('reads a base64 state vector and refuses one that is not', () => {
    const vector = Y.encodeStateVector(writeDraft({ title: 'A' }));
    expect(readStateVector(Buffer.from(vector).toString('base64'))).toEqual(vector);
    expect(() => readStateVector('aGVsbG8=')).toThrow(/not a Yjs state vector/);
  });
});
