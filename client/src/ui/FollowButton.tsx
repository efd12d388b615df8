/**
 * The Follow / Following toggle for an author or a tag, with its pending mark (the change is not on the
 * server yet) and a refused change's message with Retry and Drop. Signed out, it is a link to sign in.
 */
import { type JSX, Show } from 'solid-js';

export type FollowButtonProps = {
  /** Who or what is followed, for accessible names: "Ana Okafor", "#raft". */
  subject: string;
  /** null while signed out: then the control links here. */
  signInHref: string | null;
  following: boolean;
  pending: boolean;
  /** The server refused the latest change. */
  refused: { message: string; follow: boolean } | null;
  /** This device could not keep the change (storage trouble). */
  error: string | null;
  size?: 'sm';
  onToggle: () => void;
  onRetry: () => void;
  onDrop: () => void;
};

export function FollowButton(props: FollowButtonProps): JSX.Element {
  const sizeClass = () => (props.size === 'sm' ? ' button-sm' : '');
  const subject = () => <span class="sr-only"> {props.subject}</span>;
  return (
    <span class="follow-control">
      <Show
        when={props.signInHref === null}
        fallback={
          <a class={`button${sizeClass()}`} href={props.signInHref ?? '/signin'}>
            Follow{subject()}
            <span class="sr-only"> (sign in first)</span>
          </a>
        }
      >
        <button
          type="button"
          class={`button${sizeClass()}${props.following ? ' button-secondary' : ''}`}
          aria-pressed={props.following ? 'true' : 'false'}
          onClick={() => props.onToggle()}
        >
          <Show when={props.following}>
            <span aria-hidden="true">✓ </span>
          </Show>
          {props.following ? 'Following' : 'Follow'}
          {subject()}
        </button>
        <span role="status" class="follow-status">
          <Show when={props.pending}>
            <span class="pending-mark" title="Saved on this device; it reaches the server when you're online.">
              Pending
              <span class="sr-only"> — not on the server yet</span>
            </span>
          </Show>
        </span>
      </Show>
      <Show when={props.refused}>
        {(refused) => (
          <span class="follow-refused" role="alert">
            <span>
              Couldn't {refused().follow ? 'follow' : 'unfollow'} {props.subject}: {refused().message}
            </span>
            <button type="button" class="button button-link" onClick={() => props.onRetry()}>
              Retry<span class="sr-only"> {refused().follow ? 'following' : 'unfollowing'}</span>
            </button>
            <button type="button" class="button button-link" onClick={() => props.onDrop()}>
              Drop<span class="sr-only"> this change</span>
            </button>
          </span>
        )}
      </Show>
      <Show when={props.error}>
        <span class="field-error" role="alert">
          {props.error}
        </span>
      </Show>
    </span>
  );
}
