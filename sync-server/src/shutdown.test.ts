/** The real process: SIGTERM runs the whole shutdown before it exits, not just as much as fits before Node runs out of work. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from './storage/data-dir-lock.ts';
import { tempDir } from './testing/fixtures.ts';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

describe('a server process', () => {
  it('stopped with SIGTERM closes its stores, releases the data directory and exits 0', async () => {
    const { dir: dataDir, remove } = tempDir('sdp-shutdown-');
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        CLIENT_DIR: dataDir,
        SEED: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes('SysDesPro is running at') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(output).toContain('SysDesPro is running at');
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"stopped"');
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      remove();
    }
  }, 30_000);
});
