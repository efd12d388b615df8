/**
 * Tunables of the sync server, with defaults and their environment variables. Every value is checked
 * up front, as config.ts does, so a typo fails at start with the variable's name. This module imports
 * nothing from config.ts, so config.ts can call `readSyncOptions` without an import cycle.
 */

export type SyncOptions = {
  /** URL path prefix: clients connect to `${path}/<docName>`. */
  path: string;
  /** Largest frame accepted; larger closes the socket with 1009. */
  maxMessageBytes: number;
  /** A client whose unsent data exceeds this is dropped instead of buffered without limit. */
  maxBufferedBytes: number;
  /**
   * Largest a document may grow to, in bytes of its stored encoding (merged state + updates not yet
   * folded + updates queued for storage). An update that would pass it is refused and its sender
   * closed with 4413; deletions alone are still accepted, so an oversized document can be trimmed.
   */
  maxDocBytes: number;
  /**
   * Behind a reverse proxy: take the client address for the per-IP connection rate from the LAST
   * `X-Forwarded-For` entry (what the proxy saw), not the socket (which is the proxy). Off by default:
   * without a proxy that sets the header, a client could name any address it likes.
   */
  trustProxy: boolean;
  /** Largest awareness update (presence is small; a large one is abuse). */
  maxAwarenessBytes: number;
  /** Awareness client ids one connection may announce (one per tab normally). */
  maxAwarenessClientsPerConnection: number;
  /** Write a snapshot after this many stored updates… */
  compactAfterUpdates: number;
  /** …or after this long without updates. */
  compactIdleMs: number;
  /** Keep a document without connections in memory this long. */
  unloadGraceMs: number;
  /** How often idle compaction and unloading are checked. */
  sweepIntervalMs: number;
  /** WebSocket ping interval; a socket that misses a pong is dropped at the next one. 0 turns it off. */
  pingIntervalMs: number;
  /** New connections per client IP: burst and refill per second. */
  connectBurst: number;
  connectsPerSecond: number;
  /** Messages per connection: burst and refill per second. */
  messageBurst: number;
  messagesPerSecond: number;
  /** On shutdown, how long sockets get to finish the close handshake before being cut. */
  closeTimeoutMs: number;
};

const MiB = 1024 * 1024;

export const DEFAULT_SYNC_OPTIONS: Readonly<SyncOptions> = {
  path: '/sync',
  maxMessageBytes: 8 * MiB,
  maxBufferedBytes: 32 * MiB,
  maxDocBytes: 64 * MiB,
  trustProxy: false,
  maxAwarenessBytes: 64 * 1024,
  maxAwarenessClientsPerConnection: 16,
  compactAfterUpdates: 500,
  compactIdleMs: 10_000,
  unloadGraceMs: 30_000,
  sweepIntervalMs: 1_000,
  pingIntervalMs: 30_000,
  connectBurst: 60,
  connectsPerSecond: 10,
  messageBurst: 1_000,
  messagesPerSecond: 200,
  closeTimeoutMs: 2_000,
};

type NumericOption = { [K in keyof SyncOptions]: SyncOptions[K] extends number ? K : never }[keyof SyncOptions];
type BooleanOption = { [K in keyof SyncOptions]: SyncOptions[K] extends boolean ? K : never }[keyof SyncOptions];

/** Environment variable → numeric option, for the README table. */
export const SYNC_ENV: Readonly<Record<string, NumericOption>> = {
  SYNC_MAX_MESSAGE_BYTES: 'maxMessageBytes',
  SYNC_MAX_BUFFERED_BYTES: 'maxBufferedBytes',
  SYNC_MAX_DOC_BYTES: 'maxDocBytes',
  SYNC_COMPACT_AFTER_UPDATES: 'compactAfterUpdates',
  SYNC_COMPACT_IDLE_MS: 'compactIdleMs',
  SYNC_UNLOAD_GRACE_MS: 'unloadGraceMs',
  SYNC_PING_INTERVAL_MS: 'pingIntervalMs',
  SYNC_CONNECT_BURST: 'connectBurst',
  SYNC_CONNECTS_PER_SECOND: 'connectsPerSecond',
  SYNC_MESSAGE_BURST: 'messageBurst',
  SYNC_MESSAGES_PER_SECOND: 'messagesPerSecond',
};

/** Environment variable → on/off option: 1/true/on or 0/false/off. */
export const SYNC_BOOLEAN_ENV: Readonly<Record<string, BooleanOption>> = {
  SYNC_TRUST_PROXY: 'trustProxy',
};

const ALLOW_ZERO = new Set<keyof SyncOptions>(['pingIntervalMs', 'compactIdleMs', 'unloadGraceMs']);

export class SyncOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`The sync configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SyncOptionsError';
  }
}

/** Reads the SYNC_* variables: the options, and a message per bad variable (for config.ts to report). */
export function readSyncOptions(env: Record<string, string | undefined> = process.env): {
  options: SyncOptions;
  problems: string[];
} {
  const options: SyncOptions = { ...DEFAULT_SYNC_OPTIONS };
  const problems: string[] = [];
  for (const [name, key] of Object.entries(SYNC_ENV)) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    const min = ALLOW_ZERO.has(key) ? 0 : 1;
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
      problems.push(`${name} "${raw}" must be a whole number${min === 1 ? ' above 0' : ''}.`);
      continue;
    }
    options[key] = value;
  }
  for (const [name, key] of Object.entries(SYNC_BOOLEAN_ENV)) {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') continue;
    if (['1', 'true', 'on'].includes(raw)) options[key] = true;
    else if (['0', 'false', 'off'].includes(raw)) options[key] = false;
    else problems.push(`${name} "${raw}" must be 1 (on) or 0 (off).`);
  }
  problems.push(...checkSyncOptions(options));
  return { options, problems };
}

/** Reads the SYNC_* variables; throws SyncOptionsError naming every bad one. */
export function syncOptionsFromEnv(env: Record<string, string | undefined> = process.env): SyncOptions {
  const { options, problems } = readSyncOptions(env);
  if (problems.length > 0) throw new SyncOptionsError(problems);
  return options;
}

export function checkSyncOptions(options: SyncOptions): string[] {
  const problems: string[] = [];
  if (options.maxBufferedBytes < options.maxMessageBytes) {
    problems.push('SYNC_MAX_BUFFERED_BYTES must be at least SYNC_MAX_MESSAGE_BYTES (a full document must fit).');
  }
  if (!options.path.startsWith('/') || options.path.endsWith('/')) {
    problems.push(`sync path "${options.path}" must start with / and not end with /.`);
  }
  return problems;
}
