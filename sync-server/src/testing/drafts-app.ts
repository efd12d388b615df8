/**
 * The social test app with collaborative documents for the drafts API: a document store on the same
 * SQLite file, the access policy and the title tracker, wired as server.ts wires them. Drafts are edited
 * through `edit`, which stores the change as sync would (and tells the tracker), from one Y.Doc per draft
 * that stands for a device.
 */
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { draftDocName } from '../../../shared/src/protocol/doc-name.ts';
import { DocumentAccessPolicy } from '../auth/access.ts';
import { createDraftActivity, type DraftActivity } from '../drafts/draft-activity.ts';
import { createDraftStates } from '../drafts/draft-state.ts';
import { type DraftFixture, writeDraft } from '../drafts/testing.ts';
import { openSqliteDocStore, type SqliteDocStore } from '../storage/sqlite/sqlite-doc-store.ts';
import { socialApp } from './social-app.ts';

const generous = { burst: 10_000, refillMs: 1 };

export async function draftsApp() {
  // Filled in while socialApp builds the app (the stores need its DATA_DIR).
  const wired = {} as { docStore: SqliteDocStore; access: DocumentAccessPolicy; activity: DraftActivity };
  const t = await socialApp({}, (store, dataDir) => {
    wired.docStore = openSqliteDocStore({ dataDir, checkpointIntervalMs: 0 });
    const states = createDraftStates({ docStore: wired.docStore });
    wired.access = new DocumentAccessPolicy(wired.docStore);
    wired.activity = createDraftActivity({ store, states, logger: pino({ level: 'silent' }) });
    const rateLimits = { creates: generous, publishes: generous, versions: generous, uploads: generous };
    return {
      deps: { drafts: { access: wired.access, states, activity: wired.activity, rateLimits } },
      close: () => wired.docStore.close(),
    };
  });
  const devices = new Map<string, Y.Doc>();
  const deviceDoc = (draftId: string) => {
    let doc = devices.get(draftId);
    if (!doc) {
      doc = new Y.Doc();
      devices.set(draftId, doc);
    }
    return doc;
  };
  return {
    ...t,
    ...wired,
    /** The device's copy of a draft. */
    deviceDoc,
    /** Edits the device's copy and stores the change as sync would; `store: false` keeps it on the device. */
    async edit(draftId: string, fixture: DraftFixture | ((doc: Y.Doc) => void), { store = true } = {}) {
      const doc = deviceDoc(draftId);
      const before = Y.encodeStateVector(doc);
      if (typeof fixture === 'function') fixture(doc);
      else writeDraft(fixture, doc);
      if (!store) return;
      await wired.docStore.appendUpdates(draftDocName(draftId), [Y.encodeStateAsUpdate(doc, before)]);
      wired.activity.stored([draftDocName(draftId)]);
    },
    /** The device reconnects: everything it has is stored (what the server had already changes nothing). */
    async reconnect(draftId: string) {
      await wired.docStore.appendUpdates(draftDocName(draftId), [Y.encodeStateAsUpdate(deviceDoc(draftId))]);
      wired.activity.stored([draftDocName(draftId)]);
    },
    /** The device's state vector, base64, as a publish carries it. */
    stateVector: (draftId: string) => Buffer.from(Y.encodeStateVector(deviceDoc(draftId))).toString('base64'),
  };
}

export type DraftsApp = Awaited<ReturnType<typeof draftsApp>>;

/** One app for a test file: filled in by `beforeAll`, so use it inside tests and hooks only. */
export function useDraftsApp(): DraftsApp {
  const app = {} as DraftsApp;
  beforeAll(async () => {
    Object.assign(app, await draftsApp());
  });
  afterAll(() => app.cleanup());
  return app;
}
