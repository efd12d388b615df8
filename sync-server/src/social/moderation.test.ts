/** Moderation through the HTTP API: the post's author hides comments; anyone signed in reports one, once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/src/model/api.ts';
import type { Post } from '../../../shared/src/model/catalog.ts';
import { type CommentThread, type CommentView, SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { type SocialApp, socialApp, type TestUser } from '../testing/social-app.ts';

let t: SocialApp;
let author: TestUser;
let writer: TestUser;
let reader: TestUser;
let postId: string;
beforeAll(async () => {
  t = await socialApp();
  [author, writer, reader] = [await t.user('author'), await t.user('writer'), await t.user('reader')];
  postId = await t.publish(author.id, 'moderated-post');
});
afterAll(() => t.cleanup());

let ops = 0;
const op = () => `op-moderation-${String(++ops).padStart(3, '0')}`;

async function writeComment(body: string): Promise<CommentView> {
  const res = await writer.d.post(SOCIAL_API.comments(postId), { body, opId: op() });
  expect(res.status).toBe(201);
  return res.body as CommentView;
}

const seenBy = async (u: TestUser | null, id: string) =>
  ((await (u?.d ?? t.anonymous()).get(SOCIAL_API.comments(postId))).body as CommentThread).items.find(
    (c) => c.id === id,
  );
const cardCount = async () => ((await t.anonymous().get(API.post('moderated-post'))).body as Post).commentCount;

describe('hiding', () => {
  it('the post author hides a comment: others see the placeholder state, the writer and author still see it', async () => {
    const comment = await writeComment('Off-topic rant.');
    const before = await cardCount();
    const hidden = await author.d.put(SOCIAL_API.commentHidden(comment.id), undefined, {
      'Idempotency-Key': 'op-hide-first',
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: comment.id, state: 'visible', hidden: true });
    expect(await seenBy(reader, comment.id)).toMatchObject({
      state: 'hidden',
      author: null,
      content: null,
      markdown: null,
    });
    expect(await seenBy(null, comment.id)).toMatchObject({ state: 'hidden', author: null });
    expect(await seenBy(writer, comment.id)).toMatchObject({
      state: 'visible',
      hidden: true,
      markdown: 'Off-topic rant.',
    });
    expect(await seenBy(author, comment.id)).toMatchObject({ state: 'visible', hidden: true });
    expect(await cardCount()).toBe(before - 1);

    const replay = await author.d.put(SOCIAL_API.commentHidden(comment.id), undefined, {
      'Idempotency-Key': 'op-hide-first',
    });
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(hidden.body);

    const shown = await author.d.delete(SOCIAL_API.commentHidden(comment.id), { opId: op() });
    expect(shown.body).toMatchObject({ hidden: false });
    expect(await seenBy(reader, comment.id)).toMatchObject({ state: 'visible', markdown: 'Off-topic rant.' });
    expect(await cardCount()).toBe(before);
  });

  it('only the post author may hide: the writer and others get 403; unknown comments 404', async () => {
    const comment = await writeComment('Mine.');
    for (const u of [writer, reader]) {
      const res = await u.d.put(SOCIAL_API.commentHidden(comment.id), { opId: op() });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ message: 'Only the author of the post can hide or show comments on it.' });
    }
    expect((await author.d.put(SOCIAL_API.commentHidden('c_nope'), { opId: op() })).status).toBe(404);
    expect((await t.anonymous().put(SOCIAL_API.commentHidden(comment.id), { opId: op() })).status).toBe(401);
    expect((await seenBy(reader, comment.id))?.state).toBe('visible');
  });
});

describe('reporting', () => {
  it('anyone signed in reports a comment once, with a reason from the list', async () => {
    const comment = await writeComment('Buy cheap watches.');
    const first = await reader.d.post(
      SOCIAL_API.commentReports(comment.id),
      { reason: 'spam' },
      {
        'Idempotency-Key': 'op-report-001',
      },
    );
    expect(first).toMatchObject({ status: 201, body: { commentId: comment.id, reason: 'spam', reported: true } });
    const replay = await reader.d.post(
      SOCIAL_API.commentReports(comment.id),
      { reason: 'spam' },
      {
        'Idempotency-Key': 'op-report-001',
      },
    );
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    const again = await reader.d.post(SOCIAL_API.commentReports(comment.id), { reason: 'other', opId: op() });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ message: expect.stringMatching(/already reported/) });
    expect((await author.d.post(SOCIAL_API.commentReports(comment.id), { reason: 'spam', opId: op() })).status).toBe(
      201,
    );
  });

  it('refuses a reason outside the list, a missing reason, unknown comments and anonymous reports', async () => {
    const comment = await writeComment('Hm.');
    const bad = await reader.d.post(SOCIAL_API.commentReports(comment.id), { reason: 'ugly', opId: op() });
    expect(bad).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^reason must be one of spam/) } });
    const missing = await reader.d.post(SOCIAL_API.commentReports(comment.id), { opId: op() });
    expect(missing).toMatchObject({ status: 400, body: { message: 'reason is required.' } });
    expect((await reader.d.post(SOCIAL_API.commentReports('c_nope'), { reason: 'spam', opId: op() })).status).toBe(404);
    expect(
      (await t.anonymous().post(SOCIAL_API.commentReports(comment.id), { reason: 'spam', opId: op() })).status,
    ).toBe(401);
  });
});
