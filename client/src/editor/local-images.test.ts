import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { MEDIA_LIMITS } from '../../../shared/src/drafts/drafts-api.ts';
import { imageProblem, keepImage, localSrcsIn, uploadWaitingImages } from './local-images.ts';

let n = 0;
const newId = () => `img${++n}`;

function draftWithImages(srcs: string[], cover?: string) {
  const doc = new Y.Doc();
  const { body, meta } = draftFields(doc);
  for (const src of srcs) {
    const image = new Y.XmlElement('image');
    image.setAttribute('src', src);
    body.push([image]);
  }
  if (cover) meta.set('cover', cover);
  return doc;
}

describe('local images', () => {
  it('refuses other types and images over the upload limit, saying what to do', () => {
    expect(imageProblem({ type: 'image/svg+xml', size: 10 })).toMatch(/PNG, JPEG, WebP or GIF/);
    expect(imageProblem({ type: 'image/png', size: MEDIA_LIMITS.imageBytes + 1 })).toMatch(/Resize it/);
    expect(imageProblem({ type: 'image/png', size: 1000 })).toBeNull();
  });

  it('keeps an image on the device, then uploads it and swaps the URL in the body and the cover', async () => {
    const src = await keepImage(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), newId);
    expect(src).toMatch(/^local:img\d+$/);
    const doc = draftWithImages([src, '/media/already.png', src], src);
    expect([...localSrcsIn(doc)]).toEqual([src]);

    const uploads: number[] = [];
    const count = await uploadWaitingImages(doc, async (blob) => {
      uploads.push(blob.size);
      return '/media/m1.png';
    });
    expect(count).toBe(1);
    expect(uploads).toEqual([4]);
    expect(localSrcsIn(doc).size).toBe(0);
    expect(draftFields(doc).meta.get('cover')).toBe('/media/m1.png');
    expect(
      draftFields(doc)
        .body.toArray()
        .map((e) => (e as Y.XmlElement).getAttribute('src')),
    ).toEqual(['/media/m1.png', '/media/already.png', '/media/m1.png']);
  });

  it('leaves images another device holds, and keeps an image whose upload failed', async () => {
    const mine = await keepImage(new Blob([new Uint8Array([1])], { type: 'image/gif' }), newId);
    const doc = draftWithImages(['local:on-another-device', mine]);
    await expect(
      uploadWaitingImages(doc, async () => {
        throw new Error('offline');
      }),
    ).rejects.toThrow('offline');
    expect(localSrcsIn(doc)).toEqual(new Set(['local:on-another-device', mine]));
    expect(await uploadWaitingImages(doc, async () => '/media/ok.gif')).toBe(1);
    expect([...localSrcsIn(doc)]).toEqual(['local:on-another-device']);
  });
});
