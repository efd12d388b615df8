/**
 * The drafts HTTP API: paths and response shapes shared by the server and the client. Request bodies are
 * checked with the valibot schemas in drafts-schemas.ts. State-changing requests take an op id
 * (`Idempotency-Key` header) like the social API, so the outbox can replay them.
 *
 * Roles: the owner may do everything; an editor writes the document and may publish (the post is the
 * owner's); a viewer reads. Errors are `ApiError` bodies (`error` code + `message` saying what to do).
 */
import type { AuthorRef, PostSummary } from '../model/catalog.ts';
import type { ContentProblem } from '../model/content.ts';

const seg = encodeURIComponent;

export const DRAFTS_API = {
  /** GET → { items: DraftSummary[] }: drafts I own or was invited to, newest edit first (deleted ones left out). */
  drafts: '/api/drafts',
  /**
   * PUT (create, idempotent: the client made the id; 201 the first time, 200 after) → DraftSummary;
   * GET → DraftSummary; DELETE (owner) → DraftSummary with deletedAt set (undo with restore).
   */
  draft: (id: string) => `/api/drafts/${seg(id)}`,
  restore: (id: string) => `/api/drafts/${seg(id)}/restore`, // POST (owner) → DraftSummary
  /** POST InviteCoauthorBody (owner) → 201 DraftMember; the invitee is notified and sees the draft in "My drafts". */
  members: (id: string) => `/api/drafts/${seg(id)}/members`,
  /** DELETE (owner, or the member leaving) → 204; open connections of that user to the draft close at once. */
  member: (id: string, userId: string) => `/api/drafts/${seg(id)}/members/${seg(userId)}`,
  /** POST (owner or editor) → PublishResult, or 422 PublishRefused when the content breaks the schema. */
  publish: (id: string) => `/api/drafts/${seg(id)}/publish`,
  unpublish: (id: string) => `/api/drafts/${seg(id)}/unpublish`, // POST (owner) → DraftSummary
  revisions: (id: string) => `/api/drafts/${seg(id)}/revisions`, // GET → { items: RevisionSummary[] }
  /** POST SaveVersionBody (writers) → 201 DraftVersion; GET → { items: DraftVersion[] } newest first. */
  versions: (id: string) => `/api/drafts/${seg(id)}/versions`,
  /** GET → the version's Yjs state (application/octet-stream, Y.encodeStateAsUpdate of that moment). */
  version: (id: string, versionId: string) => `/api/drafts/${seg(id)}/versions/${seg(versionId)}`,
  /** POST an image body (Content-Type image/png|jpeg|webp|gif, ≤ MEDIA_LIMITS.imageBytes) → 201 { url }. */
  media: '/api/media',
  /** GET → application/zip of everything the signed-in user wrote (see sync-server/src/export/). */
  exportAll: '/api/me/export',
  /**
   * POST application/zip or text/markdown (≤ IMPORT_UPLOAD_BYTES; `?name=<file name>` titles an untitled
   * single file) → 201 { items: DraftSummary[] } the drafts it created, in the order of the files.
   */
  importDrafts: '/api/me/import',
} as const;

export const DRAFT_ROLES = ['owner', 'editor', 'viewer'] as const;
export type DraftRole = (typeof DRAFT_ROLES)[number];
export type InviteRole = Exclude<DraftRole, 'owner'>;

export const MEDIA_LIMITS = { imageBytes: 5 * 1024 * 1024 } as const;

/** The largest import upload, a zip or one Markdown file. */
export const IMPORT_UPLOAD_BYTES = 10 * 1024 * 1024;

export type DraftMember = AuthorRef & { role: DraftRole; addedAt: string };

export type PublishedRef = {
  postId: string;
  slug: string;
  /** 1 for the first publication; each publish adds one. */
  revision: number;
  publishedAt: string;
  updatedAt: string;
  /** The post is unpublished: kept with its revisions, shown nowhere. */
  unpublished: boolean;
};

export type DraftSummary = {
  id: string;
  /** The signed-in user's role in this draft. */
  role: DraftRole;
  owner: AuthorRef;
  members: DraftMember[];
  /** The title as of the last change the server stored ("" when untitled). */
  title: string;
  createdAt: string;
  /** The last change the server stored. */
  updatedAt: string;
  deletedAt: string | null;
  published: PublishedRef | null;
};

export type RevisionSummary = { revision: number; title: string; publishedAt: string; publishedBy: AuthorRef };

export type DraftVersion = { id: string; name: string; createdAt: string; createdBy: AuthorRef };

export type PublishResult = {
  post: PostSummary;
  revision: number;
  /** What the server removed because the schema does not allow it (e.g. "an iframe"); empty when nothing. */
  stripped: string[];
};

export type PublishRefused = { error: 'invalid-content'; message: string; problems: ContentProblem[] };
