import { describe, expect, it } from 'vitest';
import {
  afterSend,
  BACKOFF,
  backoffMs,
  byAge,
  classifyStatus,
  coalesce,
  newEntry,
  nextToSend,
  type OutboxEntry,
  retried,
  signedIn,
} from './outbox-model.ts';

const entry = (id: string, key: string, createdAt: number, extra: Partial<OutboxEntry<string>> = {}) => ({
  ...newEntry({ id, kind: 'follow', key, payload: id, userId: 'u1', createdAt }),
  ...extra,
});

describe('outbox: which entry goes next', () => {
  it('sends the oldest entry first and only the head of each key', () => {
    const entries = [entry('b', 'k1', 2), entry('a', 'k1', 1), entry('c', 'k2', 3)];
    expect(nextToSend(entries, 'u1', 10)?.id).toBe('a');
    expect(nextToSend(entries.slice(0, 1).concat(entries[2] as OutboxEntry<string>), 'u1', 10)?.id).toBe('b');
  });

  it('a refused head holds back the newer changes of its key, not other keys', () => {
    const entries = [entry('a', 'k1', 1, { state: 'refused' }), entry('b', 'k1', 2), entry('c', 'k2', 3)];
    expect(nextToSend(entries, 'u1', 10)?.id).toBe('c');
    expect(nextToSend(entries.slice(0, 2), 'u1', 10)).toBeUndefined();
  });

  it('skips entries backing off, waiting for sign-in, of unknown kinds or of another user', () => {
    expect(nextToSend([entry('a', 'k', 1, { notBefore: 50 })], 'u1', 10)).toBeUndefined();
    expect(nextToSend([entry('a', 'k', 1, { notBefore: 50 })], 'u1', 50)?.id).toBe('a');
    expect(nextToSend([entry('a', 'k', 1, { needsSignIn: true })], 'u1', 10)).toBeUndefined();
    expect(nextToSend([entry('a', 'k', 1)], 'u2', 10)).toBeUndefined();
    expect(nextToSend([entry('a', 'k', 1)], 'u1', 10, () => false)).toBeUndefined();
  });

  it('picks up an entry left `sending` by a tab that closed mid-send', () => {
    expect(nextToSend([entry('a', 'k', 1, { state: 'sending' })], 'u1', 10)?.id).toBe('a');
  });
});

describe('outbox: what an answer does to an entry', () => {
  it('sorts statuses: 2xx sent, none/5xx/408/425/429 failed, 401 signed out, other 4xx refused', () => {
    expect(classifyStatus(200, '').kind).toBe('sent');
    expect(classifyStatus(null, 'offline').kind).toBe('failed');
    expect(classifyStatus(503, 'down').kind).toBe('failed');
    expect(classifyStatus(429, 'slow down').kind).toBe('failed');
    expect(classifyStatus(408, 'timeout').kind).toBe('failed');
    expect(classifyStatus(425, 'edits not on the server yet').kind).toBe('failed');
    expect(classifyStatus(401, 'sign in').kind).toBe('signed-out');
    expect(classifyStatus(404, 'no such author')).toEqual({ kind: 'refused', message: 'no such author' });
    expect(classifyStatus(409, 'reused').kind).toBe('refused');
  });

  it('a sent entry leaves the outbox', () => {
    expect(afterSend(entry('a', 'k', 1), { kind: 'sent' }, 100)).toBeNull();
  });

  it('a failure keeps it pending, counts the attempt and backs off', () => {
    const once = afterSend(entry('a', 'k', 1, { state: 'sending' }), { kind: 'failed', message: 'offline' }, 100, 0);
    expect(once).toMatchObject({ state: 'pending', attempts: 1, notBefore: 100 + BACKOFF.firstMs, error: 'offline' });
    const twice = afterSend(once as OutboxEntry<string>, { kind: 'failed', message: 'offline' }, 200, 0);
    expect(twice).toMatchObject({ attempts: 2, notBefore: 200 + 2 * BACKOFF.firstMs });
  });

  it('a refusal keeps the server message and does not count as an attempt; retry makes it pending now', () => {
    const refused = afterSend(entry('a', 'k', 1), { kind: 'refused', message: 'There is no author "x".' }, 100);
    expect(refused).toMatchObject({ state: 'refused', attempts: 0, error: 'There is no author "x".' });
    expect(retried(refused as OutboxEntry<string>)).toMatchObject({ state: 'pending', error: null, notBefore: 0 });
  });

  it('401 waits for sign-in, and sign-in releases it', () => {
    const waiting = afterSend(entry('a', 'k', 1), { kind: 'signed-out', message: 'Sign in' }, 100) as OutboxEntry;
    expect(waiting).toMatchObject({ state: 'pending', needsSignIn: true });
    expect(nextToSend([waiting], 'u1', 1e12)).toBeUndefined();
    expect(nextToSend([signedIn(waiting)], 'u1', 100)?.id).toBe('a');
  });
});

