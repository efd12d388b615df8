/**
 * The user doc wired for the app: opened for the signed-in user against this site's /sync, its reading
 * list and settings published as plain snapshots on every change. Loaded with a dynamic import by
 * state/user-doc.ts, so Yjs never reaches the first load.
 */
import { userDocName } from '../../../shared/src/protocol/doc-name.ts';
import type { ReaderSettings } from '../state/reader-settings.ts';
import { openSyncedDoc, type SyncedDocOptions, type SyncedDocStatus, siteSyncUrl } from './synced-doc.ts';
import {
  type ReadingItem,
  type ReadingTarget,
  readingItems,
  readingListMap,
  readSettings,
  removeFromReadingList,
  settingsMap,
  toggleReadingList,
  writeSettings,
} from './user-doc-model.ts';

export type UserDocSnapshot = {
  items: ReadingItem[];
  /** null until some device chose settings: the device keeps its own until then. */
  settings: ReaderSettings | null;
};

export type UserDocSessionOptions = {
  userId: string;
  token: SyncedDocOptions['token'];
  /** Whether to connect right away (the browser is online). */
  online: boolean;
  onSnapshot(snapshot: UserDocSnapshot): void;
  onStatus(status: SyncedDocStatus): void;
};

export async function startUserDocSession(options: UserDocSessionOptions) {
  const userDoc = await openSyncedDoc({
    docName: userDocName(options.userId),
    serverUrl: siteSyncUrl(),
    token: options.token,
  });
  const list = readingListMap(userDoc.doc);
  const settings = settingsMap(userDoc.doc);
  const publish = () =>
    options.onSnapshot({ items: readingItems(list), settings: settings.size > 0 ? readSettings(settings) : null });
  list.observe(publish);
  settings.observe(publish);
  publish();
  const stopStatus = userDoc.onStatus(options.onStatus);
  options.onStatus(userDoc.status());
  if (options.online) await userDoc.connect();

  return {
    /** Adds the post, or removes it when it is there; returns whether it is in the list now. */
    toggle: (target: ReadingTarget) => toggleReadingList(list, target, Date.now()),
    remove: (postId: string) => removeFromReadingList(list, postId),
    updateSettings: (change: Partial<ReaderSettings>) => writeSettings(settings, change),
    connect: () => userDoc.connect(),
    disconnect: () => userDoc.disconnect(),
    destroy() {
      list.unobserve(publish);
      settings.unobserve(publish);
      stopStatus();
      userDoc.destroy();
    },
  };
}

export type UserDocSession = Awaited<ReturnType<typeof startUserDocSession>>;
