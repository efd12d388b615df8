/**
 * One function per measure of issue 4 §5. Each takes a running server (or starts its own when it must
 * restart it) and returns plain numbers; run.ts does repetitions, medians and output.
 */
import * as Y from 'yjs';
import {
  connect,
  DocPeer,
  Latencies,
  lightReader,
  markedUpdates,
  markers,
  paced,
  type Socket,
  sleep,
  stockClient,
  syncFrame,
  until,
} from './load.ts';
import { type CpuSplit, cpuSplit, type RunningServer, rssKb, type ServerName, startServer } from './servers.ts';

const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Opens `count` things `concurrency` at a time. */
async function openAll<T>(count: number, concurrency: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await open(i);
      }
    }),
  );
  return out;
}

const closeAll = (sockets: Socket[]) => {
  for (const s of sockets) s.terminate();
};

/**
 * Fan-out with stock providers: D documents × K providers, provider 0 of each document writes, in all
 * `rate` small inserts/s for `seconds`; latency = send → the edit's marker seen in another provider's
 * applied update. `lost_pct`: expected deliveries that never arrived (within 2 s after the end).
 */
export async function fanoutProviders(server: RunningServer, D = 50, K = 4, rate = 200, seconds = 6) {
  const clients = Array.from({ length: D * K }, (_, c) => stockClient(server, Math.floor(c / K)));
  try {
    const ready = await until(() => clients.every((c) => c.connected()), 20_000, 50);
    if (!ready) throw new Error(`${server.name}: providers did not connect/sync in 20 s`);
    await sleep(500);
    const lat = new Latencies();
    clients.forEach((c, id) => {
      if (id % K !== 0)
        c.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== null && lat.received(id, markers(u)));
    });
    const sent = await paced(rate, seconds, (seq) => {
      const writer = clients[(seq % D) * K] as (typeof clients)[number];
      lat.sent(seq);
      const text = writer.doc.getText('t');
      text.insert(text.length, `~${seq}~`);
    });
    await until(() => lat.samples.length >= sent * (K - 1), 2_000);
    return {
      p50: percentile(lat.samples, 50),
      p95: percentile(lat.samples, 95),
      p99: percentile(lat.samples, 99),
      lost_pct: 100 * (1 - lat.samples.length / (sent * (K - 1))),
    };
  } finally {
    for (const c of clients) c.destroy();
  }
}

/** D=1 × K=100: one stock provider writes `rate` edits/s; 99 light readers watch for the markers. */
export async function fanoutLightReaders(server: RunningServer, readers = 99, rate = 50, seconds = 4) {
  const writer = stockClient(server, 0);
  const lat = new Latencies();
  let sockets: Socket[] = [];
  try {
    if (!(await until(() => writer.connected(), 10_000))) throw new Error(`${server.name}: writer did not sync`);
    sockets = await openAll(readers, 20, (id) => lightReader(server, 0, id, lat));
    await sleep(500);
    const text = writer.doc.getText('t');
    const sent = await paced(rate, seconds, (seq) => {
      lat.sent(seq);
      text.insert(text.length, `~${seq}~`);
    });
    await until(() => lat.samples.length >= sent * readers, 2_000);
    return {
      p50: percentile(lat.samples, 50),
      p99: percentile(lat.samples, 99),
      lost_pct: 100 * (1 - lat.samples.length / (sent * readers)),
    };
  } finally {
    writer.destroy();
    closeAll(sockets);
  }
}

type RateResult = {
  rate: number;
  sent: number;
  p99: number;
  lost_pct: number;
  cpu_us_per_edit: number;
  /** cpu_us_per_edit by thread: the main thread's user and system time, and all other threads'. */
  cpu_split_us_per_edit: { main_user: number; main_system: number; other_threads: number };
};

/**
 * Server CPU per edit and latency at a fixed rate: D=50 documents, one raw writer each sending
 * prepared updates (so the load generator only sends bytes) and 3 light readers each. CPU is the
 * server's utime+stime from just before the first edit to the end of the 1.5 s drain, ÷ edits, and
 * the same split by thread.
 */
