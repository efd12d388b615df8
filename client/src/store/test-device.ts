/**
 * A signed-in device for store tests: a fresh IndexedDB (fake-indexeddb in tests), its session store
 * refreshed against the given API client, and an outbox that sends at once (no cross-tab lock). Each
 * database is deleted after its test.
 */
import { afterEach } from 'vitest';
import type { ApiClient } from './api-client.ts';
import { openDb, type SdpDb } from './db.ts';
import { createOutbox, outboxSession } from './outbox.ts';
import { createSessionStore } from './session.ts';
import { uniqueDbName } from './test-fixtures.ts';

const open: SdpDb[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

export async function signedInDevice(client: ApiClient) {
  const database = openDb(uniqueDbName());
  open.push(database);
  const session = createSessionStore({ client, database });
  await session.refresh();
  const box = createOutbox({ database, client, session: outboxSession(session), exclusive: (run) => run() });
  return { database, session, box };
}
