/**
 * The structured content of a post: ProseMirror/Tiptap JSON, never HTML.
 * The node and mark names are StarterKit's, so the editor (later) and the reader agree on one schema.
 */
import * as v from 'valibot';
import { isSafeUrl, MAX_URL_LENGTH } from './safe-url.ts';

export { isSafeUrl };

export const HEADING_LEVELS = [2, 3, 4] as const;
/** Limits keep a single document from exhausting a reader or the server. */
export const CONTENT_LIMITS = {
  maxDepth: 12,
  maxNodes: 20_000,
  maxTextLength: 200_000,
  maxUrlLength: MAX_URL_LENGTH,
} as const;

export type Mark =
  | { type: 'bold' }
  | { type: 'italic' }
  | { type: 'strike' }
  | { type: 'code' }
  | { type: 'link'; attrs: { href: string } };

export type TextNode = { type: 'text'; text: string; marks?: Mark[] };
export type InlineNode = TextNode | { type: 'hardBreak' };

export type BlockNode =
  | { type: 'paragraph'; content?: InlineNode[] }
  | { type: 'heading'; attrs: { level: (typeof HEADING_LEVELS)[number] }; content?: InlineNode[] }
  | { type: 'blockquote'; content: BlockNode[] }
  | { type: 'codeBlock'; attrs: { language: string | null }; content?: TextNode[] }
  | { type: 'bulletList'; content: ListItemNode[] }
  | { type: 'orderedList'; attrs?: { start: number }; content: ListItemNode[] }
  | { type: 'taskList'; content: TaskItemNode[] }
  | { type: 'horizontalRule' }
  | { type: 'image'; attrs: { src: string; alt: string; title?: string | null } };

export type ListItemNode = { type: 'listItem'; content: BlockNode[] };
export type TaskItemNode = { type: 'taskItem'; attrs: { checked: boolean }; content: BlockNode[] };
export type DocNode = { type: 'doc'; content: BlockNode[] };

const SafeUrl = v.pipe(v.string(), v.check(isSafeUrl, 'Links and images must be http(s) URLs or site paths.'));

const MarkSchema = v.variant('type', [
  v.strictObject({ type: v.literal('bold') }),
  v.strictObject({ type: v.literal('italic') }),
  v.strictObject({ type: v.literal('strike') }),
  v.strictObject({ type: v.literal('code') }),
  v.strictObject({ type: v.literal('link'), attrs: v.strictObject({ href: SafeUrl }) }),
]);

const TextSchema = v.strictObject({
  type: v.literal('text'),
  text: v.pipe(v.string(), v.minLength(1, 'Text nodes cannot be empty.')),
  marks: v.optional(v.array(MarkSchema)),
});
const InlineSchema = v.variant('type', [TextSchema, v.strictObject({ type: v.literal('hardBreak') })]);

const BlockSchema: v.GenericSchema<BlockNode> = v.lazy(() =>
  v.variant('type', [
    v.strictObject({ type: v.literal('paragraph'), content: v.optional(v.array(InlineSchema)) }),
    v.strictObject({
      type: v.literal('heading'),
      attrs: v.strictObject({ level: v.picklist(HEADING_LEVELS) }),
      content: v.optional(v.array(InlineSchema)),
    }),
    v.strictObject({ type: v.literal('blockquote'), content: v.array(BlockSchema) }),
    v.strictObject({
      type: v.literal('codeBlock'),
      attrs: v.strictObject({
        language: v.nullable(v.pipe(v.string(), v.regex(/^[a-z0-9+#-]{0,20}$/i, 'Unknown code language.'))),
      }),
      content: v.optional(v.array(TextSchema)),
    }),
    v.strictObject({ type: v.literal('bulletList'), content: v.array(ListItemSchema) }),
    v.strictObject({
      type: v.literal('orderedList'),
      attrs: v.optional(v.strictObject({ start: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
      content: v.array(ListItemSchema),
    }),
    v.strictObject({ type: v.literal('taskList'), content: v.array(TaskItemSchema) }),
    v.strictObject({ type: v.literal('horizontalRule') }),
    v.strictObject({
      type: v.literal('image'),
      attrs: v.strictObject({
        src: SafeUrl,
        alt: v.pipe(v.string(), v.maxLength(500)),
        title: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500)))),
      }),
    }),
  ]),
);

const ListItemSchema: v.GenericSchema<ListItemNode> = v.lazy(() =>
  v.strictObject({ type: v.literal('listItem'), content: v.array(BlockSchema) }),
);

const TaskItemSchema: v.GenericSchema<TaskItemNode> = v.lazy(() =>
  v.strictObject({
    type: v.literal('taskItem'),
    attrs: v.strictObject({ checked: v.boolean() }),
    content: v.array(BlockSchema),
  }),
);

export const DocSchema: v.GenericSchema<DocNode> = v.strictObject({
  type: v.literal('doc'),
  content: v.array(BlockSchema),
});

export type ContentProblem = { path: string; message: string };

/** Validates shape, safe URLs and size limits. Returns the typed doc or the problems found. */
export function validateDoc(input: unknown): { ok: true; doc: DocNode } | { ok: false; problems: ContentProblem[] } {
  const parsed = v.safeParse(DocSchema, input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.issues.slice(0, 20).map((issue) => ({
        path: v.getDotPath(issue) ?? '',
        message: issue.message,
      })),
    };
  }
  const size = measureDoc(parsed.output);
  const problems: ContentProblem[] = [];
  if (size.depth > CONTENT_LIMITS.maxDepth) problems.push({ path: '', message: 'The document is nested too deeply.' });
  if (size.nodes > CONTENT_LIMITS.maxNodes) problems.push({ path: '', message: 'The document has too many parts.' });
  if (size.textLength > CONTENT_LIMITS.maxTextLength) problems.push({ path: '', message: 'The document is too long.' });
  return problems.length ? { ok: false, problems } : { ok: true, doc: parsed.output };
}

// `type` keeps this from being a "weak" type, so any BlockNode (even a leaf like horizontalRule) is accepted.
type AnyNode = { type?: string; content?: readonly unknown[]; text?: string };

export function measureDoc(doc: DocNode): { depth: number; nodes: number; textLength: number } {
  let nodes = 0;
  let textLength = 0;
  let depth = 0;
  const walk = (node: AnyNode, level: number) => {
    nodes += 1;
    depth = Math.max(depth, level);
    if (typeof node.text === 'string') textLength += node.text.length;
    for (const child of node.content ?? []) walk(child as AnyNode, level + 1);
  };
  walk(doc, 0);
  return { depth, nodes, textLength };
}

/** The plain text of a node and its descendants, blocks separated by newlines. */
export function plainText(node: AnyNode): string {
  if (typeof node.text === 'string') return node.text;
  const children = (node.content ?? []) as AnyNode[];
  const isInlineParent = children.every(
    (c) => typeof c.text === 'string' || (c as { type?: string }).type === 'hardBreak',
  );
  return children.map(plainText).join(isInlineParent ? '' : '\n');
}
