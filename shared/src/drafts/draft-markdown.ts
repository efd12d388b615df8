/**
 * A draft as a Markdown file and back: front matter (title, tags, series, part, excerpt, cover, dates)
 * and the body, for "Export as Markdown" and for importing files as new drafts.
 *
 * Out: the Yjs body is read as editor JSON (y-tiptap), turned into reader content (editorJsonToDoc,
 * which drops what the content schema does not allow) and written by docToMarkdown.
 * In: front matter and Markdown become reader content (markdownToDoc), then editor JSON, then a fresh Yjs
 * document laid out as draft-doc.ts says. The result is one update: applying it to an empty document
 * gives the draft.
 *
 * Kept out of index.ts: it loads Tiptap, which only the editor and the server need.
 */
import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { Node } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { docToMarkdown } from '../editor-schema/doc-to-markdown.ts';
import { parseFrontMatter } from '../editor-schema/front-matter.ts';
import { markdownToDoc } from '../editor-schema/markdown-to-doc.ts';
import { type PostFrontMatter, readPostFrontMatter, writePostFrontMatter } from '../editor-schema/post-front-matter.ts';
import { type DocNode, isSafeUrl, plainText, validateDoc } from '../model/content.ts';
import { docToEditorJson } from './doc-to-editor-json.ts';
import { DRAFT_LIMITS, draftFields, LOCAL_IMAGE_SCHEME, readDraftMeta } from './draft-doc.ts';
import { editorSchemaExtensions } from './editor-extensions.ts';
import { editorJsonToDoc } from './editor-json-to-doc.ts';

/** Dates the draft document does not hold itself (the server's record has them). */
export type DraftDates = Pick<PostFrontMatter, 'created' | 'updated' | 'published'>;

export function draftToMarkdown(doc: Y.Doc, dates: DraftDates = {}): string {
  const fields = draftFields(doc);
  const meta = readDraftMeta(fields.meta);
  const front = writePostFrontMatter({
    title: fields.title.toString().trim(),
    tags: fields.tags.toArray().filter((tag): tag is string => typeof tag === 'string'),
    ...(meta.series ? { series: meta.series } : {}),
    ...(meta.part ? { part: meta.part } : {}),
    ...(fields.excerpt.length ? { excerpt: fields.excerpt.toString() } : {}),
    // An image still on one device has no address anyone else could use.
    ...(meta.cover && !meta.cover.startsWith(LOCAL_IMAGE_SCHEME) ? { cover: meta.cover } : {}),
    ...dates,
  });
  const body = docToMarkdown(draftBodyDoc(doc));
  return front && body ? `${front}\n${body}` : front + body;
}

/** The draft's body as reader content; what the content schema does not allow is left out. */
export function draftBodyDoc(doc: Y.Doc): DocNode {
  return editorJsonToDoc(yXmlFragmentToProsemirrorJSON(draftFields(doc).body)).doc;
}

export type ImportedDraft = {
  /** Y.encodeStateAsUpdate of the new draft document. */
  update: Uint8Array;
  title: string;
  /** What the file said that could not be used; the draft was made without it. */
  problems: string[];
};

/** The Markdown cannot become a draft (it is too large for a post); the message says what to do. */
export class MarkdownImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarkdownImportError';
  }
}

/**
 * A new draft from a Markdown file. The title is the front matter's `title`, else a leading `# Heading`
 * (taken out of the body), else `fallbackTitle` (e.g. the file name). Values over the draft limits are
 * cut to fit and named in `problems`. Throws FrontMatterError for a malformed front-matter block and
 * MarkdownImportError for a body over the content limits.
 */
export function markdownToDraftUpdate(markdown: string, { fallbackTitle = '' } = {}): ImportedDraft {
  const { data, body } = parseFrontMatter(markdown);
  const { meta, problems } = readPostFrontMatter(data);
  const heading = meta.title ? null : leadingTitle(body);
  const content = markdownToDoc(heading ? heading.rest : body);
  const checked = validateDoc(content);
  if (!checked.ok) {
    throw new MarkdownImportError(
      `The text is too large for one post (${checked.problems.map((p) => p.message).join(' ')}) Split it into parts.`,
    );
  }
  const doc = new Y.Doc();
  const title = cutToFit(
    meta.title || heading?.title || fallbackTitle.trim(),
    DRAFT_LIMITS.titleMax,
    'title',
    problems,
  );
  doc.transact(() => fill(doc, checked.doc, { ...meta, title }, problems));
  return { update: Y.encodeStateAsUpdate(doc), title, problems };
}

function fill(doc: Y.Doc, content: DocNode, meta: PostFrontMatter, problems: string[]): void {
  const fields = draftFields(doc);
  const node = Node.fromJSON(editorSchema(), docToEditorJson(content));
  node.check();
  prosemirrorToYXmlFragment(node, fields.body);
  fields.title.insert(0, meta.title);
  if (meta.excerpt) fields.excerpt.insert(0, cutToFit(meta.excerpt, DRAFT_LIMITS.excerptMax, 'excerpt', problems));
  if (meta.tags.length > DRAFT_LIMITS.tagsMax) {
    problems.push(`A post takes up to ${DRAFT_LIMITS.tagsMax} tags; only the first ${DRAFT_LIMITS.tagsMax} were kept.`);
  }
  fields.tags.push(meta.tags.slice(0, DRAFT_LIMITS.tagsMax));
  if (meta.series) fields.meta.set('series', cutToFit(meta.series, DRAFT_LIMITS.seriesTitleMax, 'series', problems));
  if (meta.part !== undefined) {
    if (meta.part <= DRAFT_LIMITS.partMax) fields.meta.set('part', meta.part);
    else problems.push(`"part" goes up to ${DRAFT_LIMITS.partMax}; it was left out.`);
  }
  if (meta.cover) {
    if (isSafeUrl(meta.cover)) fields.meta.set('cover', meta.cover);
    else problems.push('"cover" must be an http(s) address or a site path; it was left out.');
  }
}

function cutToFit(value: string, max: number, what: string, problems: string[]): string {
  if (value.length <= max) return value;
  problems.push(`The ${what} was cut to ${max} characters.`);
  return value.slice(0, max);
}

/** A file that starts with `# Title` names itself: the heading is the title, not part of the body. */
function leadingTitle(body: string): { title: string; rest: string } | null {
  const match = /^\s*# +(.+?)(?: +#+)? *(?:\n|$)/.exec(body);
  if (!match?.[1]) return null;
  const [heading] = markdownToDoc(`# ${match[1]}`).content;
  return { title: heading ? plainText(heading).trim() : '', rest: body.slice(match[0].length) };
}

let schema: Schema | null = null;
const editorSchema = (): Schema => {
  schema ??= getSchema(editorSchemaExtensions());
  return schema;
};
