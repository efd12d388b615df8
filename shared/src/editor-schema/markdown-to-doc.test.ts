import { describe, expect, it } from 'vitest';
import { type DocNode, validateDoc } from '../model/content.ts';
import { decodeEntities } from './entities.ts';
import { FrontMatterError, parseFrontMatter } from './front-matter.ts';
import { markdownToDoc } from './markdown-to-doc.ts';

/** Converts and insists the result is valid content, as every caller relies on. */
function convert(markdown: string): DocNode {
  const doc = markdownToDoc(markdown);
  const result = validateDoc(doc);
  if (!result.ok) throw new Error(`invalid doc: ${JSON.stringify(result.problems)}`);
  return doc;
}

describe('markdownToDoc', () => {
  it('converts paragraphs with bold, italic, strike, code and links', () => {
    const doc = convert('Hello **bold** *it* ~~gone~~ `x()` [site](https://example.com/a?b=1&c=2).');
    expect(doc.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Hello ' },
          { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'it', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'gone', marks: [{ type: 'strike' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'x()', marks: [{ type: 'code' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.com/a?b=1&c=2' } }] },
          { type: 'text', text: '.' },
        ],
      },
    ]);
  });

  it('nests marks and keeps code alone on its text, as Tiptap requires', () => {
    const doc = convert('**bold _both_ `code`** and [`linked code`](/posts/x)');
    const inline = doc.content[0]?.type === 'paragraph' ? doc.content[0].content : [];
    expect(inline).toContainEqual({ type: 'text', text: 'both', marks: [{ type: 'bold' }, { type: 'italic' }] });
    expect(inline).toContainEqual({ type: 'text', text: 'code', marks: [{ type: 'code' }] });
    expect(inline).toContainEqual({
      type: 'text',
      text: 'linked code',
      marks: [{ type: 'link', attrs: { href: '/posts/x' } }],
    });
  });

  it('maps # and ## to level 2, ### to 3 and deeper headings to 4', () => {
    const doc = convert('# One\n\n## Two\n\n### Three\n\n#### Four\n\n###### Six\n\nSetext\n===');
    expect(doc.content.map((b) => (b.type === 'heading' ? b.attrs.level : b.type))).toEqual([2, 2, 3, 4, 4, 2]);
  });

  it('converts code blocks with a normalised language, and without one', () => {
    const doc = convert('```TypeScript title="a.ts"\nconst a = 1 &amp; 2;\n```\n\n    indented <code>\n\n```\n```');
    expect(doc.content).toEqual([
      {
        type: 'codeBlock',
        attrs: { language: 'typescript' },
        content: [{ type: 'text', text: 'const a = 1 &amp; 2;' }],
      },
      { type: 'codeBlock', attrs: { language: null }, content: [{ type: 'text', text: 'indented <code>' }] },
      { type: 'codeBlock', attrs: { language: null } },
    ]);
  });

  it('drops a code language the schema would reject', () => {
    const doc = convert('```{python}\nx\n```');
    expect(doc.content[0]).toMatchObject({ type: 'codeBlock', attrs: { language: null } });
  });

  it('converts bullet, ordered (with start) and nested lists; items start with a paragraph', () => {
    const doc = convert('- a\n- b\n  - nested\n\n3. three\n4. four\n\n- ```\n  code first\n  ```');
    expect(doc.content[0]).toEqual({
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'b' }] },
            {
              type: 'bulletList',
              content: [
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested' }] }] },
              ],
            },
          ],
        },
      ],
    });
    expect(doc.content[1]).toMatchObject({ type: 'orderedList', attrs: { start: 3 } });
    expect(doc.content[2]).toMatchObject({
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph' }, { type: 'codeBlock' }] }],
    });
  });

  it('converts task lists, nested ones too; in a list mixing boxes and plain items the boxes stay text', () => {
    const doc = convert('- [x] done\n- [ ] todo\n  - [ ] nested\n\n1. [ ] numbered\n\n* [x] boxed\n* plain');
    expect(doc.content[0]).toEqual({
      type: 'taskList',
      content: [
        {
          type: 'taskItem',
          attrs: { checked: true },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'done' }] }],
        },
        {
          type: 'taskItem',
          attrs: { checked: false },
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'todo' }] },
            {
              type: 'taskList',
              content: [
                {
                  type: 'taskItem',
                  attrs: { checked: false },
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested' }] }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(doc.content[1]).toMatchObject({
      type: 'orderedList',
      content: [{ content: [{ type: 'paragraph', content: [{ type: 'text', text: '[ ] numbered' }] }] }],
    });
    expect(doc.content[2]).toMatchObject({
      type: 'bulletList',
      content: [
        { content: [{ type: 'paragraph', content: [{ type: 'text', text: '[x] boxed' }] }] },
        { content: [{ type: 'paragraph', content: [{ type: 'text', text: 'plain' }] }] },
      ],
    });
  });

  it('reads a break in a setext heading as a space and drops blank lines ending a code block', () => {
    expect(convert('one\\\ntwo\n===\n\n```\ncode\n\n\n```').content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'one two' }] },
      { type: 'codeBlock', attrs: { language: null }, content: [{ type: 'text', text: 'code' }] },
    ]);
  });

  it('converts blockquotes, rules and hard breaks', () => {
    const doc = convert('> quoted\n> more\n\n---\n\nline one  \nline two\\\nline three');
    expect(doc.content).toEqual([
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted more' }] }] },
      { type: 'horizontalRule' },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'line one' },
          { type: 'hardBreak' },
          { type: 'text', text: 'line two' },
          { type: 'hardBreak' },
          { type: 'text', text: 'line three' },
        ],
      },
    ]);
  });

  it('lifts images out of paragraphs into image blocks', () => {
    const doc = convert('Before ![A &amp; B](/media/a.svg "The title") after.\n\n![](https://cdn.example.com/b.png)');
    expect(doc.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Before' }] },
      { type: 'image', attrs: { src: '/media/a.svg', alt: 'A & B', title: 'The title' } },
      { type: 'paragraph', content: [{ type: 'text', text: 'after.' }] },
      { type: 'image', attrs: { src: 'https://cdn.example.com/b.png', alt: '', title: null } },
    ]);
  });

  it('never passes HTML through: block HTML is dropped, inline tags lose their markup', () => {
    const doc = convert(
      '<script>alert(1)</script>\n\n<div onclick="x()">block</div>\n\nSay <b>hi</b><img src=x onerror=alert(1)> there <!-- c -->',
    );
    const json = JSON.stringify(doc);
    expect(json).not.toMatch(/<|script|onclick|onerror/);
    expect(doc.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'Say hi there' }] }]);
  });

  it('decodes character references in text, but not in code', () => {
    const doc = convert('AT&amp;T &lt;tag&gt; &copy; &#39;q&#39; &#x2192; &mdash; &unknown; a & b `&amp;`');
    expect(doc.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: "AT&T <tag> © 'q' → — &unknown; a & b " },
          { type: 'text', text: '&amp;', marks: [{ type: 'code' }] },
        ],
      },
    ]);
  });

  it('decodes a reference only once', () => {
    expect(convert('&amp;lt; and &#38;lt;').content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: '&lt; and &lt;' }],
    });
  });

  it('drops unsafe links and images but keeps link text', () => {
    const doc = convert(
      '[click](javascript:alert(1)) [rel](other-post) ![x](data:image/png;base64,AAAA) mail@example.com',
    );
    const json = JSON.stringify(doc);
    expect(json).not.toContain('javascript');
    expect(json).not.toContain('data:');
    expect(json).not.toContain('"link"');
    expect(doc.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'click rel  mail@example.com' }] },
    ]);
  });

  it('keeps autolinks literal', () => {
    const doc = convert('See https://example.com/?a&copy=1 now');
    expect(doc.content[0]).toMatchObject({
      content: [
        { text: 'See ' },
        {
          text: 'https://example.com/?a&copy=1',
          marks: [{ type: 'link', attrs: { href: 'https://example.com/?a&copy=1' } }],
        },
        { text: ' now' },
      ],
    });
  });

  it('turns tables into one paragraph per row with a bold header', () => {
    const doc = convert('| Store | Latency |\n|---|---|\n| Redis | 1 ms |\n| Disk | 10 ms |');
    expect(doc.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Store | Latency', marks: [{ type: 'bold' }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Redis | 1 ms' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Disk | 10 ms' }] },
    ]);
  });

  it('resolves reference-style links and drops their definitions', () => {
    const doc = convert('See [the paper][p].\n\n[p]: https://example.com/paper');
    expect(doc.content).toHaveLength(1);
    expect(JSON.stringify(doc)).toContain('https://example.com/paper');
  });

  it('gives an empty document one empty paragraph', () => {
    expect(convert('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(convert('<!-- only html -->')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('flattens nesting deeper than the schema allows instead of failing', () => {
    const deepQuote = `${'> '.repeat(30)}deep`;
    const deepList = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    expect(JSON.stringify(convert(deepQuote))).toContain('deep');
    expect(JSON.stringify(convert(deepList))).toContain('level 19');
  });

  it('produces valid content for a mixed, messy document', () => {
    const messy = [
      '# Title with `code` and ![img](/media/x.svg)',
      'Para with trailing spaces   ',
      '* item with ![pic](/media/p.png) inside',
      '  > quote in list',
      '1) paren list',
      '<details><summary>x</summary>hidden</details>',
      '***',
      '   ',
      '**unclosed bold',
      '[empty]()',
      '\\*escaped\\* \\<not html\\>',
    ].join('\n\n');
    const doc = convert(messy);
    expect(JSON.stringify(doc)).toContain('*escaped* <not html>');
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references and leaves unknown ones', () => {
    expect(decodeEntities('&Omega;&sigma;&sigmaf; &eacute; &#0; &#xD800; &#1114112; &nope;')).toBe(
      'Ωσς é \uFFFD \uFFFD \uFFFD &nope;',
    );
  });
});

describe('parseFrontMatter', () => {
  it('reads key: value lines between fences and returns the body', () => {
    const source =
      '---\r\ntitle: "Queues: a primer"\nauthor: ana-okafor\n# a comment\n\ntags: queues, kafka\n---\n\n# Body\n';
    expect(parseFrontMatter(source)).toEqual({
      data: { title: 'Queues: a primer', author: 'ana-okafor', tags: 'queues, kafka' },
      body: '# Body\n',
    });
  });

  it('treats a file without front matter as all body', () => {
    expect(parseFrontMatter('Just text')).toEqual({ data: {}, body: 'Just text' });
  });

  it('reports malformed lines, duplicates and a missing closing fence with line numbers', () => {
    expect(() => parseFrontMatter('---\ntitle: a\nnot a pair\n---\n')).toThrow(/Line 3: expected "key: value"/);
    expect(() => parseFrontMatter('---\ntitle: a\ntitle: b\n---\n')).toThrow(/Line 3: "title" is given twice/);
    expect(() => parseFrontMatter('---\ntitle: a\n')).toThrow(FrontMatterError);
  });
});
