/** /notifications: the signed-in reader's notifications, newest first, marked read once shown online. */
import { createEffect, For, type JSX, on, Show } from 'solid-js';
import { markNotificationsRead, useNotifications } from '../state/notifications.ts';
import { currentUser } from '../state/session.ts';
import { notificationLine } from '../store/notification-line.ts';
import { formatDate, setTitle } from '../ui/format.ts';
import { PageSwitch } from '../ui/PageState.tsx';
import { signInHref } from './sign-in-link.ts';

export default function NotificationsPage(): JSX.Element {
  setTitle('Notifications');
  const list = useNotifications();
  // Seen: once the server's latest page is on screen, its unread items are marked read (each asked once).
  const asked = new Set<string>();
  createEffect(
    on([list.remote, list.data], ([remote, page]) => {
      const userId = list.userId();
      const unread = (page?.items ?? []).filter((n) => n.readAt === null && !asked.has(n.id)).map((n) => n.id);
      if (remote !== 'ok' || !userId || unread.length === 0) return;
      for (const id of unread) asked.add(id);
      void markNotificationsRead(userId, unread).catch(() => undefined);
    }),
  );
  return (
    <section aria-labelledby="notifications-heading">
      <h1 id="notifications-heading">Notifications</h1>
      <Show
        when={currentUser() !== null}
        fallback={
          <p>
            <a href={signInHref('/notifications')}>Sign in</a> to see your notifications.
          </p>
        }
      >
        <PageSwitch status={list.status()} message={list.message()} onRetry={list.revalidate}>
          <Show when={(list.data()?.items.length ?? 0) > 0} fallback={<p class="muted">Nothing new yet.</p>}>
            <ul class="notification-list">
              <For each={list.data()?.items}>
                {(n) => (
                  <li class={n.readAt === null ? 'notification unread' : 'notification'}>
                    <a href={notificationLine(n).href}>{notificationLine(n).text}</a>{' '}
                    <time class="muted small" datetime={n.createdAt}>
                      {formatDate(n.createdAt)}
                    </time>
                    <Show when={n.readAt === null}>
                      {' '}
                      <span class="unread-badge">New</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </PageSwitch>
      </Show>
    </section>
  );
}
