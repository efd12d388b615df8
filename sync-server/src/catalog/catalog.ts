/**
 * The catalog service: the read side of published posts, authors, tags and series. It takes validated
 * input, asks the Store, ranks and pages, and throws AppErrors that say what the caller can do.
 * It knows nothing of HTTP.
 */
import type {
  Author,
  AuthorSummary,
  Page,
  PopularWindow,
  Post,
  PostSummary,
  Series,
  TagSummary,
} from '../../../shared/src/model/catalog.ts';
import type { DocNode } from '../../../shared/src/model/content.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import type { PostListQuery, Store } from '../storage/store.ts';
import { decodeCursor, toPage } from './cursor.ts';
import type { PopularCache } from './popular-cache.ts';
import { rankAuthors, rankPosts, rankTags, windowStart } from './popularity.ts';

export type PageRequest = { cursor?: string | undefined; limit: number };

export type Catalog = ReturnType<typeof createCatalog>;

export type CatalogDeps = {
  store: Store;
  now?: () => Date;
  /** Keeps popular lists for a short while; without one, every request computes them. */
  popular?: PopularCache;
};

const uncached: PopularCache = { get: (_key, compute) => compute(), invalidate: () => {} };

export function createCatalog({ store, now = () => new Date(), popular = uncached }: CatalogDeps) {
  const since = (window: PopularWindow, at: Date) => windowStart(window, at)?.toISOString() ?? null;

  async function page(
    filter: Omit<PostListQuery, 'after' | 'limit'>,
    request: PageRequest,
  ): Promise<Page<PostSummary>> {
    let after = null;
    if (request.cursor !== undefined && request.cursor !== '') {
      after = decodeCursor(request.cursor);
      if (!after) throw new BadRequestError('cursor is not valid. Drop it to start again from the first page.');
    }
    const rows = await store.listPosts({ ...filter, after, limit: request.limit + 1 });
    return toPage(rows, request.limit);
  }

  async function requireAuthor(id: string): Promise<Author> {
    const author = await store.getAuthor({ id });
    if (!author) throw new NotFoundError(`There is no author with id "${id}". Check the link or find them by handle.`);
    return author;
  }

  async function requireTag(slug: string): Promise<TagSummary> {
    const tag = await store.getTag(slug);
    if (!tag) throw new NotFoundError(`There is no tag "${slug}". See the popular tags for ones that exist.`);
    return tag;
  }

  return {
    latest(request: PageRequest): Promise<Page<PostSummary>> {
      return page({}, request);
    },

    /** Newest posts by the authors and tags `userId` follows. */
    followingFeed(userId: string, request: PageRequest): Promise<Page<PostSummary>> {
      return page({ followedBy: userId }, request);
    },

    popularPosts(window: PopularWindow, limit: number): Promise<{ items: PostSummary[] }> {
      return popular.get(`posts:${window}:${limit}`, async () => {
        const at = now();
        const start = since(window, at);
        // Every post in the window is scored; fine at a community blog's size (thousands), revisit with
        // a precomputed score column if windows ever hold far more.
        const candidates = await store.listPosts(start === null ? {} : { publishedSince: start });
        return { items: rankPosts(candidates, window, at, limit) };
      });
    },

    async postBySlug(slug: string): Promise<Post> {
      const stored = await store.getPostBySlug(slug);
      if (!stored) throw new NotFoundError(`There is no post at "${slug}". It may have been renamed or removed.`);
      const { summary } = stored;
      const [author, seriesDetail] = await Promise.all([
        store.getAuthor({ id: summary.author.id }),
        summary.series ? store.getSeries({ id: summary.series.id }) : Promise.resolve(null),
      ]);
      if (!author) throw new Error(`Post ${summary.id} refers to missing author ${summary.author.id}.`);
      return {
        ...summary,
        author: toAuthorSummary(author),
        content: JSON.parse(stored.contentJson) as DocNode,
        seriesDetail,
      };
    },

    tag: requireTag,

    async tagPosts(slug: string, request: PageRequest): Promise<Page<PostSummary>> {
      await requireTag(slug);
      return page({ tagSlug: slug }, request);
    },

    popularTags(window: PopularWindow, limit: number): Promise<{ items: TagSummary[] }> {
      return popular.get(`tags:${window}:${limit}`, async () => ({
        items: rankTags(await store.listTagActivity(since(window, now())), limit),
      }));
    },

    popularAuthors(window: PopularWindow, limit: number): Promise<{ items: AuthorSummary[] }> {
      return popular.get(`authors:${window}:${limit}`, async () => ({
        items: rankAuthors(await store.listAuthorActivity(since(window, now())), limit),
      }));
    },

    async authorByHandle(handle: string): Promise<Author> {
      const author = await store.getAuthor({ handle });
      if (!author) throw new NotFoundError(`There is no author @${handle}. Check the spelling of the handle.`);
      return author;
    },

    authorById: requireAuthor,

    async authorPosts(id: string, request: PageRequest): Promise<Page<PostSummary>> {
      await requireAuthor(id);
      return page({ authorId: id }, request);
    },

    async series(slug: string): Promise<Series> {
      const series = await store.getSeries({ slug });
      if (!series) throw new NotFoundError(`There is no series "${slug}". It may have been renamed or removed.`);
      return series;
    },
  };
}

function toAuthorSummary(author: Author): AuthorSummary {
  const { id, handle, displayName, headline, joinedAt, followerCount, postCount } = author;
  return { id, handle, displayName, headline, joinedAt, followerCount, postCount };
}
