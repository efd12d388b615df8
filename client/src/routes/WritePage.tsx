/**
 * `/write/:id`: the editor for one draft. Lazy, with Tiptap and Yjs in its chunk only (readers never
 * download them).
 *
 * Order matters (the traps of Yjs editors): the device's copy loads first (y-indexeddb), then the page
 * connects — only once the server has the draft (a draft made offline waits for its creation in the
 * outbox) and only while the browser is online. Nothing inserts default content. The status line says
 * where the draft stands; leaving while a change is not yet on the device asks first.
 */
import { useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, type JSX, on, onCleanup, Show } from 'solid-js';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { CloseCode } from '../../../shared/src/protocol/close-codes.ts';
import { DraftSidebar } from '../drafts/DraftSidebar.tsx';
import { createDraftPanelState } from '../drafts/draft-panel-state.ts';
import { draftStatusView } from '../drafts/draft-status.ts';
import { BodyEditor } from '../editor/BodyEditor.tsx';
import { DraftFields } from '../editor/DraftFields.tsx';
import { ExportMarkdownButton } from '../editor/ExportMarkdownButton.tsx';
import { keepImage, localSrcsIn, uploadWaitingImages } from '../editor/local-images.ts';
import { isOnline } from '../state/online.ts';
import { currentUser, session as sessionState } from '../state/session.ts';
import { createLive } from '../state/swr.ts';
import { waitingCreate } from '../store/draft-actions.ts';
import { draftIndex } from '../store/draft-index.ts';
import { outbox, randomId } from '../store/outbox.ts';
import { beforeReload } from '../sw/flush-before-reload.ts';
import { type DraftSession, openDraftSession, type Presence, presentPeople } from '../sync/draft-session.ts';
import type { SyncedDocStatus } from '../sync/synced-doc.ts';
import { Notice, Skeleton } from '../ui/Basics.tsx';
import { setTitle } from '../ui/format.ts';

export default function WritePage(): JSX.Element {
  const params = useParams<{ id: string }>();
  setTitle('Write');
  return (
    <Show
      when={currentUser()}
      fallback={
        <Show when={currentUser() === null} fallback={<Skeleton label="Opening the draft" />}>
          <Notice>
            <p>
              <a href="/signin">Sign in</a> or <a href="/signup">become an author</a> to write.
            </p>
          </Notice>
        </Show>
      }
    >
      {(user) => (
        <Show when={params.id} keyed>
          {(id) => <DraftWorkspace draftId={id} writer={{ id: user().id, name: user().displayName }} />}
        </Show>
      )}
    </Show>
  );
}

function DraftWorkspace(props: { draftId: string; writer: { id: string; name: string } }): JSX.Element {
  const [merged, setMerged] = createSignal<string[]>([]);
  // `npm run bench` reads these marks: from asking for the draft to the editor showing it.
  performance.mark(OPEN_MARK);
  const [opened] = createResource(
    () => props.draftId,
    (draftId) =>
      openDraftSession({
        draftId,
        writer: props.writer,
        token: (options) => sessionState().syncToken(options),
        onMerged: (message) => setMerged((list) => [...list.slice(-2), message]),
      }),
  );
  onCleanup(() => opened.latest?.destroy());
  return (
    <Show
      when={opened()}
      fallback={
        <Show when={opened.error} fallback={<Skeleton label="Opening the draft" />}>
          <Notice tone="error">
            <p>This draft could not be opened on this device: {String(opened.error)}</p>
          </Notice>
        </Show>
      }
    >
      {(draft) => <Workspace draft={draft()} draftId={props.draftId} writer={props.writer} merged={merged()} />}
    </Show>
  );
}

export const OPEN_MARK = 'sdp:draft-open';
export const SHOWN_MARK = 'sdp:draft-shown';

const REVOKED = new Set<number>([CloseCode.Forbidden, CloseCode.AccessRevoked]);

