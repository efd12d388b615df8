import { describe, expect, it } from 'vitest';
import type {
  CoauthorInvitation,
  InvitationStatus,
  NotificationView,
  SeriesCoauthors,
} from '../../../shared/src/model/social-api.ts';
import {
  answerState,
  COAUTHOR_KIND,
  type CoauthorChange,
  handleProblem,
  invitationPrompts,
  type KeptInvitations,
  normalHandle,
  seriesCoauthorsView,
  withAnswer,
  withFreshInvitations,
  withInvitation,
} from './coauthor-view.ts';
import { newEntry, type OutboxEntry } from './outbox-model.ts';

const ana = { id: 'u_ana', handle: 'ana', displayName: 'Ana' };
const bo = { id: 'u_bo', handle: 'bo', displayName: 'Bo' };
const cy = { id: 'u_cy', handle: 'cy', displayName: 'Cy' };
const consensus = { id: 's1', slug: 'consensus', title: 'Consensus' };
const caching = { id: 's2', slug: 'caching', title: 'Caching' };

const invitation = (
  invitee: typeof bo,
  series = consensus,
  status: InvitationStatus = 'invited',
  respondedAt: string | null = null,
): CoauthorInvitation => ({
  series,
  invitee,
  invitedBy: ana,
  status,
  invitedAt: '2026-01-01T00:00:00.000Z',
  respondedAt,
});

let n = 0;
function entry(
  payload: CoauthorChange,
  extra: Partial<OutboxEntry<CoauthorChange>> = {},
  userId = ana.id,
): OutboxEntry<CoauthorChange> {
  n += 1;
  return {
    ...newEntry({ id: `e${n}`, kind: COAUTHOR_KIND, key: `k${n}`, payload, userId, createdAt: n }),
    ...extra,
  };
}

describe('a typed handle', () => {
  it('is spelled as the server does, and checked before it is sent', () => {
    expect(normalHandle('  @Ana_Okafor ')).toBe('ana_okafor');
    expect(handleProblem(' @Ana ')).toBeNull();
    expect(handleProblem('  ')).toMatch(/Enter the handle/);
    expect(handleProblem('@a')).toMatch(/3–30 characters/);
    expect(handleProblem('ana okafor')).toMatch(/a–z, 0–9/);
  });
});

describe('the series page', () => {
  const kept: SeriesCoauthors = {
    series: consensus,
    owner: ana,
    coauthors: [bo],
    pending: [invitation(cy)],
  };

  it('shows the co-authors and the owner’s invitations: unanswered, waiting (with why) and refused', () => {
    const waiting = entry(
      { op: 'invite', seriesSlug: 'consensus', handle: 'dee' },
      { attempts: 1, error: "You're offline." },
    );
    const refused = entry(
      { op: 'invite', seriesSlug: 'consensus', handle: 'nobody' },
      { state: 'refused', error: 'There is no one with the handle @nobody.' },
    );
    const elsewhere = entry({ op: 'invite', seriesSlug: 'caching', handle: 'eve' });
    const someoneElse = entry({ op: 'invite', seriesSlug: 'consensus', handle: 'fay' }, {}, bo.id);
    const view = seriesCoauthorsView(kept, [refused, waiting, elsewhere, someoneElse], 'consensus', ana.id);
    expect(view.owner).toEqual(ana);
    expect(view.coauthors).toEqual([bo]);
    expect(view.invitations).toEqual([
      { handle: 'cy', displayName: 'Cy', state: 'invited', note: null, entryId: null, message: null },
      {
        handle: 'dee',
        displayName: null,
        state: 'pending',
        note: "You're offline.",
        entryId: waiting.id,
        message: null,
      },
      {
        handle: 'nobody',
        displayName: null,
        state: 'refused',
        note: null,
        entryId: refused.id,
        message: 'There is no one with the handle @nobody.',
      },
    ]);
  });

  it('an invitation sent again while one is unanswered shows once, as waiting; nothing known shows nothing', () => {
    const again = entry({ op: 'invite', seriesSlug: 'consensus', handle: 'cy' });
    expect(seriesCoauthorsView(kept, [again], 'consensus', ana.id).invitations).toEqual([
      { handle: 'cy', displayName: 'Cy', state: 'pending', note: null, entryId: again.id, message: null },
    ]);
    expect(seriesCoauthorsView(undefined, [], 'consensus', null)).toEqual({
      owner: null,
      coauthors: [],
      invitations: [],
    });
  });

  it('keeps the server’s answer to an invitation in the owner’s list, replacing an older one', () => {
    const fresh = { ...invitation(cy), invitedAt: '2026-02-01T00:00:00.000Z' };
    const dee = invitation({ id: 'u_dee', handle: 'dee', displayName: 'Dee' });
    expect(withInvitation(kept, fresh).pending).toEqual([fresh]);
    expect(withInvitation(kept, dee).pending).toEqual([invitation(cy), dee]);
    expect(withInvitation({ ...kept, pending: null }, dee).pending).toEqual([dee]);
  });
});

