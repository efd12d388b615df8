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

export { AVATAR_MAX_BYTES } from '../../../shared/src/model/account-api.ts';
export const AVATAR_URL_PREFIX = '/media/avatars/';
export type ImageKind = 'png' | 'jpeg' | 'webp';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** PNG, JPEG or WebP by magic bytes; null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** Refuses what is not a PNG, JPEG or WebP of at most AVATAR_MAX_BYTES; returns its kind. */
export function checkAvatar(bytes: Uint8Array): ImageKind {
  if (bytes.length > AVATAR_MAX_BYTES) {
    throw new PayloadTooLargeError('The avatar is larger than 1 MB. Choose a smaller image.');
  }
  const kind = sniffImage(bytes);
  if (!kind) throw new UnsupportedMediaTypeError('The avatar must be a PNG, JPEG or WebP image.');
  return kind;
}

export function createAvatarFiles(mediaDir: string) {
  const dir = join(mediaDir, 'avatars');
  return {
    /** Writes a checked image; returns its site path. */
    async save(userId: string, bytes: Uint8Array): Promise<string> {
      const kind = checkAvatar(bytes);
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      const name = `${userId}-${hash}.${kind === 'jpeg' ? 'jpg' : kind}`;
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
