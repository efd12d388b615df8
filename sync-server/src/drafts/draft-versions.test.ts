/** Named versions through the HTTP API: writers save, members list and read the bytes back. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { DRAFTS_API, type DraftVersion } from '../../../shared/src/drafts/drafts-api.ts';
import { IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { useDraftsApp } from '../testing/drafts-app.ts';

const t = useDraftsApp();

let ops = 0;
const key = () => ({ [IDEMPOTENCY_HEADER]: `op-version-${String(++ops).padStart(4, '0')}` });

describe('versions', () => {
  it('a writer saves the state under a name; members list them newest first and read one back', async () => {
    const owner = await t.user('keeper');
    const editor = await t.user('keeper-ed');
    const viewer = await t.user('keeper-view');
    const id = 'd_versions_1';
    await owner.d.put(DRAFTS_API.draft(id));
    await owner.d.post(DRAFTS_API.members(id), { handle: editor.handle, role: 'editor' }, key());
    await owner.d.post(DRAFTS_API.members(id), { handle: viewer.handle, role: 'viewer' }, key());
    await t.edit(id, { title: 'Before', tags: ['raft'] });

    const saved = await editor.d.post(DRAFTS_API.versions(id), { name: '  Before the rewrite ' }, key());
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Before the rewrite', createdBy: { id: editor.id } });
    await t.edit(id, (doc) => draftFields(doc).title.insert(6, ', then after'));
    await owner.d.post(DRAFTS_API.versions(id), { name: 'After' }, key());
    expect((await viewer.d.post(DRAFTS_API.versions(id), { name: 'Mine' }, key())).status).toBe(403);

    const listed = (await viewer.d.get(DRAFTS_API.versions(id))).body as { items: DraftVersion[] };
    expect(listed.items.map((v) => v.name)).toEqual(['After', 'Before the rewrite']);
    const first = (saved.body as DraftVersion).id;
    const version = await viewer.d.bytes(DRAFTS_API.version(id, first));
    expect(version.status).toBe(200);
    expect(version.res.headers.get('content-type')).toBe('application/octet-stream');
    const restored = new Y.Doc();
    Y.applyUpdate(restored, version.bytes);
    expect(draftFields(restored).title.toString()).toBe('Before');
    expect(draftFields(restored).tags.toArray()).toEqual(['raft']);
  });

  it('refuses a missing or too long name, an unknown version, and strangers', async () => {
    const owner = await t.user('namer');
    const id = 'd_versions_2';
    await owner.d.put(DRAFTS_API.draft(id));
    for (const body of [{}, { name: '   ' }, { name: 'x'.repeat(81) }, { name: 'ok', extra: true }]) {
      expect((await owner.d.post(DRAFTS_API.versions(id), body, key())).status).toBe(400);
    }
    expect((await owner.d.bytes(DRAFTS_API.version(id, 'v_missing'))).status).toBe(404);
    const stranger = await t.user('peeker');
    expect((await stranger.d.get(DRAFTS_API.versions(id))).status).toBe(404);
    expect((await stranger.d.bytes(DRAFTS_API.version(id, 'v_missing'))).status).toBe(404);
  });
});
