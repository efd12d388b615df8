/**
 * Turns the demo content into a catalog import: ids, dates, excerpts and reading times, plus generated
 * follows, reactions and comments so counts and rankings look like a living community.
 *
 * Pure and deterministic: the same content and `now` always give the same catalog (seeded PRNG keyed per
 * decision, ids derived from handles and slugs). Cross-references are checked here and reported as
 * SeedErrors naming the file to fix.
 */
import { deriveExcerpt, EXCERPT_MAX_CHARS, readingMinutes, truncateAtWord } from '../../../shared/src/model/reading.ts';
import { imageSources } from '../catalog/images.ts';
import type {
  CatalogImport,
  CommentRecord,
  FollowRecord,
  PostRecord,
  ReactionKind,
  ReactionRecord,
  SeriesRecord,
  TagFollowRecord,
  UserRecord,
} from '../storage/store.ts';
import { COMMENT_TEXTS, REPLY_TEXTS } from './comments.ts';
import { seedId } from './ids.ts';
import { hashString, type Random, randomFrom } from './prng.ts';
import { SeedError, type SeedSource } from './read-seed.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How likely each other author is to leave each kind of reaction, scaled by the post's appeal. */
const REACTION_WEIGHTS: Record<ReactionKind, number> = { like: 1, insightful: 0.55, bookmark: 0.4 };

export function buildSeedCatalog(source: SeedSource, now: Date): CatalogImport {
  const nowMs = now.getTime();
  const users = buildUsers(source);
  const userIdByHandle = new Map(users.map((u) => [u.handle, u.id]));
  const tagSlugs = new Set(source.tags.map((t) => t.slug));
  assertUnique(
    source.tags.map((t) => t.slug),
    'tags.json',
    'tag slug',
  );

  const series: SeriesRecord[] = source.series.map((s) => {
    const authorId = userIdByHandle.get(s.author.toLowerCase());
    if (!authorId) throw new SeedError('series.json', `series "${s.slug}" names unknown author "${s.author}".`);
    return { id: seedId('s', s.slug), slug: s.slug, title: s.title, description: s.description, authorId };
  });
  assertUnique(
    series.map((s) => s.slug),
    'series.json',
    'series slug',
  );
  const seriesIdBySlug = new Map(series.map((s) => [s.slug, s.id]));

  const seriesParts = new Set<string>();
  const posts: PostRecord[] = source.posts.map((post) => {
    const authorId = userIdByHandle.get(post.author);
    if (!authorId) throw new SeedError(post.file, `author "${post.author}" is not in authors.json.`);
    const unknownTag = post.tags.find((tag) => !tagSlugs.has(tag));
    if (unknownTag)
      throw new SeedError(post.file, `tag "${unknownTag}" is not in tags.json; add it there or fix the name.`);
    let seriesId: string | null = null;
    if (post.series !== null) {
      seriesId = seriesIdBySlug.get(post.series) ?? null;
      if (!seriesId) throw new SeedError(post.file, `series "${post.series}" is not in series.json.`);
      const key = `${post.series}#${post.part}`;
      if (seriesParts.has(key))
        throw new SeedError(post.file, `another post is already part ${post.part} of "${post.series}".`);
      seriesParts.add(key);
    }
    // A deterministic time of day, so posts from the same day do not share a timestamp.
    const offsetMs =
      (1 + (hashString(`hour:${post.slug}`) % 10)) * HOUR_MS + (hashString(`min:${post.slug}`) % 60) * 60_000;
    const publishedAt = new Date(nowMs - post.daysAgo * DAY_MS - offsetMs).toISOString();
    return {
      id: seedId('p', post.slug),
      slug: post.slug,
      title: post.title,
      excerpt: post.excerpt ? truncateAtWord(post.excerpt, EXCERPT_MAX_CHARS) : deriveExcerpt(post.doc),
      authorId,
      seriesId,
      seriesPart: post.part,
      tags: post.tags,
      contentJson: JSON.stringify(post.doc),
      images: imageSources(post.doc),
      readingMinutes: readingMinutes(post.doc),
      publishedAt,
      updatedAt: publishedAt,
    };
  });
  assertUnique(
    posts.map((p) => p.slug),
    'posts/',
    'post slug',
  );

  return {
    users,
    tags: source.tags.map((t) => ({ slug: t.slug, name: t.name, description: t.description })),
    series,
    posts,
    follows: generateFollows(users, nowMs),
    tagFollows: generateTagFollows(users, posts, [...tagSlugs].sort(), nowMs),
    reactions: generateReactions(users, posts, nowMs),
    comments: generateComments(users, posts, nowMs),
  };
}

function buildUsers(source: SeedSource): UserRecord[] {
  const users = source.authors.map((a) => ({
    id: seedId('u', a.handle),
    handle: a.handle,
    displayName: a.displayName,
    headline: a.headline,
    bio: a.bio,
    website: a.website,
    github: a.github,
    supportUrl: a.supportUrl,
    location: a.location,
    joinedAt: new Date(a.joinedAt).toISOString(),
  }));
  assertUnique(
    users.map((u) => u.handle),
    'authors.json',
    'handle',
  );
  return users;
}

