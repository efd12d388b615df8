import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureCatalog, tempStore } from '../../testing/fixtures.ts';
import type { NewPublication } from '../draft-store.ts';
import type { OpRecord } from '../social-store.ts';
import type { Store } from '../store.ts';
import { openSqliteDocStore, type SqliteDocStore } from './sqlite-doc-store.ts';

let store: Store;
let members: SqliteDocStore;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const temp = tempStore();
  store = temp.store;
  await store.importCatalog(fixtureCatalog());
  // Membership is written by the document store (through the access policy in the app), same file.
  members = openSqliteDocStore({ dataDir: temp.dir, checkpointIntervalMs: 0 });
  cleanup = async () => {
    await members.close();
    await temp.cleanup();
  };
});
afterEach(() => cleanup());

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
let ops = 0;
const op = (userId = 'u_ana'): OpRecord => ({ userId, opId: `op-store-${++ops}`, request: 'r', receivedAt: at(0) });

async function draft(id: string, ownerId = 'u_ana', minute = 0) {
  const created = await store.createDraft({ id, ownerId, title: '', now: at(minute) });
  await members.setDraftMember(id, ownerId, 'owner');
  return created;
}

const publication = (fields: Partial<NewPublication> = {}): NewPublication => ({
  draftId: 'd1',
  authorId: 'u_ana',
  publishedBy: 'u_ana',
  at: at(5),
  title: 'Backpressure, explained',
  excerpt: 'Why queues fill up.',
  contentJson: JSON.stringify({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }],
  }),
  images: [],
  coverUrl: null,
  readingMinutes: 1,
  tags: [
    { slug: 'queues', name: 'Queues' },
    { slug: 'flow-control', name: 'Flow control' },
  ],
  series: null,
  part: null,
  newPostId: 'p_d1',
  stripped: [],
  ...fields,
});

