/**
 * Preloaded into a process a benchmark starts (`node -r dist/bench/memory-probe.js ...`): every
 * 500 ms it writes the process's V8 heap and RSS, and their peaks since the probe started, to the
 * file named by BENCH_MEMORY_FILE. The heap is not visible from outside the process (/proc shows
 * only its RSS); this changes nothing in the application itself.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_MEMORY_FILE;
// Worker threads inherit the preload; the process's heap is its main thread's (each thread has its own).
if (file && isMainThread) {
  const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0 };
  setInterval(() => {
    const now = process.memoryUsage();
    for (const key of Object.keys(peak) as (keyof typeof peak)[]) peak[key] = Math.max(peak[key], now[key]);
    try {
      writeFileSync(file, JSON.stringify({ at: Date.now(), now, peak }));
    } catch {
      // The benchmark has removed its directory: it has its figures and is stopping this process.
    }
  }, 500).unref();
}
