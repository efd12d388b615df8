/**
 * The published catalog as the JSON API serves it and the client caches it in IndexedDB.
 * Dates are ISO-8601 strings; ids are opaque strings.
 */
import type { DocNode } from './content.ts';

export const HANDLE_PATTERN = /^[a-z0-9_-]{3,30}$/;

/** Enough of an author to show a byline. */
export type AuthorRef = {
  id: string;
  handle: string;
  displayName: string;
  /** Site path of an uploaded avatar; absent or null: the initials are shown. */
  avatarUrl?: string | null;
};

export type AuthorSummary = AuthorRef & {
  headline: string;
  joinedAt: string;
  followerCount: number;
  postCount: number;
};

export type Author = AuthorSummary & {
  website: string | null;
  github: string | null;
  supportUrl: string | null;
  location: string | null;
  bio: string;
  followingCount: number;
  commentCount: number;
};

export type SeriesRef = { id: string; slug: string; title: string; part: number; partCount: number };

export type PostSummary = {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  author: AuthorRef;
  tags: string[];
  publishedAt: string;
  updatedAt: string;
  readingMinutes: number;
  reactionCount: number;
  commentCount: number;
  series: SeriesRef | null;
  /** Absolute site paths of the images the post shows, so "make available offline" can fetch them. */
  images: string[];
};

export type SeriesPart = { part: number; slug: string; title: string; publishedAt: string };
export type Series = {
  id: string;
  slug: string;
  title: string;
  description: string;
  author: AuthorRef;
  parts: SeriesPart[];
};

export type Post = PostSummary & { content: DocNode; seriesDetail: Series | null; author: AuthorSummary };

export type TagSummary = { slug: string; name: string; description: string; postCount: number; followerCount: number };

export type Page<T> = { items: T[]; nextCursor: string | null };

export const POPULAR_WINDOWS = ['week', 'month', 'all'] as const;
export type PopularWindow = (typeof POPULAR_WINDOWS)[number];

/** The body of every error response. `error` is a stable code; `message` tells the reader what to do. */
export type ApiError = { error: string; message: string };
