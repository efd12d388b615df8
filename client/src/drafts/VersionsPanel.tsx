/**
 * Named versions: "Save version" keeps the draft as it is on the server under a name; "Restore" brings a
 * version back as a new change that co-authors see (restore-version.ts). Needs the server.
 */
import { createResource, createSignal, For, type JSX, Show } from 'solid-js';
import type * as Y from 'yjs';
import { isOnline } from '../state/online.ts';
import { formatDate } from '../ui/format.ts';
import { type DraftPanelState, errorText } from './draft-panel-state.ts';
import { restoreVersion } from './restore-version.ts';

export function VersionsPanel(props: { state: DraftPanelState; doc: Y.Doc; canWrite: boolean }): JSX.Element {
  const [name, setName] = createSignal('');
  const [said, setSaid] = createSignal('');
  const [refresh, setRefresh] = createSignal(0);
  const [versions] = createResource(
    () => (isOnline() ? { id: props.state.draftId(), n: refresh() } : null),
    ({ id }) => props.state.actions.versions(id),
  );

  async function save(event: SubmitEvent) {
    event.preventDefault();
    try {
      const version = await props.state.actions.saveVersion(props.state.draftId(), name());
      setName('');
      setSaid(`Saved version “${version.name}”.`);
      setRefresh((n) => n + 1);
    } catch (error) {
      setSaid(errorText(error));
    }
  }
  async function restore(id: string, label: string) {
    try {
      restoreVersion(props.doc, await props.state.actions.versionState(props.state.draftId(), id));
      setSaid(`Restored “${label}”. Co-authors see it as a new change.`);
    } catch (error) {
      setSaid(`Couldn't restore “${label}”: ${errorText(error)}`);
    }
  }

  return (
    <section class="draft-panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <Show when={props.canWrite}>
        <form class="invite-form" onSubmit={(e) => void save(e)}>
          <label for="version-name">Version name</label>
          <div class="invite-row">
            <input
              id="version-name"
              class="invite-input"
              maxLength={80}
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <button type="submit" class="button button-secondary" disabled={!isOnline() || !name().trim()}>
              Save version
            </button>
          </div>
        </form>
      </Show>
      <Show when={isOnline()} fallback={<p class="hint muted">Versions need the internet.</p>}>
        <Show when={!versions.error} fallback={<p class="small">{errorText(versions.error)}</p>}>
          <Show when={(versions.latest ?? []).length > 0} fallback={<p class="muted small">No saved versions yet.</p>}>
            <ul class="member-list">
              <For each={versions.latest ?? []}>
                {(v) => (
                  <li class="member-row">
                    <span>
                      {v.name}{' '}
                      <span class="muted small">
                        {formatDate(v.createdAt)} · {v.createdBy.displayName}
                      </span>
                    </span>
                    <Show when={props.canWrite}>
                      <button type="button" class="button button-link" onClick={() => void restore(v.id, v.name)}>
                        Restore<span class="sr-only"> {v.name}</span>
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
      <p role="status" class="sr-status small">
        {said()}
      </p>
    </section>
  );
}
