/**
 * Avatar uploads: the image's kind is read from its first bytes (never from a header or file name), the
 * size is capped, and the file is stored under DATA_DIR/media/avatars/ with a content hash in its name,
 * so `/media/` can cache it for a day and a new upload is a new address.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AVATAR_MAX_BYTES } from '../../../shared/src/model/account-api.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import { IMAGE_EXTENSIONS, type ImageKind, sniffImage } from '../media/image-kind.ts';

export { AVATAR_MAX_BYTES } from '../../../shared/src/model/account-api.ts';
export const AVATAR_URL_PREFIX = '/media/avatars/';
/** The kinds an avatar may be (no GIF: an avatar does not move). */
export type AvatarKind = Exclude<ImageKind, 'gif'>;

/** Refuses what is not a PNG, JPEG or WebP of at most AVATAR_MAX_BYTES; returns its kind. */
export function checkAvatar(bytes: Uint8Array): AvatarKind {
  if (bytes.length > AVATAR_MAX_BYTES) {
    throw new PayloadTooLargeError('The avatar is larger than 1 MB. Choose a smaller image.');
  }
  const kind = sniffImage(bytes);
  if (!kind || kind === 'gif') throw new UnsupportedMediaTypeError('The avatar must be a PNG, JPEG or WebP image.');
  return kind;
}

export function createAvatarFiles(mediaDir: string) {
  const dir = join(mediaDir, 'avatars');
  return {
    /** Writes a checked image; returns its site path. */
    async save(userId: string, bytes: Uint8Array): Promise<string> {
      const kind = checkAvatar(bytes);
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      const name = `${userId}-${hash}.${IMAGE_EXTENSIONS[kind]}`;
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, name), bytes);
      return `${AVATAR_URL_PREFIX}${name}`;
    },
    /** Deletes a file `save` wrote (anything else is left alone). */
    async remove(url: string | null | undefined): Promise<void> {
      if (!url?.startsWith(AVATAR_URL_PREFIX)) return;
      await rm(join(dir, basename(url)), { force: true });
    },
  };
}

export type AvatarFiles = ReturnType<typeof createAvatarFiles>;