function assertUnique(values: readonly string[], file: string, what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new SeedError(file, `${what} "${value}" appears twice.`);
    seen.add(value);
  }
}

/** A moment between `fromMs` and `toMs` (never after `toMs`). */
const between = (random: Random, fromMs: number, toMs: number) =>
  new Date(Math.min(toMs, fromMs + random.next() * Math.max(0, toMs - fromMs))).toISOString();

function generateFollows(users: readonly UserRecord[], nowMs: number): FollowRecord[] {
  const follows: FollowRecord[] = [];
  for (const author of users) {
    // Some authors draw a bigger audience than others, which is what makes "popular authors" mean something.
    const appeal = 0.25 + 0.65 * randomFrom(`appeal:${author.handle}`).next();
    for (const follower of users) {
      if (follower.id === author.id) continue;
      const random = randomFrom(`follow:${follower.handle}->${author.handle}`);
      if (!random.chance(appeal)) continue;
      const since = Math.max(Date.parse(author.joinedAt), Date.parse(follower.joinedAt));
      follows.push({ followerId: follower.id, authorId: author.id, createdAt: between(random, since, nowMs) });
    }
  }
  return follows;
}

function generateTagFollows(
  users: readonly UserRecord[],
  posts: readonly PostRecord[],
  tagSlugs: readonly string[],
  nowMs: number,
): TagFollowRecord[] {
  const follows: TagFollowRecord[] = [];
  for (const user of users) {
    // People follow what they write about more often than what they do not.
    const writesAbout = new Set(posts.filter((p) => p.authorId === user.id).flatMap((p) => p.tags));
    for (const tagSlug of tagSlugs) {
      const random = randomFrom(`tag-follow:${user.handle}->${tagSlug}`);
      if (!random.chance(writesAbout.has(tagSlug) ? 0.7 : 0.25)) continue;
      follows.push({ userId: user.id, tagSlug, createdAt: between(random, Date.parse(user.joinedAt), nowMs) });
    }
  }
  return follows;
}

function postAppeal(post: PostRecord): number {
  return 0.2 + 0.7 * randomFrom(`post-appeal:${post.slug}`).next();
}

function generateReactions(
  users: readonly UserRecord[],
  posts: readonly PostRecord[],
  nowMs: number,
): ReactionRecord[] {
  const reactions: ReactionRecord[] = [];
  for (const post of posts) {
    const appeal = postAppeal(post);
    const publishedMs = Date.parse(post.publishedAt);
    // Most reactions arrive in the first days after publishing.
    const until = Math.min(nowMs, publishedMs + 10 * DAY_MS);
    for (const user of users) {
      if (user.id === post.authorId) continue;
      for (const kind of Object.keys(REACTION_WEIGHTS) as ReactionKind[]) {
        const random = randomFrom(`reaction:${post.slug}:${user.handle}:${kind}`);
        if (!random.chance(appeal * REACTION_WEIGHTS[kind])) continue;
        reactions.push({ postId: post.id, userId: user.id, kind, createdAt: between(random, publishedMs, until) });
      }
    }
  }
  return reactions;
}

function generateComments(users: readonly UserRecord[], posts: readonly PostRecord[], nowMs: number): CommentRecord[] {
  const comments: CommentRecord[] = [];
  for (const post of posts) {
    const random = randomFrom(`comments:${post.slug}`);
    const publishedMs = Date.parse(post.publishedAt);
    const count = Math.min(3, Math.floor(postAppeal(post) * 4 * random.next() + 0.35));
    const commenters = random.shuffle(users.filter((u) => u.id !== post.authorId)).slice(0, count);
    const texts = random.shuffle(COMMENT_TEXTS);
    let lastMs = publishedMs;
    commenters.forEach((user, i) => {
      const createdAt = between(random, lastMs, Math.min(nowMs, lastMs + 3 * DAY_MS));
      lastMs = Date.parse(createdAt);
      comments.push({
        id: seedId('c', `${post.slug}:${i}`),
        postId: post.id,
        userId: user.id,
        body: texts[i % texts.length] ?? '',
        createdAt,
      });
    });
    if (commenters.length > 0 && random.chance(0.35)) {
      // The author answers the latest comment, as a reply under it.
      comments.push({
        id: seedId('c', `${post.slug}:reply`),
        postId: post.id,
        userId: post.authorId,
        parentId: comments.at(-1)?.id ?? null,
        body: REPLY_TEXTS[random.int(0, REPLY_TEXTS.length - 1)] ?? '',
        createdAt: between(random, lastMs, Math.min(nowMs, lastMs + DAY_MS)),
      });
    }
  }
  return comments;
}
