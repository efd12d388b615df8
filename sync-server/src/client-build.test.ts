import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientBuildIsStale, newestMtime } from './client-build.ts';
import { tempDir } from './testing/fixtures.ts';

describe('client build freshness', () => {
  it('is stale when index.html is missing or older than any source', () => {
    const { dir, remove } = tempDir();
    const touch = (path: string, seconds: number) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), 'x');
      utimesSync(join(dir, path), seconds, seconds);
    };
    const clientDir = join(dir, 'dist/client');
    touch('client/src/main.tsx', 1_000);
    touch('shared/src/model/x.ts', 2_000);
    touch('client/node_modules/dep.js', 9_000); // ignored
    expect(clientBuildIsStale(clientDir, dir)).toBe(true);

    touch('dist/client/index.html', 3_000);
    expect(newestMtime([join(dir, 'client'), join(dir, 'shared')])).toBe(2_000_000);
    expect(clientBuildIsStale(clientDir, dir)).toBe(false);

    touch('vite.config.ts', 4_000);
    expect(clientBuildIsStale(clientDir, dir)).toBe(true);
    remove();
  });
});
