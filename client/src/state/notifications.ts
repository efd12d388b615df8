/** The signed-in user's notifications as a stale-while-revalidate resource (the header's count and the page). */
import { createMemo } from 'solid-js';
import { notifications } from '../store/notifications.ts';
import { currentUser } from './session.ts';
import { createSwr } from './swr.ts';

export const useNotifications = () => {
  const userId = createMemo(() => currentUser()?.id);
  const swr = createSwr(
    userId,
    (id) => notifications().live(id),
    (id) => notifications().refresh(id),
  );
  return { ...swr, userId };
};

export const markNotificationsRead = (userId: string, ids: string[]) => notifications().markRead(userId, ids);
