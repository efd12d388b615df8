import { describe, expect, it } from 'vitest';
import { validateDoc } from '../model/content.ts';
import { commentMarkdownToDoc } from './comment-markdown.ts';
import { markdownToDoc } from './markdown-to-doc.ts';

const texts = (value: unknown): string[] => {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as { type?: string; text?: string; content?: unknown };
      if (n.type === 'text' && typeof n.text === 'string') out.push(n.text);
      walk(n.content);
    }
  };
  walk(value);
  return out;
};

describe('comment Markdown', () => {
  it('keeps HTML as the literal text that was typed, on its own line or inline', () => {
    const own = commentMarkdownToDoc('<img src=x onerror=alert(1)>');
    expect(own).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }] }],
    });
    const inline = commentMarkdownToDoc('Try <script>alert(1)</script> here, and *<b>this</b>*');
    expect(texts(inline).join('')).toBe('Try <script>alert(1)</script> here, and <b>this</b>');
    const nested = commentMarkdownToDoc('> - item <iframe src="https://evil.example">\n');
    expect(texts(nested).join('')).toContain('<iframe src="https://evil.example">');
    expect(JSON.stringify(nested)).not.toMatch(/"type":"html"/);
  });

  it('posts still drop HTML (the default is unchanged)', () => {
    expect(texts(markdownToDoc('a <b>bold</b> word'))).toEqual(['a bold word']);
  });

  it('keeps the subset: emphasis, inline code, code blocks, http links, lists, quotes', () => {
    const doc = commentMarkdownToDoc(
      [
        '**bold** _it_ `x < y` [site](https://example.com)',
        '',
        '```js',
        'let a = "<b>";',
        '```',
        '',
        '1. one',
        '2. two',
        '',
        '> quoted',
      ].join('\n'),
    );
    expect(validateDoc(doc).ok).toBe(true);
    expect(doc.content.map((b) => b.type)).toEqual(['paragraph', 'codeBlock', 'orderedList', 'blockquote']);
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'it', marks: [{ type: 'italic' }] },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'x < y', marks: [{ type: 'code' }] },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] },
      ],
    });
    expect(texts(doc.content[1])).toEqual(['let a = "<b>";']);
  });

  it('turns what is outside the subset into plain text', () => {
    const doc = commentMarkdownToDoc(
      '# Title\n\n![a diagram](https://example.com/d.png)\n\n---\n\n~~gone~~ [local](/admin) [js](javascript:alert(1))',
    );
    expect(validateDoc(doc).ok).toBe(true);
    expect(doc.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Title' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'a diagram' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'gone local js' }] },
    ]);
  });

  it('turns a task list into a plain list of its items', () => {
    expect(commentMarkdownToDoc('- [x] done\n- [ ] todo').content).toEqual([
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'done' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'todo' }] }] },
        ],
      },
    ]);
  });
});
