/**
 * Seeded random post content for round-trip tests (no fast-check here; a failing seed replays exactly).
 *
 * `randomDoc` makes documents in the form `markdownToDoc` produces, so "doc → Markdown → doc" must give
 * the same document back: paragraphs and headings are never empty (a list item may start with an empty
 * paragraph when a non-paragraph block follows), text never starts or ends a paragraph with whitespace,
 * marked text has no whitespace at its edges, `code` is alone on its text, ordered lists carry `start`,
 * images carry `title` (null when absent), code blocks never end with a line break. Text is drawn from words full of Markdown syntax.
 *
 * `randomMarkdown` makes messy Markdown from lines that are easy to get wrong, for the other direction.
 */
import type {
  BlockNode,
  DocNode,
  InlineNode,
  ListItemNode,
  Mark,
  TaskItemNode,
  TextNode,
} from '../../shared/src/model/content.ts';
import { type Random, random } from '../sync/support/prng.ts';

export { random };

const WORDS = [
  'plain',
  'words',
  'é',
  '中文',
  'a*b',
  '*star*',
  '**',
  '_under_',
  'snake_case',
  '~tilde~',
  '`tick`',
  '[bracket]',
  '](x)',
  '(paren)',
  '<tag>',
  '<https://a.io>',
  '#',
  '#hash',
  '!',
  '![',
  '&',
  '&amp;',
  '&copy;',
  '&#38;',
  'a|b',
  '\\',
  '\\*',
  '-',
  '+',
  '=',
  '1.',
  '2)',
  '---',
  '***',
  '>',
  'http://x.io/a',
  'https://x.io',
  'www.x.io',
  'me@x.io',
  '"quoted"',
  "it's",
  '.',
  ',',
  ':',
  '$',
  '…',
];
const HREFS = [
  'https://example.com/',
  'https://example.com/a_b*c',
  'https://example.com/(x)',
  'https://example.com/a b',
  'https://example.com/?q=1&copy=2&amp;x',
  '/posts/a-b',
  '/p/<x>',
  'http://x.io/\\y',
];
const LANGUAGES = [null, 'ts', 'c++', 'c#', 'sql'];
const CODE_LINES = ['const a = 1;', '  indented', '```', '````js', '~~~', '', '  ', '# not a heading', '- x'];
/** Marked expands a tab at the start of a code line inside a list item to spaces, so only outside lists. */
const TABBED_LINE = '\tTabbed';
const SIMPLE_MARKS: Mark[] = [{ type: 'bold' }, { type: 'italic' }, { type: 'strike' }];

/** Deep enough to exercise nesting, shallow enough that `markdownToDoc` never flattens. */
const MAX_NESTING = 3;

type Where = { nesting: number; inList: boolean };

export function randomDoc(rng: Random): DocNode {
  const content = blocks(rng, { nesting: 0, inList: false }, 1 + rng.int(6));
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}

function blocks(rng: Random, where: Where, count: number): BlockNode[] {
  return Array.from({ length: count }, () => block(rng, where));
}

function block(rng: Random, where: Where): BlockNode {
  const kinds = ['paragraph', 'paragraph', 'heading', 'codeBlock', 'hr', 'image'];
  const inner = { ...where, nesting: where.nesting + 1 };
  if (where.nesting < MAX_NESTING) kinds.push('blockquote', 'bulletList', 'orderedList', 'taskList');
  switch (rng.pick(kinds)) {
    case 'heading':
      return { type: 'heading', attrs: { level: rng.pick([2, 3, 4] as const) }, content: inline(rng, false) };
    case 'codeBlock':
      return codeBlock(rng, where);
    case 'hr':
      return { type: 'horizontalRule' };
    case 'image':
      return {
        type: 'image',
        attrs: {
          src: rng.pick(HREFS),
          alt: rng.chance(0.3) ? '' : words(rng),
          title: rng.chance(0.5) ? words(rng) : null,
        },
      };
    case 'blockquote':
      return { type: 'blockquote', content: blocks(rng, inner, 1 + rng.int(3)) };
    case 'bulletList':
      return { type: 'bulletList', content: items(rng, where, () => ({ type: 'listItem' as const })) };
    case 'orderedList':
      return {
        type: 'orderedList',
        attrs: { start: rng.int(12) },
        content: items(rng, where, () => ({ type: 'listItem' as const })),
      };
    case 'taskList':
      return {
        type: 'taskList',
        content: items(rng, where, () => ({ type: 'taskItem' as const, attrs: { checked: rng.chance(0.5) } })),
      };
    default:
      return { type: 'paragraph', content: inline(rng, true) };
  }
}

function items<T extends { type: 'listItem' } | { type: 'taskItem'; attrs: { checked: boolean } }>(
  rng: Random,
  where: Where,
  head: () => T,
): (T & { content: BlockNode[] })[] {
  const inner = { nesting: where.nesting + 1, inList: true };
  return Array.from({ length: 1 + rng.int(3) }, () => ({ ...head(), content: itemContent(rng, inner) }));
}

/** `paragraph block*`; an empty first paragraph only before a block that is not a paragraph. */
function itemContent(rng: Random, where: Where): BlockNode[] {
  const rest = rng.chance(0.5) ? blocks(rng, where, 1 + rng.int(2)) : [];
  if (rest.length > 0 && rest[0]?.type !== 'paragraph' && rng.chance(0.3)) return [{ type: 'paragraph' }, ...rest];
  return [{ type: 'paragraph', content: inline(rng, true) }, ...rest];
}

