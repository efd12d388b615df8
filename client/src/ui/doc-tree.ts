/**
 * Maps post content (the shared DocNode JSON) to a plain element tree: tag names, attributes and text.
 * Pure and framework-free so it can be tested exhaustively; `DocContent.tsx` turns the tree into DOM.
 * Text always stays text (never parsed as HTML); links and images keep only http(s) URLs or site paths.
 */
import type {
  BlockNode,
  DocNode,
  InlineNode,
  ListItemNode,
  Mark,
  TaskItemNode,
  TextNode,
} from '../../../shared/src/model/content.ts';
import { isSafeUrl } from '../../../shared/src/model/safe-url.ts';

export type VElement = { tag: string; attrs: Record<string, string>; children: VNode[] };
export type VNode = string | VElement;

/** Deeper than the server ever accepts (CONTENT_LIMITS.maxDepth); guards the reader against a hostile doc. */
const MAX_DEPTH = 40;

const LANGUAGE_NAMES: Record<string, string> = {
  bash: 'Shell',
  c: 'C',
  cpp: 'C++',
  csharp: 'C#',
  css: 'CSS',
  go: 'Go',
  html: 'HTML',
  java: 'Java',
  javascript: 'JavaScript',
  js: 'JavaScript',
  json: 'JSON',
  kotlin: 'Kotlin',
  python: 'Python',
  py: 'Python',
  rust: 'Rust',
  sh: 'Shell',
  shell: 'Shell',
  sql: 'SQL',
  text: 'Text',
  ts: 'TypeScript',
  tsx: 'TypeScript',
  typescript: 'TypeScript',
  yaml: 'YAML',
  yml: 'YAML',
};

export const languageLabel = (language: string | null | undefined): string | null => {
  if (!language) return null;
  return LANGUAGE_NAMES[language.toLowerCase()] ?? language;
};

const el = (tag: string, attrs: Record<string, string>, children: VNode[]): VElement => ({ tag, attrs, children });

/** The element a mark wraps its text in, or null when the mark must be dropped (an unsafe link). */
export function markElement(mark: Mark): { tag: string; attrs: Record<string, string> } | null {
  switch (mark.type) {
    case 'bold':
      return { tag: 'strong', attrs: {} };
    case 'italic':
      return { tag: 'em', attrs: {} };
    case 'strike':
      return { tag: 's', attrs: {} };
    case 'code':
      return { tag: 'code', attrs: {} };
    case 'link': {
      const href = mark.attrs?.href;
      if (typeof href !== 'string' || !isSafeUrl(href)) return null;
      return { tag: 'a', attrs: { href, rel: 'noopener noreferrer' } };
    }
    default:
      return null;
  }
}

function textNode(node: TextNode): VNode {
  let out: VNode = String(node.text ?? '');
  const marks = Array.isArray(node.marks) ? node.marks : [];
  for (let i = marks.length - 1; i >= 0; i--) {
    const wrap = markElement(marks[i] as Mark);
    if (wrap) out = el(wrap.tag, wrap.attrs, [out]);
  }
  return out;
}

function inline(nodes: readonly InlineNode[] | undefined): VNode[] {
  const out: VNode[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'text') out.push(textNode(node));
    else if (node.type === 'hardBreak') out.push(el('br', {}, []));
  }
  return out;
}

function blocks(nodes: readonly (BlockNode | ListItemNode | TaskItemNode)[] | undefined, depth: number): VNode[] {
  if (depth > MAX_DEPTH || !Array.isArray(nodes)) return [];
  const out: VNode[] = [];
  for (const node of nodes) {
    const mapped = block(node, depth + 1);
    if (mapped) out.push(mapped);
  }
  return out;
}

function block(node: BlockNode | ListItemNode | TaskItemNode, depth: number): VNode | null {
  switch (node.type) {
    case 'paragraph':
      return el('p', {}, inline(node.content));
    case 'heading': {
      const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2));
      return el(`h${level}`, {}, inline(node.content));
    }
    case 'blockquote':
      return el('blockquote', {}, blocks(node.content, depth));
    case 'codeBlock': {
      const text = (node.content ?? []).map((t) => String(t.text ?? '')).join('');
      const language = node.attrs?.language ?? null;
      const label = languageLabel(language);
      const code = el('code', language ? { class: `language-${language}` } : {}, [text]);
      // tabindex: a scrolling code block must be reachable by keyboard.
      const pre = el('pre', { tabindex: '0' }, [code]);
      return el('div', { class: 'code-block' }, label ? [el('div', { class: 'code-lang' }, [label]), pre] : [pre]);
    }
    case 'bulletList':
      return el('ul', {}, blocks(node.content, depth));
    case 'orderedList': {
      const start = node.attrs?.start;
      return el(
        'ol',
        typeof start === 'number' && start !== 1 ? { start: String(start) } : {},
        blocks(node.content, depth),
      );
    }
    case 'listItem':
      return el('li', {}, blocks(node.content, depth));
    case 'taskList':
      return el('ul', { class: 'task-list' }, blocks(node.content, depth));
    case 'taskItem': {
      // The box is drawn by CSS from data-checked; the words are for screen readers.
      const checked = node.attrs?.checked === true;
      const state = el('span', { class: 'sr-only' }, [checked ? 'Done: ' : 'To do: ']);
      return el('li', { 'data-checked': String(checked) }, [state, ...blocks(node.content, depth)]);
    }
    case 'horizontalRule':
      return el('hr', {}, []);
    case 'image': {
      const { src, alt, title } = node.attrs ?? {};
      if (typeof src !== 'string' || !isSafeUrl(src)) return null;
      const img = el('img', { src, alt: String(alt ?? ''), loading: 'lazy', decoding: 'async' }, []);
      return el('figure', {}, title ? [img, el('figcaption', {}, [String(title)])] : [img]);
    }
    default:
      return null; // a node type this reader does not know yet
  }
}

export function docToTree(doc: DocNode | null | undefined): VNode[] {
  return doc && doc.type === 'doc' ? blocks(doc.content, 0) : [];
}
