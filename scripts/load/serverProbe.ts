/**
 * Preloaded into the server under test (`node --import ./scripts/load/serverProbe.ts`): once a
 * second it appends one JSON line to $LOAD_PROBE_FILE with the server's event-loop delay, GC
 * pauses and heap. It changes nothing in the server; it lets the report say whether latency
 * came from the server being busy, paused for GC, or neither.
 */
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const file = process.env.LOAD_PROBE_FILE;
if (file) {
  const RES = 10;
  const loop = monitorEventLoopDelay({ resolution: RES });
  loop.enable();
  let gcMs = 0;
  let gcMax = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      if (e.duration > gcMax) gcMax = e.duration;
    }
  }).observe({ entryTypes: ["gc"] });
  const t = setInterval(() => {
    const m = process.memoryUsage();
    const line = {
      t: Date.now(),
      loopP99: Math.max(0, loop.percentile(99) / 1e6 - RES),
      loopMax: Math.max(0, loop.max / 1e6 - RES),
      gcMs,
      gcMax,
      heapMB: m.heapUsed / 1048576,
      rssMB: m.rss / 1048576,
    };
    loop.reset();
    gcMs = 0;
    gcMax = 0;
    try {
      appendFileSync(file, JSON.stringify(line) + "\n");
    } catch {
      // The harness removed the directory: nothing to report to any more.
    }
  }, 1000);
  t.unref();
}
