/**
 * Export and import of a user's writing (issue 6): gathers what the export zip holds (published posts,
 * drafts owned or co-written as an editor, follows, reading list), and turns an
 * uploaded zip or Markdown file into new drafts. Knows nothing of HTTP; routes hand it the signed-in
 * user and the upload.
 *
 * An import is all or nothing up to the first draft made: every file is read and converted before any
 * draft is created, so a bad file refuses the whole upload and the message names it. With an op id
 * (Idempotency-Key), the drafts' ids are derived from it, so a retried upload makes no second copies.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { MarkdownImportError, markdownToDraftUpdate } from '../../../shared/src/drafts/draft-markdown.ts';
import type { DraftSummary } from '../../../shared/src/drafts/drafts-api.ts';
import { FrontMatterError } from '../../../shared/src/editor-schema/front-matter.ts';
import type { DocNode } from '../../../shared/src/model/content.ts';
import { readingItems, readingListMap } from '../../../shared/src/model/reading-list.ts';
import { userDocName } from '../../../shared/src/protocol/doc-name.ts';
import { newId } from '../drafts/draft-access.ts';
import type { DraftStates } from '../drafts/draft-state.ts';
import type { Drafts } from '../drafts/drafts.ts';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import type { Follows } from '../follows/follows.ts';
import type { PostCursor, Store } from '../storage/store.ts';
import { buildExportArchive, type ExportDraft, type ExportPost } from './export-archive.ts';
import { type ImportLimits, ImportRefused, readImportFiles } from './import-files.ts';

export type WritingArchiveDeps = {
  store: Pick<Store, 'listPosts' | 'getPostBySlug'>;
  drafts: Pick<Drafts, 'list' | 'createWithState'>;
  states: Pick<DraftStates, 'load' | 'loadDoc'>;
  follows: Pick<Follows, 'mine'>;
  importLimits?: Readonly<ImportLimits>;
  now?: () => Date;
};

export type WritingArchive = ReturnType<typeof createWritingArchive>;

const POST_PAGE = 100;

export function createWritingArchive(deps: WritingArchiveDeps) {
  const now = deps.now ?? (() => new Date());

  async function publishedPosts(userId: string): Promise<ExportPost[]> {
    const posts: ExportPost[] = [];
    let after: PostCursor | null = null;
    for (;;) {
      const page = await deps.store.listPosts({ authorId: userId, limit: POST_PAGE, after });
      for (const summary of page) {
        const stored = await deps.store.getPostBySlug(summary.slug);
        if (!stored) continue; // unpublished between the two reads
        posts.push({
          slug: summary.slug,
          title: summary.title,
          tags: summary.tags,
          excerpt: summary.excerpt,
          series: summary.series ? { title: summary.series.title, part: summary.series.part } : null,
          publishedAt: summary.publishedAt,
          updatedAt: summary.updatedAt,
          content: JSON.parse(stored.contentJson) as DocNode,
        });
      }
      const last = page.at(-1);
      if (page.length < POST_PAGE || !last) return posts;
      after = { publishedAt: last.publishedAt, id: last.id };
    }
  }

  async function drafts(userId: string): Promise<ExportDraft[]> {
    const { items } = await deps.drafts.list(userId);
    // Your writing: drafts you own or co-write; one you were only invited to read is someone else's.
    return Promise.all(
      items
        .filter((draft) => draft.role !== 'viewer')
        .map(async (draft) => ({
          id: draft.id,
          state: await deps.states.load(draft.id),
          dates: {
            created: draft.createdAt,
            updated: draft.updatedAt,
            ...(draft.published ? { published: draft.published.publishedAt } : {}),
          },
        })),
    );
  }

  async function readingList(userId: string) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await deps.states.loadDoc(userDocName(userId)));
    const items = readingItems(readingListMap(doc));
    doc.destroy();
    return items;
  }

  return {
    /** The export zip: published posts, drafts owned or co-written, follows, reading list. */
    async exportFor(userId: string): Promise<Uint8Array> {
      const [posts, draftFiles, follows, list] = await Promise.all([
        publishedPosts(userId),
        drafts(userId),
        deps.follows.mine(userId),
        readingList(userId),
      ]);
      return buildExportArchive({ posts, drafts: draftFiles, follows, readingList: list, exportedAt: now() });
    },

    /**
     * New drafts, owned by the user, from a zip of Markdown files or one Markdown file (`name` is its
     * file name). Returns them in the order of the files.
     */
    async importFor(
      userId: string,
      upload: Uint8Array,
      { name, opId }: { name?: string | undefined; opId?: string | undefined } = {},
    ): Promise<DraftSummary[]> {
      const files = readUpload(upload, name, deps.importLimits);
      const prepared = files.map((file) => convert(file.name, file.markdown));
      const created: DraftSummary[] = [];
      for (const [index, draft] of prepared.entries()) {
        const id = opId ? derivedDraftId(userId, opId, index) : newId('d');
        created.push(await deps.drafts.createWithState({ id, ownerId: userId, state: draft.update }));
      }
      return created;
    },
  };
}

function readUpload(upload: Uint8Array, name: string | undefined, limits: Readonly<ImportLimits> | undefined) {
  try {
    return readImportFiles(upload, { ...(name ? { name } : {}), ...(limits ? { limits } : {}) });
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    if (error.reason === 'unsupported') throw new UnsupportedMediaTypeError(error.message);
    if (error.reason === 'too-large') throw new PayloadTooLargeError(error.message);
    throw new BadRequestError(error.message);
  }
}

/** The file name without its extension titles a file that names no title itself. */
function convert(fileName: string, markdown: string) {
  try {
    return markdownToDraftUpdate(markdown, { fallbackTitle: fileName.replace(/\.(md|markdown)$/i, '') });
  } catch (error) {
    if (error instanceof FrontMatterError) {
      throw new BadRequestError(`${fileName}: ${error.message} Fix the front matter and import again.`);
    }
    if (error instanceof MarkdownImportError) throw new PayloadTooLargeError(`${fileName}: ${error.message}`);
    throw error;
  }
}

/** The same upload retried with the same op id makes the same ids, which createWithState takes once. */
function derivedDraftId(userId: string, opId: string, index: number): string {
  return `d_${createHash('sha256').update(`${userId}\n${opId}\n${index}`).digest('base64url').slice(0, 22)}`;
}
