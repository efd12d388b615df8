/**
 * Drafts in the real server (startServer): the drafts API and the sync endpoint share one access policy
 * and one view of each document (tests/sync/SPEC.md: ACCESS-8, ACCESS-9, DRAFT-1, DRAFT-2).
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DRAFTS_API, type DraftSummary, type PublishResult } from '../../shared/src/drafts/drafts-api.ts';
import { ACCOUNT_API, IDEMPOTENCY_HEADER, type SessionInfo } from '../../shared/src/model/accounts.ts';
import { CloseCode } from '../../shared/src/protocol/close-codes.ts';
import { type Device, device, overHttp } from '../../sync-server/src/accounts/testing.ts';
import { mintToken } from '../../sync-server/src/auth/tokens.ts';
import { loadConfig } from '../../sync-server/src/config.ts';
import { writeDraft } from '../../sync-server/src/drafts/testing.ts';
import { type RunningServer, startServer } from '../../sync-server/src/server.ts';
import { tempDir } from '../../sync-server/src/testing/fixtures.ts';
import { RawClient } from './support/raw-client.ts';
import { waitFor } from './support/wait.ts';

const SECRET = 'drafts-wiring-secret-that-is-long-enough-0123';
type User = { d: Device; id: string; handle: string };

let server: RunningServer;
let removeDir: () => void;
let users = 0;
let ops = 0;
const key = () => ({ [IDEMPOTENCY_HEADER]: `op-wiring-${String(++ops).padStart(4, '0')}` });

beforeAll(async () => {
  const { dir, remove } = tempDir();
  removeDir = remove;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    SEED: '0',
    SESSION_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    SIGNUP_BURST: '100',
  });
  server = await startServer(config, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await server.close();
  removeDir();
});

async function user(): Promise<User> {
  const d = device(overHttp(server.url));
  const handle = `wired-${++users}`;
  const res = await d.post(ACCOUNT_API.signup, {
    email: `${handle}@example.com`,
    password: 'a long passphrase',
    handle,
  });
  expect(res.status).toBe(201);
  return { d, id: (res.body as SessionInfo).user.id, handle };
}

const connect = (draftId: string, u: User, acks = false) =>
  RawClient.connect(
    `${server.url.replace('http', 'ws')}/sync/draft:${draftId}?token=${mintToken(Buffer.from(SECRET), u.id)}${acks ? '&acks=1' : ''}`,
  );

async function sharedDraft(id: string, owner: User, editor: User) {
  expect((await owner.d.put(DRAFTS_API.draft(id))).status).toBe(201);
  expect((await owner.d.post(DRAFTS_API.members(id), { handle: editor.handle, role: 'editor' }, key())).status).toBe(
    201,
  );
}

describe('drafts over the real server', () => {
  it('ACCESS-8: a co-author removed through the API is disconnected (4410) at once and refused after', async () => {
    const [owner, editor] = [await user(), await user()];
    await sharedDraft('wired-1', owner, editor);
    const socket = await connect('wired-1', editor);
    await waitFor(() => socket.has('sync-step1'));
    const started = Date.now();
    expect((await owner.d.delete(DRAFTS_API.member('wired-1', editor.id), undefined, key())).status).toBe(204);
    expect((await socket.waitForClose(1_000)).code).toBe(CloseCode.AccessRevoked);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await (await connect('wired-1', editor)).waitForClose()).code).toBe(CloseCode.Forbidden);
  });

  it('ACCESS-9: deleting a draft closes every open connection to it; restoring lets its members back', async () => {
    const [owner, editor] = [await user(), await user()];
    await sharedDraft('wired-2', owner, editor);
    const sockets = [await connect('wired-2', owner), await connect('wired-2', editor)];
    await waitFor(() => sockets.every((s) => s.has('sync-step1')));
    expect((await owner.d.delete(DRAFTS_API.draft('wired-2'), undefined, key())).status).toBe(200);
    for (const s of sockets) expect((await s.waitForClose(1_000)).code).toBe(CloseCode.AccessRevoked);
    expect((await (await connect('wired-2', owner)).waitForClose()).code).toBe(CloseCode.Forbidden);
    expect((await owner.d.post(DRAFTS_API.restore('wired-2'), undefined, key())).status).toBe(200);
    const back = await connect('wired-2', editor);
    await waitFor(() => back.has('sync-step1'));
    back.close();
  });

  it('DRAFT-1/2: edits made over sync give My drafts its title, and publishing takes them from the live room', async () => {
    const [owner, editor] = [await user(), await user()];
    await sharedDraft('wired-3', owner, editor);
    const writer = await connect('wired-3', editor, true);
    await waitFor(() => writer.has('sync-step2'));
    writer.edit((doc) => writeDraft({ title: 'Written together', tags: ['sync'] }, doc));
    await waitFor(() => writer.lastAck() >= 2);

    const listed = (await owner.d.get(DRAFTS_API.drafts)).body as { items: DraftSummary[] };
    expect(listed.items.map((d) => [d.id, d.title])).toEqual([['wired-3', 'Written together']]);

    writer.edit((doc) => doc.getText('title').insert(16, ', live'));
    const stateVector = Buffer.from(Y.encodeStateVector(writer.doc)).toString('base64');
    const published = await waitFor(async () => {
      const res = await owner.d.post(DRAFTS_API.publish('wired-3'), { stateVector }, key());
      return res.status === 425 ? null : res;
    });
    expect(published.status).toBe(200);
    expect((published.body as PublishResult).post).toMatchObject({ title: 'Written together, live', tags: ['sync'] });
    writer.close();
  });
});
