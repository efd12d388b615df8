import { useParams } from '@solidjs/router';
import { createEffect, createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { useAuthorByHandle, usePostList } from '../state/catalog.ts';
import { currentUser, session } from '../state/session.ts';
import { Avatar } from '../ui/Basics.tsx';
import { formatMonthYear, setTitle } from '../ui/format.ts';
import { PageSwitch } from '../ui/PageState.tsx';
import { Follow } from './Follow.tsx';
import { OfflineSave } from './OfflineSave.tsx';
import { PostFeed } from './PostFeed.tsx';

/** `/@handle`: the route matches `/:handle` with a filter that requires the `@` (see app/routes.ts). */
export const handleFromSegment = (segment: string | undefined) => decodeURIComponent(segment ?? '').replace(/^@/, '');

const safeWebsite = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);
const websiteLabel = (url: string) => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');

export default function AuthorPage(): JSX.Element {
  const params = useParams<{ handle: string }>();
  const handle = () => handleFromSegment(params.handle);
  const author = useAuthorByHandle(handle);
  const posts = usePostList(() => {
    const id = author.data()?.id;
    return id ? `author:${id}` : undefined;
  });
  const [copied, setCopied] = createSignal<string | null>(null);
  let copiedTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(copiedTimer));

  const [signOutMessage, setSignOutMessage] = createSignal<string | null>(null);
  const signOutEverywhere = async () => {
    setSignOutMessage(null);
    try {
      await session().signOut({ everywhere: true });
    } catch (error) {
      const offline = error instanceof Error && error.name === 'OfflineError';
      setSignOutMessage(
        offline
          ? "You're offline. Connect to the internet to sign out everywhere."
          : `Signing out failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  createEffect(() => setTitle(author.data()?.displayName ?? `@${handle()}`));

  const copyLink = async (id: string) => {
    const link = `${location.origin}/u/${id}`;
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied');
    } catch {
      setCopied(`Copy this link: ${link}`);
    }
    clearTimeout(copiedTimer);
    copiedTimer = setTimeout(() => setCopied(null), 4000);
  };

  return (
    <PageSwitch
      status={author.status()}
      message={author.message()}
      onRetry={author.revalidate}
      notFound={`There is no author @${handle()}.`}
    >
      <Show when={author.data()}>
        {(a) => (
          <div class="profile">
            <header class="card profile-header">
              <Avatar id={a().id} name={a().displayName} src={a().avatarUrl} size="lg" />
              <h1>{a().displayName}</h1>
              <p class="muted">@{a().handle}</p>
              <Show when={a().headline}>
                <p class="headline">{a().headline}</p>
              </Show>
              <Show when={a().bio}>
                <p class="bio">{a().bio}</p>
              </Show>
              <ul class="profile-meta">
                <Show when={a().location}>
                  <li>
                    <span class="sr-only">Location: </span>
                    {a().location}
                  </li>
                </Show>
                <li>Joined {formatMonthYear(a().joinedAt)}</li>
                <Show when={a().website}>
                  {(site) => (
                    <li>
                      <span class="sr-only">Website: </span>
                      <a href={safeWebsite(site())} rel="noopener noreferrer me">
                        {websiteLabel(site())}
                      </a>
                    </li>
                  )}
                </Show>
                <Show when={a().github}>
                  {(gh) => (
                    <li>
                      <a href={`https://github.com/${encodeURIComponent(gh())}`} rel="noopener noreferrer me">
                        GitHub: {gh()}
                      </a>
                    </li>
                  )}
                </Show>
              </ul>
              <ul class="profile-counts">
                <Stat value={a().followerCount} label="Followers" href={`/u/${a().id}/followers`} />
                <Stat value={a().followingCount} label="Following" href={`/u/${a().id}/following`} />
                <Stat value={a().postCount} label="Posts" />
                <Stat value={a().commentCount} label="Comments" />
              </ul>
              <div class="profile-actions">
                <Follow target={{ kind: 'author', id: a().id }} subject={a().displayName} />
                <button type="button" class="button button-secondary" onClick={() => void copyLink(a().id)}>
                  Copy profile link
                </button>
                <OfflineSave target={() => ({ kind: 'author', id: a().id })} subject={`${a().displayName}'s posts`} />
              </div>
              <Show when={currentUser()?.id === a().id}>
                <div class="profile-actions">
                  <a class="button button-secondary" href="/settings/profile">
                    Edit profile
                  </a>
                  <button
                    type="button"
                    class="button button-secondary"
                    onClick={() => void signOutEverywhere()}
                    aria-describedby="signout-everywhere-hint"
                  >
                    Sign out everywhere
                  </button>
                </div>
                <p id="signout-everywhere-hint" class="muted small">
                  Ends your sessions on every device, this one included.
                </p>
              </Show>
              <p role="alert" class="field-error">
                {signOutMessage() ?? ''}
              </p>
              <p role="status" class="copy-status">
                {copied() ?? ''}
              </p>
            </header>

            <Show when={a().supportUrl}>
              {(url) => (
                <section class="card support" aria-labelledby="support-heading">
                  <h2 id="support-heading">Support {a().displayName}</h2>
                  <p>Enjoying these posts? You can support the author's writing directly.</p>
                  <a class="button" href={safeWebsite(url())} rel="noopener noreferrer">
                    Support {a().displayName}
                  </a>
                </section>
              )}
            </Show>

            <section aria-labelledby="author-posts">
              <h2 id="author-posts" class="section-title">
                Latest posts
              </h2>
              <PostFeed feed={posts} emptyText={`${a().displayName} hasn't published anything yet.`} />
            </section>
          </div>
        )}
      </Show>
    </PageSwitch>
  );
}

function Stat(props: { value: number; label: string; href?: string }): JSX.Element {
  const content = () => (
    <>
      <strong>{props.value.toLocaleString('en')}</strong> <span>{props.label}</span>
    </>
  );
  return (
    <li>
      <Show when={props.href} fallback={content()}>
        {(href) => <a href={href()}>{content()}</a>}
      </Show>
    </li>
  );
}
