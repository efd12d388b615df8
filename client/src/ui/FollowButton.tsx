/**
 * The Follow / Following toggle for an author or a tag, with its pending mark (the change is not on the
 * server yet) and a refused change's message with Retry and Drop. Signed out, it is a link to sign in.
 */
import { type JSX, Show } from 'solid-js';
import { PendingMark, RefusedChange } from './OutboxMarks.tsx';

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
  /** The button's word while not following; "Follow" unless said. */
  label?: string;
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
            {props.label ?? 'Follow'}
            {subject()}
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
          {props.following ? 'Following' : (props.label ?? 'Follow')}
          {subject()}
        </button>
        <span role="status" class="follow-status">
          <PendingMark when={props.pending} />
        </span>
      </Show>
      <Show when={props.refused}>
        {(refused) => (
          <RefusedChange
            what={`Couldn't ${refused().follow ? 'follow' : 'unfollow'} ${props.subject}`}
            message={refused().message}
            retrySubject={refused().follow ? 'following' : 'unfollowing'}
            onRetry={props.onRetry}
            onDrop={props.onDrop}
          />
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
