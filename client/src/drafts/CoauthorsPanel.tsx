/**
 * Who writes this draft: the members with their roles, "Invite co-author" by @handle as editor or viewer,
 * and Remove (the owner). Needs the server: offline the form says so instead of pretending.
 */
import { createSignal, For, type JSX, Show } from 'solid-js';
import type { DraftMember, InviteRole } from '../../../shared/src/drafts/drafts-api.ts';
import { isOnline } from '../state/online.ts';
import { type DraftPanelState, errorText } from './draft-panel-state.ts';

const ROLE_LABEL: Record<DraftMember['role'], string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

export function CoauthorsPanel(props: { state: DraftPanelState; isOwner: boolean; userId: string }): JSX.Element {
  const [handle, setHandle] = createSignal('');
  const [role, setRole] = createSignal<InviteRole>('editor');
  const [busy, setBusy] = createSignal(false);
  const [said, setSaid] = createSignal('');
  const [error, setError] = createSignal('');
  const members = () => props.state.summary()?.members ?? [];

  async function invite(event: SubmitEvent) {
    event.preventDefault();
    const name = handle().trim().replace(/^@/, '');
    if (!name) return setError('Enter the person’s @handle.');
    setBusy(true);
    setError('');
    try {
      const member = await props.state.actions.invite(props.state.draftId(), name, role());
      setHandle('');
      setSaid(`Invited ${member.displayName} as ${role() === 'editor' ? 'an editor' : 'a viewer'}.`);
      props.state.refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function remove(member: DraftMember) {
    try {
      await props.state.actions.removeMember(props.state.draftId(), member.id);
      setSaid(`Removed ${member.displayName}. Their access ended now.`);
      props.state.refresh();
    } catch (err) {
      setSaid(errorText(err));
    }
  }

  return (
    <section class="draft-panel" aria-labelledby="coauthors-heading">
      <h2 id="coauthors-heading">Co-authors</h2>
      <Show
        when={members().length > 0}
        fallback={<p class="muted small">{isOnline() ? 'Loading…' : 'Go online to see who writes this draft.'}</p>}
      >
        <ul class="member-list">
          <For each={members()}>
            {(member) => (
              <li class="member-row">
                <span>
                  {member.displayName} <span class="muted">@{member.handle}</span> · {ROLE_LABEL[member.role]}
                </span>
                <Show when={props.isOwner && member.role !== 'owner'}>
                  <button
                    type="button"
                    class="button button-link"
                    disabled={!isOnline()}
                    onClick={() => void remove(member)}
                  >
                    Remove<span class="sr-only"> {member.displayName}</span>
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.isOwner}>
        <form class="invite-form" onSubmit={(e) => void invite(e)}>
          <label for="invite-handle">Invite co-author</label>
          <div class="invite-row">
            <input
              id="invite-handle"
              class="invite-input"
              placeholder="@handle"
              autocomplete="off"
              value={handle()}
              aria-describedby={error() ? 'invite-error' : undefined}
              aria-invalid={error() ? 'true' : undefined}
              onInput={(e) => setHandle(e.currentTarget.value)}
            />
            <label class="sr-only" for="invite-role">
              Role
            </label>
            <select id="invite-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as InviteRole)}>
              <option value="editor">Editor</option>
              <option value="viewer">Viewer</option>
            </select>
            <button type="submit" class="button button-secondary" disabled={busy() || !isOnline()}>
              Invite
            </button>
          </div>
          <Show when={!isOnline()}>
            <p class="hint muted">Invitations need the internet.</p>
          </Show>
          <Show when={error()}>
            <p id="invite-error" class="field-error">
              {error()}
            </p>
          </Show>
        </form>
      </Show>
      <p role="status" class="sr-status small">
        {said()}
      </p>
    </section>
  );
}
