/** Drafts through the HTTP API: creating, listing, deleting with undo, co-authors, who may do what. */
import { describe, expect, it } from 'vitest';
import { DRAFTS_API, type DraftMember, type DraftSummary } from '../../../shared/src/drafts/drafts-api.ts';
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { type NotificationPage, SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { useDraftsApp } from '../testing/drafts-app.ts';
import type { TestUser } from '../testing/social-app.ts';
import { draftState } from './testing.ts';

const t = useDraftsApp();

let ops = 0;
const key = () => ({ [IDEMPOTENCY_HEADER]: `op-drafts-${String(++ops).padStart(4, '0')}` });
let ids = 0;
const newId = () => `d_life_${++ids}`;

async function newDraft(owner: TestUser, id = newId()): Promise<string> {
  const res = await owner.d.put(DRAFTS_API.draft(id));
  expect(res.status).toBe(201);
  return id;
}

const invite = (owner: TestUser, id: string, who: TestUser, role: 'editor' | 'viewer') =>
  owner.d.post(DRAFTS_API.members(id), { handle: who.handle, role }, key());

const list = async (u: TestUser) => ((await u.d.get(DRAFTS_API.drafts)).body as { items: DraftSummary[] }).items;

describe('creating and listing', () => {
  it('PUT creates a draft once: 201, then 200 with the same draft; another user’s id is a 409', async () => {
    const owner = await t.user('writer');
    const id = newId();
    const first = await owner.d.put(DRAFTS_API.draft(id));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id,
      role: 'owner',
      owner: { id: owner.id, handle: owner.handle },
      members: [{ id: owner.id, role: 'owner' }],
      title: '',
      deletedAt: null,
      published: null,
    });
    const again = await owner.d.put(DRAFTS_API.draft(id), undefined, key());
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await t.user('other');
    expect((await other.d.put(DRAFTS_API.draft(id))).status).toBe(409);
    expect((await owner.d.put(DRAFTS_API.draft('not a valid id'))).status).toBe(400);
    expect((await owner.d.put(DRAFTS_API.draft(newId()), { title: 'x' })).status).toBe(400);
  });

  it('lists drafts I own or was added to, newest stored edit first, with the title as stored', async () => {
    const owner = await t.user('lister');
    const friend = await t.user('friend');
    const older = await newDraft(owner);
    const shared = await newDraft(owner);
    await t.edit(shared, { title: 'Shared thoughts' });
    expect((await invite(owner, shared, friend, 'editor')).status).toBe(201);
    await t.edit(older, { title: 'Older, edited last' });

    const mine = await list(owner);
    expect(mine.map((d) => [d.id, d.title, d.role])).toEqual([
      [older, 'Older, edited last', 'owner'],
      [shared, 'Shared thoughts', 'owner'],
    ]);
    expect(Date.parse(mine[0]!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(mine[1]!.updatedAt));
    const theirs = await list(friend);
    expect(theirs.map((d) => [d.id, d.role, d.owner.handle])).toEqual([[shared, 'editor', owner.handle]]);
    expect(theirs[0]?.members.map((m) => [m.handle, m.role])).toEqual([
      [owner.handle, 'owner'],
      [friend.handle, 'editor'],
    ]);
    expect((await friend.d.get(DRAFTS_API.draft(shared))).body).toMatchObject({ id: shared, role: 'editor' });
  });
});

describe('drafts made on the server (import)', () => {
  it('createWithState makes an owned draft whose document starts as the given state, once', async () => {
    const owner = await t.user('importer');
    const drafts = t.services().drafts!;
    const state = draftState({ title: 'Imported notes', tags: ['raft'] });
    const made = await drafts.createWithState({ id: 'd_imported_1', ownerId: owner.id, state });
    expect(made).toMatchObject({
      id: 'd_imported_1',
      role: 'owner',
      title: 'Imported notes',
      members: [{ id: owner.id }],
    });
    expect(await t.access.permission({ kind: 'draft', id: 'd_imported_1' }, owner.id)).toBe('write');
    const again = await drafts.createWithState({ id: 'd_imported_1', ownerId: owner.id, state });
    expect(again).toEqual(made);
    expect((await t.docStore.loadDoc('draft:d_imported_1')).updates).toHaveLength(1);
    const other = await t.user('late');
    await expect(drafts.createWithState({ id: 'd_imported_1', ownerId: other.id, state })).rejects.toThrow(/is taken/);
  });
});

describe('who may do what', () => {
  it('a stranger is told there is no such draft; signed out is 401; a change needs CSRF and an op id', async () => {
    const owner = await t.user('guarded');
    const stranger = await t.user('stranger');
    const id = await newDraft(owner);
    for (const res of [
      await stranger.d.get(DRAFTS_API.draft(id)),
      await stranger.d.get(DRAFTS_API.revisions(id)),
      await stranger.d.get(DRAFTS_API.versions(id)),
      await stranger.d.delete(DRAFTS_API.draft(id), undefined, key()),
      await stranger.d.post(DRAFTS_API.publish(id), {}, key()),
      await stranger.d.post(DRAFTS_API.members(id), { handle: stranger.handle, role: 'editor' }, key()),
    ]) {
      expect(res.status).toBe(404);
      expect((res.body as { message: string }).message).toMatch(/no draft .* shared with you/);
    }
    expect((await t.anonymous().get(DRAFTS_API.drafts)).status).toBe(401);
    expect((await owner.d.delete(DRAFTS_API.draft(id), undefined, { ...key(), [CSRF_HEADER]: '' })).status).toBe(403);
    expect((await owner.d.delete(DRAFTS_API.draft(id))).status).toBe(400);
    expect((await owner.d.post(DRAFTS_API.restore(id), [1], key())).status).toBe(400);
  });
});

