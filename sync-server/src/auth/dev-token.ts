/**
 * Development only: prints a sync token for a user, signed with the same secret the server uses
 * (SESSION_SECRET, else DATA_DIR/secret). Accounts will replace this with sign-in.
 *
 *   node --import tsx sync-server/src/auth/dev-token.ts <userId> [ttlSeconds]
 *
 * Then connect with `new WebsocketProvider('ws://127.0.0.1:8080/sync', 'user:<userId>', doc,
 * { params: { token, acks: '1' } })`.
 */
import { resolve } from 'node:path';
import { isMainModule } from '../lifecycle.ts';
import { loadTokenSecret, mintToken } from './tokens.ts';

export function devToken(
  userId: string,
  options: { env?: Record<string, string | undefined>; ttlSeconds?: number } = {},
): string {
  const env = options.env ?? process.env;
  if (env.NODE_ENV === 'production') throw new Error('dev-token is for development; sign in instead.');
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  return mintToken(loadTokenSecret({ env, dataDir }), userId, { ttlSeconds: options.ttlSeconds ?? 24 * 3600 });
}

if (isMainModule(import.meta.url)) {
  const [userId, ttl] = process.argv.slice(2);
  if (!userId) {
    console.error('usage: node --import tsx sync-server/src/auth/dev-token.ts <userId> [ttlSeconds]');
    process.exit(2);
  }
  console.log(devToken(userId, ttl ? { ttlSeconds: Number(ttl) } : {}));
}
