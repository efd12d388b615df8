/**
 * Publishing a draft (owner or editor; the post is the owner's): the freshest stored state — only once it
 * covers the device's state vector, else 425 and the outbox tries again — read into checked content
 * (draft-content.ts), a series found or created, then one transaction that writes the post and its next
 * revision. The first publish makes the post and its slug; later ones update it (slug kept) and set
 * `updatedAt`. Unpublishing hides the post everywhere and keeps its revisions.
 */
import type { PublishResult, RevisionSummary } from '../../../shared/src/drafts/drafts-api.ts';
import type { PublishDraftBody } from '../../../shared/src/drafts/drafts-schemas.ts';
import type { ContentProblem } from '../../../shared/src/model/content.ts';
import { ConflictError, InvalidContentError, TooEarlyError } from '../errors.ts';
import { requestKey, type WriteOp, type Written, writeOnce } from '../social/write-once.ts';
import type { NewPublication, Publication } from '../storage/draft-store.ts';
import { newId, noDraft, requireDraft } from './draft-access.ts';
import { type DraftContent, readDraftContent } from './draft-content.ts';
import { coversStateVector, readStateVector } from './draft-state.ts';
import type { DraftDeps, DraftSummaryOf } from './drafts.ts';

type Deps = Pick<DraftDeps, 'store' | 'states' | 'coauthors' | 'postChanged'> & DraftSummaryOf;

export const NOT_YET_ON_SERVER =
  'The server does not have all of this draft’s edits from your device yet; they are on their way. Publishing will try again in a moment.';

const refusal = (problems: ContentProblem[]) =>
  problems.length === 1
    ? `The draft cannot be published yet: ${problems[0]!.message}`
    : `The draft cannot be published yet (${problems.length} problems): ${problems.map((p) => p.message).join(' ')}`;

const refuse = (problems: ContentProblem[]) => new InvalidContentError(refusal(problems), problems);

export function publishing({ store, states, coauthors, postChanged, summary }: Deps) {
  /** The series the post goes in: the one it is in when the title still names it, the author's, or a new one. */
  async function chooseSeries(
    title: string | null,
    authorId: string,
    previous: Publication | null,
  ): Promise<NewPublication['series']> {
    if (!title) return null;
    const current = previous?.seriesId ? await store.getSeriesChoice(previous.seriesId) : null;
    const found =
      current && current.title.toLowerCase() === title.toLowerCase()
        ? current
        : await store.findSeriesForAuthor(authorId, title);
    if (!found) return { create: { id: newId('s'), title } };
    if (found.ownerId !== authorId && !(await coauthors.mayPublishPart(found.id, authorId))) {
      throw refuse([
        {
          path: 'series',
          message: `You are not a co-author of “${found.title}”, so this post cannot be a part of it. Clear the series or ask its owner to invite you.`,
        },
      ]);
    }
    return { id: found.id };
  }

  function plan(content: DraftContent, fields: Omit<NewPublication, keyof ContentFields>): NewPublication {
    return {
      ...fields,
      title: content.title,
      excerpt: content.excerpt,
      contentJson: JSON.stringify(content.doc),
      images: content.images,
      coverUrl: content.cover,
      readingMinutes: content.readingMinutes,
      tags: content.tags,
      part: content.part,
      stripped: content.stripped,
    };
  }

  return {
    async publish(op: WriteOp, draftId: string, body: PublishDraftBody): Promise<Written<PublishResult>> {
      let previous: Publication | null = null;
      const request = requestKey('draft.publish', { draftId, stateVector: body.stateVector ?? null });
      const written = await writeOnce(store, op, request, noDraft(draftId), async (record) => {
        const { draft } = await requireDraft(store, draftId, op.userId, 'write', { action: 'publish it' });
        const wanted = body.stateVector ? readStateVector(body.stateVector) : null;
        const state = await states.load(draftId);
        if (wanted && !coversStateVector(state, wanted)) throw new TooEarlyError(NOT_YET_ON_SERVER);
        const reading = readDraftContent(state);
        if (!reading.ok) throw refuse(reading.problems);
        previous = await store.getPublication(draftId);
        const series = await chooseSeries(reading.content.series, draft.ownerId, previous);
        const outcome = await store.publishDraft(
          record,
          plan(reading.content, {
            draftId,
            authorId: draft.ownerId,
            publishedBy: op.userId,
            at: op.at.toISOString(),
            series,
            newPostId: newId('p'),
          }),
        );
        if (outcome.kind === 'part-taken') {
          const part = reading.content.part;
          throw refuse([
            {
              path: 'part',
              message: `Part ${part ?? ''} of “${reading.content.series}” is already published; choose another part number.`,
            },
          ]);
        }
        return outcome;
      });
      if (!written.replayed) {
        const series = written.result.post.series;
        const before = previous as Publication | null;
        await postChanged(written.result.post.id, series !== null && series.id !== before?.seriesId);
      }
      return written;
    },

    /** Owner only: the post disappears from every feed and page; its revisions stay. Publishing again shows it. */
    async unpublish(op: WriteOp, draftId: string) {
      return writeOnce(store, op, requestKey('draft.unpublish', { draftId }), noDraft(draftId), async (record) => {
        await requireDraft(store, draftId, op.userId, 'owner', { action: 'unpublish it', deletedOk: true });
        const publication = await store.setPostUnpublished(draftId, true);
        if (!publication)
          throw new ConflictError('This draft has not been published, so there is nothing to unpublish.');
        await postChanged(publication.postId, false);
        return store.rememberOp(record, await summary(draftId, op.userId));
      });
    },

    async revisions(userId: string, draftId: string): Promise<{ items: RevisionSummary[] }> {
      await requireDraft(store, draftId, userId, 'read', { action: 'read it' });
      return { items: await store.listRevisions(draftId) };
    },
  };
}

/** The fields `plan` takes from the content. */
type ContentFields = Pick<
  NewPublication,
  'title' | 'excerpt' | 'contentJson' | 'images' | 'coverUrl' | 'readingMinutes' | 'tags' | 'part' | 'stripped'
>;