async function atRate(
  server: RunningServer,
  lat: Latencies,
  writers: DocPeer[],
  rate: number,
  seconds: number,
  firstSeq: number,
): Promise<RateResult> {
  const D = writers.length;
  const perDoc = Math.ceil((rate * seconds) / D) + 1;
  const updates = writers.map((_, d) => markedUpdates(perDoc, firstSeq + d, D));
  const before = cpuSplit(server.pid);
  const samplesBefore = lat.samples.length;
  const sent = await paced(rate, seconds, (i) => {
    const seq = firstSeq + i;
    const d = i % D;
    lat.sent(seq);
    (writers[d] as DocPeer).sendUpdate(updates[d]?.[Math.floor(i / D)] as Uint8Array);
  });
  // A fixed 1.5 s drain window, so every server is charged the same idle time.
  const drainEnd = performance.now() + 1_500;
  await until(() => lat.samples.length - samplesBefore >= sent * 3, 1_500);
  await sleep(Math.max(0, drainEnd - performance.now()));
  const after = cpuSplit(server.pid);
  const samples = lat.samples.slice(samplesBefore);
  const perEdit = (key: keyof CpuSplit) => ((after[key] - before[key]) * 1e6) / sent;
  const split = {
    main_user: perEdit('mainUser'),
    main_system: perEdit('mainSystem'),
    other_threads: perEdit('otherThreads'),
  };
  return {
    rate,
    sent,
    p99: percentile(samples, 99),
    lost_pct: 100 * (1 - samples.length / (sent * 3)),
    cpu_us_per_edit: split.main_user + split.main_system + split.other_threads,
    cpu_split_us_per_edit: split,
  };
}

/**
 * CPU per edit at `fixedRate` for `seconds`, then a short ramp (each step `stepSeconds`); the highest
 * ramp rate whose p99 < 100 ms with under 1% of deliveries missing is `edits_per_s`.
 */
export async function cpuAndRamp(
  server: RunningServer,
  fixedRate = 4000,
  seconds = 5,
  ramp = [1000, 2000, 4000, 8000],
  stepSeconds = 2.5,
) {
  const D = 50;
  const lat = new Latencies();
  // Each document's writer is its own Yjs client; the prepared updates of document d share one client id
  // only within one rate step, so each step uses fresh writers (fresh client ids).
  let sockets: Socket[] = [];
  const openWriters = () => openAll(D, 10, (d) => DocPeer.open(server, d));
  try {
    sockets = await openAll(D * 3, 20, (r) => lightReader(server, r % D, r, lat));
    let writers = await openWriters();
    await sleep(500);
    const fixed = await atRate(server, lat, writers, fixedRate, seconds, 0);
    for (const w of writers) w.close();
    let best = 0;
    const steps: RateResult[] = [];
    let seq = 1_000_000;
    for (const rate of ramp) {
      writers = await openWriters();
      await sleep(300);
      const step = await atRate(server, lat, writers, rate, stepSeconds, seq);
      for (const w of writers) w.close();
      seq += 1_000_000;
      steps.push(step);
      // One stall can fail a short step, so every step runs; stop only when clearly overloaded.
      if (step.p99 < 100 && step.lost_pct < 1) best = rate;
      if (step.lost_pct > 10) break;
    }
    return { fixed, edits_per_s: best, steps };
  } finally {
    closeAll(sockets);
  }
}

export type MemoryPhase = 'empty' | 'docs' | 'connections';

/**
 * Memory. empty = RSS 2 s after start, before any connection. Phase 1: 1,000 documents, each written
 * by one connection (10 updates of ~1 KB text, ~10 KB in all) that stays open → rss1. Phase 2: 1,000
 * more connections, 10 on each of the first 100 documents (no new documents) → rss2.
 *   conn_rss_kb     = (rss2 − rss1) / 1000
 *   idle_doc_rss_kb = (rss1 − empty) / 1000 − conn_rss_kb   (a loaded document, its connection taken off)
 * RSS after a 2.5 s settle; no forced GC, so V8's heap growth policy is part of the figure.
 */
export async function memory(
  server: RunningServer,
  docs = 1000,
  extraConnections = 1000,
  perDoc = 10,
  /** Called right after each RSS reading (doc-memory.ts reads the server's heap figures there). */
  afterReading: (phase: MemoryPhase) => Promise<void> = async () => {},
) {
  await sleep(2_000);
  const empty = rssKb(server.pid);
  await afterReading('empty');
  const chunk = 'lorem ipsum dolor sit amet, consectetur adipiscing elit; '.repeat(18).slice(0, 1000);
  const writers = await openAll(docs, 25, async (d) => {
    const peer = await DocPeer.open(server, d);
    const text = peer.doc.getText('t');
    peer.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && peer.sendUpdate(u));
    for (let i = 0; i < 10; i++) text.insert(text.length, chunk);
    return peer;
  });
  let extra: Socket[] = [];
  try {
    await sleep(2_500);
    const rss1 = rssKb(server.pid);
    await afterReading('docs');
    extra = await openAll(extraConnections, 25, (c) => connect(server, Math.floor(c / perDoc)));
    await sleep(2_500);
    const rss2 = rssKb(server.pid);
    await afterReading('connections');
    const conn = (rss2 - rss1) / extraConnections;
    return {
      empty_rss_kb: empty,
      rss1_kb: rss1,
      rss2_kb: rss2,
      conn_rss_kb: conn,
      idle_doc_rss_kb: (rss1 - empty) / docs - conn,
    };
  } finally {
    for (const w of writers) w.close();
    closeAll(extra);
  }
}

