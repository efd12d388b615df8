/**
 * Post content → Markdown (CommonMark with GFM task lists and strike-through), for export. The output is
 * what `markdownToDoc` reads back as the same content, so a post can leave and come back without change;
 * the exceptions are what Markdown cannot hold: empty paragraphs and headings (dropped), hard breaks in a
 * heading (spaces), line breaks at the end of a code block (dropped), and tabs at the start of code lines
 * in a list item (marked reads them back as spaces).
 *
 * Headings keep their level (`##` for 2, as the post title is the `#`), lists that follow one another
 * switch bullet (`-`/`*`) or number style (`.`/`)`) so Markdown keeps them apart, and code blocks get a
 * fence longer than any inside them.
 */
import type { BlockNode, DocNode, ListItemNode, TaskItemNode } from '../model/content.ts';
import { encodeReferences, escapeText, inlineToMarkdown, linkDestination } from './inline-to-markdown.ts';

export function docToMarkdown(doc: DocNode): string {
  const markdown = blocksToMarkdown(doc.content);
  return markdown ? `${markdown}\n` : '';
}

type ListStyle = { bullet: '-' | '*'; delimiter: '.' | ')' };

function blocksToMarkdown(blocks: readonly BlockNode[]): string {
  const out: string[] = [];
  let previous: { block: BlockNode; style: ListStyle } | null = null;
  for (const block of blocks) {
    const style = listStyle(block, previous);
    const markdown = blockToMarkdown(block, style);
    if (markdown === null) continue;
    out.push(markdown);
    previous = { block, style };
  }
  return out.join('\n\n');
}

const isBulletLike = (block: BlockNode) => block.type === 'bulletList' || block.type === 'taskList';

/** Two lists in a row with the same marker would read back as one list. */
function listStyle(block: BlockNode, previous: { block: BlockNode; style: ListStyle } | null): ListStyle {
  const style: ListStyle = { bullet: '-', delimiter: '.' };
  if (!previous) return style;
  if (isBulletLike(block) && isBulletLike(previous.block)) style.bullet = previous.style.bullet === '-' ? '*' : '-';
  if (block.type === 'orderedList' && previous.block.type === 'orderedList') {
    style.delimiter = previous.style.delimiter === '.' ? ')' : '.';
  }
  return style;
}

/** null: the block has nothing Markdown can show (an empty paragraph or heading). */
function blockToMarkdown(block: BlockNode, style: ListStyle): string | null {
  switch (block.type) {
    case 'paragraph':
      return inlineToMarkdown(block.content ?? []) || null;
    case 'heading': {
      const text = inlineToMarkdown(block.content ?? [], { heading: true });
      return text ? `${'#'.repeat(block.attrs.level)} ${text}` : null;
    }
    case 'blockquote': {
      const inner = blocksToMarkdown(block.content);
      return inner ? prefixLines(inner, '> ', '>') : '>';
    }
    case 'codeBlock':
      return codeBlock(block.content?.map((t) => t.text).join('') ?? '', block.attrs.language);
    case 'horizontalRule':
      return '---';
    case 'image':
      return image(block.attrs);
    case 'bulletList':
      return block.content.map((item) => listItem(style.bullet, item)).join('\n');
    case 'orderedList': {
      const start = block.attrs?.start ?? 1;
      return block.content.map((item, i) => listItem(`${start + i}${style.delimiter}`, item)).join('\n');
    }
    case 'taskList':
      return block.content.map((item) => taskItem(style.bullet, item)).join('\n');
  }
}

function prefixLines(text: string, prefix: string, emptyPrefix = ''): string {
  return text
    .split('\n')
    .map((line) => (line ? prefix + line : emptyPrefix))
    .join('\n');
}

/** Line breaks at the end are dropped, as markdownToDoc drops them (Markdown cannot always hold them). */
function codeBlock(text: string, language: string | null): string {
  const longest = Math.max(2, ...(text.match(/^ {0,3}`+/gm) ?? []).map((run) => run.trim().length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/\n+$/, '');
  return `${fence}${language ?? ''}\n${body ? `${body}\n` : ''}${fence}`;
}

function image(attrs: { src: string; alt: string; title?: string | null }): string {
  const alt = escapeText(attrs.alt.replace(/\s+/g, ' '), { inLink: true });
  const title = attrs.title ? ` "${encodeReferences(attrs.title.replace(/\s+/g, ' ')).replace(/["\\]/g, '\\$&')}"` : '';
  return `![${alt}](${linkDestination(attrs.src)}${title})`;
}

/**
 * A list item: the marker, its first paragraph on the same line, the rest indented under it. An item
 * whose first paragraph is empty starts on the next line (Markdown allows one blank line there).
 */
function listItem(marker: string, item: ListItemNode): string {
  const [first, ...rest] = item.content;
  const lead = first?.type === 'paragraph' ? inlineToMarkdown(first.content ?? []) : '';
  const body = blocksToMarkdown(first?.type === 'paragraph' ? rest : item.content);
  return itemLines(marker, marker.length + 1, lead, body);
}

/**
 * A task item needs text after its box to be one (`- [ ]` alone is plain text), so an empty one gets a
 * space written as a reference, which reads back as an empty paragraph.
 */
function taskItem(bullet: string, item: TaskItemNode): string {
  const [first, ...rest] = item.content;
  const lead = (first?.type === 'paragraph' ? inlineToMarkdown(first.content ?? []) : '') || '&#32;';
  const body = blocksToMarkdown(first?.type === 'paragraph' ? rest : item.content);
  // The box is part of the item's text: what follows lines up under the box, not after it.
  return itemLines(`${bullet} [${item.attrs.checked ? 'x' : ' '}]`, bullet.length + 1, lead, body);
}

function itemLines(marker: string, width: number, lead: string, body: string): string {
  const indent = ' '.repeat(width);
  const head = lead ? `${marker} ${prefixLines(lead, indent).slice(indent.length)}` : marker;
  if (!body) return head;
  return `${head}${lead ? '\n\n' : '\n'}${prefixLines(body, indent)}`;
}