describe('drafts', () => {
  it('creates once: the same id again changes nothing, whoever asks', async () => {
    const first = await draft('d1');
    expect(first).toEqual({
      created: true,
      draft: { id: 'd1', ownerId: 'u_ana', title: '', createdAt: at(0), updatedAt: at(0), deletedAt: null },
    });
    expect(await store.createDraft({ id: 'd1', ownerId: 'u_ana', title: 'x', now: at(9) })).toEqual({
      created: false,
      draft: first.draft,
    });
    expect((await store.createDraft({ id: 'd1', ownerId: 'u_bo', title: '', now: at(9) })).draft.ownerId).toBe('u_ana');
  });

  it('shows each member their role, the members and nothing to others; lists newest edit first', async () => {
    await draft('d1');
    await draft('d2', 'u_ana', 1);
    await draft('d3', 'u_bo', 2);
    await members.setDraftMember('d1', 'u_bo', 'editor');
    await members.setDraftMember('d1', 'u_cy', 'viewer');
    await store.recordDraftEdit('d1', { title: 'Backpressure', at: at(7) });

    const mine = await store.listDraftSummaries('u_ana');
    expect(mine.map((d) => [d.id, d.role, d.title])).toEqual([
      ['d1', 'owner', 'Backpressure'],
      ['d2', 'owner', ''],
    ]);
    expect(mine[0]?.members.map((m) => [m.handle, m.role])).toEqual([
      ['ana', 'owner'],
      ['bo', 'editor'],
      ['cy', 'viewer'],
    ]);
    expect(mine[0]).toMatchObject({ owner: { id: 'u_ana', handle: 'ana' }, updatedAt: at(7), published: null });
    expect((await store.listDraftSummaries('u_bo')).map((d) => [d.id, d.role])).toEqual([
      ['d1', 'editor'],
      ['d3', 'owner'],
    ]);
    expect(await store.getDraftSummary('d2', 'u_bo')).toBeNull();
    expect(await store.getDraftAccess('d2', 'u_bo')).toMatchObject({ role: null, draft: { ownerId: 'u_ana' } });
    expect(await store.getDraftAccess('nope', 'u_bo')).toBeNull();
  });

  it('keeps the newest edit time and the latest title', async () => {
    await draft('d1');
    await store.recordDraftEdit('d1', { title: 'Later', at: at(9) });
    await store.recordDraftEdit('d1', { title: 'Latest', at: at(8) });
    expect(await store.getDraft('d1')).toMatchObject({ title: 'Latest', updatedAt: at(9) });
  });

  it('a deleted draft leaves the list, opens for nobody, and comes back when restored', async () => {
    await draft('d1');
    await members.setDraftMember('d1', 'u_bo', 'editor');
    expect(await store.setDraftDeleted('d1', at(3))).toBe(true);
    expect(await store.setDraftDeleted('d1', at(4))).toBe(true);
    expect(await store.listDraftSummaries('u_ana')).toEqual([]);
    expect((await store.getDraftSummary('d1', 'u_ana'))?.deletedAt).toBe(at(3));
    expect(await members.getDraftRole('d1', 'u_bo')).toBeNull();
    expect(await members.getDraftRole('d1', 'u_ana')).toBeNull();
    await store.setDraftDeleted('d1', null);
    expect(await members.getDraftRole('d1', 'u_bo')).toBe('editor');
    expect((await store.listDraftSummaries('u_bo')).map((d) => d.id)).toEqual(['d1']);
    expect(await store.setDraftDeleted('nope', at(3))).toBe(false);
  });

  it('remembers the result of an op id, and answers seen for it after', async () => {
    const first = op();
    expect(await store.rememberOp(first, { ok: 1 })).toEqual({ kind: 'done', result: { ok: 1 } });
    expect(await store.rememberOp(first, { ok: 2 })).toEqual({
      kind: 'seen',
      op: { request: 'r', resultJson: '{"ok":1}' },
    });
  });

  it('keeps named versions, newest first, with their bytes', async () => {
    await draft('d1');
    const state = Uint8Array.from([1, 2, 3, 250]);
    const v1 = await store.addDraftVersion({
      id: 'v1',
      draftId: 'd1',
      name: 'First',
      createdAt: at(1),
      createdBy: 'u_ana',
      state,
    });
    expect(v1).toEqual({
      id: 'v1',
      name: 'First',
      createdAt: at(1),
      createdBy: { id: 'u_ana', handle: 'ana', displayName: 'Ana', avatarUrl: null },
    });
    await store.addDraftVersion({
      id: 'v2',
      draftId: 'd1',
      name: 'Second',
      createdAt: at(2),
      createdBy: 'u_bo',
      state,
    });
    expect((await store.listDraftVersions('d1')).map((v) => v.name)).toEqual(['Second', 'First']);
    expect(await store.countDraftVersions('d1')).toBe(2);
    expect(await store.getDraftVersionState('d1', 'v1')).toEqual(state);
    expect(await store.getDraftVersionState('d2', 'v1')).toBeNull();
  });
});

