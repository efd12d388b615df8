/**
 * Images added to a draft are kept on this device first (IndexedDB) and shown from there, so writing with
 * pictures works offline; the draft refers to them as `local:<id>`. Once online, the device that has the
 * picture uploads it and swaps the server URL in everywhere the draft uses it (body images and the cover),
 * as an ordinary change that co-authors receive. Publishing refuses a draft that still has `local:` images.
 */
import { openDB } from 'idb';
import type * as Y from 'yjs';
import { DRAFT_FIELDS, LOCAL_IMAGE_SCHEME } from '../../../shared/src/drafts/draft-doc.ts';
import { MEDIA_LIMITS } from '../../../shared/src/drafts/drafts-api.ts';
import { formatBytes } from '../ui/format.ts';

const DB_NAME = 'sdp-local-images';
const STORE = 'images';
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export class ImageRefusedError extends Error {
  override name = 'ImageRefusedError';
}

type StoredImage = { id: string; blob: Blob; addedAt: number };

const database = () =>
  openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE, { keyPath: 'id' });
    },
  });

/** Says what is wrong with a picked file, or null when it can be added. */
export function imageProblem(file: { type: string; size: number }): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return 'Choose a PNG, JPEG, WebP or GIF image.';
  }
  if (file.size > MEDIA_LIMITS.imageBytes) {
    return `That image is ${formatBytes(file.size)}; the limit is ${formatBytes(MEDIA_LIMITS.imageBytes)}. Resize it and try again.`;
  }
  return null;
}

export const localImageSrc = (id: string) => `${LOCAL_IMAGE_SCHEME}${id}`;
export const localImageId = (src: unknown): string | null =>
  typeof src === 'string' && src.startsWith(LOCAL_IMAGE_SCHEME) ? src.slice(LOCAL_IMAGE_SCHEME.length) : null;

/** Keeps the image on this device; returns the `local:` src to put in the draft. */
export async function keepImage(file: Blob, newId: () => string): Promise<string> {
  const problem = imageProblem(file);
  if (problem) throw new ImageRefusedError(problem);
  const id = newId();
  const db = await database();
  await db.put(STORE, { id, blob: file, addedAt: Date.now() } satisfies StoredImage);
  return localImageSrc(id);
}

/** An object URL for a `local:` image on this device, or null when this device does not have it. */
export async function localImageUrl(src: string): Promise<string | null> {
  const id = localImageId(src);
  if (!id) return null;
  const stored = (await (await database()).get(STORE, id)) as StoredImage | undefined;
  return stored ? URL.createObjectURL(stored.blob) : null;
}

/** Every `local:` src the draft uses (body images and cover). */
export function localSrcsIn(doc: Y.Doc): Set<string> {
  const found = new Set<string>();
  for (const element of imageElements(doc)) {
    const src = element.getAttribute('src');
    if (localImageId(src)) found.add(src as string);
  }
  const cover = doc.getMap(DRAFT_FIELDS.meta).get('cover');
  if (localImageId(cover)) found.add(cover as string);
  return found;
}

function imageElements(doc: Y.Doc): Y.XmlElement[] {
  const body = doc.getXmlFragment(DRAFT_FIELDS.body);
  return Array.from(body.createTreeWalker((node) => (node as Y.XmlElement).nodeName === 'image')) as Y.XmlElement[];
}

/** Replaces `from` with `to` wherever the draft uses it, in one change. */
export function replaceImageSrc(doc: Y.Doc, from: string, to: string): number {
  let replaced = 0;
  doc.transact(() => {
    for (const element of imageElements(doc)) {
      if (element.getAttribute('src') === from) {
        element.setAttribute('src', to);
        replaced++;
      }
    }
    const meta = doc.getMap(DRAFT_FIELDS.meta);
    if (meta.get('cover') === from) {
      meta.set('cover', to);
      replaced++;
    }
  }, 'local-images');
  return replaced;
}

/**
 * Uploads the images this device holds for the draft and swaps in their URLs; images another co-author's
 * device holds are left for that device. Returns how many were uploaded.
 */
export async function uploadWaitingImages(doc: Y.Doc, upload: (blob: Blob) => Promise<string>): Promise<number> {
  const db = await database();
  let uploaded = 0;
  for (const src of localSrcsIn(doc)) {
    const id = localImageId(src) as string;
    const stored = (await db.get(STORE, id)) as StoredImage | undefined;
    if (!stored) continue;
    const url = await upload(stored.blob);
    replaceImageSrc(doc, src, url);
    await db.delete(STORE, id);
    uploaded++;
  }
  return uploaded;
}
