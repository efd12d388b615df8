/** Home's "Following" section: posts by the authors and tags the user follows, and keeping them offline. */
import { createEffect, createMemo, type JSX, on, Show } from 'solid-js';
import { usePostList } from '../state/catalog.ts';
import { confirmedFollows } from '../state/follows.ts';
import { createOfflineControl } from '../state/offline.ts';
import { count, formatBytes } from '../ui/format.ts';
import { PostFeed } from './PostFeed.tsx';

export function FollowingFeed(props: { userId: string }): JSX.Element {
  const feed = usePostList(() => `feed:${props.userId}` as const);
  // A confirmed follow or unfollow changes what belongs here.
  const confirmed = createMemo(confirmedFollows);
  createEffect(on(confirmed, () => feed.revalidate(), { defer: true }));
  return (
    <>
      <div class="section-head">
        <h2 id="feed-heading">Following</h2>
        <KeepFollowedOffline userId={props.userId} />
      </div>
      <PostFeed
        feed={feed}
        emptyText="Posts from the authors and tags you follow show up here. Follow an author from their profile or a post, or a tag from its page."
      />
    </>
  );
}

function KeepFollowedOffline(props: { userId: string }): JSX.Element {
  const control = createOfflineControl(() => ({ kind: 'following', userId: props.userId }));
  const kept = () => control.saved();
  const toggle = (on: boolean) => void (on ? control.save() : control.remove());
  return (
    <div class="keep-offline">
      <label class="toggle">
        <input
          type="checkbox"
          checked={kept() !== undefined}
          disabled={control.busy()}
          aria-describedby="keep-offline-hint"
          onChange={(event) => toggle(event.currentTarget.checked)}
        />
        Keep followed writing offline
      </label>
      <p id="keep-offline-hint" class="muted small" role="status">
        <Show
          when={kept()}
          fallback={
            control.busy()
              ? 'Downloading…'
              : "New posts from what you follow download whenever you're online, to read without a connection."
          }
        >
          {(item) => (
            // Elements, not one string: the counts must follow each top-up of the kept item.
            <>
              {count(item().postSlugs.length, 'post')} on this device ({formatBytes(item().bytes)}); new ones download
              whenever you're online.
            </>
          )}
        </Show>
      </p>
      <Show when={control.error()}>
        <p class="field-error" role="alert">
          {control.error()}
        </p>
      </Show>
    </div>
  );
}
