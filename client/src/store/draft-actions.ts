/**
 * What a user does with drafts besides typing: publish, delete (with undo), co-authors, revisions and
 * named versions. Publishing and deleting go through the outbox, so they work offline and are sent when
 * the device is online; the rest needs the server and says so when it cannot reach it.
 *
 * Publishing carries the draft's Yjs state vector: the server publishes only once it holds every edit
 * the device had when "Publish" was pressed, and answers 425 (try again) before that, which the outbox
 * retries with back-off. Without it, a publish replayed on reconnect could race the edits made offline.
 */

import {
  DRAFTS_API,
  type DraftMember,
  type DraftSummary,
  type DraftVersion,
  type InviteRole,
  type PublishResult,
  type RevisionSummary,
} from '../../../shared/src/drafts/drafts-api.ts';
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { type ApiClient, api } from './api-client.ts';
import { type Outbox, type OutboxKind, outbox, randomId } from './outbox.ts';
import type { OutboxEntry } from './outbox-model.ts';
import { type SessionStore, sessionStore } from './session.ts';

export const DRAFT_CREATE_KIND = 'draft-create';
export const DRAFT_PUBLISH_KIND = 'draft-publish';
export const DRAFT_DELETE_KIND = 'draft-delete';

/**
 * One key per draft for every kind: the outbox sends a key's changes in order, so a draft written offline
 * is created on the server before its publish or delete is sent.
 */
const draftKey = (draftId: string) => `draft:${draftId}`;

export type CreatePayload = { draftId: string };
export type PublishPayload = { draftId: string; stateVector: string };
export type DeletePayload = { draftId: string; action: 'delete' | 'restore' };

/** The session ended or never began: the action needs a signed-in user. */
export class DraftSignInError extends Error {
  override name = 'DraftSignInError';
  constructor() {
    super('Sign in to do this with your drafts.');
  }
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const createKind: OutboxKind<CreatePayload, DraftSummary> = {
  key: (p) => draftKey(p.draftId),
  // PUT with the id the device chose: sent twice (a lost answer), the server answers with the same draft.
  request: (entry) => ({ method: 'PUT', path: DRAFTS_API.draft(entry.payload.draftId) }),
};

/** The server's last answer to a publish sent from this tab, per draft: what the panel says once it is sent. */
const publishResults = new Map<string, PublishResult>();
export const lastPublishResult = (draftId: string): PublishResult | undefined => publishResults.get(draftId);

export const publishKind: OutboxKind<PublishPayload, PublishResult> = {
  key: (p) => draftKey(p.draftId),
  sent: (entry, result) => {
    publishResults.set(entry.payload.draftId, result);
  },
  request: (entry) => ({
    method: 'POST',
    path: DRAFTS_API.publish(entry.payload.draftId),
    body: { stateVector: entry.payload.stateVector },
  }),
  // Two publishes waiting: the newer state vector covers the older one.
  merge: (_older, newer) => newer,
};

export const deleteKind: OutboxKind<DeletePayload, DraftSummary> = {
  key: (p) => draftKey(p.draftId),
  request: ({ payload }) =>
    payload.action === 'delete'
      ? { method: 'DELETE', path: DRAFTS_API.draft(payload.draftId) }
      : { method: 'POST', path: DRAFTS_API.restore(payload.draftId) },
  // Delete then undo before either was sent: only the last word matters (restoring a live draft is harmless).
  merge: (_older, newer) => newer,
};

export type DraftActionsDeps = { box?: Outbox; client?: ApiClient; session?: SessionStore };

export function createDraftActions({
  box = outbox(),
  client = api(),
  session = sessionStore(),
}: DraftActionsDeps = {}) {
  box.register(DRAFT_CREATE_KIND, createKind);
  box.register(DRAFT_PUBLISH_KIND, publishKind);
  box.register(DRAFT_DELETE_KIND, deleteKind);

  /** A change that needs the server now (invitations, versions): CSRF and a fresh idempotency key. */
  async function sendNow<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const csrf = await session.csrf();
    if (!csrf) throw new DraftSignInError();
    return client.send<T>(method, path, body, { [CSRF_HEADER]: csrf, [IDEMPOTENCY_HEADER]: randomId() });
  }

