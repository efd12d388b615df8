import { describe, expect, it } from 'vitest';
import type { SyncedDocStatus } from '../sync/synced-doc.ts';
import { draftStatusView, lastSyncText } from './draft-status.ts';

const NOW = Date.UTC(2026, 11, 6, 15, 0, 0);
const base: SyncedDocStatus = {
  connection: 'connected',
  synced: true,
  pending: 0,
  lastSyncedAt: NOW - 5_000,
  device: 'saved',
  refusal: null,
};
const view = (change: Partial<SyncedDocStatus>) => draftStatusView({ ...base, ...change }, NOW);

describe('draftStatusView', () => {
  it('says Synced only when the server confirmed everything and the socket is up', () => {
    expect(view({})).toMatchObject({ label: 'Synced', tone: 'ok', detail: 'Last synced just now' });
    expect(view({ synced: false, pending: 3 })).toMatchObject({
      label: 'Syncing…',
      detail: '3 changes not yet on the server · Last synced just now',
    });
  });

  it('says Saved on this device while offline, with what waits', () => {
    expect(view({ connection: 'offline', synced: false, pending: 1, lastSyncedAt: null })).toEqual({
      label: 'Saved on this device',
      detail: '1 change not yet on the server · Not synced yet',
      tone: 'local',
    });
    // Offline with nothing waiting is still "on this device": the socket is not there to confirm.
    expect(view({ connection: 'connecting' }).label).toBe('Saved on this device');
  });

  it('is not Synced while the last change is still being written to the device', () => {
    expect(view({ device: 'saving' }).label).toBe('Syncing…');
  });

  it('says why when the device keeps no copy or is full', () => {
    expect(view({ device: 'unavailable', connection: 'offline', synced: false, pending: 2 })).toMatchObject({
      label: 'Not saved on this device',
      tone: 'problem',
    });
    const full = view({ device: 'full', synced: false, pending: 4 });
    expect(full.label).toBe('Device storage is full');
    expect(full.detail).toContain('4 changes not yet on the server');
  });

  it('names the refusal reason', () => {
    const refused = view({ connection: 'refused', refusal: { code: 4403, reason: 'no access to this draft' } });
    expect(refused.detail).toContain('no access to this draft');
    expect(refused.tone).toBe('problem');
  });

  it('shows the clock time of older syncs', () => {
    expect(lastSyncText(NOW - 10 * 60_000, NOW)).toMatch(/^Last synced at \d{2}:\d{2}/);
  });
});
