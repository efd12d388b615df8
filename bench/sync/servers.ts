/**
 * The four servers under test, each started fresh as a child process on 127.0.0.1, pinned to CPU 0
 * with taskset when it exists. Every child is tracked by PID and killed by PID on exit or error.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintToken } from '../../sync-server/src/auth/tokens.ts';
import { startScriptEnvironment, startScriptNodeFlags } from './start-flags.ts';

export const SERVER_NAMES = ['sysdespro', 'y-websocket-server', 'hocuspocus', 'relay-floor'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** y-websocket frames as they are, or Hocuspocus's: every message prefixed with the document name. */
export type Framing = 'y-websocket' | 'hocuspocus';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
export const HAS_TASKSET = (() => {
  try {
    execFileSync('which', ['taskset'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export type Target = {
  name: ServerName;
  framing: Framing;
  /** Whether the server keeps documents (the relay does not: no sync replies, no cold load). */
  stores: boolean;
  /** Document i is `user:u<i>`; its connections carry a token for u<i>, its owner. */
  docName(i: number): string;
  wsUrl(i: number): string;
  /** For stock providers: the server URL and the room. */
  providerUrl: string;
};

export type RunningServer = Target & {
  pid: number;
  port: number;
  dataDir: string;
  alive(): boolean;
  /** SIGTERM (graceful, so the peers flush), SIGKILL after 8 s. */
  stop(): Promise<void>;
};

const children = new Set<ChildProcess>();
function killAll(): void {
  for (const child of children) if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

const tokens = new Map<number, string>();
function token(i: number): string {
  const known = tokens.get(i);
  if (known) return known;
  const minted = mintToken(Buffer.from(SECRET), `u${i}`, { ttlSeconds: 3600 });
  tokens.set(i, minted);
  return minted;
}

export function makeTarget(name: ServerName, port: number): Target {
  const base = `ws://127.0.0.1:${port}/sync`;
  return {
    name,
    framing: name === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
    stores: name !== 'relay-floor',
    docName: (i) => `user:u${i}`,
    wsUrl: (i) => (name === 'hocuspocus' ? `ws://127.0.0.1:${port}/` : `${base}/user:u${i}?token=${token(i)}`),
    providerUrl: name === 'hocuspocus' ? `ws://127.0.0.1:${port}/` : base,
  };
}

export function providerParams(i: number): Record<string, string> {
  return { token: token(i) };
}

/** `npm start`'s command line: this server is measured with its runtime flags and environment. */
function startScript(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
}

/**
 * BENCH_SERVER_FLAGS adds Node flags to this server only, for finding where its time goes
 * (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, which Node refuses in NODE_OPTIONS). Not for the figures.
 */
function profilingFlags(): string[] {
  return process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
}

function command(name: ServerName): string[] {
  const tsx = ['--import', 'tsx'];
  switch (name) {
    case 'sysdespro':
      return [...startScriptNodeFlags(startScript()), ...profilingFlags(), ...tsx, 'sync-server/src/server.ts'];
    case 'y-websocket-server':
      return ['node_modules/@y/websocket-server/src/server.js'];
    case 'hocuspocus':
      return [...tsx, 'bench/sync/hocuspocus-entry.ts'];
    case 'relay-floor':
      return [...tsx, 'bench/sync/relay-entry.ts'];
  }
}

function environment(name: ServerName, port: number, dataDir: string): Record<string, string> {
  const common = { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir };
  if (name === 'y-websocket-server') return { ...common, YPERSISTENCE: dataDir };
  if (name !== 'sysdespro') return common;
  return {
    ...common,
    ...startScriptEnvironment(startScript()),
    SEED: '0',
    SESSION_SECRET: SECRET,
    LOG_LEVEL: 'error',
    // The per-IP connect and per-socket message limits are for the open internet; the load generator
    // is one IP opening 2,000 sockets and sending thousands of frames a second. The peers have none.
    SYNC_CONNECT_BURST: '100000',
    SYNC_CONNECTS_PER_SECOND: '100000',
    SYNC_MESSAGE_BURST: '100000',
    SYNC_MESSAGES_PER_SECOND: '100000',
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function httpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', timeout: 500 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** Starts `name` on a fresh temp data dir (or the given one, for restarts) and waits until HTTP answers. */
export async function startServer(name: ServerName, reuse?: { dataDir: string; port: number }): Promise<RunningServer> {
  const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), `bench-sync-${name}-`));
  const port = reuse?.port ?? (await freePort());
  const args = command(name);
  const [file, argv] = HAS_TASKSET ? ['taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(file, argv, {
    cwd: ROOT,
    env: { ...process.env, ...environment(name, port, dataDir) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!(await httpAnswers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      killAll();
      throw new Error(`${name} did not start (exit ${child.exitCode}): ${stderr.slice(0, 1000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid as number;
  return {
    ...makeTarget(name, port),
    pid,
    port,
    dataDir,
    alive: () => child.exitCode === null && child.signalCode === null && existsSync(`/proc/${pid}`),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 8_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

export function removeDataDir(server: RunningServer): void {
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** utime and stime in seconds from a /proc stat file, a process's or one thread's (clock ticks are 100 Hz on Linux). */
function userAndSystem(statFile: string): { user: number; system: number } {
  const stat = readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

export type CpuSplit = { mainUser: number; mainSystem: number; otherThreads: number };

/**
 * CPU seconds of the main thread (user, system) and of all other threads together, so a slow run can
 * be told apart: more work on the event loop, or more compiling and collecting on V8's helper threads.
 */
export function cpuSplit(pid: number): CpuSplit {
  const all = userAndSystem(`/proc/${pid}/stat`);
  const main = userAndSystem(`/proc/${pid}/task/${pid}/stat`);
  return {
    mainUser: main.user,
    mainSystem: main.system,
    otherThreads: all.user + all.system - main.user - main.system,
  };
}

/** VmRSS in kB (from /proc/<pid>/status). */
export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}
