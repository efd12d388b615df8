/** Whole-page states: loading, not found, offline without a local copy, and errors. Never a blank screen. */
import { type JSX, Match, Switch } from 'solid-js';
import { OFFLINE_MISSING, Skeleton } from './Basics.tsx';

export type PageStatus = 'loading' | 'ready' | 'offline-missing' | 'not-found' | 'error';

export function NotFoundView(props: { detail?: string }): JSX.Element {
  return (
    <section class="page-state">
      <h1>Page not found</h1>
      <p>{props.detail ?? "There's nothing at this address. It may have moved, or the link has a typo."}</p>
      <p class="actions">
        <a class="button" href="/">
          Go to the home page
        </a>
        <a class="button button-secondary" href="/saved">
          See saved posts
        </a>
      </p>
    </section>
  );
}

export function OfflineMissingView(): JSX.Element {
  return (
    <section class="page-state">
      <h1>{OFFLINE_MISSING}</h1>
      <p>
        Everything you saved for offline, and the pages you opened before, still work. Connect to the internet to load
        this one.
      </p>
      <p class="actions">
        <a class="button" href="/saved">
          See saved posts
        </a>
        <a class="button button-secondary" href="/">
          Go to the home page
        </a>
      </p>
    </section>
  );
}

export function ErrorView(props: { message: string | null; onRetry: () => void }): JSX.Element {
  return (
    <section class="page-state">
      <h1>This page didn't load</h1>
      <p>{props.message ?? 'Something went wrong.'}</p>
      <p class="actions">
        <button type="button" class="button" onClick={() => props.onRetry()}>
          Try again
        </button>
        <a class="button button-secondary" href="/">
          Go to the home page
        </a>
      </p>
    </section>
  );
}

/** Shows `children` when ready, or the matching state view. */
export function PageSwitch(props: {
  status: PageStatus;
  message?: string | null;
  onRetry: () => void;
  notFound?: string;
  loading?: JSX.Element;
  children: JSX.Element;
}): JSX.Element {
  return (
    <Switch fallback={props.children}>
      <Match when={props.status === 'loading'}>{props.loading ?? <Skeleton lines={6} />}</Match>
      <Match when={props.status === 'not-found'}>
        <NotFoundView {...(props.notFound ? { detail: props.notFound } : {})} />
      </Match>
      <Match when={props.status === 'offline-missing'}>
        <OfflineMissingView />
      </Match>
      <Match when={props.status === 'error'}>
        <ErrorView message={props.message ?? null} onRetry={props.onRetry} />
      </Match>
    </Switch>
  );
}
