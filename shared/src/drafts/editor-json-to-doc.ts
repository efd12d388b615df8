/**
 * Turns editor JSON (Tiptap/ProseMirror, as y-tiptap reads it out of a draft's Yjs body) into the
 * reader's content shape, keeping only what the content schema allows. The input is whatever a
 * co-author's client wrote into the shared document, so nothing about it is trusted:
 * - unknown nodes (an iframe, a script) and marks (underline) are dropped and named in `stripped`;
 * - links that are not http(s) or site paths lose their link mark and are named in `stripped`;
 * - editor-only attributes (link target/rel, image size) are dropped silently;
 * - an image still waiting on a device to upload is a problem: publishing it would lose the image.
 * The result still goes through `validateDoc` (limits, exact shape) before anything is stored.
 */
import type {
  BlockNode,
  ContentProblem,
  DocNode,
  InlineNode,
  ListItemNode,
  Mark,
  TaskItemNode,
} from '../model/content.ts';
import { HEADING_LEVELS, isSafeUrl } from '../model/content.ts';
import { LOCAL_IMAGE_SCHEME } from './draft-doc.ts';

type Json = { type?: unknown; attrs?: unknown; content?: unknown; text?: unknown; marks?: unknown };

export type EditorJsonResult = { doc: DocNode; stripped: string[]; problems: ContentProblem[] };

const MAX_WALK_DEPTH = 64;

export function editorJsonToDoc(input: unknown): EditorJsonResult {
  const stripped = new Set<string>();
  const problems: ContentProblem[] = [];
  const ctx: Ctx = { strip: (what) => stripped.add(what), problem: (p) => problems.push(p) };
  const root = asJson(input);
  const content = root?.type === 'doc' ? blocks(root.content, ctx, 0) : [];
  if (root?.type !== 'doc') problems.push({ path: '', message: 'The draft body is not a document.' });
  return { doc: { type: 'doc', content }, stripped: [...stripped], problems };
}

type Ctx = { strip(what: string): void; problem(problem: ContentProblem): void };

const asJson = (value: unknown): Json | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
const children = (value: unknown): Json[] =>
  Array.isArray(value) ? value.map(asJson).filter((c): c is Json => c !== null) : [];
const attrsOf = (node: Json): Record<string, unknown> => (asJson(node.attrs) as Record<string, unknown>) ?? {};
const unsupportedElement = (type: unknown) =>
  typeof type === 'string' ? `an unsupported "${type.slice(0, 40)}" element` : 'an unnamed element';

function blocks(value: unknown, ctx: Ctx, depth: number): BlockNode[] {
  if (depth > MAX_WALK_DEPTH) {
    ctx.problem({ path: '', message: 'The document is nested too deeply.' });
    return [];
  }
  const out: BlockNode[] = [];
  for (const node of children(value)) {
    const block = toBlock(node, ctx, depth + 1);
    if (block) out.push(block);
  }
  return out;
}

/** List items and task items need at least one block; an empty one becomes an empty paragraph. */
const itemBlocks = (node: Json, ctx: Ctx, depth: number): BlockNode[] => {
  const content = blocks(node.content, ctx, depth);
  return content.length ? content : [{ type: 'paragraph' }];
};