function Workspace(props: {
  draft: DraftSession;
  draftId: string;
  writer: { id: string; name: string };
  merged: string[];
}): JSX.Element {
  const draft = props.draft;
  const panel = createDraftPanelState(() => props.draftId);
  const [status, setStatus] = createSignal<SyncedDocStatus>(draft.status());
  const [now, setNow] = createSignal(Date.now());
  const [problem, setProblem] = createSignal<string | null>(null);
  const [people, setPeople] = createSignal<Presence[]>([]);
  const entries = createLive(
    () => props.draftId,
    () => outbox().entries(),
  );

  onCleanup(draft.onStatus(setStatus));
  const clock = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(clock));

  const revoked = () => status().connection === 'refused' && REVOKED.has(status().refusal?.code ?? 0);
  const role = () => panel.summary()?.role ?? 'owner';
  const editable = () => role() !== 'viewer' && !revoked();
  const creating = () => waitingCreate(entries() ?? [], props.draftId);

  // Connect while online and once the server knows the draft; disconnect when the browser goes offline
  // (a socket can outlive the network, and edits made meanwhile must wait for the reconnect).
  createEffect(
    on([isOnline, () => entries() !== undefined && !creating()], ([online, known]) => {
      if (online && known) void draft.connect();
      else draft.disconnect();
    }),
  );

  // Who is here: everyone whose awareness says they have this draft open.
  const onAwareness = () =>
    setPeople(presentPeople(draft.awareness.getStates().values() as Iterable<Record<string, unknown>>));
  draft.awareness.on('change', onAwareness);
  onAwareness();
  onCleanup(() => draft.awareness.off('change', onAwareness));

  // "My drafts" shows this device's copies offline: keep the entry current, at most every two seconds
  // (it is a localStorage list; writing it on every keystroke would cost typing latency).
  const fields = draftFields(draft.doc);
  let editedAt: number | undefined;
  let rememberTimer: ReturnType<typeof setTimeout> | undefined;
  const remember = () => {
    rememberTimer = undefined;
    draftIndex().remember({
      id: props.draftId,
      userId: props.writer.id,
      title: fields.title.toString(),
      pending: draft.status().pending,
      lastSyncedAt: draft.status().lastSyncedAt,
      ...(editedAt === undefined ? {} : { editedAt }),
    });
  };
  const scheduleRemember = () => {
    rememberTimer ??= setTimeout(remember, 2_000);
  };
  const onLocalEdit = (_update: Uint8Array, origin: unknown) => {
    if (origin === draft.provider) return;
    editedAt = Date.now();
    scheduleRemember();
  };
  draft.doc.on('update', onLocalEdit);
  createEffect(on(status, scheduleRemember));
  window.addEventListener('pagehide', remember);
  onCleanup(() => {
    draft.doc.off('update', onLocalEdit);
    window.removeEventListener('pagehide', remember);
    clearTimeout(rememberTimer);
    remember();
  });

  // Images kept on this device go up once the draft is connected.
  let uploading = false;
  const uploadImages = async () => {
    if (uploading || status().connection !== 'connected' || localSrcsIn(draft.doc).size === 0) return;
    uploading = true;
    try {
      await uploadWaitingImages(draft.doc, (blob) => panel.actions.uploadImage(blob));
    } catch (error) {
      setProblem(`An image could not be uploaded yet: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      uploading = false;
    }
  };
  createEffect(
    on(
      () => status().connection,
      () => void uploadImages(),
    ),
  );
  const keep = async (file: File) => {
    setProblem(null);
    const src = await keepImage(file, randomId);
    setTimeout(() => void uploadImages(), 0);
    return src;
  };

  // Leaving (closing the tab, reloading) while a change is not yet on the device asks first.
  const unsaved = () => {
    const s = draft.status();
    if (s.device === 'saving' || s.device === 'loading') return true;
    return (s.device === 'unavailable' || s.device === 'full') && s.pending > 0;
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!unsaved()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  onCleanup(() => window.removeEventListener('beforeunload', onBeforeUnload));
  onCleanup(beforeReload(() => draft.whenStoredOnDevice()));

  const showTitle = () => setTitle(fields.title.toString() || 'Untitled draft');
  showTitle();
  fields.title.observe(showTitle);
  onCleanup(() => fields.title.unobserve(showTitle));
  const view = () => draftStatusView(status(), now());

  // The status bar sticks just below the site header, whose height changes with the screen width.
  let page!: HTMLDivElement;
  const header = document.querySelector('.site-header');
  if (header) {
    const follow = new ResizeObserver(() =>
      page?.style.setProperty('--header-height', `${header.getBoundingClientRect().height}px`),
    );
    follow.observe(header);
    onCleanup(() => follow.disconnect());
  }

  return (
    <div class="write-page" ref={page}>
      <div class="write-bar">
        <div role="status" class={`draft-status tone-${view().tone}`} aria-live="polite">
          <strong>{view().label}</strong>
          <Show when={view().detail}>
            <span class="draft-status-detail">{view().detail}</span>
          </Show>
          <Show when={creating()?.state === 'refused'}>
            <span class="draft-status-detail">The server did not accept this draft: {creating()?.error}</span>
          </Show>
        </div>
        <WhoIsHere people={people()} self={props.writer.id} />
      </div>
      <div class="write-messages" role="status">
        <For each={props.merged}>{(message) => <p class="merge-note">{message}</p>}</For>
      </div>
      <div role="alert">
        <Show when={revoked()}>
          <Notice tone="warn">
            <p>
              Your access to this draft was removed, so it is read-only here. Changes you made before that are kept on
              this device.
            </p>
          </Notice>
        </Show>
        <Show when={!revoked() && role() === 'viewer'}>
          <Notice>
            <p>You can read this draft and see who is editing; its owner made you a viewer.</p>
          </Notice>
        </Show>
        <Show when={problem()}>
          <Notice tone="error">
            <p>{problem()}</p>
          </Notice>
        </Show>
      </div>
      <div class="write-layout">
        <article class="write-main card">
          <DraftFields doc={draft.doc} editable={editable()} keepImage={keep} onProblem={setProblem} />
          <BodyEditor
            session={draft}
            editable={editable()}
            keepImage={keep}
            onProblem={setProblem}
            onReady={() => performance.mark(SHOWN_MARK)}
          />
        </article>
        <DraftSidebar state={panel} draftId={props.draftId} doc={draft.doc} role={role()} userId={props.writer.id}>
          <section class="draft-panel" aria-labelledby="export-heading">
            <h2 id="export-heading">Take it with you</h2>
            <ExportMarkdownButton doc={draft.doc} />
          </section>
        </DraftSidebar>
      </div>
    </div>
  );
}

function WhoIsHere(props: { people: Presence[]; self: string }): JSX.Element {
  const others = () => props.people.filter((p) => p.id !== props.self);
  return (
    <div class="who-is-here">
      <h2 class="sr-only">Who is here</h2>
      <ul aria-label="Who is here">
        <For each={props.people}>
          {(person) => (
            <li class="presence" style={{ '--presence': person.color }} title={person.name}>
              <span class="presence-dot" aria-hidden="true" />
              {person.id === props.self ? `${person.name} (you)` : person.name}
            </li>
          )}
        </For>
      </ul>
      <Show when={others().length === 0}>
        <span class="muted small">Only you</span>
      </Show>
    </div>
  );
}
