/**
 * The signed-in user's notifications: the server's latest page kept in `answers` (readable offline once
 * fetched) and marking them read. Marking read needs the network; done twice it changes nothing.
 */
import type { NotificationPage } from '../../../shared/src/model/social-api.ts';
import { keepAnswer, readAnswer } from './answers.ts';
import { type ApiClient, api } from './api-client.ts';
import type { LiveRead } from './changes.ts';
import { db, type SdpDb } from './db.ts';
import { markedRead } from './notification-line.ts';
import { type SessionStore, sessionStore } from './session.ts';

export const notificationsKey = (userId: string) => `notifications:${userId}`;

export type NotificationsDeps = { database?: SdpDb; client?: ApiClient; session?: SessionStore };

export function createNotifications({
  database = db(),
  client = api(),
  session = sessionStore(),
}: NotificationsDeps = {}) {
  return {
    live: (userId: string): LiveRead<NotificationPage | undefined> =>
      database.live(
        ['answers'],
        async (tx) =>
          (await tx.objectStore('answers').get(notificationsKey(userId)))?.value as NotificationPage | undefined,
      ),
    refresh: async (userId: string) =>
      keepAnswer(database, notificationsKey(userId), await client.notifications(null, 50)),
    /** Tells the server `ids` were seen, then the kept page. Throws OfflineError offline. */
    async markRead(userId: string, ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      const csrf = await session.csrf();
      if (!csrf) return;
      const { unreadCount } = await client.markNotificationsRead({ ids }, csrf);
      const kept = await readAnswer<NotificationPage>(database, notificationsKey(userId));
      if (kept)
        await keepAnswer(
          database,
          notificationsKey(userId),
          markedRead(kept, ids, new Date().toISOString(), unreadCount),
        );
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;

let shared: Notifications | undefined;
export const notifications = (): Notifications => {
  shared ??= createNotifications();
  return shared;
};
