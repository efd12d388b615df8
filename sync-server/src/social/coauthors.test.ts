/** Series co-authors through the HTTP API: the owner invites, the invitee answers, both idempotent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CoauthorInvitation,
  type NotificationPage,
  type SeriesCoauthors,
  SOCIAL_API,
} from '../../../shared/src/model/social-api.ts';
import { type SocialApp, socialApp, type TestUser } from '../testing/social-app.ts';

let t: SocialApp;
let owner: TestUser;
let seriesN = 0;
beforeAll(async () => {
  t = await socialApp();
  owner = await t.user('owner');
});
afterAll(() => t.cleanup());

let ops = 0;
const op = () => `op-coauthor-${String(++ops).padStart(4, '0')}`;

/** A new series owned by `owner`, with one part; returns its id and slug. */
async function newSeries() {
  seriesN += 1;
  const series = { id: `s_co_${seriesN}`, slug: `shared-series-${seriesN}`, part: 1 };
  await t.publish(owner.id, `shared-part-${seriesN}`, series);
  return series;
}

describe('co-author invitations', () => {
  it('the owner invites by handle; the invitee is notified, sees it pending and accepts; then may publish parts', async () => {
    const series = await newSeries();
    const guest = await t.user('guest');
    const mayPublish = () => t.services().coauthors.mayPublishPart(series.id, guest.id);
    expect(await mayPublish()).toBe(false);
    expect(await t.services().coauthors.mayPublishPart(series.id, owner.id)).toBe(true);

    const invite = () =>
      owner.d.post(
        SOCIAL_API.seriesInvitations(series.slug),
        { handle: guest.handle.toUpperCase() },
        {
          'Idempotency-Key': `op-invite-${series.id}`,
        },
      );
    const [first, replay] = [await invite(), await invite()];
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      series: { id: series.id, slug: series.slug, title: `Series ${series.slug}` },
      invitee: { id: guest.id, handle: guest.handle, displayName: expect.any(String) },
      invitedBy: { id: owner.id, handle: owner.handle, displayName: expect.any(String) },
      status: 'invited',
      invitedAt: expect.any(String),
      respondedAt: null,
    } satisfies CoauthorInvitation);
    expect(replay.body).toEqual(first.body);
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');

    const inbox = (await guest.d.get(SOCIAL_API.notifications)).body as NotificationPage;
    expect(inbox.items.map((n) => [n.kind, n.actor?.id, n.series?.slug])).toEqual([
      ['coauthor-invitation', owner.id, series.slug],
    ]);
    const pending = (await guest.d.get(SOCIAL_API.myInvitations)).body as { items: CoauthorInvitation[] };
    expect(pending.items.map((i) => i.series.slug)).toEqual([series.slug]);

    const accepted = await guest.d.put(SOCIAL_API.myInvitation(series.slug), { accept: true, opId: 'op-accept-001' });
    expect(accepted.body).toMatchObject({ status: 'accepted', respondedAt: expect.any(String) });
    const again = await guest.d.put(SOCIAL_API.myInvitation(series.slug), { accept: true, opId: 'op-accept-001' });
    expect(again.body).toEqual(accepted.body);
    expect(await mayPublish()).toBe(true);
    expect(((await guest.d.get(SOCIAL_API.myInvitations)).body as { items: unknown[] }).items).toEqual([]);

    const reinvite = await owner.d.post(SOCIAL_API.seriesInvitations(series.slug), {
      handle: guest.handle,
      opId: op(),
    });
    expect(reinvite).toMatchObject({ status: 409, body: { message: expect.stringMatching(/already a co-author/) } });
  });

  it('a declined invitation can be sent again, and notifies again', async () => {
    const series = await newSeries();
    const guest = await t.user('guest');
    await owner.d.post(SOCIAL_API.seriesInvitations(series.slug), { handle: guest.handle, opId: op() });
    const declined = await guest.d.put(SOCIAL_API.myInvitation(series.slug), { accept: false, opId: op() });
    expect(declined.body).toMatchObject({ status: 'declined' });
    expect(await t.services().coauthors.mayPublishPart(series.id, guest.id)).toBe(false);
    const answerAgain = await guest.d.put(SOCIAL_API.myInvitation(series.slug), { accept: true, opId: op() });
    expect(answerAgain).toMatchObject({
      status: 404,
      body: { message: expect.stringMatching(/no pending invitation/) },
    });
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = await owner.d.post(SOCIAL_API.seriesInvitations(series.slug), { handle: guest.handle, opId: op() });
    expect(second.body).toMatchObject({ status: 'invited', respondedAt: null });
    const inbox = (await guest.d.get(SOCIAL_API.notifications)).body as NotificationPage;
    expect(inbox.items.filter((n) => n.kind === 'coauthor-invitation')).toHaveLength(2);
  });

  it('refuses: not the owner, unknown series or handle, yourself, bad bodies, signed out, missing CSRF', async () => {
    const series = await newSeries();
    const guest = await t.user('guest');
    const path = SOCIAL_API.seriesInvitations(series.slug);
    const cases: [Promise<{ status: number; body: unknown }>, number, RegExp][] = [
      [guest.d.post(path, { handle: owner.handle, opId: op() }), 403, /Only the owner/],
      [
        owner.d.post(SOCIAL_API.seriesInvitations('no-such-series'), { handle: guest.handle, opId: op() }),
        404,
        /no series/,
      ],
      [owner.d.post(path, { handle: 'nobody-here', opId: op() }), 404, /@nobody-here/],
      [owner.d.post(path, { handle: owner.handle, opId: op() }), 400, /You own this series/],
      [owner.d.post(path, { handle: 'x', opId: op() }), 400, /handle must be 3–30/],
      [owner.d.post(path, { handle: guest.handle }), 400, /opId is required/],
      [owner.d.post(path, { opId: op() }), 400, /handle is required/],
      [
        guest.d.put(SOCIAL_API.myInvitation(series.slug), { accept: 'yes', opId: op() }),
        400,
        /accept must be true or false/,
      ],
      [t.anonymous().post(path, { handle: guest.handle, opId: op() }), 401, /not signed in/],
      [owner.d.post(path, { handle: guest.handle, opId: op() }, { 'X-SDP-CSRF': '' }), 403, /X-SDP-CSRF/],
      [t.anonymous().get(SOCIAL_API.myInvitations), 401, /not signed in/],
    ];
    for (const [reply, status, message] of cases) {
      const res = await reply;
      expect(res.status).toBe(status);
      expect((res.body as { message: string }).message).toMatch(message);
    }
    expect(((await guest.d.get(SOCIAL_API.myInvitations)).body as { items: unknown[] }).items).toEqual([]);
  });
});

