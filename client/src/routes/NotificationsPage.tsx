/**
 * /notifications: the signed-in reader's notifications, newest first, marked read once shown online. An
 * invitation to write parts of a series is answered here (Accept, Decline); invitations whose notification
 * is not on this page are listed above it.
 */
import { createEffect, createSignal, For, type JSX, on, Show } from 'solid-js';
import { coauthorChanges, useInvitationPrompts } from '../state/coauthors.ts';
import { markNotificationsRead, useNotifications } from '../state/notifications.ts';
import { currentUser } from '../state/session.ts';
import { notificationLine } from '../store/notification-line.ts';
import { formatDate, setTitle } from '../ui/format.ts';
import { InvitationAnswer } from '../ui/InvitationAnswer.tsx';
import { PageSwitch } from '../ui/PageState.tsx';
import { signInHref } from './sign-in-link.ts';

export default function NotificationsPage(): JSX.Element {
  setTitle('Notifications');
  const list = useNotifications();
  const prompts = useInvitationPrompts();
  const [error, setError] = createSignal<string | null>(null);
  const run = (task: () => Promise<unknown>) => {
    setError(null);
    task().catch((e) => setError(e instanceof Error ? e.message : 'That did not work.'));
  };
  const answerProps = (seriesSlug: string, seriesTitle: string) => ({
    seriesTitle,
    onAnswer: (accept: boolean) => run(() => coauthorChanges().answer(seriesSlug, accept)),
    onRetry: (entryId: string) => run(() => coauthorChanges().retry(entryId)),
    onDrop: (entryId: string) => run(() => coauthorChanges().drop(entryId)),
  });
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
        <Show when={error()}>
          <p class="field-error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={(prompts.data()?.others.length ?? 0) > 0}>
          <section aria-labelledby="invitations-heading">
            <h2 id="invitations-heading" class="section-title">
              Invitations to write
            </h2>
            <ul class="notification-list">
              <For each={prompts.data()?.others}>
                {({ invitation, state }) => (
                  <li class="notification">
                    {invitation.invitedBy?.displayName ?? 'Someone'} invited you to write parts of{' '}
                    <a href={`/series/${encodeURIComponent(invitation.series.slug)}`}>{invitation.series.title}</a>
                    <InvitationAnswer state={state} {...answerProps(invitation.series.slug, invitation.series.title)} />
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
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
                    <Show when={n.series && prompts.data()?.byNotification[n.id]}>
                      {(state) => (
                        <InvitationAnswer
                          state={state()}
                          {...answerProps(n.series?.slug ?? '', n.series?.title ?? 'the series')}
                        />
                      )}
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
