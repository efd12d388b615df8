import { describe, expect, it } from 'vitest';
import { nextPath, signInHref } from './sign-in-link.ts';

describe('sign in and come back', () => {
  it('links to sign-in with the current path', () => {
    expect(signInHref('/@ana?x=1')).toBe('/signin?next=%2F%40ana%3Fx%3D1');
  });

  it('follows only paths on this site', () => {
    expect(nextPath('/@ana')).toBe('/@ana');
    expect(nextPath('/t/raft?x=1')).toBe('/t/raft?x=1');
    expect(nextPath('//evil.example/')).toBeNull();
    expect(nextPath('/\\evil.example')).toBeNull();
    expect(nextPath('https://evil.example/')).toBeNull();
    expect(nextPath('')).toBeNull();
    expect(nextPath(undefined)).toBeNull();
  });
});
