import { describe, expect, it } from 'vitest';
import { isSlug, SLUG_MAX, slugify } from './slug.ts';

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
