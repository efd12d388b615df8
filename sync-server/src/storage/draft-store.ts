/**
 * The Store's drafts half: who owns which draft (its content is the Yjs document `draft:<id>` in the
 * DocStore), the post a draft was published as with its revisions, and named versions. Same rules as
 * store.ts: async, plain records, shared shapes where they match one.
 *
 * Membership rows (draft_members) are written through the access policy (auth/access.ts), so open sync
 * connections hear of a change; the reads here join them.
 */
import type {
  DraftRole,
  DraftSummary,
  DraftVersion,
  PublishedRef,
  PublishResult,
  RevisionSummary,
} from '../../../shared/src/drafts/drafts-api.ts';
import type { OpOutcome, OpRecord } from './social-store.ts';
import type { Timestamp } from './store.ts';

export type DraftRecord = {
  id: string;
  ownerId: string;
  /** The title as of the last change stored for the draft's document ("" when untitled). */
  title: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: Timestamp | null;
};

export type NewDraft = { id: string; ownerId: string; title: string; now: Timestamp };

/** A draft and the role the asking user has in it (null: not a member). */
export type DraftAccess = { draft: DraftRecord; role: DraftRole | null };

/** The post a draft was published as. */
export type Publication = PublishedRef & { seriesId: string | null; seriesPart: number | null };

/** A series as publishing needs it: the owner decides who may add parts. */
export type SeriesChoice = { id: string; slug: string; title: string; ownerId: string };

/**
 * Everything one publication writes, already checked and converted (never client HTML: `contentJson` is
 * the validated DocNode). The store adds the post (first time) or updates it, and adds a revision.
 */
export type NewPublication = {
  draftId: string;
  /** The post's author: the draft's owner, whoever presses Publish. */
  authorId: string;
  publishedBy: string;
  at: Timestamp;
  title: string;
  excerpt: string;
  contentJson: string;
  images: string[];
  coverUrl: string | null;
  readingMinutes: number;
  /** Slugs in order; tags not stored yet are created with these names. */
  tags: { slug: string; name: string }[];
  /** An existing series (checked by the caller), a new one of the author's, or none. */
  series: { id: string } | { create: { id: string; title: string } } | null;
  /** The part number asked for; null: keep the post's part in that series, else the next free one. */
  part: number | null;
  /** Used on the first publication only: the post's id and the title its slug is made from. */
  newPostId: string;
  /** What the conversion removed, returned with the result. */
  stripped: string[];
};

export type PublishOutcome =
  | OpOutcome<PublishResult>
  /** Another post already is that part of the series. */
  | { kind: 'part-taken' };

export type NewDraftVersion = {
  id: string;
  draftId: string;
  name: string;
  createdAt: Timestamp;
  createdBy: string;
  state: Uint8Array;
};

export interface DraftStore {
  /** Adds the draft; an id already stored (by anyone) changes nothing and returns that draft, `created: false`. */
  createDraft(draft: NewDraft): Promise<{ created: boolean; draft: DraftRecord }>;
  getDraft(id: string): Promise<DraftRecord | null>;
  /** The draft with the user's role in it (the owner is always 'owner'); null when there is no such draft. */
  getDraftAccess(id: string, userId: string): Promise<DraftAccess | null>;
  /** The draft as `userId` sees it; null when it does not exist or they are not a member. */
  getDraftSummary(id: string, userId: string): Promise<DraftSummary | null>;
  /** Drafts the user owns or was added to, deleted ones left out, newest stored change first. */
  listDraftSummaries(userId: string): Promise<DraftSummary[]>;
  /** Keeps the title cache and the time of the newest stored change (never moves that time back). */
  recordDraftEdit(id: string, edit: { title: string; at: Timestamp }): Promise<void>;
  /** Soft-deletes (a timestamp) or restores (null); returns false when there is no such draft. */
  setDraftDeleted(id: string, deletedAt: Timestamp | null): Promise<boolean>;

  /**
   * Records the result of a change that is idempotent by nature (it was already applied), so a replay of
   * its op id returns it; `seen` when that op id was recorded first.
   */
  rememberOp<T>(op: OpRecord, result: T): Promise<OpOutcome<T>>;

  getPublication(draftId: string): Promise<Publication | null>;
  /** A series `authorId` may add parts to, by title (case-insensitive): their own first, then one they co-author. */
  findSeriesForAuthor(authorId: string, title: string): Promise<SeriesChoice | null>;
  getSeriesChoice(seriesId: string): Promise<SeriesChoice | null>;
  /** One transaction: tags, series, the post and its next revision, and the op record. */
  publishDraft(op: OpRecord, publication: NewPublication): Promise<PublishOutcome>;
  /** Hides (true) or shows again (false) the draft's post; null when it was never published. */
  setPostUnpublished(draftId: string, unpublished: boolean): Promise<Publication | null>;
  /** Newest first. */
  listRevisions(draftId: string): Promise<RevisionSummary[]>;

  addDraftVersion(version: NewDraftVersion): Promise<DraftVersion>;
  countDraftVersions(draftId: string): Promise<number>;
  /** Newest first. */
  listDraftVersions(draftId: string): Promise<DraftVersion[]>;
  getDraftVersionState(draftId: string, versionId: string): Promise<Uint8Array | null>;
}
