/**
 * Markdown → the post content schema (StarterKit node and mark names), for seed content and imports.
 *
 * What it guarantees, so every result passes `validateDoc` (up to the size limits, which a caller checks):
 * - HTML is never passed through: block HTML is dropped, inline tags are dropped and their inner text kept;
 *   with `rawHtml: 'text'` (comments) every tag is kept as the literal text that was typed instead.
 * - Character references are decoded to plain text; code keeps what was written, as Markdown defines.
 * - Links and images with unsafe URLs (`javascript:`, relative paths) lose the link or the image.
 * - Images become block-level `image` nodes, splitting the paragraph around them.
 * - The shapes Tiptap's schema requires are kept: a list item starts with a paragraph, a blockquote and the
 *   doc are never empty, `code` is the only mark on its text (Tiptap's Code mark excludes all others).
 * - Headings map to levels 2–4 (`#` is the post title's level, so it becomes 2); tables become one
 *   paragraph per row (StarterKit has no tables).
 * - A bullet list whose every item has a box (`- [ ]`, `- [x]`) is a task list; in a list that mixes
 *   items with and without boxes, the boxes stay as text.
 * - Line breaks at the end of a code block are dropped.
 * - Nesting deeper than the schema allows is flattened rather than rejected.
 */
import { type MarkedToken, marked, type Token, type Tokens } from 'marked';
import {
  type BlockNode,
  CONTENT_LIMITS,
  type DocNode,
  type InlineNode,
  isSafeUrl,
  type ListItemNode,
  type Mark,
  type TextNode,
} from '../model/content.ts';
import { decodeEntities } from './entities.ts';

type ImageNode = Extract<BlockNode, { type: 'image' }>;
/** Inline content while converting: images are still in the flow and get lifted out by `splitAtImages`. */
type Piece = InlineNode | ImageNode;

