import { useSearchParams } from '@solidjs/router';
import { createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { POPULAR_WINDOWS, type PopularWindow } from '../../../shared/src/model/catalog.ts';
import { popularListKey, usePopularAuthors, usePopularTags, usePostList } from '../state/catalog.ts';
import { currentUser } from '../state/session.ts';
import { Avatar, Notice, Skeleton } from '../ui/Basics.tsx';
import { count, formatMonthYear, setTitle } from '../ui/format.ts';
import { Follow } from './Follow.tsx';
import { FollowingFeed } from './FollowingFeed.tsx';
import { OfflineSave } from './OfflineSave.tsx';
import { PostFeed } from './PostFeed.tsx';

const WINDOW_LABELS: Record<PopularWindow, string> = { week: 'This week', month: 'This month', all: 'All time' };
const FEEDS = ['latest', 'following'] as const;
const FEED_LABELS: Record<(typeof FEEDS)[number], string> = { latest: 'Latest', following: 'Following' };

export default function Home(): JSX.Element {
  onMount(() => setTitle(''));
  const latest = usePostList(() => 'latest');
  // `?feed=following` keeps the signed-in reader's choice across reloads and in links.
  const [search, setSearch] = useSearchParams<{ feed?: string }>();
  const showFollowing = () => search.feed === 'following';
  const chooseFeed = (feed: (typeof FEEDS)[number]) => setSearch({ feed: feed === 'following' ? feed : undefined });
  const [popularWindow, setPopularWindow] = createSignal<PopularWindow>('week');
  const popular = usePostList(() => popularListKey(popularWindow()));
  const tags = usePopularTags(popularWindow);
  const authors = usePopularAuthors(popularWindow);

  return (
    <div class="home">
      <section class="hero">
        <h1>SysDesPro</h1>
        <p class="tagline">System design, written by the engineers who run it. Read anywhere — even offline.</p>
        <p class="actions">
          <a class="button" href="/signup">
            Become an author
          </a>
        </p>
      </section>

      <div class="home-grid">
        <section class="feed" aria-labelledby="feed-heading">
          <Show when={currentUser()}>
            <fieldset class="segmented">
              <legend class="sr-only">Show</legend>
              <For each={FEEDS}>
                {(feed) => (
                  <button
                    type="button"
                    aria-pressed={(feed === 'following') === showFollowing() ? 'true' : 'false'}
                    onClick={() => chooseFeed(feed)}
                  >
                    {FEED_LABELS[feed]}
                  </button>
                )}
              </For>
            </fieldset>
          </Show>
          <Show
            when={showFollowing() && currentUser()}
            fallback={
              <>
                <div class="section-head">
                  <h2 id="feed-heading">Latest posts</h2>
                  <OfflineSave target={() => ({ kind: 'latest' })} subject="the latest posts" />
                </div>
                <PostFeed feed={latest} emptyText="No posts yet." />
              </>
            }
          >
            {(user) => <FollowingFeed userId={user().id} />}
          </Show>
        </section>

        <aside class="sidebar" aria-label="Popular on SysDesPro">
          <fieldset class="segmented">
            <legend class="sr-only">Popular posts, tags and authors of</legend>
            <For each={POPULAR_WINDOWS}>
              {(w) => (
                <button
                  type="button"
                  aria-pressed={popularWindow() === w ? 'true' : 'false'}
                  onClick={() => setPopularWindow(w)}
                >
                  {WINDOW_LABELS[w]}
                </button>
              )}
            </For>
          </fieldset>
          <section class="card side-card" aria-labelledby="popular-heading">
            <h2 id="popular-heading">Popular posts</h2>
            <Show when={popular.status() === 'ready'} fallback={<SideState status={popular.status()} />}>
              <Show when={(popular.data()?.items.length ?? 0) > 0} fallback={<p class="muted">No posts yet.</p>}>
                <ol class="side-list">
                  <For each={popular.data()?.items}>
                    {(post) => (
                      <li>
                        <article>
                          <h3>
                            <a href={`/p/${encodeURIComponent(post.slug)}`}>{post.title}</a>
                          </h3>
                          <p class="muted small">
                            {post.author.displayName} · {count(post.reactionCount, 'reaction')}
                          </p>
                        </article>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </Show>
          </section>

          <section class="card side-card" aria-labelledby="tags-heading">
            <h2 id="tags-heading">Popular tags</h2>
            <Show when={tags.status() === 'ready'} fallback={<SideState status={tags.status()} />}>
              <Show when={(tags.data()?.items.length ?? 0) > 0} fallback={<p class="muted">No tags yet.</p>}>
                <ul class="side-list">
                  <For each={tags.data()?.items}>
                    {(tag) => (
                      <li>
                        <a href={`/t/${encodeURIComponent(tag.slug)}`}>#{tag.name}</a>
                        <span class="muted small">{count(tag.postCount, 'post')}</span>
                        <Follow target={{ kind: 'tag', slug: tag.slug }} subject={`#${tag.name}`} size="sm" />
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
          </section>

          <section class="card side-card" aria-labelledby="authors-heading">
            <h2 id="authors-heading">Popular authors</h2>
            <Show when={authors.status() === 'ready'} fallback={<SideState status={authors.status()} />}>
              <Show when={(authors.data()?.items.length ?? 0) > 0} fallback={<p class="muted">No authors yet.</p>}>
                <ul class="author-list">
                  <For each={authors.data()?.items}>
                    {(author) => (
                      <li>
                        <Avatar id={author.id} name={author.displayName} src={author.avatarUrl} />
                        <div class="author-list-body">
                          <a class="byline-name" href={`/@${author.handle}`}>
                            {author.displayName}
                          </a>
                          <Show when={author.headline}>
                            <p class="small">{author.headline}</p>
                          </Show>
                          <p class="muted small">
                            Joined {formatMonthYear(author.joinedAt ?? '')} ·{' '}
                            {count(author.followerCount ?? 0, 'follower')} · {count(author.postCount ?? 0, 'post')}
                          </p>
                          <Follow target={{ kind: 'author', id: author.id }} subject={author.displayName} size="sm" />
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
            <p class="side-foot">
              <a href="/signup">Become an author →</a>
            </p>
          </section>
        </aside>
      </div>
    </div>
  );
}

function SideState(props: { status: string }): JSX.Element {
  return (
    <Show when={props.status === 'loading'} fallback={<Notice tone="warn">{sideMessage(props.status)}</Notice>}>
      <Skeleton lines={3} />
    </Show>
  );
}

const sideMessage = (status: string) =>
  status === 'offline-missing' ? "You're offline; this list isn't saved on this device." : "This list didn't load.";
