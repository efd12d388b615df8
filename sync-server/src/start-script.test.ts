import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startScriptEnvironment, startScriptNodeFlags } from '../../bench/sync/start-flags.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('npm start', () => {
  it('caps V8’s young generation and glibc’s malloc arenas, as the README documents (Configuration)', () => {
    const start = pkg.scripts.start ?? '';
    expect(startScriptNodeFlags(start)).toEqual(['--max-semi-space-size=4']);
    expect(startScriptEnvironment(start)).toEqual({ MALLOC_ARENA_MAX: '2' });
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('`--max-semi-space-size=4`');
    expect(readme).toContain('| `MALLOC_ARENA_MAX` | `2`');
  });

  it('the sync bench takes the start script’s runtime flags and environment, nothing else', () => {
    const script = 'A_B=1 C=x node --max-semi-space-size=4 --import tsx sync-server/src/start.ts D=2';
    expect(startScriptNodeFlags(script)).toEqual(['--max-semi-space-size=4']);
    expect(startScriptEnvironment(script)).toEqual({ A_B: '1', C: 'x' });
    expect(startScriptNodeFlags('node --import tsx --expose-gc x.ts --trace-gc')).toEqual([
      '--expose-gc',
      '--trace-gc',
    ]);
    expect(startScriptNodeFlags('node --import tsx x.ts')).toEqual([]);
    expect(startScriptEnvironment('node --import tsx x.ts')).toEqual({});
  });
});