function toBlock(node: Json, ctx: Ctx, depth: number): BlockNode | null {
  const attrs = attrsOf(node);
  switch (node.type) {
    case 'paragraph':
      return withInline({ type: 'paragraph' }, inlines(node.content, ctx));
    case 'heading': {
      const level = HEADING_LEVELS.find((l) => l === attrs.level) ?? headingFallback(attrs.level);
      return withInline({ type: 'heading', attrs: { level } }, inlines(node.content, ctx));
    }
    case 'blockquote':
      return { type: 'blockquote', content: itemBlocks(node, ctx, depth) };
    case 'codeBlock': {
      const language =
        typeof attrs.language === 'string' && /^[a-z0-9+#-]{1,20}$/i.test(attrs.language) ? attrs.language : null;
      const text = children(node.content)
        .map((t) => (typeof t.text === 'string' ? t.text : ''))
        .join('');
      return text
        ? { type: 'codeBlock', attrs: { language }, content: [{ type: 'text', text }] }
        : { type: 'codeBlock', attrs: { language } };
    }
    case 'bulletList':
    case 'orderedList': {
      const items = listItems(node.content, ctx, depth);
      if (!items.length) return null;
      if (node.type === 'bulletList') return { type: 'bulletList', content: items };
      const start =
        typeof attrs.start === 'number' && Number.isInteger(attrs.start) && attrs.start >= 0 ? attrs.start : 1;
      return { type: 'orderedList', ...(start !== 1 ? { attrs: { start } } : {}), content: items };
    }
    case 'taskList': {
      const items = taskItems(node.content, ctx, depth);
      return items.length ? { type: 'taskList', content: items } : null;
    }
    case 'horizontalRule':
      return { type: 'horizontalRule' };
    case 'image':
      return toImage(attrs, ctx);
    default:
      ctx.strip(unsupportedElement(node.type));
      return null;
  }
}

const headingFallback = (level: unknown) =>
  typeof level === 'number' && level > HEADING_LEVELS[HEADING_LEVELS.length - 1]!
    ? HEADING_LEVELS[HEADING_LEVELS.length - 1]!
    : HEADING_LEVELS[0];

function withInline<
  T extends { type: 'paragraph' } | { type: 'heading'; attrs: { level: (typeof HEADING_LEVELS)[number] } },
>(block: T, content: InlineNode[]): BlockNode {
  return (content.length ? { ...block, content } : block) as BlockNode;
}

function listItems(value: unknown, ctx: Ctx, depth: number): ListItemNode[] {
  const items: ListItemNode[] = [];
  for (const node of children(value)) {
    if (node.type === 'listItem') items.push({ type: 'listItem', content: itemBlocks(node, ctx, depth + 1) });
    else ctx.strip(unsupportedElement(node.type));
  }
  return items;
}

function taskItems(value: unknown, ctx: Ctx, depth: number): TaskItemNode[] {
  const items: TaskItemNode[] = [];
  for (const node of children(value)) {
    if (node.type !== 'taskItem') {
      ctx.strip(unsupportedElement(node.type));
      continue;
    }
    const checked = attrsOf(node).checked === true;
    items.push({ type: 'taskItem', attrs: { checked }, content: itemBlocks(node, ctx, depth + 1) });
  }
  return items;
}

function toImage(attrs: Record<string, unknown>, ctx: Ctx): BlockNode | null {
  const src = typeof attrs.src === 'string' ? attrs.src : '';
  if (src.startsWith(LOCAL_IMAGE_SCHEME)) {
    ctx.problem({
      path: 'image',
      message: 'An image has not finished uploading: go online, wait until it has, then publish again.',
    });
    return null;
  }
  if (!isSafeUrl(src)) {
    ctx.strip('an image whose address is not http(s)');
    return null;
  }
  const alt = typeof attrs.alt === 'string' ? attrs.alt.slice(0, 500) : '';
  const title = typeof attrs.title === 'string' && attrs.title ? attrs.title.slice(0, 500) : null;
  return { type: 'image', attrs: { src, alt, ...(title ? { title } : {}) } };
}

function inlines(value: unknown, ctx: Ctx): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of children(value)) {
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (node.type === 'text') {
      if (typeof node.text !== 'string' || !node.text) continue;
      const marks = toMarks(node.marks, ctx);
      out.push(marks.length ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
    } else ctx.strip(unsupportedElement(node.type));
  }
  return out;
}

const SIMPLE_MARKS = new Set(['bold', 'italic', 'strike', 'code']);

function toMarks(value: unknown, ctx: Ctx): Mark[] {
  const marks: Mark[] = [];
  for (const mark of children(value)) {
    if (typeof mark.type === 'string' && SIMPLE_MARKS.has(mark.type)) {
      if (!marks.some((m) => m.type === mark.type)) marks.push({ type: mark.type } as Mark);
    } else if (mark.type === 'link') {
      const href = attrsOf(mark).href;
      if (typeof href === 'string' && isSafeUrl(href)) marks.push({ type: 'link', attrs: { href } });
      else ctx.strip('a link that is not http(s)');
    } else
      ctx.strip(
        typeof mark.type === 'string' ? `unsupported "${mark.type.slice(0, 40)}" formatting` : 'unnamed formatting',
      );
  }
  return marks;
}