describe('answering an invitation', () => {
  const open: KeptInvitations = { items: [invitation(bo)] };

  it('is open while unanswered, or before the list was ever fetched; not open once gone from the list', () => {
    expect(answerState(open, [], 'consensus', bo.id)).toEqual({ kind: 'open' });
    expect(answerState(undefined, [], 'consensus', bo.id)).toEqual({ kind: 'open' });
    expect(answerState({ items: [] }, [], 'consensus', bo.id)).toBeNull();
  });

  it('shows the answer at once, then as the server took it; a refusal with its entry for Retry and Drop', () => {
    const accept = entry(
      { op: 'answer', seriesSlug: 'consensus', accept: true },
      { attempts: 2, error: 'Offline' },
      bo.id,
    );
    expect(answerState(open, [accept], 'consensus', bo.id)).toEqual({ kind: 'waiting', accept: true, note: 'Offline' });
    const refused = { ...accept, state: 'refused' as const, error: 'No pending invitation.' };
    expect(answerState(open, [refused], 'consensus', bo.id)).toEqual({
      kind: 'refused',
      accept: true,
      entryId: accept.id,
      message: 'No pending invitation.',
    });
    const answered = withAnswer(open, invitation(bo, consensus, 'declined', '2026-01-02T00:00:00.000Z'));
    expect(answerState(answered, [], 'consensus', bo.id)).toEqual({ kind: 'answered', accept: false });
    // Another user's entry on the same device changes nothing for this one.
    expect(answerState(open, [accept], 'consensus', cy.id)).toEqual({ kind: 'open' });
  });

  it('a fresh list from the server keeps the answers given here, unless invited again since', () => {
    const accepted = invitation(bo, caching, 'accepted', '2026-01-03T00:00:00.000Z');
    const declined = invitation(bo, consensus, 'declined', '2026-01-02T00:00:00.000Z');
    const kept = { items: [declined, accepted, invitation(bo, { id: 's3', slug: 'gone', title: 'Gone' })] };
    expect(withFreshInvitations(kept, { items: [] }).items).toEqual([accepted, declined]);
    const invitedAgain = invitation(bo, consensus);
    expect(withFreshInvitations(kept, { items: [invitedAgain] }).items).toEqual([invitedAgain, accepted]);
    expect(withFreshInvitations(undefined, { items: [invitedAgain] }).items).toEqual([invitedAgain]);
  });
});

describe('the notifications page', () => {
  const notification = (id: string, series: typeof consensus | null, kind: NotificationView['kind']) =>
    ({
      id,
      kind,
      createdAt: '2026-01-01T00:00:00.000Z',
      readAt: null,
      actor: ana,
      post: null,
      commentId: null,
      series,
    }) satisfies NotificationView;

  it('puts each answer under the newest notification of its series, and lists invitations with none apart', () => {
    const page = [
      notification('n3', consensus, 'coauthor-invitation'),
      notification('n2', consensus, 'series-part'),
      notification('n1', consensus, 'coauthor-invitation'),
    ];
    const kept = { items: [invitation(bo, consensus), invitation(bo, caching)] };
    const waiting = entry({ op: 'answer', seriesSlug: 'caching', accept: false }, {}, bo.id);
    const prompts = invitationPrompts(page, kept, [waiting], bo.id);
    expect(prompts.byNotification).toEqual({ n3: { kind: 'open' } });
    expect(prompts.others).toEqual([
      { invitation: invitation(bo, caching), state: { kind: 'waiting', accept: false, note: null } },
    ]);
  });

  it('a notification whose invitation is no longer open shows no answer', () => {
    const prompts = invitationPrompts([notification('n1', consensus, 'coauthor-invitation')], { items: [] }, [], bo.id);
    expect(prompts).toEqual({ byNotification: {}, others: [] });
  });
});
