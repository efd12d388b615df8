import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_OPTIONS, readSyncOptions, SyncOptionsError, syncOptionsFromEnv } from './options.ts';

describe('syncOptionsFromEnv', () => {
  it('uses the defaults when nothing is set', () => {
    expect(syncOptionsFromEnv({})).toEqual(DEFAULT_SYNC_OPTIONS);
    expect(DEFAULT_SYNC_OPTIONS.maxMessageBytes).toBe(8 * 1024 * 1024);
    expect(DEFAULT_SYNC_OPTIONS.compactAfterUpdates).toBe(500);
    expect(DEFAULT_SYNC_OPTIONS.unloadGraceMs).toBe(30_000);
    expect(DEFAULT_SYNC_OPTIONS.maxDocBytes).toBe(64 * 1024 * 1024);
    expect(DEFAULT_SYNC_OPTIONS.trustProxy).toBe(false);
  });

  it('returns problems instead of throwing, for config.ts to merge', () => {
    expect(readSyncOptions({ SYNC_MESSAGE_BURST: '-1' }).problems).toHaveLength(1);
  });

  it('reads the SYNC_* variables', () => {
    const options = syncOptionsFromEnv({ SYNC_MAX_MESSAGE_BYTES: '1024', SYNC_UNLOAD_GRACE_MS: '0' });
    expect(options.maxMessageBytes).toBe(1024);
    expect(options.unloadGraceMs).toBe(0);
  });

  it('LIMIT-5/LIMIT-6: reads SYNC_MAX_DOC_BYTES and the SYNC_TRUST_PROXY switch', () => {
    const options = syncOptionsFromEnv({ SYNC_MAX_DOC_BYTES: '1048576', SYNC_TRUST_PROXY: '1' });
    expect(options.maxDocBytes).toBe(1024 * 1024);
    expect(options.trustProxy).toBe(true);
    expect(syncOptionsFromEnv({ SYNC_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(syncOptionsFromEnv({ SYNC_TRUST_PROXY: 'ON' }).trustProxy).toBe(true);
    expect(readSyncOptions({ SYNC_TRUST_PROXY: 'yes please' }).problems.join()).toMatch(/SYNC_TRUST_PROXY/);
    expect(readSyncOptions({ SYNC_MAX_DOC_BYTES: '0' }).problems.join()).toMatch(/SYNC_MAX_DOC_BYTES/);
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
