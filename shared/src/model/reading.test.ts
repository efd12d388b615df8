import { describe, expect, it } from 'vitest';
import type { DocNode } from './content.ts';
import { deriveExcerpt, readingMinutes, truncateAtWord, WORDS_PER_MINUTE } from './reading.ts';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
const doc = (...content: DocNode['content']): DocNode => ({ type: 'doc', content });
const para = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

describe('readingMinutes', () => {
  it('is at least one minute', () => {
    expect(readingMinutes(doc())).toBe(1);
  });

  it('counts prose at the reading speed and code twice', () => {
    expect(readingMinutes(doc(para(words(WORDS_PER_MINUTE * 4))))).toBe(4);
    const code = {
      type: 'codeBlock' as const,
      attrs: { language: 'ts' },
      content: [{ type: 'text' as const, text: words(WORDS_PER_MINUTE) }],
    };
    expect(readingMinutes(doc(para(words(WORDS_PER_MINUTE * 2)), code))).toBe(4);
  });

  it('counts text inside lists and quotes', () => {
    const list = {
      type: 'bulletList' as const,
      content: [{ type: 'listItem' as const, content: [para(words(WORDS_PER_MINUTE * 3))] }],
    };
    expect(readingMinutes(doc(list))).toBe(3);
  });
});

describe('deriveExcerpt', () => {
  it('takes the first non-empty paragraph, not headings', () => {
    const d = doc(
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Intro' }] },
      { type: 'paragraph' },
      para('The  real\nstart.'),
    );
    expect(deriveExcerpt(d)).toBe('The real start.');
  });

  it('cuts long paragraphs at a word boundary with an ellipsis', () => {
    const source = words(200);
    const excerpt = deriveExcerpt(doc(para(source)), 50);
    expect(excerpt.length).toBeLessThanOrEqual(50);
    expect(excerpt.endsWith('…')).toBe(true);
    // The kept text is whole words of the source: it is followed there by a space.
    expect(source.startsWith(`${excerpt.slice(0, -1)} `)).toBe(true);
  });
});

describe('truncateAtWord', () => {
  it('leaves short text alone', () => {
    expect(truncateAtWord('short text', 50)).toBe('short text');
  });
  it('never splits a word when a space is near', () => {
    expect(truncateAtWord('alpha beta gamma delta', 14)).toBe('alpha beta…');
  });
});
