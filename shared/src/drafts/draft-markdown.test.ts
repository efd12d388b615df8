import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FrontMatterError } from '../editor-schema/front-matter.ts';
import { DRAFT_LIMITS, draftFields, readDraftMeta } from './draft-doc.ts';
import { draftBodyDoc, draftToMarkdown, MarkdownImportError, markdownToDraftUpdate } from './draft-markdown.ts';

const draftFrom = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
};

const FILE = [
  '---',
  'title: Backpressure, explained',
  'tags: Queues, distributed-systems',
  'series: Queues in practice',
  'part: 2',
  'excerpt: When producers outrun consumers.',
  'cover: /media/cover.png',
  '---',
  '',
  '## Why it matters',
  '',
  'A queue with **no bound** is a memory leak.',
  '',
  '- [x] bound the queue',
  '- [ ] shed load',
  '',
].join('\n');

describe('markdownToDraftUpdate', () => {
  it('makes a draft document with the front matter in its fields and the body in the editor fragment', () => {
    const { update, title, problems } = markdownToDraftUpdate(FILE);
    expect({ title, problems }).toEqual({ title: 'Backpressure, explained', problems: [] });
    const draft = draftFrom(update);
    const fields = draftFields(draft);
    expect(fields.title.toString()).toBe('Backpressure, explained');
    expect(fields.tags.toArray()).toEqual(['queues', 'distributed-systems']);
    expect(fields.excerpt.toString()).toBe('When producers outrun consumers.');
    expect(readDraftMeta(fields.meta)).toEqual({ series: 'Queues in practice', part: 2, cover: '/media/cover.png' });
    expect(draftBodyDoc(draft).content.map((block) => block.type)).toEqual(['heading', 'paragraph', 'taskList']);
  });

  it('takes a leading # heading as the title, else the fallback', () => {
    const fromHeading = markdownToDraftUpdate('# The *real* title\n\nBody text.', { fallbackTitle: 'file-name' });
    expect(fromHeading.title).toBe('The real title');
    expect(draftBodyDoc(draftFrom(fromHeading.update)).content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Body text.' }] },
    ]);
    expect(markdownToDraftUpdate('Just text.', { fallbackTitle: ' notes ' }).title).toBe('notes');
  });

  it('cuts what is over the draft limits and says so', () => {
    const tags = ['a', 'b', 'c', 'd', 'e'].join(', ');
    const { update, problems } = markdownToDraftUpdate(
      `---\ntitle: ${'t'.repeat(200)}\ntags: ${tags}\npart: 500\ncover: javascript:alert(1)\n---\nText`,
    );
    const fields = draftFields(draftFrom(update));
    expect(fields.title.length).toBe(DRAFT_LIMITS.titleMax);
    expect(fields.tags.length).toBe(DRAFT_LIMITS.tagsMax);
    expect(readDraftMeta(fields.meta)).toEqual({});
    expect(problems).toEqual([
      `The title was cut to ${DRAFT_LIMITS.titleMax} characters.`,
      `A post takes up to ${DRAFT_LIMITS.tagsMax} tags; only the first ${DRAFT_LIMITS.tagsMax} were kept.`,
      `"part" goes up to ${DRAFT_LIMITS.partMax}; it was left out.`,
      '"cover" must be an http(s) address or a site path; it was left out.',
    ]);
  });

  it('refuses malformed front matter and a body too large for a post', () => {
    expect(() => markdownToDraftUpdate('---\ntitle: x\n')).toThrow(FrontMatterError);
    expect(() => markdownToDraftUpdate('word '.repeat(50_000))).toThrow(MarkdownImportError);
  });
});

describe('draftToMarkdown', () => {
  it('writes the fields as front matter and the body as Markdown, and reads back the same', () => {
    const draft = draftFrom(markdownToDraftUpdate(FILE).update);
    const markdown = draftToMarkdown(draft, { updated: '2024-05-06T07:08:09.000Z' });
    expect(markdown).toBe(
      [
        '---',
        'title: Backpressure, explained',
        'tags: queues, distributed-systems',
        'series: Queues in practice',
        'part: 2',
        'excerpt: When producers outrun consumers.',
        'cover: /media/cover.png',
        'updated: 2024-05-06T07:08:09.000Z',
        '---',
        '',
        '## Why it matters',
        '',
        'A queue with **no bound** is a memory leak.',
        '',
        '- [x] bound the queue',
        '- [ ] shed load',
        '',
      ].join('\n'),
    );
    const again = draftFrom(markdownToDraftUpdate(markdown).update);
    expect(draftToMarkdown(again, { updated: '2024-05-06T07:08:09.000Z' })).toBe(markdown);
  });

  it('leaves out an image still waiting to upload and an empty draft is an empty file', () => {
    const draft = new Y.Doc();
    draftFields(draft).meta.set('cover', 'local:abc');
    expect(draftToMarkdown(draft)).toBe('');
  });
});
