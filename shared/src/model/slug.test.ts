import { describe, expect, it } from 'vitest';
import { isSlug, SLUG_MAX, slugify, uniqueSlug } from './slug.ts';

describe('slugify', () => {
  it.each([
    ['Cache stampedes and how to stop them', 'cache-stampedes-and-how-to-stop-them'],
    ['Quorums: why R + W > N is not the whole story', 'quorums-why-r-w-n-is-not-the-whole-story'],
    ['  Café & crème  ', 'cafe-and-creme'],
    ['---', ''],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('produces valid slugs within the length limit', () => {
    const slug = slugify('word '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(isSlug(slug)).toBe(true);
  });
});

describe('uniqueSlug', () => {
  it('takes the first free one: the slug, then numbered, then a random suffix', () => {
    const taken = new Set(['raft-notes', 'raft-notes-2']);
    expect(uniqueSlug('Raft notes', 'post', (s) => taken.has(s))).toBe('raft-notes-3');
    expect(uniqueSlug('Fresh', 'post', (s) => taken.has(s))).toBe('fresh');
    expect(uniqueSlug('!!!', 'post', () => false)).toBe('post');
    const all = (s: string) => !s.endsWith('-xyz');
    expect(uniqueSlug('Busy', 'post', all, () => 'xyz')).toBe('busy-xyz');
  });

  it('leaves room for the suffix within the length limit', () => {
    const slug = uniqueSlug(
      'word '.repeat(60),
      'post',
      (s) => !s.endsWith('-zzzzzz'),
      () => 'zzzzzz',
    );
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(isSlug(slug)).toBe(true);
  });
});
