import { useParams } from '@solidjs/router';
import { createEffect, type JSX, Show } from 'solid-js';
import { usePostList, useTag } from '../state/catalog.ts';
import { count, setTitle } from '../ui/format.ts';
import { PageSwitch } from '../ui/PageState.tsx';
import { Follow } from './Follow.tsx';
import { OfflineSave } from './OfflineSave.tsx';
import { PostFeed } from './PostFeed.tsx';

export default function TagPage(): JSX.Element {
  const params = useParams<{ tag: string }>();
  const tag = useTag(() => params.tag);
  const posts = usePostList(() => `tag:${params.tag}`);
  createEffect(() => setTitle(tag.data() ? `#${tag.data()?.name}` : `#${params.tag}`));

  return (
    <PageSwitch
      status={tag.status()}
      message={tag.message()}
      onRetry={tag.revalidate}
      notFound={`There is no tag “${params.tag}”.`}
    >
      <Show when={tag.data()}>
        {(t) => (
          <div class="tag-page">
            <header class="card page-header">
              <h1>
                <span class="muted" aria-hidden="true">
                  #
                </span>
                {t().name}
              </h1>
              <Show when={t().description}>
                <p>{t().description}</p>
              </Show>
              <p class="muted small">
                {count(t().postCount, 'post')} · {count(t().followerCount, 'follower')}
              </p>
              <div class="profile-actions">
                <Follow target={{ kind: 'tag', slug: t().slug }} subject={`#${t().name}`} />
                <OfflineSave target={() => ({ kind: 'tag', slug: t().slug })} subject={`posts tagged ${t().name}`} />
              </div>
            </header>
            <section aria-labelledby="tag-posts">
              <h2 id="tag-posts" class="section-title">
                Posts
              </h2>
              <PostFeed feed={posts} emptyText="No posts with this tag yet." />
            </section>
          </div>
        )}
      </Show>
    </PageSwitch>
  );
}
