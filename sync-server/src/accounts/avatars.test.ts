import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import { AVATAR_MAX_BYTES, checkAvatar, sniffImage } from './avatars.ts';
import { bytes, JPEG, PNG, WEBP } from './testing.ts';

describe('avatar images', () => {
  it('knows PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffImage(PNG)).toBe('png');
    expect(sniffImage(JPEG)).toBe('jpeg');
    expect(sniffImage(WEBP)).toBe('webp');
  });

  it('refuses other kinds whatever they claim to be: GIF, SVG, a RIFF that is not WebP, too-short files', () => {
    expect(sniffImage(bytes('GIF89a'))).toBeNull();
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffImage(bytes([0x89, 0x50]))).toBeNull();
    expect(() => checkAvatar(bytes('GIF89a'))).toThrow(UnsupportedMediaTypeError);
  });

  it('refuses more than 1 MB, and takes exactly 1 MB', () => {
    const big = new Uint8Array(AVATAR_MAX_BYTES + 1);
    big.set(PNG);
    expect(() => checkAvatar(big)).toThrow(PayloadTooLargeError);
    expect(checkAvatar(big.subarray(0, AVATAR_MAX_BYTES))).toBe('png');
  });
});
