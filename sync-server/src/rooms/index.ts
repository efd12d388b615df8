/** The sync server's public surface: what server.ts wires in. */
export { type AccessPolicy, DocumentAccessPolicy } from '../auth/access.ts';
export { type Authenticate, createTokenAuthenticator, loadTokenSecret, mintToken } from '../auth/tokens.ts';
export { openSqliteDocStore } from '../storage/sqlite/sqlite-doc-store.ts';
export type { SyncSocket } from './connection.ts';
export {
  DEFAULT_SYNC_OPTIONS,
  readSyncOptions,
  SYNC_ENV,
  type SyncOptions,
  SyncOptionsError,
  syncOptionsFromEnv,
} from './options.ts';
export { SyncCore, type SyncStats } from './sync-core.ts';
export { attachSync, type SyncDeps, type SyncHandle } from './ws-transport.ts';
