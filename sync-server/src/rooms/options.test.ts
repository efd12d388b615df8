import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_OPTIONS, readSyncOptions, SyncOptionsError, syncOptionsFromEnv } from './options.ts';

describe('syncOptionsFromEnv', () => {
  it('uses the defaults when nothing is set', () => {
    expect(syncOptionsFromEnv({})).toEqual(DEFAULT_SYNC_OPTIONS);
    expect(DEFAULT_SYNC_OPTIONS.maxMessageBytes).toBe(8 * 1024 * 1024);
    expect(DEFAULT_SYNC_OPTIONS.compactAfterUpdates).toBe(500);
    expect(DEFAULT_SYNC_OPTIONS.unloadGraceMs).toBe(30_000);
  });

  it('returns problems instead of throwing, for config.ts to merge', () => {
    expect(readSyncOptions({ SYNC_MESSAGE_BURST: '-1' }).problems).toHaveLength(1);
  });

  it('reads the SYNC_* variables', () => {
    const options = syncOptionsFromEnv({ SYNC_MAX_MESSAGE_BYTES: '1024', SYNC_UNLOAD_GRACE_MS: '0' });
    expect(options.maxMessageBytes).toBe(1024);
    expect(options.unloadGraceMs).toBe(0);
  });

  it('names every bad variable', () => {
    try {
      syncOptionsFromEnv({
        SYNC_MAX_MESSAGE_BYTES: 'lots',
        SYNC_COMPACT_AFTER_UPDATES: '0',
        SYNC_MAX_BUFFERED_BYTES: '10',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SyncOptionsError);
      const { problems } = error as SyncOptionsError;
      expect(problems.join('\n')).toMatch(/SYNC_MAX_MESSAGE_BYTES/);
      expect(problems.join('\n')).toMatch(/SYNC_COMPACT_AFTER_UPDATES/);
      expect(problems.join('\n')).toMatch(/SYNC_MAX_BUFFERED_BYTES/);
    }
  });
});
