/**
 * Reads the demo content from disk: authors.json, tags.json, series.json, posts/*.md and media/.
 * Everything is checked here, and every problem is a SeedError naming the file and what to fix, so a
 * content mistake stops the seed before anything is written.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as v from 'valibot';
import { FrontMatterError, parseFrontMatter } from '../../../shared/src/editor-schema/front-matter.ts';
import { markdownToDoc } from '../../../shared/src/editor-schema/markdown-to-doc.ts';
import { HANDLE_PATTERN } from '../../../shared/src/model/catalog.ts';
import { type DocNode, validateDoc } from '../../../shared/src/model/content.ts';
import { isSlug } from '../../../shared/src/model/slug.ts';

export class SeedError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Seed content ${file}: ${problem}`);
    this.name = 'SeedError';
  }
}

const Text = (what: string) => v.pipe(v.string(`${what} must be text.`), v.trim(), v.minLength(1, `${what} is empty.`));
const OptionalText = v.optional(v.nullable(v.pipe(v.string(), v.trim())), null);
/** Profile links are shown as links, so only absolute http(s) URLs. */
const OptionalUrl = v.optional(
  v.nullable(v.pipe(v.string(), v.trim(), v.regex(/^https?:\/\/[^\s/]+/, 'must be an http(s) URL.'))),
  null,
);
/** Slugs that would be shadowed by fixed API routes such as /api/posts/popular. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['popular']);

const Slug = v.pipe(
  v.string(),
  v.check(isSlug, 'slug must be lower-case words joined by hyphens, e.g. "event-sourcing".'),
  v.check((slug) => !RESERVED_SLUGS.has(slug), 'slug "popular" is reserved for an API route.'),
);

const AuthorSchema = v.object({
  handle: v.pipe(v.string(), v.regex(HANDLE_PATTERN, 'handle must be 3–30 of a-z, 0-9, "_" or "-".')),
  displayName: Text('displayName'),
  headline: Text('headline'),
  website: OptionalUrl,
  github: v.optional(
    v.nullable(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,39}$/, 'github must be a user name.'))),
    null,
  ),
  supportUrl: OptionalUrl,
  location: OptionalText,
  bio: Text('bio'),
  joinedAt: v.pipe(
    v.string(),
    v.check((s) => !Number.isNaN(Date.parse(s)), 'joinedAt must be a date such as 2024-03-01.'),
  ),
});
const TagSchema = v.object({ slug: Slug, name: Text('name'), description: v.optional(v.string(), '') });
const SeriesSchema = v.object({
  slug: Slug,
  title: Text('title'),
  description: v.optional(v.string(), ''),
  author: v.string(),
});

export type SeedAuthor = v.InferOutput<typeof AuthorSchema>;
export type SeedTag = v.InferOutput<typeof TagSchema>;
export type SeedSeries = v.InferOutput<typeof SeriesSchema>;

export type SeedPost = {
  /** Relative to the seed folder, for messages. */
  file: string;
  slug: string;
  title: string;
  author: string;
  tags: string[];
  daysAgo: number;
  series: string | null;
  part: number | null;
  excerpt: string | null;
  doc: DocNode;
};

export type SeedSource = {
  authors: SeedAuthor[];
  tags: SeedTag[];
  series: SeedSeries[];
  posts: SeedPost[];
  /** Absolute paths of the files to copy into DATA_DIR/media. */
  media: string[];
};

const MEDIA_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|gif|webp|avif)$/i;

export async function readSeed(dir: string): Promise<SeedSource> {
  const [authors, tags, series] = await Promise.all([
    readJsonArray(dir, 'authors.json', AuthorSchema, true),
    readJsonArray(dir, 'tags.json', TagSchema, true),
    readJsonArray(dir, 'series.json', SeriesSchema, false),
  ]);
  const postFiles = (await listDir(join(dir, 'posts'))).filter((name) => name.endsWith('.md')).sort();
  const posts = await Promise.all(
    postFiles.map(async (name) => parsePost(`posts/${name}`, await readFile(join(dir, 'posts', name), 'utf8'))),
  );
  const media = (await listDir(join(dir, 'media')))
    .filter((name) => MEDIA_NAME.test(name))
    .sort()
    .map((name) => join(dir, 'media', name));
  return { authors, tags, series, posts, media };
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readJsonArray<TSchema extends v.GenericSchema>(
  dir: string,
  file: string,
  schema: TSchema,
  required: boolean,
): Promise<v.InferOutput<TSchema>[]> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return [];
    throw new SeedError(file, `cannot be read (${(error as Error).message}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SeedError(file, `is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new SeedError(file, 'must be a JSON array of objects.');
  return data.map((item, i) => {
    const result = v.safeParse(schema, item);
    if (!result.success) {
      const issue = result.issues[0];
      const field = issue ? v.getDotPath(issue) : null;
      throw new SeedError(file, `entry ${i + 1}${field ? ` (${field})` : ''}: ${issue?.message ?? 'is not valid.'}`);
    }
    return result.output;
  });
}

/** Parses one post file: front matter, then the Markdown body into validated content. */
export function parsePost(file: string, source: string): SeedPost {
  const slug = basename(file, '.md');
  if (!isSlug(slug)) {
    throw new SeedError(file, 'the file name is the slug: use lower-case words joined by hyphens.');
  }
  if (RESERVED_SLUGS.has(slug))
    throw new SeedError(file, `"${slug}" is a reserved address (an API route); rename the file.`);
  let front: ReturnType<typeof parseFrontMatter>;
  try {
    front = parseFrontMatter(source);
  } catch (error) {
    if (error instanceof FrontMatterError) throw new SeedError(file, error.message);
    throw error;
  }
  const { data, body } = front;
  const required = (key: string) => {
    const value = data[key]?.trim();
    if (!value) throw new SeedError(file, `front matter needs "${key}: …".`);
    return value;
  };
  const integer = (key: string, min: number) => {
    const raw = data[key]?.trim();
    if (raw === undefined || raw === '') return null;
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
      throw new SeedError(file, `"${key}" must be a whole number of at least ${min}, not "${raw}".`);
    }
    return Number(raw);
  };

  const daysAgo = integer('daysAgo', 0);
  if (daysAgo === null) throw new SeedError(file, 'front matter needs "daysAgo: <whole number>".');
  const series = data.series?.trim() || null;
  const part = integer('part', 1);
  if ((series === null) !== (part === null)) {
    throw new SeedError(file, 'give "series" and "part" together, or neither.');
  }
  const tags = required('tags')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (tags.length === 0) throw new SeedError(file, '"tags" needs at least one tag slug.');
  if (new Set(tags).size !== tags.length) throw new SeedError(file, '"tags" lists a tag twice.');

  const doc = markdownToDoc(body);
  const checked = validateDoc(doc);
  if (!checked.ok) {
    const problems = checked.problems.map((p) => `${p.path || 'document'}: ${p.message}`).join('; ');
    throw new SeedError(file, `the body does not convert to valid content: ${problems}`);
  }
  if (body.trim() === '') throw new SeedError(file, 'the post has no body.');

  return {
    file,
    slug,
    title: required('title'),
    author: required('author').toLowerCase(),
    tags,
    daysAgo,
    series,
    part,
    excerpt: data.excerpt?.trim() || null,
    doc: checked.doc,
  };
}
