/**
 * The state the draft's side panels share: the server's summary of the draft (members, publication),
 * fetched when online and again after each change a panel makes, and the outbox's entry for a waiting
 * publish. One instance per open draft.
 */
import { type Accessor, createResource, createSignal } from 'solid-js';
import type { DraftSummary, PublishResult } from '../../../shared/src/drafts/drafts-api.ts';
import { isOnline } from '../state/online.ts';
import { createLive } from '../state/swr.ts';
import { draftActions, waitingPublish } from '../store/draft-actions.ts';
import { outbox } from '../store/outbox.ts';

export function createDraftPanelState(draftId: Accessor<string>) {
  const actions = draftActions();
  const [version, setVersion] = createSignal(0);
  const [summary, { refetch }] = createResource(
    () => (isOnline() ? { id: draftId(), version: version() } : null),
    ({ id }) => actions.get(id),
  );
  const entries = createLive(
    () => draftId(),
    () => outbox().entries(),
  );
  return {
    actions,
    draftId,
    /** The last summary the server gave (kept while offline or refetching). */
    summary: (): DraftSummary | undefined => (summary.error ? undefined : summary.latest),
    summaryError: () => (summary.error instanceof Error ? summary.error.message : null),
    refresh: () => {
      setVersion((v) => v + 1);
      void refetch();
    },
    waitingPublish: () => waitingPublish(entries() ?? [], draftId()),
  };
}

export type DraftPanelState = ReturnType<typeof createDraftPanelState>;

/** A failed action's words for the user. */
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** "Published (revision 2). Removed what posts cannot contain: an iframe, a script." */
export function publishedText(result: PublishResult | undefined): string {
  if (!result) return 'Published.';
  const removed =
    result.stripped.length > 0 ? ` Removed what posts cannot contain: ${result.stripped.join(', ')}.` : '';
  return `Published (revision ${result.revision}).${removed}`;
}
