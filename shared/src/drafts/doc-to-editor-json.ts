/**
 * Reader content → editor JSON (Tiptap/ProseMirror, the schema in editor-extensions.ts): the inverse of
 * `editorJsonToDoc`, for content that enters a draft from outside (Markdown import, pasted Markdown).
 * The node and mark names are the same; what differs is what the editor's schema insists on, and that is
 * put right here so `Node.fromJSON(...).check()` accepts the result:
 * - lists, quotes and the doc are never empty, list and task items start with a paragraph;
 * - `code` is alone on its text (Tiptap's Code mark excludes every other mark);
 * - attributes are spelled out as the editor keeps them (`start`, `checked`, `language`, image `title`).
 */
import type { BlockNode, DocNode, InlineNode, ListItemNode, Mark, TaskItemNode } from '../model/content.ts';

export type EditorMark = { type: string; attrs?: Record<string, unknown> };
export type EditorNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: EditorNode[];
  text?: string;
  marks?: EditorMark[];
};

const EMPTY_PARAGRAPH: EditorNode = { type: 'paragraph' };

export function docToEditorJson(doc: DocNode): EditorNode {
  return { type: 'doc', content: nonEmpty(blocks(doc.content)) };
}

/** The editor's nodes for some blocks, e.g. to insert pasted content where the cursor is. */
export function blocksToEditorJson(content: readonly BlockNode[]): EditorNode[] {
  return blocks(content);
}

const nonEmpty = (nodes: EditorNode[]): EditorNode[] => (nodes.length ? nodes : [EMPTY_PARAGRAPH]);
const withContent = (node: EditorNode, content: EditorNode[]): EditorNode =>
  content.length ? { ...node, content } : node;

function blocks(content: readonly BlockNode[]): EditorNode[] {
  return content.flatMap((block) => {
    const node = toNode(block);
    return node ? [node] : [];
  });
}

function toNode(block: BlockNode): EditorNode | null {
  switch (block.type) {
    case 'paragraph':
      return withContent({ type: 'paragraph' }, inlines(block.content ?? []));
    case 'heading':
      return withContent({ type: 'heading', attrs: { level: block.attrs.level } }, inlines(block.content ?? []));
    case 'blockquote':
      return { type: 'blockquote', content: nonEmpty(blocks(block.content)) };
    case 'codeBlock': {
      const text = block.content?.map((t) => t.text).join('') ?? '';
      return withContent(
        { type: 'codeBlock', attrs: { language: block.attrs.language } },
        text ? [{ type: 'text', text }] : [],
      );
    }
    case 'bulletList':
      return list({ type: 'bulletList' }, block.content.map(listItem));
    case 'orderedList':
      return list({ type: 'orderedList', attrs: { start: block.attrs?.start ?? 1 } }, block.content.map(listItem));
    case 'taskList':
      return list({ type: 'taskList' }, block.content.map(taskItem));
    case 'horizontalRule':
      return { type: 'horizontalRule' };
    case 'image':
      return { type: 'image', attrs: { src: block.attrs.src, alt: block.attrs.alt, title: block.attrs.title ?? null } };
  }
}

/** An empty list has no place in the editor (`listItem+`): it is left out. */
const list = (node: EditorNode, items: EditorNode[]): EditorNode | null =>
  items.length ? { ...node, content: items } : null;

function itemContent(content: readonly BlockNode[]): EditorNode[] {
  const nodes = blocks(content);
  return nodes[0]?.type === 'paragraph' ? nodes : [EMPTY_PARAGRAPH, ...nodes];
}

const listItem = (item: ListItemNode): EditorNode => ({ type: 'listItem', content: itemContent(item.content) });
const taskItem = (item: TaskItemNode): EditorNode => ({
  type: 'taskItem',
  attrs: { checked: item.attrs.checked },
  content: itemContent(item.content),
});

function inlines(content: readonly InlineNode[]): EditorNode[] {
  return content.map((node): EditorNode => {
    if (node.type === 'hardBreak') return { type: 'hardBreak' };
    const marks = editorMarks(node.marks ?? []);
    return marks.length ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text };
  });
}

function editorMarks(marks: readonly Mark[]): EditorMark[] {
  if (marks.some((m) => m.type === 'code')) return [{ type: 'code' }];
  return marks.map((m) => (m.type === 'link' ? { type: 'link', attrs: { href: m.attrs.href } } : { type: m.type }));
}