describe('who writes a series', () => {
  const list = (d: TestUser['d'], slug: string) => d.get(SOCIAL_API.seriesCoauthors(slug));

  it('lists accepted co-authors to everyone, first to accept first; unanswered invitations only to the owner', async () => {
    const series = await newSeries();
    const [ada, bo, cy, dee] = [await t.user('ada'), await t.user('bo'), await t.user('cy'), await t.user('dee')];
    for (const guest of [ada, bo, cy, dee]) {
      await owner.d.post(SOCIAL_API.seriesInvitations(series.slug), { handle: guest.handle, opId: op() });
    }
    // bo accepts before ada; cy declines; dee does not answer.
    await bo.d.put(SOCIAL_API.myInvitation(series.slug), { accept: true, opId: op() });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await ada.d.put(SOCIAL_API.myInvitation(series.slug), { accept: true, opId: op() });
    await cy.d.put(SOCIAL_API.myInvitation(series.slug), { accept: false, opId: op() });

    const seen = await list(owner.d, series.slug);
    expect(seen.status).toBe(200);
    expect(seen.res.headers.get('cache-control')).toBe('no-store');
    const mine = seen.body as SeriesCoauthors;
    expect(mine.series).toEqual({ id: series.id, slug: series.slug, title: `Series ${series.slug}` });
    expect(mine.owner).toMatchObject({ id: owner.id, handle: owner.handle });
    expect(mine.coauthors.map((a) => a.handle)).toEqual([bo.handle, ada.handle]);
    expect(mine.pending?.map((i) => [i.invitee.handle, i.status])).toEqual([[dee.handle, 'invited']]);

    for (const viewer of [dee.d, t.anonymous()]) {
      const body = (await list(viewer, series.slug)).body as SeriesCoauthors;
      expect(body.coauthors.map((a) => a.handle)).toEqual([bo.handle, ada.handle]);
      expect(body.pending).toBeNull();
    }
  });

  it('a series nobody was invited to has no co-authors; an unknown or malformed slug is refused', async () => {
    const series = await newSeries();
    expect((await list(owner.d, series.slug)).body).toMatchObject({ coauthors: [], pending: [] });
    const missing = await list(owner.d, 'no-such-series');
    expect(missing).toMatchObject({ status: 404, body: { message: expect.stringMatching(/no series/) } });
    expect((await list(t.anonymous(), 'Not A Slug!')).status).toBe(400);
  });
});
