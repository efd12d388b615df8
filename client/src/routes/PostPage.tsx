import { useLocation, useParams } from '@solidjs/router';
import { createEffect, type JSX, lazy, Show, Suspense } from 'solid-js';
import type { AuthorSummary } from '../../../shared/src/model/catalog.ts';
import { usePost, useSeries } from '../state/catalog.ts';
import { Avatar, Notice, OFFLINE_MISSING, Skeleton, TagChips } from '../ui/Basics.tsx';
import { DocContent } from '../ui/DocContent.tsx';
import { count, formatDate, formatMonthYear, readingTime, setTitle } from '../ui/format.ts';
import { PageSwitch } from '../ui/PageState.tsx';
import { PostCounts } from '../ui/PostCard.tsx';
import { SeriesBox } from '../ui/SeriesBox.tsx';
import { WhenNear } from '../ui/WhenNear.tsx';
import { Follow } from './Follow.tsx';
import { OfflineSave } from './OfflineSave.tsx';
import { PostTopics } from './PostTopics.tsx';
import { ReadLater } from './ReadLater.tsx';

// Reactions and comments are their own chunk, loaded once the reader nears the end of the post (at once
// when a link points at a comment).
const PostSocial = lazy(() => import('./PostSocial.tsx'));

export default function PostPage(): JSX.Element {
  const params = useParams<{ slug: string }>();
  const location = useLocation();
  const post = usePost(() => params.slug);
  // The series as kept on its own (when this post is only known from a list, without seriesDetail).
  const series = useSeries(() => {
    const p = post.data();
    return p?.series && !p.seriesDetail ? p.series.slug : undefined;
  });
  const seriesDetail = () => post.data()?.seriesDetail ?? series.data();
  // A post known only from a list can show its header while the body loads (or is missing offline).
  const status = () => (post.data() && post.status() !== 'not-found' ? 'ready' : post.status());

  createEffect(() => setTitle(post.data()?.title ?? (post.status() === 'not-found' ? 'Page not found' : 'Post')));

  return (
    <PageSwitch
      status={status()}
      message={post.message()}
      onRetry={post.revalidate}
      notFound="This post doesn't exist or is no longer published."
    >
      <Show when={post.data()}>
        {(p) => (
          <article class="post">
            <header class="post-header">
              <TagChips tags={p().tags} />
              <h1>{p().title}</h1>
              <div class="byline">
                <Avatar id={p().author.id} name={p().author.displayName} src={p().author.avatarUrl} />
                <div>
                  <a class="byline-name" href={`/@${p().author.handle}`}>
                    {p().author.displayName}
                  </a>
                  <p class="muted small">
                    Published <time datetime={p().publishedAt}>{formatDate(p().publishedAt)}</time>
                    {/* ISO-8601 UTC strings: text order is time order. Republished the same day still says so. */}
                    <Show when={p().updatedAt > p().publishedAt}>
                      {' '}
                      · Updated <time datetime={p().updatedAt}>{formatDate(p().updatedAt)}</time>
                    </Show>{' '}
                    · {readingTime(p().readingMinutes)}
                  </p>
                </div>
              </div>
              <div class="post-actions">
                <PostCounts reactions={p().reactionCount} comments={p().commentCount} />
                <OfflineSave
                  target={() => ({ kind: 'post', slug: p().slug })}
                  subject="this post"
                  label="Save for offline"
                  savedLabel="Saved for offline"
                />
                <ReadLater target={{ postId: p().id, slug: p().slug, title: p().title }} />
              </div>
            </header>

            <Show when={seriesDetail()}>
              {(s) => (
                <SeriesBox series={s()} currentSlug={p().slug}>
                  <OfflineSave
                    target={() => ({ kind: 'series', slug: s().slug })}
                    subject="the whole series"
                    label="Make series available offline"
                    savedLabel="Series available offline"
                  />
                  <Follow target={{ kind: 'series', slug: s().slug }} subject={s().title} label="Follow series" />
                </SeriesBox>
              )}
            </Show>

            <Show
              when={p().content}
              fallback={
                <Show
                  when={post.status() === 'loading'}
                  fallback={
                    <Notice tone="warn">
                      <p>
                        <strong>
                          {post.status() === 'offline-missing' ? OFFLINE_MISSING : "The post didn't load"}.
                        </strong>{' '}
                        <Show when={post.status() === 'offline-missing'} fallback={post.message()}>
                          <a href="/saved">See what's saved</a>
                        </Show>
                      </p>
                    </Notice>
                  }
                >
                  <Skeleton lines={8} label="Loading the post…" />
                </Show>
              }
            >
              {(content) => <DocContent doc={content()} />}
            </Show>

            <Show when={p().content}>
              <WhenNear eager={location.hash.startsWith('#comment-')} placeholder={<div class="social-placeholder" />}>
                <Suspense fallback={<Skeleton lines={3} label="Loading reactions and comments…" />}>
                  <PostSocial postId={p().id} authorId={p().author.id} />
                </Suspense>
              </WhenNear>
            </Show>

            <footer class="post-footer">
              <PostTopics tags={p().tags} />
              <AuthorCard author={p().author} />
            </footer>
          </article>
        )}
      </Show>
    </PageSwitch>
  );
}

function AuthorCard(props: { author: Partial<AuthorSummary> & Pick<AuthorSummary, 'id' | 'handle' | 'displayName'> }) {
  return (
    <section class="card author-card" aria-labelledby="about-author">
      <h2 id="about-author" class="small-heading">
        About the author
      </h2>
      <div class="byline">
        <Avatar id={props.author.id} name={props.author.displayName} src={props.author.avatarUrl} size="lg" />
        <div>
          <a class="byline-name" href={`/@${props.author.handle}`}>
            {props.author.displayName}
          </a>
          <p class="muted small">@{props.author.handle}</p>
        </div>
      </div>
      <Show when={props.author.headline}>
        <p>{props.author.headline}</p>
      </Show>
      <Show when={props.author.joinedAt}>
        <p class="muted small">
          Joined {formatMonthYear(props.author.joinedAt ?? '')}
          <Show when={props.author.postCount !== undefined}> · {count(props.author.postCount ?? 0, 'post')}</Show>
        </p>
      </Show>
      <p class="author-card-actions">
        <Follow target={{ kind: 'author', id: props.author.id }} subject={props.author.displayName} />
        <a href={`/@${props.author.handle}`}>View {props.author.displayName}'s profile →</a>
      </p>
    </section>
  );
}
