/** Glue between the follow state and the presentational FollowButton, for one author or tag. */
import { useLocation } from '@solidjs/router';
import { createSignal, type JSX, Show } from 'solid-js';
import {
  dropFollowChange,
  type FollowTarget,
  followStatus,
  retryFollowChange,
  setFollowing,
} from '../state/follows.ts';
import { currentUser } from '../state/session.ts';
import { FollowButton } from '../ui/FollowButton.tsx';
import { signInHref } from './sign-in-link.ts';

export function Follow(props: { target: FollowTarget; subject: string; size?: 'sm'; label?: string }): JSX.Element {
  const location = useLocation();
  const [error, setError] = createSignal<string | null>(null);
  const status = () => followStatus(props.target);
  const run = async (task: () => Promise<unknown>) => {
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work.');
    }
  };
  const refused = () => status().refused;
  // Nobody follows themselves (the server refuses it): no button on your own profile or posts.
  const isSelf = () => props.target.kind === 'author' && currentUser()?.id === props.target.id;
  return (
    <Show when={!isSelf()}>
      <FollowButton
        subject={props.subject}
        signInHref={currentUser() ? null : signInHref(location.pathname + location.search)}
        following={status().following}
        pending={status().pending}
        refused={refused()}
        error={error()}
        size={props.size}
        label={props.label}
        onToggle={() => void run(() => setFollowing(props.target, !status().following))}
        onRetry={() =>
          void run(async () => {
            const entry = refused();
            if (entry) await retryFollowChange(entry.entryId);
          })
        }
        onDrop={() =>
          void run(async () => {
            const entry = refused();
            if (entry) await dropFollowChange(entry.entryId);
          })
        }
      />
    </Show>
  );
}
