/** Excerpts and reading time derived from structured content (pure: used by server and client). */
import { type BlockNode, type DocNode, plainText } from './content.ts';

export const EXCERPT_MAX_CHARS = 220;
/** Words per minute of technical prose; code is read more slowly, so it counts double. */
export const WORDS_PER_MINUTE = 230;

const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

export function readingMinutes(doc: DocNode): number {
  let words = 0;
  const walk = (blocks: readonly BlockNode[]) => {
    for (const block of blocks) {
      if (block.type === 'codeBlock') words += 2 * countWords(plainText(block));
      else if ('content' in block && block.content && block.type !== 'paragraph' && block.type !== 'heading')
        walk(block.content as BlockNode[]);
      else words += countWords(plainText(block));
    }
  };
  walk(doc.content);
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** The first non-empty paragraph, cut at a word boundary with an ellipsis. */
export function deriveExcerpt(doc: DocNode, max = EXCERPT_MAX_CHARS): string {
  const first = doc.content.find((b) => b.type === 'paragraph' && plainText(b).trim().length > 0);
  const text = first ? plainText(first).replace(/\s+/g, ' ').trim() : '';
  return truncateAtWord(text, max);
}

export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
