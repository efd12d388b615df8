import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../shared/src/model/content.ts';
import { docToTree, markElement, type VNode } from './doc-tree.ts';

const doc = (...content: unknown[]) => ({ type: 'doc', content }) as DocNode;
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

/** Serialises a tree like a browser would, escaping text, to compare structure compactly. */
const html = (nodes: VNode[]): string =>
  nodes
    .map((n) =>
      typeof n === 'string'
        ? n.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        : `<${n.tag}${Object.entries(n.attrs)
            .map(([k, v]) => ` ${k}="${v}"`)
            .join('')}>${html(n.children)}</${n.tag}>`,
    )
    .join('');

const tags = (nodes: VNode[]): string[] =>
  nodes.flatMap((n) => (typeof n === 'string' ? [] : [n.tag, ...tags(n.children)]));

describe('content renderer mapping', () => {
  it('maps every block node to its element', () => {
    const tree = docToTree(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Intro')] },
        para(text('Hello'), { type: 'hardBreak' }, text('world')),
        { type: 'blockquote', content: [para(text('Quoted'))] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('a'))] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [para(text('b'))] }] },
        { type: 'horizontalRule' },
        { type: 'heading', attrs: { level: 4 }, content: [text('Deep')] },
      ),
    );
    expect(html(tree)).toBe(
      '<h2>Intro</h2><p>Hello<br></br>world</p><blockquote><p>Quoted</p></blockquote>' +
        '<ul><li><p>a</p></li></ul><ol start="3"><li><p>b</p></li></ol><hr></hr><h4>Deep</h4>',
    );
  });

  it('nests marks in order and gives links rel="noopener noreferrer"', () => {
    const tree = docToTree(
      doc(
        para(
          text('bold link', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://example.com/x' } }]),
          text(' and '),
          text('x', [{ type: 'italic' }, { type: 'strike' }, { type: 'code' }]),
          text(' local', [{ type: 'link', attrs: { href: '/p/some-post' } }]),
        ),
      ),
    );
    expect(html(tree)).toBe(
      '<p><strong><a href="https://example.com/x" rel="noopener noreferrer">bold link</a></strong> and ' +
        '<em><s><code>x</code></s></em><a href="/p/some-post" rel="noopener noreferrer"> local</a></p>',
    );
  });

  it('keeps a <script> in text as text', () => {
    const tree = docToTree(doc(para(text('<script>alert(1)</script>'))));
    expect(tags(tree)).toEqual(['p']);
    expect((tree[0] as { children: VNode[] }).children).toEqual(['<script>alert(1)</script>']);
    expect(html(tree)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('drops javascript:, data: and protocol-relative links but keeps their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      '//evil.example/x',
      ' javascript:x',
    ]) {
      expect(markElement({ type: 'link', attrs: { href } })).toBeNull();
      const tree = docToTree(doc(para(text('click', [{ type: 'link', attrs: { href } }]))));
      expect(html(tree)).toBe('<p>click</p>');
    }
  });

  it('renders images lazily with alt text, and drops unsafe sources', () => {
    const tree = docToTree(
      doc(
        { type: 'image', attrs: { src: '/media/a.png', alt: 'A diagram', title: 'Figure 1' } },
        { type: 'image', attrs: { src: 'javascript:alert(1)', alt: 'x' } },
        { type: 'image', attrs: { src: 'https://cdn.example/b.png', alt: '' } },
      ),
    );
    expect(html(tree)).toBe(
      '<figure><img src="/media/a.png" alt="A diagram" loading="lazy" decoding="async"></img><figcaption>Figure 1</figcaption></figure>' +
        '<figure><img src="https://cdn.example/b.png" alt="" loading="lazy" decoding="async"></img></figure>',
    );
  });

  it('renders code blocks as pre > code with a language label', () => {
    const tree = docToTree(
      doc(
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1;\n'), text('<b>no</b>')] },
        { type: 'codeBlock', attrs: { language: null }, content: [text('plain')] },
      ),
    );
    expect(html(tree)).toBe(
      '<div class="code-block"><div class="code-lang">TypeScript</div><pre tabindex="0"><code class="language-ts">const a = 1;\n&lt;b&gt;no&lt;/b&gt;</code></pre></div>' +
        '<div class="code-block"><pre tabindex="0"><code>plain</code></pre></div>',
    );
  });

  it('ignores unknown nodes and marks, and survives hostile nesting', () => {
    const tree = docToTree(
      doc({ type: 'iframe', attrs: { src: 'https://x' } }, para(text('ok', [{ type: 'onclick' }]))),
    );
    expect(html(tree)).toBe('<p>ok</p>');
    let deep: unknown = para(text('bottom'));
    for (let i = 0; i < 500; i++) deep = { type: 'blockquote', content: [deep] };
    expect(() => docToTree(doc(deep))).not.toThrow();
    expect(docToTree(null)).toEqual([]);
  });
});
