/**
 * Keeps each draft's title cache and last-edit time ("My drafts") following its document. Sync tells
 * it which documents a batch stored (cheap: a map entry); the title is read from the stored state a
 * moment later, once per draft however many batches came meanwhile, and at once before a list is read.
 */
import { parseDocName } from '../../../shared/src/protocol/doc-name.ts';
import type { Logger } from '../logger.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { draftTitle } from './draft-content.ts';
import type { DraftStates } from './draft-state.ts';

/** Long enough to fold a burst of typing into one read of the document, short enough to look live. */
export const DRAFT_ACTIVITY_DELAY_MS = 1_000;

const DRAFT_PREFIX = 'draft:';

export type DraftActivity = ReturnType<typeof createDraftActivity>;

export function createDraftActivity({
  store,
  states,
  logger,
  now = () => new Date(),
  delayMs = DRAFT_ACTIVITY_DELAY_MS,
}: {
  store: Pick<DraftStore, 'recordDraftEdit'>;
  states: Pick<DraftStates, 'load'>;
  logger: Logger;
  now?: () => Date;
  delayMs?: number;
}) {
  /** Draft id → when its newest change was stored. */
  const dirty = new Map<string, string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  async function record(draftId: string, at: string): Promise<void> {
    try {
      await store.recordDraftEdit(draftId, { title: draftTitle(await states.load(draftId)), at });
    } catch (error) {
      logger.error({ err: error, draft: draftId }, 'drafts: could not update the title of a draft');
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...dirty];
    dirty.clear();
    // One flush at a time, so an older title never lands after a newer one.
    running = running.then(async () => {
      for (const [draftId, at] of batch) await record(draftId, at);
    });
    return running;
  }

  return {
    /** Sync stored these documents (SyncCore's onDocumentsStored). */
    stored(names: readonly string[]): void {
      let at: string | null = null;
      for (const name of names) {
        // Most stored documents are not drafts (user docs); the prefix test spares them the parse.
        if (!name.startsWith(DRAFT_PREFIX)) continue;
        const parsed = parseDocName(name);
        if (!parsed.ok || parsed.kind !== 'draft') continue;
        at ??= now().toISOString();
        dirty.set(parsed.id, at);
      }
      if (dirty.size > 0 && !timer) {
        timer = setTimeout(() => void flush(), delayMs);
        timer.unref();
      }
    },
    /** Writes what is pending now (before a list is read, and on shutdown). */
    flush,
  };
}