/**
 * Cold load: one writer makes 10,000 one-character edits (10,000 updates), a reader confirms the server
 * has them all, the server is stopped gracefully (SIGTERM: every peer flushes) and started again on the
 * same data; then a new client connects and we time from `new WebSocket` to its doc holding all 10,000
 * characters. The y-websocket-server child gets 2 s before SIGTERM, as it stores each update
 * asynchronously and has no shutdown flush.
 */
export async function coldLoad(name: ServerName, edits = 10_000) {
  let server = await startServer(name);
  try {
    const writer = await DocPeer.open(server, 1);
    await until(() => writer.synced, 5_000);
    const text = writer.doc.getText('t');
    const updates: Uint8Array[] = [];
    writer.doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < edits; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < updates.length; i += 250) {
      for (const u of updates.slice(i, i + 250)) writer.sendUpdate(u);
      await sleep(5);
    }
    const check = await DocPeer.open(server, 1);
    const complete = await until(() => check.doc.getText('t').length === edits, 20_000);
    check.close();
    await sleep(name === 'y-websocket-server' ? 2_000 : 500);
    writer.close();
    await sleep(200);
    const { dataDir, port } = server;
    await server.stop();
    server = await startServer(name, { dataDir, port });
    const t0 = performance.now();
    const reader = await DocPeer.open(server, 1);
    const loaded = await until(() => reader.doc.getText('t').length >= edits, 10_000, 1);
    const ms = performance.now() - t0;
    reader.close();
    if (!complete) return { ms: Number.NaN, note: 'server did not hold all 10,000 edits before restart' };
    return loaded
      ? { ms }
      : { ms: Number.NaN, note: `after restart the doc had ${reader.doc.getText('t').length} of ${edits} characters` };
  } finally {
    await server.stop();
  }
}

type Outcome = { sender: string; server_alive: boolean; others_keep_syncing: boolean };

/**
 * Robustness: an observer and a writer share a document; an attacker on the same document sends one bad
 * frame. We record what happened to the attacker's socket within 5 s, whether the server process is
 * alive, and whether the writer's next edit still reaches the observer (3 s). A crashed server is
 * restarted before the next case.
 */
export async function robustness(name: ServerName): Promise<Record<string, Outcome>> {
  const big = new Y.Doc();
  big.getText('t').insert(0, 'x'.repeat(50 * 1024 * 1024));
  const bigUpdate = Y.encodeStateAsUpdate(big);
  big.destroy();
  const valid = markedUpdates(1, 9_999_999, 1)[0] as Uint8Array;
  const validFrame = syncFrame(2, valid);
  let garbageSeed = 7;
  const garbage = Uint8Array.from({ length: 64 }, () => (garbageSeed = (garbageSeed * 1103515245 + 12345) & 0xff));
  const cases: Record<string, Uint8Array> = {
    garbage_update: syncFrame(2, garbage),
    truncated_frame: validFrame.subarray(0, Math.floor(validFrame.length / 2)),
    frame_50mb: syncFrame(2, bigUpdate),
  };
  const results: Record<string, Outcome> = {};
  let server = await startServer(name);
  try {
    let seq = 0;
    for (const [label, frame] of Object.entries(cases)) {
      if (!server.alive()) server = await startServer(name);
      const observer = await DocPeer.open(server, 2);
      const writer = await DocPeer.open(server, 2);
      const attacker = await DocPeer.open(server, 2);
      await sleep(300);
      let closed: string | null = null;
      attacker.ws.on('close', (code: number, reason: Buffer) => {
        closed = `closed ${code}${reason.length ? ` "${reason.toString()}"` : ''}`;
      });
      attacker.send(frame);
      await until(() => closed !== null, 5_000, 50);
      const alive = server.alive();
      let ok = false;
      if (alive) {
        const mark = 8_000_000 + seq++;
        observer.doc.on('update', (u: Uint8Array) => {
          if (markers(u).includes(mark)) ok = true;
        });
        writer.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && writer.sendUpdate(u));
        const wtext = writer.doc.getText('t');
        wtext.insert(wtext.length, `~${mark}~`);
        await until(() => ok, 3_000, 20);
      }
      results[label] = { sender: closed ?? 'still open after 5 s', server_alive: alive, others_keep_syncing: ok };
      for (const p of [observer, writer, attacker]) p.close();
    }
    return results;
  } finally {
    await server.stop();
  }
}

export { round };
