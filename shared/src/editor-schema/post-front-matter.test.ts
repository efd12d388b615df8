import { describe, expect, it } from 'vitest';
import { formatFrontMatter, parseFrontMatter } from './front-matter.ts';
import { type PostFrontMatter, readPostFrontMatter, writePostFrontMatter } from './post-front-matter.ts';

describe('formatFrontMatter', () => {
  it('writes values parseFrontMatter reads back as they were, quoting where it would trim or unquote', () => {
    const entries = {
      title: 'Queues: a primer',
      spaced: '  padded  ',
      quoted: '"already quoted"',
      single: "'single'",
      inner: 'say "hi" # not a comment',
      empty: '',
    };
    const block = formatFrontMatter(entries);
    expect(block).toBe(
      [
        '---',
        'title: Queues: a primer',
        'spaced: "  padded  "',
        'quoted: ""already quoted""',
        'single: "\'single\'"',
        'inner: say "hi" # not a comment',
        '---',
        '',
      ].join('\n'),
    );
    const { empty: _, ...written } = entries;
    expect(parseFrontMatter(`${block}Body`)).toEqual({ data: written, body: 'Body' });
  });

  it('puts a value on one line and writes nothing when there is nothing to say', () => {
    expect(formatFrontMatter({ excerpt: 'one\ntwo\r\nthree' })).toBe('---\nexcerpt: one two three\n---\n');
    expect(formatFrontMatter({ title: undefined, tags: '' })).toBe('');
  });

  it('refuses a key the reader would not accept', () => {
    expect(() => formatFrontMatter({ 'bad key': 'x' })).toThrow(/cannot be a front-matter key/);
  });
});

describe('post front matter', () => {
  it('round-trips every field through parseFrontMatter', () => {
    const meta: PostFrontMatter = {
      title: 'Backpressure: what to do when the queue is full',
      slug: 'backpressure',
      tags: ['queues', 'distributed-systems'],
      series: 'Queues in practice',
      part: 2,
      excerpt: 'When producers outrun consumers.',
      cover: '/media/cover.png',
      created: '2024-01-02T03:04:05.000Z',
      published: '2024-02-03T04:05:06.000Z',
      updated: '2024-03-04T05:06:07.000Z',
    };
    const { data, body } = parseFrontMatter(`${writePostFrontMatter(meta)}\n## Body\n`);
    expect(body).toBe('## Body\n');
    expect(readPostFrontMatter(data)).toEqual({ meta, problems: [] });
  });

  it('leaves out optional fields that are absent', () => {
    expect(writePostFrontMatter({ title: 'Only a title', tags: [] })).toBe('---\ntitle: Only a title\n---\n');
  });

  it('reads tags as slugs without duplicates, and names values it could not use', () => {
    const { meta, problems } = readPostFrontMatter({
      title: ' Spaced ',
      tags: 'Distributed Systems, kafka,, Kafka',
      part: 'two',
      published: 'yesterday',
      updated: '2024-05-06',
    });
    expect(meta).toEqual({
      title: 'Spaced',
      tags: ['distributed-systems', 'kafka'],
      updated: '2024-05-06T00:00:00.000Z',
    });
    expect(problems).toEqual([
      '"part" must be a whole number from 1, not "two"; it was left out.',
      '"published" is not a date ("yesterday"); it was left out.',
    ]);
  });
});
