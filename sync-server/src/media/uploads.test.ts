/** Image uploads through POST /api/media: kinds by magic bytes, the size cap, and serving them back. */
import { describe, expect, it } from 'vitest';
import { DRAFTS_API, MEDIA_LIMITS } from '../../../shared/src/drafts/drafts-api.ts';
import { isSafeUrl } from '../../../shared/src/model/content.ts';
import { bytes, type Device, GIF, JPEG, PNG, WEBP } from '../accounts/testing.ts';
import { useSocialApp } from '../testing/social-app.ts';

const t = useSocialApp();
const upload = (d: Device, image: Uint8Array, type = 'image/png') =>
  d.post(DRAFTS_API.media, image, { 'content-type': type });

describe('image uploads', () => {
  it('stores PNG, JPEG, WebP and GIF by their bytes and serves them at the returned url', async () => {
    const u = await t.user('uploader');
    const urls: string[] = [];
    for (const [image, type] of [
      [PNG, 'image/png'],
      [JPEG, 'image/jpeg'],
      [WEBP, 'image/webp'],
      [GIF, 'image/gif'],
    ] as const) {
      const res = await upload(u.d, image, 'application/octet-stream');
      expect(res.status).toBe(201);
      const { url } = res.body as { url: string };
      expect(url).toMatch(/^\/media\/uploads\/[A-Za-z0-9_-]{32}\.(png|jpg|webp|gif)$/);
      expect(isSafeUrl(url)).toBe(true);
      const served = await t.anonymous().bytes(url);
      expect(served.status).toBe(200);
      expect(served.res.headers.get('content-type')).toBe(type);
      expect(served.res.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(served.res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(served.bytes).toEqual(image);
      urls.push(url);
    }
    // The same bytes again (a retry, another device): the same address.
    expect((await upload(u.d, PNG)).body).toEqual({ url: urls[0] });
  });

  it('refuses other kinds (415), too large (413), and anyone signed out (401)', async () => {
    const u = await t.user('refused');
    const svg = bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const notImage = await upload(u.d, svg, 'image/png');
    expect(notImage.status).toBe(415);
    expect((notImage.body as { message: string }).message).toMatch(/PNG, JPEG, WebP or GIF/);
    expect((await upload(u.d, new Uint8Array(0))).status).toBe(415);
    const big = new Uint8Array(MEDIA_LIMITS.imageBytes + 1);
    big.set(PNG);
    const tooBig = await upload(u.d, big);
    expect(tooBig.status).toBe(413);
    expect((tooBig.body as { message: string }).message).toMatch(/larger than 5 MB/);
    expect((await upload(u.d, big.subarray(0, MEDIA_LIMITS.imageBytes))).status).toBe(201);
    expect((await upload(t.anonymous(), PNG)).status).toBe(401);
  });
});
