/** The root layout: skip link, header with navigation and the offline indicator, main, footer, notices. */
import { type RouteSectionProps, useLocation } from '@solidjs/router';
import { createEffect, createSignal, type JSX, lazy, on, onMount, Show, Suspense } from 'solid-js';
import { isOnline } from '../state/online.ts';
import { currentUser, session } from '../state/session.ts';
import { startUserDoc } from '../state/user-doc.ts';
import { Skeleton } from '../ui/Basics.tsx';
import { StorageNotice } from '../ui/StorageNotice.tsx';

// Registers the service worker; loaded after the first paint so it never delays the first load.
const UpdatePrompt = lazy(() => import('../sw/UpdatePrompt.tsx'));
// The unread count: after the first paint too (it asks the server, and only signed-in readers have one).
const NotificationsLink = lazy(() => import('../routes/NotificationsLink.tsx'));
// Only when signing out with drafts on this device.
const SignOutChoice = lazy(() => import('../routes/SignOutChoice.tsx'));

const afterFirstPaint = (run: () => void) => {
  const start = () =>
    'requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 1000);
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
};

/**
 * The logo (public/favicon.svg) inline: as an <img> it was one more fetch through the service worker and an
 * SVG document to build on every page load, which the load event waited for.
 */
const BrandMark = () => (
  <svg viewBox="0 0 512 512" width="32" height="32" aria-hidden="true">
    <rect width="512" height="512" rx="104" fill="#3b49df" />
    <g stroke="#fff" stroke-width="28">
      <path d="M256 150 150 352h212z" fill="none" />
      <g fill="#3b49df" stroke-width="36">
        <circle cx="256" cy="150" r="40" />
        <circle cx="150" cy="352" r="40" />
        <circle cx="362" cy="352" r="40" />
      </g>
    </g>
  </svg>
);

export function Layout(props: RouteSectionProps): JSX.Element {
  let main: HTMLElement | undefined;
  const location = useLocation();
  const [registerSw, setRegisterSw] = createSignal(false);
  onMount(() =>
    afterFirstPaint(() => {
      setRegisterSw(true);
      // The reading list and reader settings of whoever is signed in (Yjs loads now, not before).
      startUserDoc();
      void import('../state/background.ts').then((background) => background.startBackground());
    }),
  );

  // After client-side navigation, move focus to the new page so keyboard and screen reader users start there.
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus({ preventScroll: true }),
      { defer: true },
    ),
  );

  const [signOutError, setSignOutError] = createSignal<string | null>(null);
  const [askSignOut, setAskSignOut] = createSignal<string | null>(null);
  /** Asks first when the user's drafts are on this device (a shared computer should not keep them). */
  const startSignOut = async (userId: string) => {
    const { deviceCopies } = await import('../store/device-copies.ts');
    if (deviceCopies(userId).count > 0) setAskSignOut(userId);
    else await signOut();
  };
  const chooseSignOut = async (choice: 'keep' | 'remove' | 'cancel') => {
    const userId = askSignOut();
    setAskSignOut(null);
    if (choice === 'cancel' || !userId) return;
    if (!(await signOut())) return;
    if (choice === 'remove') {
      const { deviceCopies } = await import('../store/device-copies.ts');
      await deviceCopies(userId)
        .remove()
        .catch((error: unknown) => setSignOutError(`Some drafts stayed on this device: ${String(error)}`));
    }
  };
  /** Resolves whether the session ended. */
  const signOut = async (): Promise<boolean> => {
    setSignOutError(null);
    try {
      await session().signOut();
      return true;
    } catch (error) {
      setSignOutError(
        isOnline()
          ? `Signing out failed: ${error instanceof Error ? error.message : String(error)}`
          : "You're offline. Connect to sign out.",
      );
      return false;
    }
  };
  const current = (path: string) => (location.pathname === path ? 'page' : undefined);

  const skipToContent = (event: MouseEvent) => {
    event.preventDefault();
    main?.focus();
    main?.scrollIntoView();
  };

  return (
    <>
      <a class="skip-link" href="#main" on:click={skipToContent}>
        Skip to content
      </a>
      <header class="site-header">
        <div class="container header-inner">
          <a class="brand" href="/" aria-label="SysDesPro home">
            <BrandMark />
            <span>SysDesPro</span>
          </a>
          <nav aria-label="Main">
            <ul class="nav-links">
              <li>
                <a href="/" aria-current={location.pathname === '/' ? 'page' : undefined}>
                  Home
                </a>
              </li>
              <li>
                <a href="/saved" aria-current={location.pathname === '/saved' ? 'page' : undefined}>
                  Saved
                </a>
              </li>
              <Show
                when={currentUser()}
                fallback={
                  <>
                    <li>
                      <a href="/signin" aria-current={current('/signin')}>
                        Sign in
                      </a>
                    </li>
                    <li>
                      <a class="nav-cta" href="/signup" aria-current={current('/signup')}>
                        Become an author
                      </a>
                    </li>
                  </>
                }
              >
                {(user) => (
                  <>
                    <Show when={registerSw()}>
                      <li>
                        <Suspense>
                          <NotificationsLink />
                        </Suspense>
                      </li>
                    </Show>
                    <li>
                      <a class="nav-cta" href="/write" aria-current={current('/write')}>
                        Write
                      </a>
                    </li>
                    <li>
                      <a href="/drafts" aria-current={current('/drafts')}>
                        My drafts
                      </a>
                    </li>
                    <li>
                      <a href="/reading-list" aria-current={current('/reading-list')}>
                        Reading list
                      </a>
                    </li>
                    <li>
                      <a
                        class="nav-user"
                        href={`/@${user().handle}`}
                        aria-current={current(`/@${user().handle}`)}
                        title={`@${user().handle}`}
                      >
                        {user().displayName}
                      </a>
                    </li>
                    <li>
                      <button type="button" class="nav-button" onClick={() => void startSignOut(user().id)}>
                        Sign out
                      </button>
                    </li>
                  </>
                )}
              </Show>
            </ul>
          </nav>
        </div>
        <Show when={askSignOut()}>
          {(userId) => (
            <Suspense>
              <SignOutChoice userId={userId()} onChoose={(choice) => void chooseSignOut(choice)} />
            </Suspense>
          )}
        </Show>
        <div role="alert" class="header-alert">
          <Show when={signOutError()}>
            <p class="container">{signOutError()}</p>
          </Show>
        </div>
        <div class="offline-indicator" role="status">
          <Show when={!isOnline()}>
            <p class="container">
              <span aria-hidden="true">● </span>Offline — showing saved posts
            </p>
          </Show>
        </div>
      </header>
      <StorageNotice />
      <main id="main" ref={main} tabindex="-1" class="container">
        <Suspense fallback={<Skeleton lines={6} label="Loading the page…" />}>{props.children}</Suspense>
      </main>
      <footer class="site-footer">
        <div class="container">
          <p>
            <strong>SysDesPro</strong> — a community blog about software system design. Works offline; no tracking
            cookies.
          </p>
          <p>
            <a href="/saved">Saved for offline</a> · <a href="/settings">Settings</a> ·{' '}
            <a href="/signup">Become an author</a>
          </p>
        </div>
      </footer>
      <Show when={registerSw()}>
        <UpdatePrompt />
      </Show>
    </>
  );
}
