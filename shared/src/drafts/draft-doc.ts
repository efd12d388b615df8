/**
 * How a draft lives in its Yjs document (`draft:<id>`), shared by the editor, the server's publish step
 * and export. Every field is a top-level shared type, so two co-authors who create a field while offline
 * never overwrite each other's copy (nested types set on a map would: the later one wins whole).
 * - `body`: the post body, a Y.XmlFragment bound to Tiptap by the Collaboration extension (y-tiptap's layout).
 * - `title`, `excerpt`: Y.Text, edited character by character together. An empty excerpt means "derive it".
 * - `tags`: Y.Array<string> of tag slugs, in order.
 * - `meta`: Y.Map of scalars where the last writer wins: series title, part number, cover image URL.
 * - `writers`: Y.Map from a Yjs client id to the display name of whoever edited through it, so the editor
 *   can say whose changes merged after a reconnect. Not published.
 */
import type * as Y from 'yjs';

export const DRAFT_FIELDS = {
  body: 'body',
  title: 'title',
  excerpt: 'excerpt',
  tags: 'tags',
  meta: 'meta',
  writers: 'writers',
} as const;

export type DraftMeta = {
  /** The series this post belongs to, by title ("" or absent: none). Publishing finds or creates it. */
  series?: string;
  /** 1-based part number within the series. */
  part?: number;
  /** Site path or http(s) URL of the cover image; `local:<id>` while it waits on this device to upload. */
  cover?: string;
};

export const DRAFT_LIMITS = {
  titleMax: 150,
  excerptMax: 300,
  tagsMax: 4,
  seriesTitleMax: 120,
  partMax: 100,
} as const;

export type DraftFields = {
  body: Y.XmlFragment;
  title: Y.Text;
  excerpt: Y.Text;
  tags: Y.Array<string>;
  meta: Y.Map<unknown>;
};

export function draftFields(doc: Y.Doc): DraftFields {
  return {
    body: doc.getXmlFragment(DRAFT_FIELDS.body),
    title: doc.getText(DRAFT_FIELDS.title),
    excerpt: doc.getText(DRAFT_FIELDS.excerpt),
    tags: doc.getArray<string>(DRAFT_FIELDS.tags),
    meta: doc.getMap<unknown>(DRAFT_FIELDS.meta),
  };
}

/** Reads `meta` defensively: a co-author's client may have written anything there. */
export function readDraftMeta(meta: Y.Map<unknown>): DraftMeta {
  const out: DraftMeta = {};
  const series = meta.get('series');
  if (typeof series === 'string' && series.trim()) out.series = series.trim().slice(0, DRAFT_LIMITS.seriesTitleMax);
  const part = meta.get('part');
  if (typeof part === 'number' && Number.isInteger(part) && part >= 1 && part <= DRAFT_LIMITS.partMax) out.part = part;
  const cover = meta.get('cover');
  if (typeof cover === 'string' && cover) out.cover = cover;
  return out;
}

/** Images waiting on the device to upload carry this scheme until the uploader swaps in the server URL. */
export const LOCAL_IMAGE_SCHEME = 'local:';