describe('publishing', () => {
  it('the first publish makes a post readers find everywhere; the next adds a revision', async () => {
    await draft('d1');
    const first = await store.publishDraft(op(), publication());
    if (first.kind !== 'done') throw new Error(`expected done, got ${first.kind}`);
    expect(first.result).toMatchObject({
      revision: 1,
      stripped: [],
      post: { id: 'p_d1', slug: 'backpressure-explained', tags: ['queues', 'flow-control'], publishedAt: at(5) },
    });
    expect((await store.listPosts({ limit: 1 }))[0]?.id).toBe('p_d1');
    expect((await store.listPosts({ tagSlug: 'flow-control' })).map((p) => p.id)).toEqual(['p_d1']);
    expect(await store.getTag('flow-control')).toMatchObject({ name: 'Flow control', postCount: 1 });
    expect((await store.getPostBySlug('backpressure-explained'))?.contentJson).toContain('"Hi"');

    const again = await store.publishDraft(
      op('u_bo'),
      publication({ at: at(9), title: 'Backpressure', tags: [], publishedBy: 'u_bo' }),
    );
    expect(again).toMatchObject({
      kind: 'done',
      result: {
        revision: 2,
        post: { slug: 'backpressure-explained', title: 'Backpressure', updatedAt: at(9), publishedAt: at(5), tags: [] },
      },
    });
    expect(await store.getPublication('d1')).toMatchObject({ postId: 'p_d1', revision: 2, unpublished: false });
    expect((await store.listRevisions('d1')).map((r) => [r.revision, r.title, r.publishedBy.handle])).toEqual([
      [2, 'Backpressure', 'bo'],
      [1, 'Backpressure, explained', 'ana'],
    ]);
    expect((await store.getDraftSummary('d1', 'u_ana'))?.published).toMatchObject({
      revision: 2,
      slug: 'backpressure-explained',
    });
  });

  it('a replayed op adds nothing; a taken slug gets a number', async () => {
    await draft('d1');
    await draft('d2');
    const once = op();
    await store.publishDraft(once, publication());
    expect((await store.publishDraft(once, publication())).kind).toBe('seen');
    expect((await store.listRevisions('d1')).length).toBe(1);
    const other = await store.publishDraft(op(), publication({ draftId: 'd2', newPostId: 'p_d2' }));
    expect(other).toMatchObject({ kind: 'done', result: { post: { slug: 'backpressure-explained-2' } } });
  });

  it('creates a series or joins one, numbering parts; a taken part is refused', async () => {
    await draft('d1');
    await draft('d2');
    const created = await store.publishDraft(op(), publication({ series: { create: { id: 's_new', title: 'Flow' } } }));
    expect(created).toMatchObject({
      kind: 'done',
      result: { post: { series: { id: 's_new', slug: 'flow', part: 1 } } },
    });
    expect(await store.findSeriesForAuthor('u_ana', ' flow ')).toEqual({
      id: 's_new',
      slug: 'flow',
      title: 'Flow',
      ownerId: 'u_ana',
    });
    expect(await store.findSeriesForAuthor('u_bo', 'Flow')).toBeNull();
    const second = await store.publishDraft(
      op(),
      publication({ draftId: 'd2', newPostId: 'p_d2', series: { id: 's_new' } }),
    );
    expect(second).toMatchObject({ kind: 'done', result: { post: { series: { part: 2, partCount: 2 } } } });
    expect(await store.publishDraft(op(), publication({ series: { id: 's_new' }, part: 2 }))).toEqual({
      kind: 'part-taken',
    });
    // Republishing keeps its part.
    expect(await store.publishDraft(op(), publication({ series: { id: 's_new' } }))).toMatchObject({
      result: { post: { series: { part: 1 } } },
    });
  });

  it('an unpublished post is kept but shown nowhere; publishing again shows it', async () => {
    await draft('d1');
    await store.publishDraft(op(), publication({ series: { id: 's_intro' }, part: 3, authorId: 'u_bo' }));
    expect((await store.getSeries({ id: 's_intro' }))?.parts).toHaveLength(3);
    const bo = (await store.getAuthor({ id: 'u_bo' }))?.postCount ?? 0;

    expect(await store.setPostUnpublished('d1', true)).toMatchObject({ unpublished: true, revision: 1 });
    expect((await store.listPosts({})).some((p) => p.id === 'p_d1')).toBe(false);
    expect(await store.getPostBySlug('backpressure-explained')).toBeNull();
    expect((await store.getSeries({ id: 's_intro' }))?.parts).toHaveLength(2);
    expect(await store.getTag('flow-control')).toMatchObject({ postCount: 0 });
    expect((await store.getAuthor({ id: 'u_bo' }))?.postCount).toBe(bo - 1);
    expect(await store.getPostRef('p_d1')).toBeNull();
    expect((await store.listPosts({ tagSlug: 'queues' }))[0]?.series?.partCount).not.toBe(3);

    await store.publishDraft(op(), publication({ series: { id: 's_intro' }, authorId: 'u_bo', at: at(20) }));
    expect(await store.getPublication('d1')).toMatchObject({ unpublished: false, revision: 2, seriesPart: 3 });
    expect((await store.getPostBySlug('backpressure-explained'))?.summary.updatedAt).toBe(at(20));
    expect(await store.setPostUnpublished('d2', true)).toBeNull();
  });
});
