/**
 * `node --import tsx bench/sync/doc-memory.ts [runs]` — where this server's memory per loaded document
 * and per connection goes. Runs the bench's memory measure (same phases, same formula, no forced GC)
 * against a fresh server and, at each RSS reading, asks the server (through memory-probe.ts) for
 * heapUsed, external, arrayBuffers and the V8 space sizes, so the RSS figure splits into its parts.
 * MEMORY_GC=1 makes the server collect garbage before each heap reading (after the RSS reading, but it
 * changes later RSS figures: use it for what is retained, not for RSS). MEMORY_SNAPSHOTS=1 also writes a heap snapshot at each reading (slow; the figures then include it).
 * Prints JSON; writes nothing to bench/results.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep, until } from './load.ts';
import { type MemoryPhase, memory } from './measures.ts';
import { removeDataDir, startServer } from './servers.ts';

type Probe = {
  count: number;
  usage: NodeJS.MemoryUsage;
  spaces: Record<string, { size: number; used: number }>;
  snapshot: string | null;
};

const RUNS = Number(process.argv[2] ?? 1);
const DOCS = 1000;
const CONNECTIONS = 1000;
const work = mkdtempSync(join(tmpdir(), 'doc-memory-'));
const probeOut = join(work, 'probe.json');
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

async function probe(pid: number, previous: number): Promise<Probe> {
  process.kill(pid, 'SIGUSR2');
  let read: Probe | null = null;
  await until(() => {
    try {
      read = JSON.parse(readFileSync(probeOut, 'utf8')) as Probe;
      return read.count > previous;
    } catch {
      return false;
    }
  }, 60_000);
  if (!read) throw new Error('the memory probe did not answer');
  return read;
}

function perUnit(a: Probe, b: Probe, units: number) {
  const d = (f: (p: Probe) => number) => kb((f(b) - f(a)) / units);
  return {
    heapUsed: d((p) => p.usage.heapUsed),
    heapTotal: d((p) => p.usage.heapTotal),
    newSpace: d((p) => p.spaces.new_space?.size ?? 0),
    oldSpaceUsed: d((p) => p.spaces.old_space?.used ?? 0),
    external: d((p) => p.usage.external),
    arrayBuffers: d((p) => p.usage.arrayBuffers),
  };
}

async function once() {
  process.env.MEMORY_PROBE_OUT = probeOut;
  if (process.env.MEMORY_SNAPSHOTS) process.env.MEMORY_PROBE_SNAPSHOT = work;
  const gc = process.env.MEMORY_GC ? '--expose-gc' : '';
  process.env.NODE_OPTIONS =
    `${process.env.NODE_OPTIONS ?? ''} ${gc} --import tsx --import ./bench/sync/memory-probe.ts`.trim();
  const server = await startServer('sysdespro');
  const probes: Partial<Record<MemoryPhase, Probe>> = {};
  try {
    let count = 0;
    const rss = await memory(server, DOCS, CONNECTIONS, 10, async (phase) => {
      probes[phase] = await probe(server.pid, count);
      count = probes[phase]?.count ?? count;
      // A snapshot takes a while and allocates; let the server settle again before the next phase.
      if (process.env.MEMORY_SNAPSHOTS) await sleep(2_000);
    });
    const { empty, docs, connections } = probes as Record<MemoryPhase, Probe>;
    const perConnection = perUnit(docs, connections, CONNECTIONS);
    const docAndConnection = perUnit(empty, docs, DOCS);
    const perDoc = Object.fromEntries(
      Object.entries(docAndConnection).map(([k, v]) => [
        k,
        Math.round((v - perConnection[k as keyof typeof perConnection]) * 10) / 10,
      ]),
    );
    return {
      rss_kb: { empty: rss.empty_rss_kb, docs: rss.rss1_kb, connections: rss.rss2_kb },
      idle_doc_rss_kb: Math.round(rss.idle_doc_rss_kb * 10) / 10,
      conn_rss_kb: Math.round(rss.conn_rss_kb * 10) / 10,
      per_doc_kb: perDoc,
      per_connection_kb: perConnection,
      new_space_mb: [empty, docs, connections].map((p) => kb((p.spaces.new_space?.size ?? 0) / 1024)),
      snapshots: [empty, docs, connections].map((p) => p.snapshot).filter(Boolean),
    };
  } finally {
    await server.stop();
    removeDataDir(server);
  }
}

for (let run = 0; run < RUNS; run++) process.stdout.write(`${JSON.stringify(await once())}\n`);
if (!process.env.MEMORY_SNAPSHOTS) rmSync(work, { recursive: true, force: true });
process.exit(0);
