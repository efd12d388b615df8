/** Export and import through the HTTP API: what the zip holds, who may, what an import makes or refuses. */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftBodyDoc } from '../../../shared/src/drafts/draft-markdown.ts';
import { DRAFTS_API, type DraftSummary, IMPORT_UPLOAD_BYTES } from '../../../shared/src/drafts/drafts-api.ts';
import { ACCOUNT_API, CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import { readingListMap } from '../../../shared/src/model/reading-list.ts';
import { draftDocName, userDocName } from '../../../shared/src/protocol/doc-name.ts';
import type { Device } from '../accounts/testing.ts';
import { paragraph } from '../drafts/testing.ts';
import { useDraftsApp } from '../testing/drafts-app.ts';
import type { TestUser } from '../testing/social-app.ts';

const t = useDraftsApp();

let ops = 0;
const key = () => ({ [IDEMPOTENCY_HEADER]: `op-export-${String(++ops).padStart(4, '0')}` });
let ids = 0;
const newDraftId = () => `d_export_${++ids}`;

const markdown = (text: string) => strToU8(text);
const asMarkdown = { 'content-type': 'text/markdown; charset=utf-8' };
const asZip = { 'content-type': 'application/zip' };

async function exportOf(user: TestUser): Promise<Record<string, string>> {
  const { res, status, bytes } = await user.d.bytes(DRAFTS_API.exportAll);
  expect(status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="sysdespro-export-\d{4}-\d\d-\d\d\.zip"$/,
  );
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

const importFile = (device: Device, body: Uint8Array, headers: Record<string, string>, name?: string) =>
  device.post(`${DRAFTS_API.importDrafts}${name ? `?name=${encodeURIComponent(name)}` : ''}`, body, headers);

const drafts = async (user: TestUser) =>
  ((await user.d.get(DRAFTS_API.drafts)).body as { items: DraftSummary[] }).items;

/** The draft's document as stored. */
async function draftDoc(id: string): Promise<Y.Doc> {
  const stored = await t.docStore.loadDoc(draftDocName(id));
  const doc = new Y.Doc();
  for (const update of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]) Y.applyUpdate(doc, update);
  return doc;
}

describe('GET /api/me/export', () => {
  it('holds my published posts, the drafts I own or co-write (not those I may only read), follows and reading list', async () => {
    const me = await t.user('exporter');
    const friend = await t.user('friend');
    const stranger = await t.user('stranger');

    const mine = newDraftId();
    expect((await me.d.put(DRAFTS_API.draft(mine))).status).toBe(201);
    await t.edit(mine, {
      title: 'Queues: a primer',
      tags: ['queues'],
      body: { type: 'doc', content: [paragraph('Bound every queue.', [{ type: 'bold' }])] },
    });
    const shared = newDraftId();
    expect((await friend.d.put(DRAFTS_API.draft(shared))).status).toBe(201);
    await t.edit(shared, { title: 'Written together' });
    expect((await friend.d.post(DRAFTS_API.members(shared), { handle: me.handle, role: 'editor' }, key())).status).toBe(
      201,
    );
    const readOnly = newDraftId();
    expect((await friend.d.put(DRAFTS_API.draft(readOnly))).status).toBe(201);
    await t.edit(readOnly, { title: 'Only shown to me' });
    expect(
      (await friend.d.post(DRAFTS_API.members(readOnly), { handle: me.handle, role: 'viewer' }, key())).status,
    ).toBe(201);
    const theirs = newDraftId();
    expect((await stranger.d.put(DRAFTS_API.draft(theirs))).status).toBe(201);
    await t.edit(theirs, { title: 'Not mine' });

    await t.publish(me.id, 'my-published-post');
    await t.publish(stranger.id, 'their-post');
    expect((await me.d.put(ACCOUNT_API.followTag('caching'), {}, key())).status).toBe(200);
    const userDoc = new Y.Doc();
    readingListMap(userDoc).set('p_1', { slug: 'post-1', title: 'Post 1', addedAt: 1_700_000_000_000 });
    await t.docStore.appendUpdates(userDocName(me.id), [Y.encodeStateAsUpdate(userDoc)]);

    const files = await exportOf(me);
    expect(Object.keys(files).sort()).toEqual([
      `drafts/queues-a-primer-${mine}.md`,
      `drafts/written-together-${shared}.md`,
      'follows.json',
      'posts/my-published-post.md',
      'reading-list.json',
    ]);
    expect(files[`drafts/queues-a-primer-${mine}.md`]).toMatch(
      /^---\ntitle: Queues: a primer\ntags: queues\ncreated: .+\nupdated: .+\n---\n\n\*\*Bound every queue\.\*\*\n$/,
    );
    expect(files['posts/my-published-post.md']).toMatch(
      /^---\ntitle: Post my-published-post\nslug: my-published-post\n/,
    );
    expect(JSON.parse(files['follows.json']!)).toMatchObject({ tags: [{ slug: 'caching' }] });
    expect(JSON.parse(files['reading-list.json']!)).toEqual([
      { postId: 'p_1', slug: 'post-1', title: 'Post 1', addedAt: 1_700_000_000_000 },
    ]);
  });

  it('needs a session', async () => {
    expect((await t.anonymous().bytes(DRAFTS_API.exportAll)).status).toBe(401);
  });

  it('is rate-limited per user: 10 at once, then 429 with Retry-After', async () => {
    const me = await t.user('eager');
    for (let i = 0; i < 10; i++) expect((await me.d.bytes(DRAFTS_API.exportAll)).status).toBe(200);
    const refused = await me.d.bytes(DRAFTS_API.exportAll);
    expect(refused.status).toBe(429);
    expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await t.user('patient');
    expect((await other.d.bytes(DRAFTS_API.exportAll)).status).toBe(200);
  });
});

describe('POST /api/me/import', () => {
  it('makes a draft from one Markdown file, titled by its front matter or else its file name', async () => {
    const me = await t.user('importer');
    const res = await importFile(
      me.d,
      markdown('---\ntitle: Imported notes\ntags: raft\n---\n\n## Terms\n\n- [x] leader\n'),
      { ...asMarkdown, ...key() },
      'notes.md',
    );
    expect(res.status).toBe(201);
    const [made] = (res.body as { items: DraftSummary[] }).items;
    expect(made).toMatchObject({ role: 'owner', title: 'Imported notes', owner: { id: me.id } });
    expect(draftBodyDoc(await draftDoc(made!.id)).content.map((b) => b.type)).toEqual(['heading', 'taskList']);
    expect((await drafts(me)).map((d) => d.id)).toContain(made!.id);

    const untitled = await importFile(me.d, markdown('Just text.'), { ...asMarkdown, ...key() }, 'raft-notes.md');
    expect((untitled.body as { items: DraftSummary[] }).items[0]?.title).toBe('raft-notes');
  });

  it('imports an export back: one draft per Markdown file; the same Idempotency-Key makes no copies', async () => {
    const me = await t.user('roundtrip');
    const id = newDraftId();
    await me.d.put(DRAFTS_API.draft(id));
    await t.edit(id, { title: 'Round trip' });
    await t.publish(me.id, 'round-trip-post');
    const { bytes } = await me.d.bytes(DRAFTS_API.exportAll);

    const once = key();
    const first = await importFile(me.d, bytes, { ...asZip, ...once });
    expect(first.status).toBe(201);
    const items = (first.body as { items: DraftSummary[] }).items;
    expect(items.map((d) => d.title).sort()).toEqual(['Post round-trip-post', 'Round trip']);
    const replay = await importFile(me.d, bytes, { ...asZip, ...once });
    expect((replay.body as { items: DraftSummary[] }).items.map((d) => d.id)).toEqual(items.map((d) => d.id));
    expect(await drafts(me)).toHaveLength(3);
  });

  it('refuses the whole upload, naming the file, when one file has broken front matter', async () => {
    const me = await t.user('careful');
    const zip = zipSync({ 'good.md': strToU8('# Fine\n'), 'bad.md': strToU8('---\ntitle: x\nnot a pair\n---\n') });
    const res = await importFile(me.d, zip, { ...asZip, ...key() });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'bad_request',
      message: 'bad.md: Line 3: expected "key: value", found "not a pair". Fix the front matter and import again.',
    });
    expect(await drafts(me)).toEqual([]);
  });

  it('refuses what is not a zip or Markdown (415), an empty zip (400) and an upload over the cap (413)', async () => {
    const me = await t.user('refused');
    const png = await importFile(me.d, new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { 'content-type': 'image/png' });
    expect(png.status).toBe(415);
    expect((png.body as { message: string }).message).toMatch(/Send a zip \(application\/zip\) or a Markdown file/);
    const binary = await importFile(me.d, new Uint8Array([0xff, 0xfe, 0, 0]), asMarkdown, 'x.md');
    expect(binary.status).toBe(415);
    const empty = await importFile(me.d, zipSync({ 'a.txt': strToU8('x') }), asZip);
    expect(empty.body).toEqual({ error: 'bad_request', message: 'The zip holds no Markdown (.md) files.' });
    const big = await importFile(me.d, new Uint8Array(IMPORT_UPLOAD_BYTES + 1), asZip);
    expect(big.status).toBe(413);
    expect(await drafts(me)).toEqual([]);
  });

  it('needs a session and its CSRF token, and refuses other sites', async () => {
    const me = await t.user('guarded');
    expect((await importFile(t.anonymous(), markdown('x'), asMarkdown)).status).toBe(401);
    expect((await importFile(me.d, markdown('x'), { ...asMarkdown, [CSRF_HEADER]: '' })).status).toBe(403);
    expect((await importFile(me.d, markdown('x'), { ...asMarkdown, origin: 'https://evil.example' })).status).toBe(403);
    expect(await drafts(me)).toEqual([]);
  });
});
