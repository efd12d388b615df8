/**
 * What a draft's Yjs state publishes as: the body through y-tiptap's JSON → editorJsonToDoc (strips what
 * the schema does not allow and names it) → validateDoc; the title, excerpt, tags, series and cover from
 * their fields (shared/src/drafts/draft-doc.ts). Nothing a co-author's client wrote is trusted, and no
 * HTML is ever read or kept. Pure apart from decoding the state.
 */
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DRAFT_LIMITS, draftFields, LOCAL_IMAGE_SCHEME, readDraftMeta } from '../../../shared/src/drafts/draft-doc.ts';
import { editorJsonToDoc } from '../../../shared/src/drafts/editor-json-to-doc.ts';
import { type ContentProblem, type DocNode, isSafeUrl, validateDoc } from '../../../shared/src/model/content.ts';
import { deriveExcerpt, readingMinutes, truncateAtWord } from '../../../shared/src/model/reading.ts';
import { slugify } from '../../../shared/src/model/slug.ts';
import { imageSources } from '../catalog/images.ts';

export type DraftContent = {
  title: string;
  excerpt: string;
  doc: DocNode;
  /** Slugs in order, without repeats, with a display name for tags that do not exist yet. */
  tags: { slug: string; name: string }[];
  series: string | null;
  part: number | null;
  cover: string | null;
  /** The cover first, then the body's images: what a reader saving the post for offline fetches. */
  images: string[];
  readingMinutes: number;
  stripped: string[];
};

export type DraftReading = { ok: true; content: DraftContent } | { ok: false; problems: ContentProblem[] };

/** The title as the draft's document holds it now (the "My drafts" cache). */
export function draftTitle(state: Uint8Array): string {
  return withDoc(state, (doc) => draftFields(doc).title.toString().trim().slice(0, DRAFT_LIMITS.titleMax));
}

export function readDraftContent(state: Uint8Array): DraftReading {
  return withDoc(state, (doc) => {
    const fields = draftFields(doc);
    const problems: ContentProblem[] = [];
    const converted = editorJsonToDoc(yXmlFragmentToProsemirrorJSON(fields.body));
    problems.push(...converted.problems);
    const checked = validateDoc(converted.doc);
    if (!checked.ok) problems.push(...checked.problems.map((p) => ({ ...p, path: `body.${p.path}` })));

    const title = fields.title.toString().replace(/\s+/g, ' ').trim();
    if (!title) problems.push({ path: 'title', message: 'Give the post a title before publishing it.' });
    if (title.length > DRAFT_LIMITS.titleMax) {
      problems.push({ path: 'title', message: `Shorten the title to ${DRAFT_LIMITS.titleMax} characters or fewer.` });
    }
    const ownExcerpt = fields.excerpt.toString().replace(/\s+/g, ' ').trim();
    if (ownExcerpt.length > DRAFT_LIMITS.excerptMax) {
      problems.push({
        path: 'excerpt',
        message: `Shorten the excerpt to ${DRAFT_LIMITS.excerptMax} characters or fewer.`,
      });
    }
    const tags = readTags(fields.tags.toArray(), problems);
    const meta = readDraftMeta(fields.meta);
    const cover = meta.cover ?? null;
    if (cover?.startsWith(LOCAL_IMAGE_SCHEME)) {
      problems.push({
        path: 'cover',
        message: 'The cover image has not finished uploading: go online, wait, then publish again.',
      });
    } else if (cover !== null && !isSafeUrl(cover)) {
      problems.push({ path: 'cover', message: 'The cover image must be an uploaded image or an http(s) address.' });
    }
    if (problems.length > 0 || !checked.ok) return { ok: false, problems };

    const body = checked.doc;
    return {
      ok: true,
      content: {
        title,
        excerpt: ownExcerpt ? truncateAtWord(ownExcerpt, DRAFT_LIMITS.excerptMax) : deriveExcerpt(body),
        doc: body,
        tags,
        series: meta.series ?? null,
        part: meta.series ? (meta.part ?? null) : null,
        cover,
        images: [...new Set([...(cover ? [cover] : []), ...imageSources(body)])],
        readingMinutes: readingMinutes(body),
        stripped: converted.stripped,
      },
    };
  });
}

function readTags(values: unknown[], problems: ContentProblem[]): DraftContent['tags'] {
  const tags = new Map<string, string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const slug = slugify(value);
    if (slug && !tags.has(slug)) tags.set(slug, tagName(value, slug));
  }
  if (tags.size > DRAFT_LIMITS.tagsMax) {
    problems.push({
      path: 'tags',
      message: `A post has at most ${DRAFT_LIMITS.tagsMax} tags; remove ${tags.size - DRAFT_LIMITS.tagsMax}.`,
    });
  }
  return [...tags].map(([slug, name]) => ({ slug, name }));
}

/** A new tag's name: as typed, or from its slug ("flow-control" → "Flow control"). */
function tagName(typed: string, slug: string): string {
  const name = typed.trim() === slug ? slug.replace(/-/g, ' ') : typed.trim().replace(/\s+/g, ' ');
  return (name.charAt(0).toUpperCase() + name.slice(1)).slice(0, 60);
}

function withDoc<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return read(doc);
  } finally {
    doc.destroy();
  }
}
