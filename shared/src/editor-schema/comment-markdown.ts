/**
 * Comment bodies: a Markdown subset — paragraphs, bold and italic, inline code, code blocks, http(s)
 * links, lists and quotes — as the same structured content posts use. Shared so the server stores what
 * the client previews for a comment still waiting in the outbox.
 *
 * Anything outside the subset is kept as plain text rather than refused: HTML stays the literal text that
 * was typed (`<img src=x onerror=alert(1)>` is a text node), headings become paragraphs, an image becomes
 * its alt text, a task list a plain list, strike-through loses its mark, rules vanish, and links to
 * anything but http(s) lose the link.
 */
import type { BlockNode, DocNode, InlineNode, ListItemNode, Mark } from '../model/content.ts';
import { markdownToDoc } from './markdown-to-doc.ts';

export function commentMarkdownToDoc(markdown: string): DocNode {
  const content = restrictBlocks(markdownToDoc(markdown, { rawHtml: 'text' }).content);
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}

const isHttp = (href: string) => /^https?:\/\//i.test(href);

function restrictBlocks(blocks: readonly BlockNode[]): BlockNode[] {
  return blocks.flatMap((block): BlockNode[] => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return [paragraph(block.content ?? [])];
      case 'image':
        return block.attrs.alt ? [paragraph([{ type: 'text', text: block.attrs.alt }])] : [];
      case 'horizontalRule':
        return [];
      case 'blockquote':
        return [{ type: 'blockquote', content: nonEmpty(restrictBlocks(block.content)) }];
      case 'bulletList':
      case 'orderedList':
        return [{ ...block, content: block.content.map(restrictItem) }];
      case 'taskList': // boxes are not in the subset: a plain list of the items' text
        return [
          {
            type: 'bulletList',
            content: block.content.map((item) => restrictItem({ type: 'listItem', content: item.content })),
          },
        ];
      default: // codeBlock: kept as written
        return [block];
    }
  });
}

function restrictItem(item: ListItemNode): ListItemNode {
  const content = restrictBlocks(item.content);
  if (content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' });
  return { type: 'listItem', content };
}

const nonEmpty = (blocks: BlockNode[]): BlockNode[] => (blocks.length > 0 ? blocks : [{ type: 'paragraph' }]);

function paragraph(content: readonly InlineNode[]): BlockNode {
  const inline = mergeText(content.map(restrictInline));
  return inline.length > 0 ? { type: 'paragraph', content: inline } : { type: 'paragraph' };
}

function restrictInline(node: InlineNode): InlineNode {
  if (node.type !== 'text' || !node.marks) return node;
  const marks = node.marks.filter(allowedMark);
  return marks.length > 0 ? { ...node, marks } : { type: 'text', text: node.text };
}

/** Neighbours that lost their differing marks become one text node again. */
function mergeText(nodes: readonly InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === 'text' && last?.type === 'text' && JSON.stringify(last.marks) === JSON.stringify(node.marks)) {
      out[out.length - 1] = { ...last, text: last.text + node.text };
    } else {
      out.push(node);
    }
  }
  return out;
}

const allowedMark = (mark: Mark) => mark.type !== 'strike' && (mark.type !== 'link' || isHttp(mark.attrs.href));
