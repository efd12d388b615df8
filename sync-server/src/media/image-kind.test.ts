import { describe, expect, it } from 'vitest';
import { bytes, GIF, JPEG, PNG, WEBP } from '../accounts/testing.ts';
import { sniffImage } from './image-kind.ts';

describe('sniffImage', () => {
  it('knows PNG, JPEG, WebP and GIF by their first bytes', () => {
    expect([PNG, JPEG, WEBP, GIF, bytes('GIF87a')].map(sniffImage)).toEqual(['png', 'jpeg', 'webp', 'gif', 'gif']);
  });

  it('refuses other kinds whatever they claim to be: SVG, a RIFF that is not WebP, too-short files', () => {
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffImage(bytes([0x89, 0x50]))).toBeNull();
    expect(sniffImage(bytes('GIF88a'))).toBeNull();
  });
});