describe('deleting', () => {
  it('the owner deletes (hidden, refused to sync) and restores; others cannot; a replay answers the first result', async () => {
    const owner = await t.user('deleter');
    const editor = await t.user('editor');
    const id = await newDraft(owner);
    await invite(owner, id, editor, 'editor');
    expect((await editor.d.delete(DRAFTS_API.draft(id), undefined, key())).status).toBe(403);

    const deleteKey = key();
    const deleted = await owner.d.delete(DRAFTS_API.draft(id), undefined, deleteKey);
    expect(deleted.status).toBe(200);
    expect((deleted.body as DraftSummary).deletedAt).toEqual(expect.any(String));
    expect((await list(owner)).map((d) => d.id)).not.toContain(id);
    expect((await list(editor)).map((d) => d.id)).not.toContain(id);
    expect((await editor.d.get(DRAFTS_API.draft(id))).status).toBe(404);
    expect((await owner.d.get(DRAFTS_API.draft(id))).body).toMatchObject({ deletedAt: expect.any(String) });
    expect(await t.access.permission({ kind: 'draft', id }, editor.id)).toBe('none');
    expect(await t.access.permission({ kind: 'draft', id }, owner.id)).toBe('none');
    expect((await owner.d.post(DRAFTS_API.versions(id), { name: 'x' }, key())).status).toBe(409);

    const restored = await owner.d.post(DRAFTS_API.restore(id), undefined, key());
    expect((restored.body as DraftSummary).deletedAt).toBeNull();
    expect(await t.access.permission({ kind: 'draft', id }, editor.id)).toBe('write');
    const replay = await owner.d.delete(DRAFTS_API.draft(id), undefined, deleteKey);
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(deleted.body);
    expect((await list(owner)).map((d) => d.id)).toContain(id);
  });
});

describe('co-authors', () => {
  it('the owner invites by handle as editor or viewer; the invitee is told once per change of role', async () => {
    const owner = await t.user('inviter');
    const guest = await t.user('guest');
    const id = await newDraft(owner);
    await t.edit(id, { title: 'Notes on Raft' });
    const res = await owner.d.post(
      DRAFTS_API.members(id),
      { handle: ` ${guest.handle.toUpperCase()} `, role: 'viewer' },
      key(),
    );
    expect(res.status).toBe(201);
    expect(res.body as DraftMember).toMatchObject({
      id: guest.id,
      handle: guest.handle,
      role: 'viewer',
      addedAt: expect.any(String),
    });
    expect(await t.access.permission({ kind: 'draft', id }, guest.id)).toBe('read');
    await invite(owner, id, guest, 'viewer'); // the same role again: no second notification
    await invite(owner, id, guest, 'editor');
    expect(await t.access.permission({ kind: 'draft', id }, guest.id)).toBe('write');

    const inbox = (await guest.d.get(SOCIAL_API.notifications)).body as NotificationPage;
    const invitations = inbox.items.filter((n) => n.kind === 'draft-invitation');
    expect(invitations).toHaveLength(2);
    expect(invitations[0]).toMatchObject({
      actor: { id: owner.id },
      draft: { id, title: 'Notes on Raft' },
    });
  });

  it('refuses unknown handles, inviting oneself, bad bodies, and anyone but the owner', async () => {
    const owner = await t.user('picky');
    const editor = await t.user('helper');
    const id = await newDraft(owner);
    await invite(owner, id, editor, 'editor');
    const send = (u: TestUser, body: unknown) => u.d.post(DRAFTS_API.members(id), body, key());
    expect((await send(owner, { handle: 'nobody-here', role: 'editor' })).status).toBe(404);
    expect((await send(owner, { handle: owner.handle, role: 'editor' })).status).toBe(400);
    expect((await send(owner, { handle: editor.handle, role: 'owner' })).status).toBe(400);
    expect((await send(owner, { handle: '@@', role: 'editor' })).status).toBe(400);
    expect((await send(owner, { handle: editor.handle })).status).toBe(400);
    expect((await send(editor, { handle: owner.handle, role: 'viewer' })).status).toBe(403);
  });

  it('the owner removes a co-author, a co-author may leave, the owner may not', async () => {
    const owner = await t.user('remover');
    const [a, b, c] = [await t.user('coa'), await t.user('cob'), await t.user('coc')];
    const id = await newDraft(owner);
    for (const u of [a, b, c]) await invite(owner, id, u, 'editor');
    expect((await a.d.delete(DRAFTS_API.member(id, b.id), undefined, key())).status).toBe(403);
    const removed = await owner.d.delete(DRAFTS_API.member(id, a.id), undefined, key());
    expect(removed.status).toBe(204);
    expect(removed.body).toBeNull();
    expect(await t.access.permission({ kind: 'draft', id }, a.id)).toBe('none');
    expect((await a.d.get(DRAFTS_API.draft(id))).status).toBe(404);
    expect((await b.d.delete(DRAFTS_API.member(id, b.id), undefined, key())).status).toBe(204);
    expect((await list(b)).map((d) => d.id)).not.toContain(id);
    expect((await owner.d.delete(DRAFTS_API.member(id, a.id), undefined, key())).status).toBe(204);
    expect((await owner.d.delete(DRAFTS_API.member(id, owner.id), undefined, key())).status).toBe(400);
    const left = (await owner.d.get(DRAFTS_API.draft(id))).body as DraftSummary;
    expect(left.members.map((m) => m.id)).toEqual([owner.id, c.id]);
  });
});
