import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startScriptNodeFlags } from '../../bench/sync/start-flags.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('npm start', () => {
  it('caps V8’s young generation as the README documents (Configuration, NODE_OPTIONS)', () => {
    expect(startScriptNodeFlags(pkg.scripts.start ?? '')).toEqual(['--max-semi-space-size=4']);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('`--max-semi-space-size=4`');
  });

  it('the sync bench takes the start script’s runtime flags, not --import and its module', () => {
    expect(startScriptNodeFlags('node --max-semi-space-size=4 --import tsx sync-server/src/start.ts')).toEqual([
      '--max-semi-space-size=4',
    ]);
    expect(startScriptNodeFlags('node --import tsx --expose-gc x.ts --trace-gc')).toEqual([
      '--expose-gc',
      '--trace-gc',
    ]);
    expect(startScriptNodeFlags('node --import tsx x.ts')).toEqual([]);
  });
});
