/**
 * "Export everything" as one zip (pure: the route gathers, this writes):
 * - `posts/<slug>.md`: each published post, front matter and Markdown body;
 * - `drafts/<title-slug>-<id>.md`: each draft the user owns or co-writes, from its Yjs state;
 * - `follows.json`: who and what they follow, as GET /api/me/follows answers;
 * - `reading-list.json`: their "Read later" list, as their user document holds it.
 * Every Markdown file reads back into a draft through import (import-files.ts + markdownToDraftUpdate).
 */
import { strToU8, type Zippable, zipSync } from 'fflate';
import * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { type DraftDates, draftToMarkdown } from '../../../shared/src/drafts/draft-markdown.ts';
import { docToMarkdown } from '../../../shared/src/editor-schema/doc-to-markdown.ts';
import { writePostFrontMatter } from '../../../shared/src/editor-schema/post-front-matter.ts';
import type { MyFollows } from '../../../shared/src/model/accounts.ts';
import type { DocNode } from '../../../shared/src/model/content.ts';
import type { ReadingItem } from '../../../shared/src/model/reading-list.ts';
import { slugify } from '../../../shared/src/model/slug.ts';

export type ExportPost = {
  slug: string;
  title: string;
  tags: string[];
  excerpt: string;
  series: { title: string; part: number } | null;
  publishedAt: string;
  updatedAt: string;
  content: DocNode;
};

export type ExportDraft = {
  id: string;
  /** Y.encodeStateAsUpdate of the draft document. */
  state: Uint8Array;
  dates?: DraftDates;
};

export type ExportInput = {
  posts: readonly ExportPost[];
  drafts: readonly ExportDraft[];
  follows: MyFollows;
  readingList: readonly ReadingItem[];
  /** The files' modification time. */
  exportedAt: Date;
};

export function buildExportArchive(input: ExportInput): Uint8Array {
  const files: Zippable = {};
  const add = (path: string, text: string) => {
    files[path] = [strToU8(text), { mtime: input.exportedAt }];
  };
  for (const post of input.posts) add(`posts/${post.slug}.md`, postMarkdown(post));
  for (const draft of input.drafts) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, draft.state);
    add(draftPath(draft.id, draftFields(doc).title.toString()), draftToMarkdown(doc, draft.dates));
    doc.destroy();
  }
  add('follows.json', `${JSON.stringify(input.follows, null, 2)}\n`);
  add('reading-list.json', `${JSON.stringify(input.readingList, null, 2)}\n`);
  return zipSync(files, { level: 6 });
}

export function postMarkdown(post: ExportPost): string {
  const front = writePostFrontMatter({
    title: post.title,
    slug: post.slug,
    tags: post.tags,
    ...(post.series ? { series: post.series.title, part: post.series.part } : {}),
    ...(post.excerpt ? { excerpt: post.excerpt } : {}),
    published: post.publishedAt,
    updated: post.updatedAt,
  });
  return `${front}\n${docToMarkdown(post.content)}`;
}

/** The id keeps two drafts with one title apart; the title makes the file findable. */
export function draftPath(id: string, title: string): string {
  const name = slugify(title).slice(0, 60).replace(/-+$/, '') || 'untitled';
  return `drafts/${name}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}.md`;
}
