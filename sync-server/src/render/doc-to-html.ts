/**
 * Published structured content → HTML, for server-rendered pages (RSS, Open Graph pages) and the
 * reader benchmark's static floor. Every text and attribute is escaped; only known nodes and marks
 * are rendered, and URLs are re-checked, so stored content can never become markup of its own.
 */
import {
  type BlockNode,
  type DocNode,
  type InlineNode,
  isSafeUrl,
  type Mark,
} from '../../../shared/src/model/content.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function markOpen(mark: Mark): string {
  switch (mark.type) {
    case 'bold':
      return '<strong>';
    case 'italic':
      return '<em>';
    case 'strike':
      return '<s>';
    case 'code':
      return '<code>';
    case 'link':
      return isSafeUrl(mark.attrs.href)
        ? `<a href="${escapeHtml(mark.attrs.href)}" rel="noopener noreferrer">`
        : '<span>';
  }
}

function markClose(mark: Mark): string {
  const open = markOpen(mark);
  return `</${open.slice(1, open.search(/[\s>]/))}>`;
}

function inlineToHtml(node: InlineNode): string {
  if (node.type === 'hardBreak') return '<br>';
  const marks = node.marks ?? [];
  return marks.map(markOpen).join('') + escapeHtml(node.text) + [...marks].reverse().map(markClose).join('');
}

const inlines = (content: readonly InlineNode[] | undefined) => (content ?? []).map(inlineToHtml).join('');

export function blockToHtml(block: BlockNode): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlines(block.content)}</p>`;
    case 'heading':
      return `<h${block.attrs.level}>${inlines(block.content)}</h${block.attrs.level}>`;
    case 'blockquote':
      return `<blockquote>${block.content.map(blockToHtml).join('')}</blockquote>`;
    case 'codeBlock': {
      const lang = block.attrs.language ? ` class="language-${escapeHtml(block.attrs.language)}"` : '';
      return `<pre><code${lang}>${escapeHtml((block.content ?? []).map((t) => t.text).join(''))}</code></pre>`;
    }
    case 'bulletList':
      return `<ul>${block.content.map((item) => `<li>${item.content.map(blockToHtml).join('')}</li>`).join('')}</ul>`;
    case 'orderedList': {
      const start = block.attrs?.start && block.attrs.start !== 1 ? ` start="${block.attrs.start}"` : '';
      return `<ol${start}>${block.content.map((item) => `<li>${item.content.map(blockToHtml).join('')}</li>`).join('')}</ol>`;
    }
    case 'taskList':
      return `<ul class="task-list">${block.content
        .map(
          (item) =>
            `<li data-checked="${item.attrs.checked}">${item.attrs.checked ? '[x] ' : '[ ] '}${item.content.map(blockToHtml).join('')}</li>`,
        )
        .join('')}</ul>`;
    case 'horizontalRule':
      return '<hr>';
    case 'image':
      return isSafeUrl(block.attrs.src)
        ? `<img src="${escapeHtml(block.attrs.src)}" alt="${escapeHtml(block.attrs.alt)}" loading="lazy">`
        : '';
  }
}

export const docToHtml = (doc: DocNode) => doc.content.map(blockToHtml).join('\n');
