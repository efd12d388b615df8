import { describe, expect, it } from 'vitest';
import type { BlockNode, DocNode, InlineNode } from '../model/content.ts';
import { docToMarkdown } from './doc-to-markdown.ts';
import { markdownToDoc } from './markdown-to-doc.ts';

const doc = (...content: BlockNode[]): DocNode => ({ type: 'doc', content });
const p = (...content: InlineNode[]): BlockNode => ({ type: 'paragraph', content });
const text = (value: string, ...marks: NonNullable<Extract<InlineNode, { type: 'text' }>['marks']>): InlineNode =>
  marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const bold = { type: 'bold' } as const;
const italic = { type: 'italic' } as const;
const strike = { type: 'strike' } as const;
const code = { type: 'code' } as const;
const link = (href: string) => ({ type: 'link', attrs: { href } }) as const;

/** Writes, and checks that reading it back gives the same document. */
function write(input: DocNode): string {
  const markdown = docToMarkdown(input);
  expect(markdownToDoc(markdown)).toEqual(input);
  return markdown;
}

describe('docToMarkdown', () => {
  it('writes headings at their level and paragraphs with marks', () => {
    const markdown = write(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Queues')] },
        { type: 'heading', attrs: { level: 4 }, content: [text('In '), text('practice', italic)] },
        p(
          text('Hello '),
          text('bold', bold),
          text(' '),
          text('both', bold, italic),
          text(' '),
          text('gone', strike),
          text(' '),
          text('x()', code),
          text(' '),
          text('site', link('https://example.com/a?b=1&c=2')),
          text('.'),
        ),
      ),
    );
    expect(markdown).toBe(
      '## Queues\n\n#### In _practice_\n\nHello **bold** **_both_** ~~gone~~ `x()` [site](https://example.com/a?b=1&c=2).\n',
    );
  });

  it('keeps a mark open across its neighbours and moves whitespace out of marks', () => {
    const input = doc(p(text('a ', bold), text('b', bold, italic), text(' c', bold), text(' tail')));
    expect(docToMarkdown(input)).toBe('**a _b_ c** tail\n');
  });

  it('escapes what Markdown would read as syntax', () => {
    const markdown = write(
      doc(
        p(text('1. not a list, *not emphasis*, _nor_ `code`, [no](link) <b>no html</b> a|b ~x~ \\ AT&T &amp;')),
        p(text('# not a heading')),
        p(text('- not an item')),
        p(text('> not a quote')),
        p(text('See https://example.com or www.example.com or me@example.com')),
        p(text('Wow!'), text('link', link('/posts/a'))),
      ),
    );
    expect(markdown).toContain(
      '1\\. not a list, \\*not emphasis\\*, \\_nor\\_ \\`code\\`, \\[no\\](link) \\<b>no html',
    );
    expect(markdown).toContain('a\\|b \\~x\\~ \\\\ AT&T &amp;amp;');
    expect(markdown).toContain('\\# not a heading');
    expect(markdown).toContain('\\- not an item');
    expect(markdown).toContain('\\> not a quote');
    expect(markdown).toContain('https\\://example.com or www\\.example.com or me\\@example.com');
    expect(markdown).toContain('Wow\\![link](/posts/a)');
  });

  it('writes a letter next to a delimiter as a reference where emphasis would not close', () => {
    const markdown = write(doc(p(text('a'), text('.b.', bold), text('c'))));
    expect(markdown).toBe('&#97;**.b.**&#99;\n');
  });

  it('separates bold and strike-through that touch (marked counts ~ as a letter next to *)', () => {
    const markdown = write(doc(p(text('a.', bold), text('b', strike))));
    expect(markdown).toBe('**a.**<!-- -->~~b~~\n');
  });

  it('writes brackets in a link text as references (marked drops their escapes there)', () => {
    const markdown = write(doc(p(text('![x](y) [z]', link('https://example.com/a b')))));
    expect(markdown).toBe('[!&#91;x&#93;(y) &#91;z&#93;](<https://example.com/a b>)\n');
  });

  it('writes hard breaks with spaces at line edges kept as references', () => {
    const markdown = write(doc(p(text('one '), { type: 'hardBreak' }, text('  two'))));
    expect(markdown).toBe('one&#32;\\\n&#32;&#32;two\n');
  });

  it('turns breaks in a heading into spaces and drops empty paragraphs', () => {
    const input = doc(
      { type: 'heading', attrs: { level: 3 }, content: [text('a'), { type: 'hardBreak' }, text('b')] },
      { type: 'paragraph' },
      p(text('after')),
    );
    expect(docToMarkdown(input)).toBe('### a b\n\nafter\n');
  });

  it('fences code with more backticks than it holds, with its language', () => {
    const markdown = write(
      doc(
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'const a = "```";\n```' }] },
        { type: 'codeBlock', attrs: { language: null } },
        p(text('a `tick`', code)),
      ),
    );
    expect(markdown).toBe('````ts\nconst a = "```";\n```\n````\n\n```\n```\n\n`` a `tick` ``\n');
  });

  it('writes nested bullet, ordered and task lists', () => {
    const markdown = write(
      doc(
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                p(text('one')),
                {
                  type: 'orderedList',
                  attrs: { start: 9 },
                  content: [
                    { type: 'listItem', content: [p(text('nine'))] },
                    { type: 'listItem', content: [p(text('ten')), p(text('more'))] },
                  ],
                },
              ],
            },
          ],
        },
        {
          type: 'taskList',
          content: [
            { type: 'taskItem', attrs: { checked: true }, content: [p(text('done'))] },
            {
              type: 'taskItem',
              attrs: { checked: false },
              content: [
                { type: 'paragraph' },
                { type: 'codeBlock', attrs: { language: null }, content: [{ type: 'text', text: 'x' }] },
              ],
            },
          ],
        },
      ),
    );
    expect(markdown).toBe(
      [
        '- one',
        '',
        '  9. nine',
        '  10. ten',
        '',
        '      more',
        '',
        '* [x] done',
        '* [ ] &#32;',
        '',
        '  ```',
        '  x',
        '  ```',
        '',
      ].join('\n'),
    );
  });

  it('switches markers so lists in a row stay apart', () => {
    const item = (value: string) => ({ type: 'listItem' as const, content: [p(text(value))] });
    const markdown = write(
      doc(
        { type: 'bulletList', content: [item('a')] },
        { type: 'bulletList', content: [item('b')] },
        { type: 'orderedList', attrs: { start: 1 }, content: [item('c')] },
        { type: 'orderedList', attrs: { start: 1 }, content: [item('d')] },
      ),
    );
    expect(markdown).toBe('- a\n\n* b\n\n1. c\n\n1) d\n');
  });

  it('writes quotes, rules and images', () => {
    const markdown = write(
      doc(
        { type: 'blockquote', content: [p(text('quoted')), { type: 'blockquote', content: [p(text('deeper'))] }] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { src: '/media/a b.png', alt: 'A [diagram]', title: 'Say "hi"' } },
      ),
    );
    expect(markdown).toBe(
      '> quoted\n>\n> > deeper\n\n---\n\n![A &#91;diagram&#93;](</media/a b.png> "Say \\"hi\\"")\n',
    );
  });

  it('writes an empty document as an empty file', () => {
    expect(docToMarkdown(doc({ type: 'paragraph' }))).toBe('');
  });
});
