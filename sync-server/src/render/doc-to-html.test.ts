import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../shared/src/model/content.ts';
import { docToHtml } from './doc-to-html.ts';

const doc = (...content: DocNode['content']): DocNode => ({ type: 'doc', content });

describe('docToHtml', () => {
  it('renders nodes and nested marks in order', () => {
    const html = docToHtml(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Why' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bold link', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: '/p/x' } }] },
          ],
        },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'a < b && c' }] },
      ),
    );
    expect(html).toBe(
      '<h2>Why</h2>\n<p><strong><a href="/p/x" rel="noopener noreferrer">bold link</a></strong></p>\n' +
        '<pre><code class="language-ts">a &lt; b &amp;&amp; c</code></pre>',
    );
  });

  it('escapes text so stored content cannot become markup', () => {
    const html = docToHtml(
      doc({ type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }] }),
    );
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('drops unsafe URLs even if they slipped past validation', () => {
    const html = docToHtml(
      doc(
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }],
        },
        { type: 'image', attrs: { src: 'data:image/png;base64,AAAA', alt: 'x' } },
      ),
    );
    expect(html).toBe('<p><span>click</span></p>\n');
  });
});
