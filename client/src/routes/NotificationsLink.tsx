/**
 * The header's link to the notifications page with the unread count, for a signed-in reader. Its own
 * chunk, loaded after the first paint; the count is asked again every minute while the page is visible.
 */
import { useLocation } from '@solidjs/router';
import { type JSX, onCleanup, Show } from 'solid-js';
import { useNotifications } from '../state/notifications.ts';

const EVERY_MS = 60_000;

export default function NotificationsLink(): JSX.Element {
  const location = useLocation();
  const list = useNotifications();
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') list.revalidate();
  }, EVERY_MS);
  onCleanup(() => clearInterval(timer));
  const unread = () => list.data()?.unreadCount ?? 0;
  return (
    <a
      href="/notifications"
      class="nav-notifications"
      aria-current={location.pathname === '/notifications' ? 'page' : undefined}
    >
      Notifications
      <Show when={unread() > 0}>
        {' '}
        <span class="unread-badge">
          {unread()}
          <span class="sr-only"> unread</span>
        </span>
      </Show>
    </a>
  );
}