function codeBlock(rng: Random, { inList }: Where): BlockNode {
  const pool = inList ? CODE_LINES : [...CODE_LINES, TABBED_LINE];
  const lines = Array.from({ length: rng.int(4) }, () => rng.pick(pool));
  // markdownToDoc drops line breaks at the end of a code block.
  const text = lines.join('\n').replace(/\n+$/, '');
  const language = rng.pick(LANGUAGES);
  return text
    ? { type: 'codeBlock', attrs: { language }, content: [{ type: 'text', text }] }
    : { type: 'codeBlock', attrs: { language } };
}

const words = (rng: Random) => Array.from({ length: 1 + rng.int(3) }, () => rng.pick(WORDS)).join(' ');

function randomMarks(rng: Random): Mark[] {
  const marks = SIMPLE_MARKS.filter(() => rng.chance(0.3));
  if (rng.chance(0.2)) marks.push({ type: 'link', attrs: { href: rng.pick(HREFS) } });
  return marks;
}

/** Runs of words with random marks, separated by plain spaces or nothing, or by hard breaks. */
function inline(rng: Random, breaks: boolean): InlineNode[] {
  const out: InlineNode[] = [];
  const count = 1 + rng.int(5);
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      const gap = rng.int(4);
      if (gap === 1) out.push({ type: 'text', text: rng.pick([' ', '  ']) });
      if (gap === 2 && breaks) {
        if (rng.chance(0.3)) out.push({ type: 'text', text: ' ' });
        out.push({ type: 'hardBreak' });
        if (rng.chance(0.3)) out.push({ type: 'text', text: '  ' });
      }
    }
    out.push(rng.chance(0.15) ? codeText(rng) : { type: 'text', text: words(rng), marks: randomMarks(rng) });
  }
  return canonicalInline(out);
}

function codeText(rng: Random): TextNode {
  const text = Array.from({ length: 1 + rng.int(3) }, () =>
    rng.pick(['x', '`', '``', ' ', 'a b', '*', '&amp;', '\\']),
  ).join('');
  return { type: 'text', text: text.trim() ? text : 'x', marks: [{ type: 'code' }] };
}

/** Marks sorted by type, neighbours with the same marks merged, whitespace trimmed at the edges. */
export function canonicalInline(nodes: readonly InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const sorted = node.type === 'text' ? withSortedMarks(node) : node;
    const last = merged.at(-1);
    if (sorted.type === 'text' && last?.type === 'text' && markKey(last) === markKey(sorted)) {
      merged[merged.length - 1] = { ...last, text: last.text + sorted.text };
    } else if (sorted.type !== 'text' || sorted.text) {
      merged.push(sorted);
    }
  }
  while (merged[0]?.type === 'hardBreak') merged.shift();
  while (merged.at(-1)?.type === 'hardBreak') merged.pop();
  const first = merged[0];
  if (first?.type === 'text') merged[0] = { ...first, text: first.text.trimStart() };
  const last = merged.at(-1);
  if (last?.type === 'text') merged[merged.length - 1] = { ...last, text: last.text.trimEnd() };
  const kept = merged.filter((n) => n.type !== 'text' || n.text.length > 0);
  return kept.length === merged.length ? kept : canonicalInline(kept);
}

const markKey = (node: TextNode) => JSON.stringify(node.marks ?? []);

function withSortedMarks(node: TextNode): TextNode {
  if (!node.marks?.length) return { type: 'text', text: node.text };
  const marks = [...node.marks].sort((a, b) => a.type.localeCompare(b.type));
  return { ...node, marks };
}

/**
 * The document with what does not matter to a reader made uniform: marks in one order (so two documents
 * that differ only in how marks nest compare equal), an ordered list's default start and an image's
 * absent title spelled out.
 */
export function comparable(doc: DocNode): DocNode {
  return { type: 'doc', content: doc.content.map(comparableBlock) };
}

function comparableBlock(block: BlockNode): BlockNode {
  switch (block.type) {
    case 'paragraph':
    case 'heading': {
      const content = canonicalInline(block.content ?? []);
      return content.length ? { ...block, content } : (({ content: _, ...rest }) => rest)(block);
    }
    case 'blockquote':
      return { ...block, content: block.content.map(comparableBlock) };
    case 'bulletList':
      return { ...block, content: block.content.map(comparableItem) };
    case 'orderedList':
      return { ...block, attrs: { start: block.attrs?.start ?? 1 }, content: block.content.map(comparableItem) };
    case 'taskList':
      return {
        ...block,
        content: block.content.map((item): TaskItemNode => ({ ...item, content: item.content.map(comparableBlock) })),
      };
    case 'image':
      return { ...block, attrs: { ...block.attrs, title: block.attrs.title ?? null } };
    default:
      return block;
  }
}

const comparableItem = (item: ListItemNode): ListItemNode => ({ ...item, content: item.content.map(comparableBlock) });

const MARKDOWN_LINES = [
  '# Heading',
  '## Sub *heading* #',
  'Plain text with **bold**, _italic_, ~~strike~~ and `code`.',
  'A [link](https://example.com/a_(b)) and <https://x.io> and www.x.io',
  'a**.b**c and snake_case_word and 2*3*4',
  '- item',
  '* star item',
  '+ plus item',
  '- [ ] task',
  '- [x] done task',
  '1. first',
  '3) third',
  '  - nested',
  '    deeper code?',
  '> quote',
  '> > nested quote',
  '```ts',
  '```',
  '~~~',
  'code line',
  '---',
  '***',
  '===',
  '<div>html</div>',
  '<b>inline</b> html',
  '| a | b |',
  '|---|---|',
  'line with break\\',
  'line with spaces  ',
  '&amp; &copy; &#169; &nope;',
  '![image](/media/a.png "Title")',
  '[ref]: https://example.com',
  '\\# not a heading',
  '',
  '',
];

export function randomMarkdown(rng: Random): string {
  return Array.from({ length: 1 + rng.int(12) }, () => rng.pick(MARKDOWN_LINES)).join('\n');
}