  return {
    list: () => client.read<{ items: DraftSummary[] }>(DRAFTS_API.drafts).then((r) => r.items),
    get: (draftId: string) => client.read<DraftSummary>(DRAFTS_API.draft(draftId)),
    /** Queues the new draft's creation on the server; resolves once it is stored on the device. */
    create: (draftId: string) => box.enqueue<CreatePayload>(DRAFT_CREATE_KIND, { draftId }),
    /** Queues the publication of everything in `stateVector`; resolves once it is stored on the device. */
    publish: (draftId: string, stateVector: Uint8Array) =>
      box.enqueue<PublishPayload>(DRAFT_PUBLISH_KIND, { draftId, stateVector: base64(stateVector) }),
    remove: (draftId: string) => box.enqueue<DeletePayload>(DRAFT_DELETE_KIND, { draftId, action: 'delete' }),
    undoRemove: (draftId: string) => box.enqueue<DeletePayload>(DRAFT_DELETE_KIND, { draftId, action: 'restore' }),
    unpublish: (draftId: string) => sendNow<DraftSummary>('POST', DRAFTS_API.unpublish(draftId)),
    invite: (draftId: string, handle: string, role: InviteRole) =>
      sendNow<DraftMember>('POST', DRAFTS_API.members(draftId), { handle, role }),
    removeMember: (draftId: string, userId: string) => sendNow<unknown>('DELETE', DRAFTS_API.member(draftId, userId)),
    revisions: (draftId: string) =>
      client.read<{ items: RevisionSummary[] }>(DRAFTS_API.revisions(draftId)).then((r) => r.items),
    versions: (draftId: string) =>
      client.read<{ items: DraftVersion[] }>(DRAFTS_API.versions(draftId)).then((r) => r.items),
    saveVersion: (draftId: string, name: string) =>
      sendNow<DraftVersion>('POST', DRAFTS_API.versions(draftId), { name }),
    /** Uploads a draft's image (kept on the device until now); resolves with its URL on the server. */
    uploadImage: async (image: Blob) => {
      const csrf = await session.csrf();
      if (!csrf) throw new DraftSignInError();
      return (await client.uploadMedia(image, { [CSRF_HEADER]: csrf, [IDEMPOTENCY_HEADER]: randomId() })).url;
    },
    /** The Yjs state of a saved version, to restore from. */
    versionState: (draftId: string, versionId: string) => client.readBytes(DRAFTS_API.version(draftId, versionId)),
  };
}

export type DraftActions = ReturnType<typeof createDraftActions>;

let shared: DraftActions | undefined;
export const draftActions = (): DraftActions => {
  shared ??= createDraftActions();
  return shared;
};

/** The publish still waiting (or refused) for a draft, if any: "Will publish when online". */
export const waitingPublish = (entries: readonly OutboxEntry[], draftId: string) =>
  entries.find(
    (e): e is OutboxEntry<PublishPayload> =>
      e.kind === DRAFT_PUBLISH_KIND && (e.payload as PublishPayload).draftId === draftId,
  );

/**
 * The creation of a draft still waiting (or refused) on this device: until the server has the draft, the
 * editor does not connect (the server would refuse a draft it does not know).
 */
export const waitingCreate = (entries: readonly OutboxEntry[], draftId: string) =>
  entries.find(
    (e): e is OutboxEntry<CreatePayload> =>
      e.kind === DRAFT_CREATE_KIND && (e.payload as CreatePayload).draftId === draftId,
  );

/** Drafts whose deletion waits on this device (hidden from the list meanwhile). */
export const waitingDeletes = (entries: readonly OutboxEntry[]) =>
  new Set(
    entries
      .filter((e) => e.kind === DRAFT_DELETE_KIND && (e.payload as DeletePayload).action === 'delete')
      .map((e) => (e.payload as DeletePayload).draftId),
  );
