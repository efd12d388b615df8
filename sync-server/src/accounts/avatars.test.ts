import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import { AVATAR_MAX_BYTES, checkAvatar } from './avatars.ts';
import { bytes, GIF, JPEG, PNG, WEBP } from './testing.ts';

describe('avatar images', () => {
  it('takes PNG, JPEG and WebP by their first bytes', () => {
    expect([PNG, JPEG, WEBP].map(checkAvatar)).toEqual(['png', 'jpeg', 'webp']);
  });

  it('refuses other kinds whatever they claim to be: GIF (an avatar does not move), SVG, too-short files', () => {
    for (const image of [GIF, bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), bytes([0x89, 0x50])]) {
      expect(() => checkAvatar(image)).toThrow(UnsupportedMediaTypeError);
    }
  });

  it('refuses more than 1 MB, and takes exactly 1 MB', () => {
    const big = new Uint8Array(AVATAR_MAX_BYTES + 1);
    big.set(PNG);
    expect(() => checkAvatar(big)).toThrow(PayloadTooLargeError);
    expect(checkAvatar(big.subarray(0, AVATAR_MAX_BYTES))).toBe('png');
  });
});
