/**
 * Preloaded into a server under measurement (NODE_OPTIONS="--import tsx --import ./bench/sync/memory-probe.ts"
 * with MEMORY_PROBE_OUT set): on SIGUSR2 it writes process.memoryUsage() and V8's heap space sizes to
 * MEMORY_PROBE_OUT, with --expose-gc it collects garbage first, and with MEMORY_PROBE_SNAPSHOT set also a heap snapshot into that directory. Only
 * doc-memory.ts uses it; the server itself knows nothing about it.
 */
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const out = process.env.MEMORY_PROBE_OUT;
const snapshotDir = process.env.MEMORY_PROBE_SNAPSHOT;
let count = 0;

if (out) {
  process.on('SIGUSR2', () => {
    count += 1;
    // With --expose-gc (doc-memory.ts MEMORY_GC=1): the figures are what is retained, not garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]),
    );
    const snapshot = snapshotDir ? v8.writeHeapSnapshot(`${snapshotDir}/probe-${count}.heapsnapshot`) : null;
    writeFileSync(out, JSON.stringify({ count, usage: process.memoryUsage(), spaces, snapshot }));
  });
}
