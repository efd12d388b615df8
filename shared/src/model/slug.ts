/** URL slugs for posts, tags and series. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
}

export const isSlug = (value: string) => value.length <= SLUG_MAX && SLUG_PATTERN.test(value);

/** How many numbered slugs (`-2`, `-3`, …) are tried before a random suffix. */
const NUMBERED_TRIES = 50;

/**
 * A slug for `title` that `taken` says is free: the title's slug, then `-2`, `-3`, …, then a random
 * suffix. An empty slug (a title of punctuation) becomes `fallback`.
 */
export function uniqueSlug(
  title: string,
  fallback: string,
  taken: (slug: string) => boolean,
  random: () => string = () => Math.random().toString(36).slice(2, 8),
): string {
  const base = (slugify(title) || fallback).slice(0, SLUG_MAX - 8).replace(/-+$/g, '');
  if (!taken(base)) return base;
  for (let n = 2; n <= NUMBERED_TRIES; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
  for (;;) {
    const candidate = `${base}-${random()}`;
    if (!taken(candidate)) return candidate;
  }
}
