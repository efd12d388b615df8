/**
 * What a post's or draft's front matter says, typed: how export writes it and import reads it back.
 * `tags: queues, kafka` is a comma list; dates are ISO 8601 as the API gives them.
 */
import { slugify } from '../model/slug.ts';
import { formatFrontMatter } from './front-matter.ts';

export type PostFrontMatter = {
  title: string;
  /** Tag slugs, in order. */
  tags: string[];
  /** The series' title. */
  series?: string;
  /** 1-based part within the series. */
  part?: number;
  excerpt?: string;
  /** Cover image URL. */
  cover?: string;
  /** Where the post is published (exports of published posts). */
  slug?: string;
  created?: string;
  published?: string;
  updated?: string;
};

export function writePostFrontMatter(meta: PostFrontMatter): string {
  return formatFrontMatter({
    title: meta.title,
    slug: meta.slug,
    tags: meta.tags.join(', '),
    series: meta.series,
    part: meta.part === undefined ? undefined : String(meta.part),
    excerpt: meta.excerpt,
    cover: meta.cover,
    created: meta.created,
    published: meta.published,
    updated: meta.updated,
  });
}

export type ReadFrontMatter = {
  meta: PostFrontMatter;
  /** What was given but could not be used, said so the writer can fix the file. */
  problems: string[];
};

/**
 * Reads front matter data (from `parseFrontMatter`) leniently: an import should not fail over one odd
 * value, so what does not fit is left out and named in `problems`. Tags are turned into slugs
 * ("Distributed Systems" → distributed-systems), duplicates dropped. Unknown keys are ignored.
 */
export function readPostFrontMatter(data: Readonly<Record<string, string>>): ReadFrontMatter {
  const problems: string[] = [];
  const text = (key: string) => data[key]?.trim() || undefined;
  const meta: PostFrontMatter = { title: text('title') ?? '', tags: readTags(data.tags ?? '') };
  for (const key of ['series', 'excerpt', 'cover', 'slug'] as const) {
    const value = text(key);
    if (value) meta[key] = value;
  }
  const part = text('part');
  if (part !== undefined) {
    if (/^\d+$/.test(part) && Number(part) >= 1) meta.part = Number(part);
    else problems.push(`"part" must be a whole number from 1, not "${part.slice(0, 40)}"; it was left out.`);
  }
  for (const key of ['created', 'published', 'updated'] as const) {
    const value = text(key);
    if (value === undefined) continue;
    if (Number.isNaN(Date.parse(value)))
      problems.push(`"${key}" is not a date ("${value.slice(0, 40)}"); it was left out.`);
    else meta[key] = new Date(value).toISOString();
  }
  return { meta, problems };
}

function readTags(list: string): string[] {
  const slugs = list
    .split(',')
    .map((tag) => slugify(tag))
    .filter(Boolean);
  return [...new Set(slugs)];
}
