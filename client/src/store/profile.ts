/**
 * Profile edits through the outbox: a change made offline waits on the device and is sent when online;
 * two changes waiting are folded into one PATCH. Once the server accepts, its answer (the whole profile)
 * replaces the device's copy, and the session is asked again so the header shows a new name or handle.
 */
import { ACCOUNT_API, AVATAR_MAX_BYTES, AVATAR_TYPES } from '../../../shared/src/model/account-api.ts';
import type { Author } from '../../../shared/src/model/catalog.ts';
import { type ApiClient, api } from './api-client.ts';
import { type Catalog, catalog } from './catalog.ts';
import type { LiveRead } from './changes.ts';
import { db, type SdpDb } from './db.ts';
import { type Outbox, type OutboxKind, outbox } from './outbox.ts';
import type { OutboxEntry } from './outbox-model.ts';
import { type SessionStore, sessionStore } from './session.ts';

export const PROFILE_FIELDS = [
  'displayName',
  'handle',
  'headline',
  'website',
  'github',
  'supportUrl',
  'location',
  'bio',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
/** The fields to change, as typed (the server trims, and reads an empty optional field as "none"). */
export type ProfileChange = Partial<Record<ProfileField, string>>;

/** What became of a save: on the server, waiting for the network, or refused with the server's words. */
export type SaveOutcome =
  | { kind: 'saved'; author: Author | undefined }
  | { kind: 'queued' }
  | { kind: 'refused'; message: string };

export const PROFILE_KIND = 'profile';

const isProfileEntry = (entry: OutboxEntry, userId: string): entry is OutboxEntry<ProfileChange> =>
  entry.kind === PROFILE_KIND && entry.userId === userId;

/** The newest profile change of `userId` still on the device (waiting or refused), if any. */
export const waitingProfileChange = (entries: readonly OutboxEntry[], userId: string) =>
  entries.filter((e) => isProfileEntry(e, userId)).sort((a, b) => b.createdAt - a.createdAt)[0] as
    | OutboxEntry<ProfileChange>
    | undefined;

/** An image the server would refuse, said before it is sent; null when it may go. */
export function avatarProblem(file: Pick<Blob, 'size' | 'type'>): string | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'Choose a PNG, JPEG or WebP image.';
  if (file.size > AVATAR_MAX_BYTES) return 'The image is larger than 1 MB. Choose a smaller one.';
  return null;
}

/** An avatar change needs the server (the image is not kept in the outbox). */
export class AvatarNeedsSessionError extends Error {
  override name = 'AvatarNeedsSessionError';
  constructor() {
    super('Connect to the internet and sign in to change your avatar.');
  }
}

export type ProfileEditsDeps = {
  database?: SdpDb;
  box?: Outbox;
  repo?: Catalog;
  session?: SessionStore;
  client?: ApiClient;
};

export function createProfileEdits({
  database = db(),
  box = outbox(),
  repo = catalog(),
  session = sessionStore(),
  client = api(),
}: ProfileEditsDeps = {}) {
  /** Sends an avatar change now (online only) and keeps the profile the server answers with. */
  async function changeAvatar(send: (csrf: string) => Promise<Author>): Promise<Author> {
    const csrf = await session.csrf();
    if (!csrf) throw new AvatarNeedsSessionError();
    const author = await send(csrf);
    await repo.putAuthor(author);
    return author;
  }

  const kind: OutboxKind<ProfileChange, Author> = {
    key: () => PROFILE_KIND,
    request: ({ payload }) => ({ method: 'PATCH', path: ACCOUNT_API.profile, body: payload }),
    // Fields of a later change win; fields only the earlier one changed are kept.
    merge: (older, newer) => ({ ...older, ...newer }),
    async sent(_entry, author) {
      await repo.putAuthor(author);
      await session.refresh().catch(() => undefined);
    },
  };
  box.register(PROFILE_KIND, kind);

  const entry = (id: string) => database.read(['outbox'], (tx) => tx.objectStore('outbox').get(id));

  return {
    /**
     * Keeps the change and tries to send it now. Resolves once the server answered or the try failed for
     * want of a network (then the change waits and goes when the browser is back online).
     */
    async save(userId: string, change: ProfileChange): Promise<SaveOutcome> {
      const added = await box.enqueue<ProfileChange>(PROFILE_KIND, change);
      await box.replay();
      const left = await entry(added.id);
      if (!left) return { kind: 'saved', author: await repo.readAuthor(userId).then((a) => a as Author | undefined) };
      if (left.state === 'refused') {
        // The form still holds the values; the refused change is not kept to be sent again.
        await box.drop(left.id);
        return { kind: 'refused', message: left.error ?? 'The server refused the change.' };
      }
      return { kind: 'queued' };
    },
    /** Uploads a new avatar (checked here first, and by the server by its bytes). Needs the network. */
    uploadAvatar(image: Blob): Promise<Author> {
      const problem = avatarProblem(image);
      if (problem) return Promise.reject(new Error(problem));
      return changeAvatar((csrf) => client.uploadAvatar(image, csrf));
    },
    /** Back to the initials. Needs the network. */
    removeAvatar: (): Promise<Author> => changeAvatar((csrf) => client.removeAvatar(csrf)),
    /** The user's profile change still waiting on this device, live. */
    waiting: (userId: string): LiveRead<OutboxEntry<ProfileChange> | undefined> =>
      database.live(['outbox'], async (tx) => waitingProfileChange(await tx.objectStore('outbox').getAll(), userId)),
  };
}

export type ProfileEdits = ReturnType<typeof createProfileEdits>;

let shared: ProfileEdits | undefined;
/** The app's profile edits (registers the `profile` kind with the app's outbox on first use). */
export const profileEdits = (): ProfileEdits => {
  shared ??= createProfileEdits();
  return shared;
};
