import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeLock, missingOptionals, platformOf } from './complete-lockfile.ts';

describe('platformOf', () => {
  it.each([
    ['@biomejs/cli-linux-x64-musl', { os: ['linux'], cpu: ['x64'], libc: ['musl'] }],
    ['@rollup/rollup-linux-arm-gnueabihf', { os: ['linux'], cpu: ['arm'], libc: ['glibc'] }],
    ['@rollup/rollup-android-arm-eabi', { os: ['android'], cpu: ['arm'] }],
    ['@rollup/rollup-win32-x64-gnu', { os: ['win32'], cpu: ['x64'] }],
    ['@biomejs/cli-darwin-arm64', { os: ['darwin'], cpu: ['arm64'] }],
  ])('%s', (name, platform) => {
    expect(platformOf(name)).toEqual(platform);
  });

  it('refuses to guess', () => {
    expect(platformOf('@scope/some-helper')).toBeNull();
  });
});

describe('completeLock', () => {
  it('adds a skipped-on-this-platform entry for each optional dependency without one', () => {
    const lock = {
      packages: {
        '': { version: '1.0.0' },
        'node_modules/tool': {
          version: '2.0.0',
          dev: true,
          optionalDependencies: { '@t/cli-win32-x64': '2.0.0', present: '1.0.0' },
        },
        'node_modules/present': { version: '1.0.0' },
      },
    };
    expect(completeLock(lock)).toEqual(['@t/cli-win32-x64@2.0.0']);
    expect(lock.packages).toMatchObject({
      'node_modules/@t/cli-win32-x64': { version: '2.0.0', dev: true, optional: true, os: ['win32'], cpu: ['x64'] },
    });
    expect(Object.keys(lock.packages)[0]).toBe('');
    expect(completeLock(lock)).toEqual([]);
  });
});

describe('the committed package-lock.json', () => {
  it('lists every optional dependency, so `npm ci` accepts it (fix: npm run lock:complete)', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect(missingOptionals(lock).map((m) => m.name)).toEqual([]);
  });
});
