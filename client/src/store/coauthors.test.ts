import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_API, IDEMPOTENCY_HEADER } from '../../../shared/src/model/account-api.ts';
import type { SessionInfo } from '../../../shared/src/model/accounts.ts';
import {
  type CoauthorInvitation,
  type NotificationPage,
  type SeriesCoauthors,
  SOCIAL_API,
} from '../../../shared/src/model/social-api.ts';
import { keepAnswer } from './answers.ts';
import { createApiClient } from './api-client.ts';
import { createCoauthors } from './coauthors.ts';
import { notificationsKey } from './notifications.ts';
import { signedInDevice } from './test-device.ts';
import { author, eventually } from './test-fixtures.ts';

const me = { id: author.id, handle: author.handle, displayName: author.displayName };
const bo = { id: 'u_bo', handle: 'bo', displayName: 'Bo' };
const mine = { id: 's1', slug: 'mine', title: 'My series' };
const theirs = { id: 's2', slug: 'theirs', title: 'Their series' };

/** The signed-in user owns `mine` and is invited to `theirs` (by Bo); op ids are answered once. */
function fakeServer() {
  const server = {
    offline: false,
    refuse: null as string | null,
    pending: [] as CoauthorInvitation[],
    myInvitations: [
      { series: theirs, invitee: me, invitedBy: bo, status: 'invited', invitedAt: 't0', respondedAt: null },
    ] as CoauthorInvitation[],
    sent: [] as { method: string; path: string; body: unknown }[],
    ops: new Map<string, unknown>(),
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const client = createApiClient({
    base: 'http://test.local',
    isOnline: () => !server.offline,
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('Failed to fetch');
      const path = decodeURIComponent(new URL(input).pathname);
      const method = init?.method ?? 'GET';
      if (path === ACCOUNT_API.session) {
        const info: SessionInfo = { user: me, csrfToken: 'c1', syncToken: 's', userDoc: '' };
        return json(200, info);
      }
      if (method === 'GET' && path === SOCIAL_API.seriesCoauthors('mine')) {
        const answer: SeriesCoauthors = { series: mine, owner: me, coauthors: [], pending: server.pending };
        return json(200, answer);
      }
      if (method === 'GET' && path === SOCIAL_API.myInvitations) {
        return json(200, { items: server.myInvitations.filter((i) => i.status === 'invited') });
      }
      const op = new Headers(init?.headers).get(IDEMPOTENCY_HEADER) ?? '';
      if (server.ops.has(op)) return json(200, server.ops.get(op));
      if (method === 'GET') return json(404, { error: 'not_found', message: path });
      const body = JSON.parse(String(init?.body ?? '{}')) as { handle?: string; accept?: boolean };
      server.sent.push({ method, path, body });
      if (server.refuse) return json(404, { error: 'not_found', message: server.refuse });
      if (method === 'POST' && path === SOCIAL_API.seriesInvitations('mine')) {
        const invitation: CoauthorInvitation = {
          series: mine,
          invitee: { ...bo, handle: body.handle ?? '' },
          invitedBy: me,
          status: 'invited',
          invitedAt: 't1',
          respondedAt: null,
        };
        server.pending.push(invitation);
        server.ops.set(op, invitation);
        return json(201, invitation);
      }
      if (method === 'PUT' && path === SOCIAL_API.myInvitation('theirs')) {
        const [invitation] = server.myInvitations;
        if (!invitation) return json(404, { error: 'not_found', message: 'No pending invitation.' });
        const answered: CoauthorInvitation = {
          ...invitation,
          status: body.accept ? 'accepted' : 'declined',
          respondedAt: 't2',
        };
        server.myInvitations = [answered];
        server.ops.set(op, answered);
        return json(200, answered);
      }
      return json(404, { error: 'not_found', message: path });
    },
  });
  return { server, client };
}

async function setup() {
  const { server, client } = fakeServer();
  const { database, box } = await signedInDevice(client);
  return { server, database, box, coauthors: createCoauthors({ database, client, box }) };
}

describe('series co-authors on the device', () => {
  it('the owner’s invitation shows at once as pending, waits offline, then shows as the server has it', async () => {
    const { server, box, coauthors } = await setup();
    await coauthors.refreshSeries('mine', me.id);
    server.offline = true;
    await coauthors.invite('mine', ' @Bo ');
    const view = () => coauthors.liveSeries('mine', me.id).read();
    await eventually(async () =>
      expect((await view())?.invitations).toMatchObject([
        { handle: 'bo', state: 'pending', note: expect.any(String), displayName: null },
      ]),
    );
    server.offline = false;
    await box.replay(true);
    await eventually(async () =>
      expect((await view())?.invitations).toEqual([
        { handle: 'bo', displayName: 'Bo', state: 'invited', note: null, entryId: null, message: null },
      ]),
    );
    expect(server.sent).toEqual([
      { method: 'POST', path: SOCIAL_API.seriesInvitations('mine'), body: { handle: 'bo' } },
    ]);
    expect(await box.entries().read()).toEqual([]);
  });

  it('a refused invitation keeps the server’s words until dropped', async () => {
    const { server, coauthors } = await setup();
    server.refuse = 'There is no one with the handle @nobody. Check the spelling.';
    const entry = await coauthors.invite('mine', 'nobody');
    const view = () => coauthors.liveSeries('mine', me.id).read();
    await eventually(async () =>
      expect((await view())?.invitations).toEqual([
        {
          handle: 'nobody',
          displayName: null,
          state: 'refused',
          note: null,
          entryId: entry.id,
          message: server.refuse,
        },
      ]),
    );
    await coauthors.drop(entry.id);
    await eventually(async () => expect(await view()).toBeUndefined());
  });

  it('the invitee’s answer shows at once and stays shown after the server took it and listed it no more', async () => {
    const { server, database, box, coauthors } = await setup();
    const page: NotificationPage = {
      items: [
        {
          id: 'n1',
          kind: 'coauthor-invitation',
          createdAt: 't0',
          readAt: null,
          actor: bo,
          post: null,
          commentId: null,
          series: theirs,
        },
      ],
      nextCursor: null,
      unreadCount: 1,
    };
    await keepAnswer(database, notificationsKey(me.id), page);
    const prompts = () => coauthors.livePrompts(me.id).read();
    // Before the invitations were fetched, the notification can be answered already.
    expect((await prompts()).byNotification).toEqual({ n1: { kind: 'open' } });
    await coauthors.refreshInvitations(me.id);
    expect(await prompts()).toEqual({ byNotification: { n1: { kind: 'open' } }, others: [] });

    server.offline = true;
    await coauthors.answer('theirs', false);
    await eventually(async () =>
      expect((await prompts()).byNotification.n1).toEqual({ kind: 'waiting', accept: false, note: "You're offline." }),
    );
    // Changed their mind while the first answer waited: only the last one goes.
    await coauthors.answer('theirs', true);
    await eventually(async () =>
      expect((await prompts()).byNotification.n1).toMatchObject({ kind: 'waiting', accept: true }),
    );
    server.offline = false;
    await box.replay(true);
    await eventually(async () =>
      expect((await prompts()).byNotification.n1).toEqual({ kind: 'answered', accept: true }),
    );
    expect(server.sent).toEqual([{ method: 'PUT', path: SOCIAL_API.myInvitation('theirs'), body: { accept: true } }]);
    await coauthors.refreshInvitations(me.id);
    expect((await prompts()).byNotification.n1).toEqual({ kind: 'answered', accept: true });
  });
});
