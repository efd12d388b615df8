/**
 * Prometheus metrics for the sync server, in a registry of their own so several servers (tests) can
 * live in one process and the HTTP layer can merge them with others (`Registry.merge`).
 *
 * Live counts (connections, loaded documents, bytes not yet stored) are read when scraped from the
 * functions given, so a gauge can never drift from the truth.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type RejectReason =
  | 'malformed-name'
  | 'unknown-kind'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate-limited'
  | 'load-failed'
  | 'server-closing'
  | 'protocol-error'
  | 'invalid-update'
  | 'read-only'
  | 'too-big'
  | 'text-frame'
  | 'unknown-type'
  | 'awareness-invalid'
  | 'slow-client'
  | 'storage-failed'
  | 'access-revoked'
  | 'permissions-changed';

export type LiveSyncCounts = {
  connections(): number;
  loadedDocs(): number;
  unpersistedBytes(): number;
};

export type SyncMetrics = ReturnType<typeof createSyncMetrics>;

export function createSyncMetrics(live: LiveSyncCounts, prefix = 'sysdespro_sync_') {
  const registry = new Registry();
  const registers = [registry];

  new Gauge({
    name: `${prefix}connections_open`,
    help: 'Open sync WebSocket connections.',
    registers,
    collect() {
      this.set(live.connections());
    },
  });
  new Gauge({
    name: `${prefix}docs_loaded`,
    help: 'Documents held in memory.',
    registers,
    collect() {
      this.set(live.loadedDocs());
    },
  });
  new Gauge({
    name: `${prefix}unpersisted_bytes`,
    help: 'Bytes of updates received but not yet stored.',
    registers,
    collect() {
      this.set(live.unpersistedBytes());
    },
  });

  return {
    registry,
    /** Updates stored; `rate()` of it is updates per second. */
    updates: new Counter({ name: `${prefix}updates_total`, help: 'Document updates stored.', registers }),
    persistSeconds: new Histogram({
      name: `${prefix}persist_duration_seconds`,
      help: 'Time to store one batch of updates (one transaction).',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    persistBatchSize: new Histogram({
      name: `${prefix}persist_batch_updates`,
      help: 'Updates per stored batch.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    }),
    loadSeconds: new Histogram({
      name: `${prefix}doc_load_duration_seconds`,
      help: 'Time to load a document from storage into memory.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    compactions: new Counter({
      name: `${prefix}compactions_total`,
      help: 'Snapshots written.',
      labelNames: ['result'],
      registers,
    }),
    bytesIn: hotCounter(`${prefix}received_bytes_total`, 'Bytes received in frames.', registers),
    bytesOut: hotCounter(`${prefix}sent_bytes_total`, 'Bytes sent in frames.', registers),
    rejectedMessages: new Counter({
      name: `${prefix}rejected_messages_total`,
      help: 'Messages refused or that closed their connection, by reason.',
      labelNames: ['reason'],
      registers,
    }),
    rejectedConnections: new Counter({
      name: `${prefix}rejected_connections_total`,
      help: 'Connections refused or closed by the server, by reason.',
      labelNames: ['reason'],
      registers,
    }),
    persistFailures: new Counter({
      name: `${prefix}persist_failures_total`,
      help: 'Batches that storage failed to write.',
      registers,
    }),
    rejectMessage(reason: RejectReason) {
      this.rejectedMessages.inc({ reason });
    },
    rejectConnection(reason: RejectReason) {
      this.rejectedConnections.inc({ reason });
    },
    /** The Prometheus text exposition of these metrics. */
    text(): Promise<string> {
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}

/**
 * A counter bumped on every frame (three or more times per edit): a plain number added up in place and
 * handed to prom-client when scraped, instead of prom-client's label handling on every call.
 */
function hotCounter(name: string, help: string, registers: Registry[]) {
  let pending = 0;
  new Counter({
    name,
    help,
    registers,
    collect() {
      this.inc(pending);
      pending = 0;
    },
  });
  return {
    inc(amount: number) {
      pending += amount;
    },
  };
}
