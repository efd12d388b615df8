/** The real process: SIGTERM runs the whole shutdown before it exits, not just as much as fits before Node runs out of work. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from './storage/data-dir-lock.ts';
import { tempDir } from './testing/fixtures.ts';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

/** Runs `server.ts` on a fresh data directory until `work` is done; `work` gets the child once it is listening. */
async function withServerProcess(
  env: Record<string, string>,
  work: (child: ReturnType<typeof spawn>, output: () => string, dataDir: string) => Promise<void>,
) {
  const { dir: dataDir, remove } = tempDir('sdp-process-');
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: dataDir,
      SEED: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    const deadline = Date.now() + 20_000;
    while (!output.includes('SysDesPro is running at') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(output).toContain('SysDesPro is running at');
    await work(child, () => output, dataDir);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    remove();
  }
}

describe('a server process', () => {
  it('stopped with SIGTERM closes its stores, releases the data directory and exits 0', async () => {
    await withServerProcess({}, async (child, output, dataDir) => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output()).toContain('"msg":"stopped"');
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    });
  }, 30_000);

  it.runIf(process.platform === 'linux')(
    'runs its helper threads (V8, the WAL checkpointer) at HELPER_THREAD_NICE, its event loop as started',
    async () => {
      await withServerProcess({ HELPER_THREAD_NICE: '7' }, async (child) => {
        const pid = child.pid as number;
        const helpers = readdirSync(`/proc/${pid}/task`)
          .map(Number)
          .filter((tid) => tid !== pid);
        expect(helpers.length).toBeGreaterThanOrEqual(4); // at least V8's platform workers
        expect(os.getPriority(pid)).toBe(os.getPriority(process.pid));
        const lowered = helpers.filter((tid) => os.getPriority(tid) === 7);
        // Threads started after the server printed its URL are lowered on the next pass, so allow one.
        expect(lowered.length).toBeGreaterThanOrEqual(helpers.length - 1);
      });
    },
    30_000,
  );
});
