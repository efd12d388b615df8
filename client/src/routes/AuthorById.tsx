import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, type JSX, onMount } from 'solid-js';
import { useAuthorById } from '../state/catalog.ts';
import { Skeleton } from '../ui/Basics.tsx';
import { setTitle } from '../ui/format.ts';
import { PageSwitch } from '../ui/PageState.tsx';

/** `/u/:id`, the permanent profile link: find the author's current handle and go to `/@handle`. */
export default function AuthorById(): JSX.Element {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const author = useAuthorById(() => params.id);
  onMount(() => setTitle('Profile'));

  createEffect(() => {
    const found = author.data();
    const remote = author.remote();
    // Wait for the server's answer (a handle may have changed); use the kept copy when it can't answer.
    if (found && remote !== 'pending' && remote !== 'idle' && remote !== 'not-found') {
      navigate(`/@${found.handle}`, { replace: true });
    }
  });

  return (
    <PageSwitch
      status={author.status() === 'ready' ? 'loading' : author.status()}
      message={author.message()}
      onRetry={author.revalidate}
      notFound="This profile link doesn't match any author."
      loading={
        <div class="page-state">
          <h1>Opening profile…</h1>
          <Skeleton lines={3} label="Finding the author…" />
        </div>
      }
    >
      {null}
    </PageSwitch>
  );
}
