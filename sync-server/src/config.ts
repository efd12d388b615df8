/**
 * Server configuration from the environment. Every value is checked up front so a typo fails at start
 * with a message naming the variable, instead of surfacing later as odd behaviour.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_SECRET_LENGTH } from './auth/tokens.ts';
import { readSyncOptions, type SyncOptions } from './rooms/options.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Config = {
  host: string;
  port: number;
  /** Absolute. Holds sysdespro.sqlite and media/. */
  dataDir: string;
  /** Load the demo content when the store has no posts. */
  seed: boolean;
  /** Absolute. The Markdown/JSON demo content. */
  seedDir: string;
  /** Absolute. The built client (vite's output). */
  clientDir: string;
  logLevel: LogLevel;
  /** Limits and timings of the sync socket (SYNC_* variables). */
  sync: SyncOptions;
  /** Signs session/sync tokens; null → a random secret kept in DATA_DIR/secret. */
  sessionSecret: string | null;
  /** How many sign-ins and sign-ups one address may make at once before the per-minute refill applies. */
  authBursts: { signin: number; signup: number };
  /** Nice value for the process's helper threads (helper-threads.ts); 0 leaves them as they are. */
  helperThreadNice: number;
};

/** Where the demo content lives in the repository, wherever the server is started from. */
export const DEFAULT_SEED_DIR = fileURLToPath(new URL('../seed/', import.meta.url));

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The server configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string, fallback: string) => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? fallback : raw;
  };

  const host = value('HOST', '127.0.0.1');
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) problems.push(`HOST "${host}" is not a host name or IP address.`);

  const portText = value('PORT', '8080');
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) {
    problems.push(`PORT "${portText}" must be a whole number from 0 to 65535 (0 picks a free port).`);
  }

  const seedText = value('SEED', '1').toLowerCase();
  const seed = seedText === '1' || seedText === 'true';
  if (!['0', '1', 'true', 'false'].includes(seedText)) {
    problems.push(`SEED "${seedText}" must be 1 (load demo content into an empty store) or 0 (never).`);
  }

  const logLevel = value('LOG_LEVEL', 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL "${logLevel}" must be one of ${LOG_LEVELS.join(', ')}.`);
  }

  const { options: sync, problems: syncProblems } = readSyncOptions(env);
  problems.push(...syncProblems);

  const sessionSecret = env.SESSION_SECRET?.trim() || null;
  if (sessionSecret !== null && sessionSecret.length < MIN_SECRET_LENGTH) {
    problems.push(
      `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters (generate one with: openssl rand -base64 32).`,
    );
  }

  const burst = (name: string, fallback: number) => {
    const text = value(name, String(fallback));
    const n = Number(text);
    if (!/^\d{1,6}$/.test(text) || n < 1) problems.push(`${name} "${text}" must be a whole number from 1 to 999999.`);
    return n;
  };
  const authBursts = { signin: burst('SIGNIN_BURST', 10), signup: burst('SIGNUP_BURST', 5) };

  const niceText = value('HELPER_THREAD_NICE', '10');
  const helperThreadNice = Number(niceText);
  if (!/^\d{1,2}$/.test(niceText) || helperThreadNice > 19) {
    problems.push(`HELPER_THREAD_NICE "${niceText}" must be a whole number from 0 (off) to 19.`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host,
    port,
    dataDir: resolve(cwd, value('DATA_DIR', './data')),
    seed,
    seedDir: resolve(cwd, value('SEED_DIR', DEFAULT_SEED_DIR)),
    clientDir: resolve(cwd, value('CLIENT_DIR', 'dist/client')),
    logLevel: logLevel as LogLevel,
    sync,
    sessionSecret,
    authBursts,
    helperThreadNice,
  };
}
