/**
 * Images uploaded for drafts and posts: checked by their first bytes (PNG, JPEG, WebP, GIF), at most
 * MEDIA_LIMITS.imageBytes, stored as DATA_DIR/media/uploads/<content hash>.<ext>. The name is the
 * content, so the same image uploaded twice (a retry, two devices) is one file and one address, and
 * `/media/` serves it with a long cache and a CSP that forbids scripts (http/static.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MEDIA_LIMITS } from '../../../shared/src/drafts/drafts-api.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import { IMAGE_EXTENSIONS, sniffImage } from './image-kind.ts';

export const UPLOAD_URL_PREFIX = '/media/uploads/';

export const TOO_LARGE_MESSAGE = `The image is larger than ${MEDIA_LIMITS.imageBytes / (1024 * 1024)} MB. Make it smaller (or export it as WebP or JPEG) and upload it again.`;

export type MediaUploads = ReturnType<typeof createMediaUploads>;

export function createMediaUploads(mediaDir: string) {
  const dir = join(mediaDir, 'uploads');
  return {
    /** Writes a checked image; returns its site path. */
    async save(bytes: Uint8Array): Promise<string> {
      if (bytes.length > MEDIA_LIMITS.imageBytes) throw new PayloadTooLargeError(TOO_LARGE_MESSAGE);
      const kind = sniffImage(bytes);
      if (!kind)
        throw new UnsupportedMediaTypeError('Upload a PNG, JPEG, WebP or GIF image; this file is none of them.');
      if (bytes.length === 0) throw new UnsupportedMediaTypeError('The upload is empty; choose an image.');
      const name = `${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}.${IMAGE_EXTENSIONS[kind]}`;
      await mkdir(dir, { recursive: true });
      // Same name, same bytes: writing again is harmless.
      await writeFile(join(dir, name), bytes);
      return `${UPLOAD_URL_PREFIX}${name}`;
    },
  };
}
