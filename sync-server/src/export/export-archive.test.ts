import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { draftBodyDoc, markdownToDraftUpdate } from '../../../shared/src/drafts/draft-markdown.ts';
import type { MyFollows } from '../../../shared/src/model/accounts.ts';
import { buildExportArchive, draftPath, type ExportPost } from './export-archive.ts';
import { readImportFiles } from './import-files.ts';

const post: ExportPost = {
  slug: 'backpressure',
  title: 'Backpressure',
  tags: ['queues'],
  excerpt: 'When producers outrun consumers.',
  series: { title: 'Queues in practice', part: 2 },
  publishedAt: '2024-02-03T04:05:06.000Z',
  updatedAt: '2024-03-04T05:06:07.000Z',
  content: {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bound **every** queue.' }] }],
  },
};

const draftState = (markdown: string) => markdownToDraftUpdate(markdown).update;
const follows: MyFollows = {
  authors: [],
  tags: [{ slug: 'queues', name: 'Queues', followedAt: '2024-01-01T00:00:00.000Z' }],
  series: [],
};
const readingList = [{ postId: 'p1', slug: 'a-post', title: 'A post', addedAt: 1_700_000_000_000 }];

function build() {
  return buildExportArchive({
    posts: [post],
    drafts: [
      {
        id: 'd1',
        state: draftState('---\ntitle: Queues: a primer\n---\nDraft *body*.'),
        dates: { updated: '2024-05-06T00:00:00.000Z' },
      },
      { id: 'd2', state: Y.encodeStateAsUpdate(new Y.Doc()) },
    ],
    follows,
    readingList,
    exportedAt: new Date('2024-06-01T12:00:00Z'),
  });
}

describe('buildExportArchive', () => {
  it('writes posts, drafts, follows and the reading list into one zip', () => {
    const files = unzipSync(build());
    expect(Object.keys(files).sort()).toEqual([
      'drafts/queues-a-primer-d1.md',
      'drafts/untitled-d2.md',
      'follows.json',
      'posts/backpressure.md',
      'reading-list.json',
    ]);
    expect(strFromU8(files['posts/backpressure.md']!)).toBe(
      [
        '---',
        'title: Backpressure',
        'slug: backpressure',
        'tags: queues',
        'series: Queues in practice',
        'part: 2',
        'excerpt: When producers outrun consumers.',
        'published: 2024-02-03T04:05:06.000Z',
        'updated: 2024-03-04T05:06:07.000Z',
        '---',
        '',
        'Bound \\*\\*every\\*\\* queue.',
        '',
      ].join('\n'),
    );
    expect(strFromU8(files['drafts/queues-a-primer-d1.md']!)).toBe(
      '---\ntitle: Queues: a primer\nupdated: 2024-05-06T00:00:00.000Z\n---\n\nDraft _body_.\n',
    );
    expect(JSON.parse(strFromU8(files['follows.json']!))).toEqual(follows);
    expect(JSON.parse(strFromU8(files['reading-list.json']!))).toEqual(readingList);
  });

  it('makes an archive that imports back into drafts with the same titles and bodies', () => {
    const imported = readImportFiles(build()).map((file) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, markdownToDraftUpdate(file.markdown, { fallbackTitle: file.name }).update);
      return { title: draftFields(doc).title.toString(), body: draftBodyDoc(doc) };
    });
    expect(imported.map((d) => d.title).sort()).toEqual(['Backpressure', 'Queues: a primer', 'untitled-d2.md']);
    expect(imported.find((d) => d.title === 'Backpressure')?.body).toEqual(post.content);
  });

  it('names draft files by title and id, safe for any file system', () => {
    expect(draftPath('abc_1', 'Ünïcode & Co: part/2')).toBe('drafts/unicode-and-co-part-2-abc_1.md');
    expect(draftPath('x', '   ')).toBe('drafts/untitled-x.md');
  });
});
