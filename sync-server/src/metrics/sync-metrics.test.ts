import { describe, expect, it } from 'vitest';
import { createSyncMetrics } from './sync-metrics.ts';

describe('sync metrics', () => {
  it('METRICS-1: exposes live gauges, counters by reason and the persist histogram as text', async () => {
    let connections = 3;
    const metrics = createSyncMetrics({
      connections: () => connections,
      loadedDocs: () => 2,
      unpersistedBytes: () => 10,
    });
    metrics.updates.inc(5);
    metrics.rejectMessage('read-only');
    metrics.rejectConnection('forbidden');
    metrics.persistSeconds.observe(0.002);
    connections = 4;
    const text = await metrics.text();
    expect(text).toContain('sysdespro_sync_connections_open 4');
    expect(text).toContain('sysdespro_sync_docs_loaded 2');
    expect(text).toContain('sysdespro_sync_unpersisted_bytes 10');
    expect(text).toContain('sysdespro_sync_updates_total 5');
    expect(text).toContain('sysdespro_sync_rejected_messages_total{reason="read-only"} 1');
    expect(text).toContain('sysdespro_sync_rejected_connections_total{reason="forbidden"} 1');
    expect(text).toContain('sysdespro_sync_persist_duration_seconds_count 1');
  });

  it('METRICS-1: byte counters add up between scrapes and keep their total across scrapes', async () => {
    const metrics = createSyncMetrics({ connections: () => 0, loadedDocs: () => 0, unpersistedBytes: () => 0 });
    metrics.bytesIn.inc(100);
    metrics.bytesOut.inc(30);
    metrics.bytesOut.inc(12);
    expect(await metrics.text()).toContain('sysdespro_sync_sent_bytes_total 42');
    metrics.bytesOut.inc(8);
    const text = await metrics.text();
    expect(text).toContain('sysdespro_sync_sent_bytes_total 50');
    expect(text).toContain('sysdespro_sync_received_bytes_total 100');
  });

  it('two instances do not collide', () => {
    const live = { connections: () => 0, loadedDocs: () => 0, unpersistedBytes: () => 0 };
    createSyncMetrics(live);
    expect(() => createSyncMetrics(live)).not.toThrow();
  });
});
