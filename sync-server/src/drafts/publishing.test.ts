/** Publishing drafts through the HTTP API: where the post appears, refusals, 425, revisions, unpublishing. */
import { describe, expect, it } from 'vitest';
import {
  DRAFTS_API,
  type DraftSummary,
  type PublishRefused,
  type PublishResult,
  type RevisionSummary,
} from '../../../shared/src/drafts/drafts-api.ts';
import { ACCOUNT_API, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { API } from '../../../shared/src/model/api.ts';
import type { Page, Post, PostSummary, Series } from '../../../shared/src/model/catalog.ts';
import { type NotificationPage, SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { useDraftsApp } from '../testing/drafts-app.ts';
import type { TestUser } from '../testing/social-app.ts';
import { paragraph } from './testing.ts';

const t = useDraftsApp();

let ops = 0;
const key = () => ({ [IDEMPOTENCY_HEADER]: `op-publish-${String(++ops).padStart(4, '0')}` });
let ids = 0;

/** A draft of `owner` with `editor` invited as an editor, holding the given fields. */
async function draft(owner: TestUser, fields: Parameters<typeof t.edit>[1], editor?: TestUser) {
  const id = `d_pub_${++ids}`;
  expect((await owner.d.put(DRAFTS_API.draft(id))).status).toBe(201);
  if (editor) await owner.d.post(DRAFTS_API.members(id), { handle: editor.handle, role: 'editor' }, key());
  await t.edit(id, fields);
  return id;
}

const publish = (u: TestUser, id: string, body: unknown = { stateVector: t.stateVector(id) }, headers = key()) =>
  u.d.post(DRAFTS_API.publish(id), body, headers);

const slugsOf = (page: unknown) => (page as Page<PostSummary>).items.map((p) => p.slug);

describe('publishing', () => {
  it('an editor publishes the owner’s post: it is in the latest feed, its tags, the author’s posts', async () => {
    const owner = await t.user('author');
    const editor = await t.user('coeditor');
    const id = await draft(owner, { title: 'Backpressure, explained', tags: ['Queues', 'flow-control'] }, editor);

    const res = await publish(editor, id);
    expect(res.status).toBe(200);
    const result = res.body as PublishResult;
    expect(result).toMatchObject({
      revision: 1,
      stripped: [],
      post: {
        slug: 'backpressure-explained',
        title: 'Backpressure, explained',
        excerpt: 'Queues fill up when producers outrun consumers.',
        author: { id: owner.id },
        tags: ['queues', 'flow-control'],
        readingMinutes: 1,
        series: null,
      },
    });
    const reader = t.anonymous();
    expect(slugsOf((await reader.get(API.latest)).body)[0]).toBe('backpressure-explained');
    expect(slugsOf((await reader.get(API.tagPosts('flow-control'))).body)).toEqual(['backpressure-explained']);
    expect((await reader.get(API.tag('flow-control'))).body).toMatchObject({ name: 'Flow control', postCount: 1 });
    expect(slugsOf((await reader.get(API.authorPosts(owner.id))).body)).toEqual(['backpressure-explained']);
    const post = (await reader.get(API.post('backpressure-explained'))).body as Post;
    expect(post.content).toEqual({
      type: 'doc',
      content: [paragraph('Queues fill up when producers outrun consumers.')],
    });
    expect(((await owner.d.get(DRAFTS_API.draft(id))).body as DraftSummary).published).toMatchObject({
      postId: result.post.id,
      slug: 'backpressure-explained',
      revision: 1,
      unpublished: false,
    });
  });

  it('refuses a draft without a title: 422 with the problems, and nothing is published', async () => {
    const owner = await t.user('untitled');
    const id = await draft(owner, { tags: ['a', 'b', 'c', 'd', 'e'] });
    const res = await publish(owner, id);
    expect(res.status).toBe(422);
    const refused = res.body as PublishRefused;
    expect(refused.error).toBe('invalid-content');
    expect(refused.problems.map((p) => p.path)).toEqual(['title', 'tags']);
    expect(refused.message).toMatch(/title/);
    expect(slugsOf((await t.anonymous().get(API.authorPosts(owner.id))).body)).toEqual([]);
    expect(((await owner.d.get(DRAFTS_API.draft(id))).body as DraftSummary).published).toBeNull();
  });

  it('strips scripts, iframes and javascript: links, names them, and keeps the rest', async () => {
    const owner = await t.user('sneaky');
    const body = {
      type: 'doc',
      content: [paragraph('Click me', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]), paragraph('Plain.')],
    };
    const id = await draft(owner, { title: 'Sneaky links', body, rawElements: ['script', 'iframe'] });
    const res = await publish(owner, id);
    expect(res.status).toBe(200);
    expect((res.body as PublishResult).stripped).toEqual([
      'a link that is not http(s)',
      'an unsupported "script" element',
      'an unsupported "iframe" element',
    ]);
    const post = (await t.anonymous().get(API.post((res.body as PublishResult).post.slug))).body as Post;
    expect(post.content).toEqual({ type: 'doc', content: [paragraph('Click me'), paragraph('Plain.')] });
  });

  it('answers 425 until the server holds the device’s edits, then publishes them', async () => {
    const owner = await t.user('offline');
    const id = await draft(owner, { title: 'First words' });
    await t.edit(id, (doc) => doc.getText('title').insert(11, ' and more'), { store: false });
    const early = await publish(owner, id);
    expect(early.status).toBe(425);
    expect((early.body as { error: string }).error).toBe('too_early');
    await t.reconnect(id);
    const res = await publish(owner, id);
    expect(res.status).toBe(200);
    expect((res.body as PublishResult).post.title).toBe('First words and more');
    expect((await publish(owner, id, { stateVector: 'not base64!' })).status).toBe(400);
    expect((await publish(owner, id, { stateVector: 'aGVsbG8=' })).status).toBe(400);
    expect((await publish(owner, id, { stateVector: 'AA==', extra: 1 })).status).toBe(400);
  });

  it('publishing again adds revision 2, sets updatedAt and keeps the slug; a replay adds nothing', async () => {
    const owner = await t.user('reviser');
    const id = await draft(owner, { title: 'Version one' });
    const first = (await publish(owner, id)).body as PublishResult;
    await t.edit(id, (doc) => doc.getText('title').insert(7, ' two,'));
    const again = key();
    const second = await publish(owner, id, { stateVector: t.stateVector(id) }, again);
    expect(second.body).toMatchObject({
      revision: 2,
      post: {
        id: first.post.id,
        slug: first.post.slug,
        title: 'Version two, one',
        publishedAt: first.post.publishedAt,
      },
    });
    const updatedAt = (second.body as PublishResult).post.updatedAt;
    expect(Date.parse(updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.post.publishedAt));
    const replay = await publish(owner, id, { stateVector: t.stateVector(id) }, again);
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(second.body);
    const revisions = (await owner.d.get(DRAFTS_API.revisions(id))).body as { items: RevisionSummary[] };
    expect(revisions.items.map((r) => [r.revision, r.title, r.publishedBy.id])).toEqual([
      [2, 'Version two, one', owner.id],
      [1, 'Version one', owner.id],
    ]);
  });

  it('unpublishing (owner only) hides the post everywhere; publishing again brings it back', async () => {
    const owner = await t.user('hider');
    const editor = await t.user('hider-ed');
    const id = await draft(owner, { title: 'Now you see it', tags: ['vanishing'] }, editor);
    const { post } = (await publish(owner, id)).body as PublishResult;
    expect((await editor.d.post(DRAFTS_API.unpublish(id), undefined, key())).status).toBe(403);
    const hidden = await owner.d.post(DRAFTS_API.unpublish(id), undefined, key());
    expect((hidden.body as DraftSummary).published).toMatchObject({ unpublished: true, revision: 1 });
    const reader = t.anonymous();
    expect(slugsOf((await reader.get(API.latest)).body)).not.toContain(post.slug);
    expect(slugsOf((await reader.get(API.tagPosts('vanishing'))).body)).toEqual([]);
    expect(slugsOf((await reader.get(API.authorPosts(owner.id))).body)).toEqual([]);
    expect((await reader.get(API.post(post.slug))).status).toBe(404);
    expect((await reader.get(SOCIAL_API.comments(post.id))).status).toBe(404);

    expect((await publish(owner, id)).body).toMatchObject({ revision: 2, post: { slug: post.slug } });
    expect((await reader.get(API.post(post.slug))).status).toBe(200);
    const never = await draft(owner, { title: 'Never out' });
    expect((await owner.d.post(DRAFTS_API.unpublish(never), undefined, key())).status).toBe(409);
  });

  it('a viewer may not publish; a stranger is told there is no such draft', async () => {
    const owner = await t.user('guarded-pub');
    const viewer = await t.user('watcher');
    const id = await draft(owner, { title: 'Private' });
    await owner.d.post(DRAFTS_API.members(id), { handle: viewer.handle, role: 'viewer' }, key());
    const refused = await publish(viewer, id);
    expect(refused.status).toBe(403);
    expect((refused.body as { message: string }).message).toMatch(/ask its owner to make you an editor/);
    expect((await publish(await t.user('nobody'), id)).status).toBe(404);
  });
});

describe('series', () => {
  it('the author’s series is created or found by title and parts are numbered; followers hear of a new part', async () => {
    const owner = await t.user('serial');
    const follower = await t.user('fan');
    const one = await draft(owner, { title: 'Consensus, part one', meta: { series: 'Consensus from scratch' } });
    const first = (await publish(owner, one)).body as PublishResult;
    expect(first.post.series).toMatchObject({ slug: 'consensus-from-scratch', part: 1, partCount: 1 });
    expect((await follower.d.put(ACCOUNT_API.followSeries('consensus-from-scratch'), undefined, key())).status).toBe(
      200,
    );

    const two = await draft(owner, { title: 'Consensus, part two', meta: { series: 'consensus FROM scratch' } });
    const second = (await publish(owner, two)).body as PublishResult;
    expect(second.post.series).toMatchObject({ id: first.post.series?.id, part: 2, partCount: 2 });
    const series = (await t.anonymous().get(API.series('consensus-from-scratch'))).body as Series;
    expect(series.parts.map((p) => p.title)).toEqual(['Consensus, part one', 'Consensus, part two']);
    const inbox = (await follower.d.get(SOCIAL_API.notifications)).body as NotificationPage;
    expect(inbox.items.map((n) => [n.kind, n.post?.slug])).toEqual([['series-part', second.post.slug]]);
    // Republishing a part does not announce it again.
    await publish(owner, two);
    expect(((await follower.d.get(SOCIAL_API.notifications)).body as NotificationPage).items).toHaveLength(1);

    const clash = await draft(owner, {
      title: 'Another part one',
      meta: { series: 'Consensus from scratch', part: 1 },
    });
    const refused = await publish(owner, clash);
    expect(refused.status).toBe(422);
    expect((refused.body as PublishRefused).problems).toEqual([
      { path: 'part', message: 'Part 1 of “Consensus from scratch” is already published; choose another part number.' },
    ]);
  });

  it('a co-author of someone else’s series publishes a part of it; anyone else gets a series of their own', async () => {
    const owner = await t.user('series-owner');
    const coauthor = await t.user('series-co');
    const outsider = await t.user('series-out');
    const start = await draft(owner, { title: 'Shared series start', meta: { series: 'Shared ideas' } });
    const first = (await publish(owner, start)).body as PublishResult;
    const slug = first.post.series!.slug;
    await owner.d.post(SOCIAL_API.seriesInvitations(slug), { handle: coauthor.handle }, key());
    await coauthor.d.put(SOCIAL_API.myInvitation(slug), { accept: true }, key());

    const part = await draft(coauthor, { title: 'A guest part', meta: { series: 'Shared ideas' } });
    const joined = (await publish(coauthor, part)).body as PublishResult;
    expect(joined.post.series).toMatchObject({ id: first.post.series?.id, part: 2 });
    expect(joined.post.author.id).toBe(coauthor.id);

    const own = await draft(outsider, { title: 'Not a part', meta: { series: 'Shared ideas' } });
    const separate = (await publish(outsider, own)).body as PublishResult;
    expect(separate.post.series).toMatchObject({ slug: 'shared-ideas-2', part: 1 });
  });
});