const ATTR_MAX = 500;
const CODE_LANGUAGE = /^[a-z0-9+#-]{1,20}$/;

export type MarkdownOptions = {
  /** `drop` (default): tags vanish, their inner text stays. `text`: tags show as what was typed. */
  rawHtml?: 'drop' | 'text';
};

export function markdownToDoc(markdown: string, { rawHtml = 'drop' }: MarkdownOptions = {}): DocNode {
  const tokens = marked.lexer(markdown);
  const blocks = convertBlocks(rawHtml === 'text' ? htmlAsText(tokens) : tokens, 1);
  // ProseMirror's doc needs at least one block.
  return { type: 'doc', content: blocks.length > 0 ? blocks : [{ type: 'paragraph' }] };
}

/**
 * Replaces HTML tokens, wherever they are nested, with escape tokens (text taken verbatim): a block of
 * HTML becomes a paragraph of its source, an inline tag its source within the text around it.
 */
function htmlAsText(tokens: Token[]): Token[] {
  return tokens.map((token): Token => {
    if (token.type === 'html') {
      const source = (token as Tokens.HTML).raw.replace(/\s+$/, '');
      const literal: Tokens.Escape = { type: 'escape', raw: source, text: source };
      return (token as Tokens.HTML).block
        ? ({ type: 'paragraph', raw: source, text: source, tokens: [literal] } satisfies Tokens.Paragraph)
        : literal;
    }
    const copy: Record<string, unknown> = { ...token };
    for (const [key, value] of Object.entries(token)) {
      if (Array.isArray(value)) copy[key] = value.map((item) => rewriteNested(item));
    }
    return copy as Token;
  });
}

/** Token lists nested in a token: `tokens`, list `items`, table `header` cells and `rows` of cells. */
function rewriteNested(item: unknown): unknown {
  if (Array.isArray(item)) return item.map(rewriteNested);
  if (item && typeof item === 'object' && 'type' in item) return htmlAsText([item as Token])[0];
  if (item && typeof item === 'object' && 'tokens' in item) {
    const cell = item as { tokens: Token[] };
    return { ...cell, tokens: htmlAsText(cell.tokens) };
  }
  return item;
}

// Depth is counted as `measureDoc` does: the doc is 0, its blocks 1, their inline children 2. A block at
// depth d needs its text at d + 1, so a container fits only while its deepest paragraph's text does.
const fits = (depth: number, extraLevels: number) => depth + extraLevels + 1 <= CONTENT_LIMITS.maxDepth;

function convertBlocks(tokens: readonly Token[], depth: number): BlockNode[] {
  const out: BlockNode[] = [];
  for (const token of tokens) out.push(...convertBlock(token, depth));
  return out;
}

function convertBlock(token: Token, depth: number): BlockNode[] {
  const t = token as MarkedToken;
  switch (t.type) {
    case 'space':
    case 'def':
    case 'html':
    case 'checkbox':
      return [];
    case 'paragraph':
    case 'text':
      return splitAtImages(inlinePieces(t), (content) => ({ type: 'paragraph', content }));
    case 'heading':
      return convertHeading(t);
    case 'code':
      return [convertCode(t)];
    case 'hr':
      return [{ type: 'horizontalRule' }];
    case 'blockquote': {
      if (!fits(depth, 1)) return convertBlocks(t.tokens, depth);
      const content = convertBlocks(t.tokens, depth + 1);
      return [{ type: 'blockquote', content: content.length > 0 ? content : [{ type: 'paragraph' }] }];
    }
    case 'list':
      return convertList(t, depth);
    case 'table':
      return convertTable(t);
    default: {
      // Tokens from extensions: keep their text, never their markup.
      const generic = token as Tokens.Generic;
      if (Array.isArray(generic.tokens) || typeof generic.text === 'string') {
        return splitAtImages(inlinePieces(generic), (content) => ({ type: 'paragraph', content }));
      }
      return [];
    }
  }
}

function convertHeading(t: Tokens.Heading): BlockNode[] {
  const level = t.depth <= 2 ? 2 : t.depth === 3 ? 3 : 4;
  const pieces = inlinePieces(t);
  // A heading is one line: a break in a setext heading's text reads as a space.
  const inline = pieces.flatMap((p): InlineNode[] =>
    p.type === 'image' ? [] : p.type === 'hardBreak' ? [{ type: 'text', text: ' ' }] : [p],
  );
  const content = tidyInline(inline);
  const images = pieces.filter((p): p is ImageNode => p.type === 'image');
  const heading: BlockNode[] = content.length > 0 ? [{ type: 'heading', attrs: { level }, content }] : [];
  return [...heading, ...images];
}

function convertCode(t: Tokens.Code): BlockNode {
  const word = (t.lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const language = CODE_LANGUAGE.test(word) ? word : null;
  // Blank lines at the end of a block are not code (and Markdown cannot always write them back).
  const text = t.text.replace(/\n+$/, '');
  return text.length > 0
    ? { type: 'codeBlock', attrs: { language }, content: [{ type: 'text', text }] }
    : { type: 'codeBlock', attrs: { language } };
}

function convertList(t: Tokens.List, depth: number): BlockNode[] {
  // A list adds two levels (list, item) above its blocks; past the limit, its items' blocks are lifted.
  if (!fits(depth, 2)) return t.items.flatMap((item) => convertBlocks(item.tokens, depth));
  if (t.items.length === 0) return [];
  // A list is a task list only when every item has a box; in a mixed list the boxes stay as text.
  const tasks = !t.ordered && t.items.every((item) => item.task);
  const items = t.items.map((item) => {
    const content = convertBlocks(item.tokens, depth + 2);
    // Tiptap's listItem and taskItem are `paragraph block*`.
    if (content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' });
    if (item.task && !tasks) content[0] = prependText(content[0] as ParagraphNode, item.checked ? '[x] ' : '[ ] ');
    return content;
  });
  if (tasks) {
    return [
      {
        type: 'taskList',
        content: items.map((content, i) => ({ type: 'taskItem', attrs: { checked: !!t.items[i]?.checked }, content })),
      },
    ];
  }
  const listItems: ListItemNode[] = items.map((content) => ({ type: 'listItem', content }));
  if (!t.ordered) return [{ type: 'bulletList', content: listItems }];
  const start = typeof t.start === 'number' && Number.isInteger(t.start) && t.start >= 0 ? t.start : 1;
  return [{ type: 'orderedList', attrs: { start }, content: listItems }];
}

type ParagraphNode = Extract<BlockNode, { type: 'paragraph' }>;

function prependText(paragraph: ParagraphNode, text: string): ParagraphNode {
  return { type: 'paragraph', content: tidyInline([{ type: 'text', text }, ...(paragraph.content ?? [])]) };
}

function convertTable(t: Tokens.Table): BlockNode[] {
  const row = (cells: readonly Tokens.TableCell[], marks: readonly Mark[]) => {
    const pieces: Piece[] = [];
    cells.forEach((cell, i) => {
      if (i > 0) pushText(pieces, ' | ', marks);
      collectInline(cell.tokens, marks, pieces);
    });
    return splitAtImages(pieces, (content) => ({ type: 'paragraph', content }));
  };
  return [...row(t.header, [{ type: 'bold' }]), ...t.rows.flatMap((cells) => row(cells, []))];
}

/** The inline content of a token that has inline children (or only text). */
function inlinePieces(token: { tokens?: Token[] | undefined; text?: string }): Piece[] {
  const pieces: Piece[] = [];
  if (token.tokens) collectInline(token.tokens, [], pieces);
  else if (typeof token.text === 'string') pushText(pieces, decodeEntities(token.text), []);
  return pieces;
}

function collectInline(tokens: readonly Token[], marks: readonly Mark[], out: Piece[]): void {
  for (const token of tokens) {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'text':
        if (t.tokens) collectInline(t.tokens, marks, out);
        else pushText(out, decodeEntities(t.text), marks);
        break;
      case 'escape':
        pushText(out, t.text, marks);
        break;
      case 'codespan':
        pushText(out, t.text, codeMarks(marks));
        break;
      case 'strong':
        collectInline(t.tokens, withMark(marks, { type: 'bold' }), out);
        break;
      case 'em':
        collectInline(t.tokens, withMark(marks, { type: 'italic' }), out);
        break;
      case 'del':
        collectInline(t.tokens, withMark(marks, { type: 'strike' }), out);
        break;
      case 'link': {
        // Autolinks are literal: their text and address are exactly what was typed.
        const href = t.autolink ? t.href : decodeEntities(t.href);
        const linked = isSafeUrl(href) ? withMark(marks, { type: 'link', attrs: { href } }) : marks;
        if (t.autolink) pushText(out, t.text, linked);
        else collectInline(t.tokens, linked, out);
        break;
      }
      case 'image': {
        const image = convertImage(t);
        if (image) out.push(image);
        break;
      }
      case 'br':
        out.push({ type: 'hardBreak' });
        break;
      case 'html':
      case 'checkbox':
        break;
      default: {
        const generic = token as Tokens.Generic;
        if (Array.isArray(generic.tokens)) collectInline(generic.tokens, marks, out);
        else if (typeof generic.text === 'string') pushText(out, decodeEntities(generic.text), marks);
      }
    }
  }
}

function convertImage(t: Tokens.Image): ImageNode | null {
  const src = decodeEntities(t.href);
  if (!isSafeUrl(src)) return null;
  const altPieces: Piece[] = [];
  collectInline(t.tokens, [], altPieces);
  const alt = altPieces.map((p) => (p.type === 'text' ? p.text : '')).join('');
  const title = t.title ? decodeEntities(t.title).slice(0, ATTR_MAX) : null;
  return { type: 'image', attrs: { src, alt: alt.slice(0, ATTR_MAX), title } };
}

function withMark(marks: readonly Mark[], mark: Mark): Mark[] {
  return marks.some((m) => m.type === mark.type) ? [...marks] : [...marks, mark];
}

/**
 * Tiptap's Code mark excludes every other mark, so code text carries `code` alone. Inside a link the
 * link is worth more to a reader than the code styling, so there the code mark is the one dropped.
 */
function codeMarks(marks: readonly Mark[]): Mark[] {
  return marks.some((m) => m.type === 'link') ? [...marks] : [{ type: 'code' }];
}

function pushText(out: Piece[], raw: string, marks: readonly Mark[]): void {
  // A soft line break inside a paragraph is a space; the editor would otherwise show it as a break.
  const text = raw.replace(/\r?\n/g, ' ');
  if (text.length === 0) return;
  out.push(marks.length > 0 ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
}

/** Lifts images out of the inline flow: text before, the image block, text after. */
function splitAtImages(pieces: readonly Piece[], wrap: (content: InlineNode[]) => BlockNode): BlockNode[] {
  const blocks: BlockNode[] = [];
  let run: InlineNode[] = [];
  const flush = () => {
    const content = tidyInline(run);
    if (content.length > 0) blocks.push(wrap(content));
    run = [];
  };
  for (const piece of pieces) {
    if (piece.type === 'image') {
      flush();
      blocks.push(piece);
    } else {
      run.push(piece);
    }
  }
  flush();
  return blocks;
}

const sameMarks = (a: TextNode, b: TextNode) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

/** Merges neighbouring text with the same marks and trims the edges, dropping whatever becomes empty. */
function tidyInline(nodes: readonly InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text' && sameMarks(last, node)) {
      merged[merged.length - 1] = { ...last, text: last.text + node.text };
    } else {
      merged.push(node);
    }
  }
  while (merged[0]?.type === 'hardBreak') merged.shift();
  while (merged.at(-1)?.type === 'hardBreak') merged.pop();
  const first = merged[0];
  if (first?.type === 'text') merged[0] = { ...first, text: first.text.trimStart() };
  const lastIndex = merged.length - 1;
  const last = merged[lastIndex];
  if (last?.type === 'text') merged[lastIndex] = { ...last, text: last.text.trimEnd() };
  const kept = merged.filter((n) => n.type !== 'text' || n.text.length > 0);
  // Trimming can expose a new edge (e.g. a whitespace-only first node); one more pass settles it.
  return kept.length === merged.length ? kept : tidyInline(kept);
}