describe('outbox: back-off', () => {
  it('doubles from the first delay up to the cap, with at most a quarter of spread', () => {
    expect(backoffMs(1, 0)).toBe(BACKOFF.firstMs);
    expect(backoffMs(3, 0)).toBe(4 * BACKOFF.firstMs);
    expect(backoffMs(40, 0)).toBe(BACKOFF.maxMs);
    expect(backoffMs(1, 0.999)).toBeLessThanOrEqual(BACKOFF.firstMs * 1.25);
    expect(backoffMs(1, 0.999)).toBeGreaterThan(BACKOFF.firstMs);
  });
});

describe('outbox: folding a new change into waiting ones', () => {
  const last = (_older: string, newer: string) => newer;

  it('without a merge rule keeps every change', () => {
    const added = entry('b', 'k', 2);
    expect(coalesce([entry('a', 'k', 1)], added, undefined)).toEqual({ remove: [], add: added });
  });

  it('replaces the newest waiting change of the key, keeping the new id and time', () => {
    const folded = coalesce([entry('a', 'k', 1), entry('x', 'other', 1)], entry('b', 'k', 2), last);
    expect(folded.remove).toEqual(['a']);
    expect(folded.add).toMatchObject({ id: 'b', createdAt: 2, payload: 'b' });
  });

  it('merges payloads with the rule (e.g. two profile patches)', () => {
    const folded = coalesce([entry('a', 'k', 1, { state: 'refused' })], entry('b', 'k', 2), (o, n) => `${o}+${n}`);
    expect(folded).toMatchObject({ remove: ['a'], add: { payload: 'a+b' } });
  });

  it('never folds into a change being sent, nor across it', () => {
    expect(coalesce([entry('a', 'k', 1, { state: 'sending' })], entry('b', 'k', 2), last).remove).toEqual([]);
    const behindSending = [entry('a', 'k', 1), entry('s', 'k', 2, { state: 'sending' })];
    expect(coalesce(behindSending, entry('b', 'k', 3), last).remove).toEqual([]);
  });

  it('never folds a change of another kind that shares the key (it keeps their order)', () => {
    const create = { ...entry('a', 'k', 1), kind: 'create' };
    expect(coalesce([create], entry('b', 'k', 2), last).remove).toEqual([]);
  });

  it('dates a change after the waiting ones of its key, even within the same millisecond', () => {
    const create = { ...entry('z', 'k', 5), kind: 'create' };
    const publish = coalesce([create], entry('a', 'k', 5), undefined).add;
    expect(publish.createdAt).toBe(6);
    expect([publish, create].sort(byAge).map((e) => e.id)).toEqual(['z', 'a']);
    expect(coalesce([entry('x', 'other', 9)], entry('b', 'k', 5), undefined).add.createdAt).toBe(5);
  });

  it('keeps both when the rule says so', () => {
    expect(coalesce([entry('a', 'k', 1)], entry('b', 'k', 2), () => undefined).remove).toEqual([]);
  });
});
