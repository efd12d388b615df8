/**
 * The post page's reactions and comments: glue between state/social.ts and the presentational
 * ReactionBar and CommentList. Its own chunk, loaded after the post's text has painted.
 */
import { useLocation } from '@solidjs/router';
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { REACTION_KINDS, type ReactionKind, type Reactor } from '../../../shared/src/model/social-api.ts';
import { currentUser } from '../state/session.ts';
import { useComments, useReactions } from '../state/social.ts';
import { comments } from '../store/comments.ts';
import { reactions } from '../store/reactions.ts';
import { CommentForm } from '../ui/CommentForm.tsx';
import { type CommentActions, CommentList } from '../ui/CommentList.tsx';
import { count } from '../ui/format.ts';
import { ReactionBar } from '../ui/ReactionBar.tsx';
import { signInHref } from './sign-in-link.ts';

export type PostSocialProps = { postId: string; authorId: string };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : 'That did not work.');

export default function PostSocial(props: PostSocialProps): JSX.Element {
  const location = useLocation();
  const signIn = () => (currentUser() ? null : signInHref(location.pathname + location.search));
  return (
    <>
      <Reactions postId={props.postId} signInHref={signIn()} />
      <Comments postId={props.postId} authorId={props.authorId} signInHref={signIn()} />
    </>
  );
}

function Reactions(props: { postId: string; signInHref: string | null }): JSX.Element {
  const swr = useReactions(() => props.postId);
  const [error, setError] = createSignal<string | null>(null);
  const [reactors, setReactors] = createSignal<Partial<Record<ReactionKind, Reactor[]>> | string | null>(null);
  const run = (task: () => Promise<unknown>) => {
    setError(null);
    task().catch((e) => setError(messageOf(e)));
  };
  const showReactors = async () => {
    try {
      const pages = await Promise.all(REACTION_KINDS.map((kind) => reactions().reactors(props.postId, kind)));
      setReactors(Object.fromEntries(REACTION_KINDS.map((kind, i) => [kind, pages[i]?.items ?? []])));
    } catch (e) {
      setReactors(messageOf(e));
    }
  };
  return (
    <ReactionBar
      reactions={swr.data() ?? []}
      signInHref={props.signInHref}
      error={error()}
      onToggle={(kind, on) => run(() => reactions().set(props.postId, kind, on))}
      onRetry={(id) => run(() => reactions().retry(id))}
      onDrop={(id) => run(() => reactions().drop(id))}
      reactors={reactors()}
      onShowReactors={() => void showReactors()}
    />
  );
}

function Comments(props: { postId: string; authorId: string; signInHref: string | null }): JSX.Element {
  const swr = useComments(() => props.postId);
  // A link to one comment (from a notification): show it once the thread is on screen.
  const location = useLocation();
  createEffect(
    on(swr.data, (view) => {
      if (view && location.hash.startsWith('#comment-'))
        queueMicrotask(() => document.getElementById(location.hash.slice(1))?.scrollIntoView());
    }),
  );
  const [error, setError] = createSignal<string | null>(null);
  const run = (task: () => Promise<unknown>) => {
    setError(null);
    task().catch((e) => setError(messageOf(e)));
  };
  const store = comments();
  const actions: CommentActions = {
    get userId() {
      return currentUser()?.id ?? null;
    },
    get isPostAuthor() {
      return currentUser()?.id === props.authorId;
    },
    reply: async (parentId, body) => void (await store.add(props.postId, body, parentId)),
    edit: async (commentId, body) => void (await store.edit(props.postId, commentId, body)),
    remove: (commentId) => run(() => store.remove(props.postId, commentId)),
    hide: (commentId, hidden) => run(() => store.hide(props.postId, commentId, hidden)),
    report: (commentId, reason) => run(() => store.report(props.postId, commentId, reason)),
    retry: (entryId) => run(() => store.retry(entryId)),
    drop: (entryId) => run(() => store.drop(entryId)),
  };
  return (
    <section class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      <p class="muted small">{count(swr.data()?.total ?? 0, 'comment')}</p>
      <Show
        when={props.signInHref === null}
        fallback={
          <p>
            <a href={props.signInHref ?? '/signin'}>Sign in to comment</a>
          </p>
        }
      >
        <CommentForm
          label="Add a comment"
          submitLabel="Post comment"
          onSubmit={async (body) => void (await store.add(props.postId, body))}
        />
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show
        when={swr.data()}
        fallback={
          <p class="muted small">
            {swr.status() === 'offline-missing'
              ? "You're offline; comments will load when you're back."
              : 'Loading comments…'}
          </p>
        }
      >
        {(view) => (
          <>
            <CommentList items={view().items} actions={actions} />
            <Show when={view().more}>
              <p>
                <button
                  type="button"
                  class="button button-secondary button-sm"
                  onClick={() => run(() => store.loadMore(props.postId, currentUser()?.id ?? null))}
                >
                  Load more comments
                </button>
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
